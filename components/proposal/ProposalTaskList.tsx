import Link from "next/link";
import { StrategicFitNotice } from "@/components/proposal/StrategicFitNotice";
import { TaskListView } from "@/components/tasks/TaskListView";
import type { Task } from "@/lib/domain/proposal/tasks";
import { formatDateTime } from "@/lib/format";
import { paths } from "@/lib/paths";
import type { ProposalForOwner } from "@/lib/server/proposals";

/** Where each task of a draft's task list opens. */
function taskHref(proposalId: number, task: Task): string {
  switch (task.target.kind) {
    case "section":
      return paths.proposalSection(proposalId, task.target.sectionKey);
    case "appendix":
      return paths.proposalAppendix(proposalId, task.target.slotKey);
    case "check":
      return paths.checkProposal(proposalId);
  }
}

/** The draft's task list: sections grouped into steps, done in any order over several sittings. */
export function ProposalTaskList({ proposal }: { proposal: ProposalForOwner }) {
  const { tasks } = proposal;
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
        <TaskListView groups={tasks.groups} hrefOf={(task) => taskHref(proposal.id, task)} />
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
