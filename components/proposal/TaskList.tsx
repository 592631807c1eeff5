"use client";

import { useWatch, type Control } from "react-hook-form";
import { proposalStatuses, SECTION_STATUS_LABELS, type SectionStatus } from "@/lib/domain/proposal/completeness";
import type { JointProposalContext, ProposalAnswers } from "@/lib/domain/proposal/questions";

const TONE: Record<SectionStatus, string> = {
  "not-started": "",
  "in-progress": "tag--blue",
  complete: "tag--green",
};

export function StatusTag({ status, id }: { status: SectionStatus; id?: string }) {
  return (
    <strong className={`tag ${TONE[status]}`} id={id}>
      {SECTION_STATUS_LABELS[status]}
    </strong>
  );
}

/** Each section's completeness, recomputed as the bidder types. */
export function LiveTaskList({ control, joint = null }: { control: Control<ProposalAnswers>; joint?: JointProposalContext | null }) {
  const values = useWatch({ control }) as ProposalAnswers;
  const statuses = proposalStatuses(values, joint);
  const done = statuses.filter((s) => s.status === "complete").length;
  return (
    <nav aria-labelledby="task-list-title">
      <h2 id="task-list-title" className="h3">
        Sections
      </h2>
      <p className="hint">
        {done} of {statuses.length} sections complete
      </p>
      <ol className="task-list">
        {statuses.map(({ section, status }) => (
          <li key={section.key}>
            <a href={`#section-${section.key}`} aria-describedby={`status-${section.key}`}>
              {section.number}. {section.title}
            </a>
            <StatusTag status={status} id={`status-${section.key}`} />
          </li>
        ))}
      </ol>
    </nav>
  );
}
