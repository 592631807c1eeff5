import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { StrategicFitNotice } from "@/components/proposal/StrategicFitNotice";
import { TaskListView } from "@/components/tasks/TaskListView";
import { formatDateTime } from "@/lib/format";
import { paths } from "@/lib/paths";
import { routeIdOr404 } from "@/lib/server/pages";
import type { Task } from "@/lib/domain/proposal/tasks";
import { getOwnProposal } from "@/lib/server/proposals";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Your proposal" };

/** The proposal's task list: sections grouped into steps, done in any order over several sittings. */
export default async function ProposalTaskListPage({ params }: { params: Promise<{ id: string }> }) {
  const id = routeIdOr404((await params).id);
  const actor = await requirePageActor("proposal:edit-own", paths.editProposal(id));
  const proposal = await getOwnProposal(actor, id);
  if (!proposal) notFound();
  if (proposal.status === "submitted" || proposal.call.stage !== "open") redirect(paths.proposal(proposal.id));
  const { tasks } = proposal;
  const hrefOf = (task: Task) => {
    switch (task.target.kind) {
      case "section":
        return paths.proposalSection(proposal.id, task.target.sectionKey);
      case "appendix":
        return paths.proposalAppendix(proposal.id, task.target.slotKey);
      case "check":
        return paths.checkProposal(proposal.id);
    }
  };
  return (
    <div className="layout-two-thirds">
      <div>
        <span className="caption">{proposal.call.title}</span>
        <h1>{proposal.answers.project?.title ? String(proposal.answers.project.title) : "Your proposal"}</h1>
        {proposal.joint ? (
          <div className="notification" role="note">
            <p>
              This is a joint call with {proposal.joint.agencyName}. Your consortium must include at least one partner in{" "}
              {proposal.joint.countryName}, and you ask each agency for a grant: Innovate UK in pounds, {proposal.joint.agencyName} in{" "}
              {proposal.joint.currency}. The project goes ahead only if both agencies fund it.
            </p>
          </div>
        ) : null}
        <h2 className="h3">{tasks.readyToSubmit ? "Proposal ready to check and submit" : "Proposal incomplete"}</h2>
        <p>
          You have completed {tasks.completed} of {tasks.total} sections.
        </p>
        <p className="hint">
          Your answers save as you type, so you can leave and come back at any time before the call closes on{" "}
          {formatDateTime(proposal.call.closesAt)}.
        </p>
        <TaskListView groups={tasks.groups} hrefOf={hrefOf} />
        <p>
          <Link href={paths.proposals}>Back to your proposals</Link>
        </p>
      </div>
      <aside>
        <StrategicFitNotice fit={proposal.fit} />
      </aside>
    </div>
  );
}
