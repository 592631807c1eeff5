import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { SectionAnswersList } from "@/components/proposal/CheckAnswers";
import { TaskStatusText } from "@/components/tasks/TaskListView";
import { findSection } from "@/lib/domain/proposal/questions";
import { paths } from "@/lib/paths";
import { getOwnProposal } from "@/lib/server/proposals";
import { routeIdOr404 } from "@/lib/server/pages";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Check your answers" };

/** Check your answers for one section, with a Change link for each answer. */
export default async function SectionCheckPage({ params }: { params: Promise<{ id: string; section: string }> }) {
  const { id, section: sectionKey } = await params;
  const proposalId = routeIdOr404(id);
  const actor = await requirePageActor("proposal:edit-own", paths.proposalSectionCheck(proposalId, sectionKey));
  const section = findSection(sectionKey);
  const proposal = section ? await getOwnProposal(actor, proposalId) : null;
  if (!section || !proposal) notFound();
  if (proposal.status === "submitted" || proposal.call.stage !== "open") redirect(paths.proposal(proposal.id));
  const task = proposal.tasks.groups.flatMap((g) => g.tasks).find((t) => t.key === section.key)!;
  return (
    <div className="layout-two-thirds">
      <div>
        <Link href={paths.editProposal(proposal.id)} className="back-link">
          Back to your proposal
        </Link>
        <span className="caption">{section.title}</span>
        <h1>Check your answers</h1>
        <p>
          This section is: <TaskStatusText status={task.status} />
        </p>
        <SectionAnswersList
          section={section}
          answers={proposal.answers[section.key] ?? {}}
          changeHref={() => paths.proposalSection(proposal.id, section.key, "check")}
          joint={proposal.joint}
        />
        <Link href={paths.editProposal(proposal.id)} className="button">
          Return to your proposal
        </Link>
      </div>
    </div>
  );
}
