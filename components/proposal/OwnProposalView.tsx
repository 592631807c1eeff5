import Link from "next/link";
import { AppendicesAnswersList } from "@/components/proposal/AppendixList";
import { ProposalView } from "@/components/proposal/ProposalView";
import { ReopenButton } from "@/components/proposal/ReopenButton";
import { StrategicFitNotice } from "@/components/proposal/StrategicFitNotice";
import { TaskStatusText } from "@/components/tasks/TaskListView";
import type { ActionResult } from "@/lib/action-result";
import { formatDateTime } from "@/lib/format";
import { paths } from "@/lib/paths";
import type { ProposalForOwner, ReleasedDecision } from "@/lib/server/proposals";

const OUTCOME = {
  fund: { title: "Your proposal will be funded", tag: "Funded", tone: "notification--success" },
  reserve: { title: "Your proposal is on the reserve list", tag: "Reserve list", tone: "" },
  reject: { title: "Your proposal will not be funded", tag: "Not funded", tone: "notification--warning" },
} as const;

/** The bidder's own proposal, read-only: its status, the released decision with feedback, its answers. */
export function OwnProposalView({
  proposal,
  decision,
  justSubmitted,
  reopen,
}: {
  proposal: ProposalForOwner;
  decision: ReleasedDecision | null;
  justSubmitted: boolean;
  reopen: (input: { proposalId: number }) => Promise<ActionResult<{ version: number }>>;
}) {
  const open = proposal.call.stage === "open";
  return (
    <>
      {justSubmitted && proposal.status === "submitted" ? (
        <div className="notification notification--success" role="status">
          <h2>Proposal submitted</h2>
          <p>Your proposal has been submitted to {proposal.call.title}.</p>
        </div>
      ) : null}
      <span className="caption">{proposal.call.title}</span>
      <h1>{proposal.answers.project?.title ? String(proposal.answers.project.title) : "Untitled proposal"}</h1>
      {decision ? <DecisionNotice decision={decision} /> : null}
      <div className="layout-two-thirds">
        <div>
          {proposal.status === "submitted" ? (
            <p>
              <strong className="tag tag--green">Submitted</strong>{" "}
              {proposal.submittedAt ? `on ${formatDateTime(proposal.submittedAt)}` : null}. This proposal is read-only.
              {open ? ` You can reopen it to make changes until ${formatDateTime(proposal.call.closesAt)}.` : " The call has closed."}
            </p>
          ) : (
            <p>
              <strong className="tag tag--blue">Draft</strong>{" "}
              {open ? (
                <Link href={paths.editProposal(proposal.id)}>Continue editing</Link>
              ) : (
                "The call closed before this draft was submitted."
              )}
            </p>
          )}
          {proposal.status === "submitted" && open ? <ReopenButton proposalId={proposal.id} reopen={reopen} /> : null}
          <ProposalView answers={proposal.answers} joint={proposal.joint} />
          {proposal.slots.length > 0 ? (
            <section aria-labelledby="view-appendices">
              <h2 id="view-appendices">Appendices</h2>
              <AppendicesAnswersList slots={proposal.slots} />
            </section>
          ) : null}
        </div>
        <aside>
          <StrategicFitNotice fit={proposal.fit} />
          {proposal.status === "draft" ? (
            <>
              <h2 className="h3">Sections</h2>
              <ul className="tasks">
                {proposal.tasks.groups
                  .flatMap((g) => g.tasks)
                  .filter((t) => t.key !== "check")
                  .map((t) => (
                    <li key={t.key} className="tasks__item">
                      <span>{t.title}</span>
                      <span className="tasks__status">
                        <TaskStatusText status={t.status} />
                      </span>
                    </li>
                  ))}
              </ul>
            </>
          ) : null}
        </aside>
      </div>
    </>
  );
}

/** The released decision and the feedback (per agency on a joint call); never who assessed it. */
function DecisionNotice({ decision }: { decision: ReleasedDecision }) {
  return (
    <section className={`notification ${OUTCOME[decision.outcome].tone}`} aria-labelledby="decision-title">
      <h2 id="decision-title">{OUTCOME[decision.outcome].title}</h2>
      <p>
        <strong className="tag">Decision: {OUTCOME[decision.outcome].tag}</strong> Announced on {formatDateTime(decision.releasedAt)}.
      </p>
      {decision.agencies ? (
        <>
          <p>
            This was a joint call: a project goes ahead only if both funding agencies fund it. Each agency&apos;s decision and
            feedback:
          </p>
          {decision.agencies.map((a) => (
            <div key={a.name}>
              <h3>
                {a.name}: {OUTCOME[a.outcome].tag}
              </h3>
              <p className="pre-wrap">{a.feedback}</p>
            </div>
          ))}
        </>
      ) : (
        <>
          <h3>Feedback</h3>
          <p className="pre-wrap">{decision.feedback}</p>
        </>
      )}
    </section>
  );
}
