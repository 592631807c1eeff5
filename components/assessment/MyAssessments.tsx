import Link from "next/link";
import { ProgressTag } from "@/components/assessment/ProgressTag";
import { InvitationStateText } from "@/components/invitations/InvitationStateText";
import { formatDateTime } from "@/lib/format";
import { paths } from "@/lib/paths";
import type { MyAssignment } from "@/lib/server/assessments";
import type { MyInvitation } from "@/lib/server/invitations";

/** Assignments as a table: proposal, call, due (or submitted) date, progress. */
function AssignmentTable({ caption, items, submitted }: { caption: string; items: MyAssignment[]; submitted: boolean }) {
  return (
    <table>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Proposal</th>
          <th scope="col">Call</th>
          <th scope="col">{submitted ? "Submitted" : "Assessment due"}</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {items.map((a) => (
          <tr key={a.assignmentId}>
            <td>
              <Link href={paths.assessment(a.assignmentId)}>{a.proposalTitle}</Link>
            </td>
            <td>{a.callTitle}</td>
            <td>
              {submitted && a.submittedAt ? formatDateTime(a.submittedAt) : formatDateTime(a.assessmentDueAt)}
              {a.overdue ? (
                <>
                  {" "}
                  <strong className="tag tag--red">Overdue</strong>
                </>
              ) : null}
            </td>
            <td>
              <ProgressTag status={a.status} />
              {a.declared ? null : <div className="muted">Declare any conflict of interest first</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The assessor's home: invitations to answer, proposals to assess, answers given, assessments submitted. */
export function MyAssessments({
  assignments,
  invitations,
  declared,
  answered,
}: {
  assignments: MyAssignment[];
  invitations: MyInvitation[];
  /** "conflict" just after declaring a conflict of interest. */
  declared?: string;
  /** "accepted" or "declined" just after answering an invitation. */
  answered?: string;
}) {
  const waiting = invitations.filter((i) => i.status === "invited");
  const answeredInvitations = invitations.filter((i) => i.status !== "invited");
  const toDo = assignments.filter((a) => a.status !== "submitted");
  const done = assignments.filter((a) => a.status === "submitted");
  return (
    <>
      {declared === "conflict" ? (
        <div className="notification notification--success" role="status">
          <h2>Conflict of interest recorded</h2>
          <p>
            You will not see that proposal again. Portfolio managers can see your declaration and will assign another
            assessor.
          </p>
        </div>
      ) : null}
      {answered === "accepted" || answered === "declined" ? (
        <div className="notification notification--success" role="status">
          <h2>{answered === "accepted" ? "Invitation accepted" : "Invitation declined"}</h2>
          <p>
            {answered === "accepted"
              ? "Thank you. Proposals appear below when a portfolio manager assigns them to you."
              : "Thank you for letting us know. The portfolio manager can see your reason."}
          </p>
        </div>
      ) : null}
      <h1>Your assessments</h1>
      {waiting.length > 0 ? (
        <section aria-labelledby="invitations-title">
          <h2 id="invitations-title">Invitations to answer</h2>
          <ul className="card-list">
            {waiting.map((i) => (
              <li key={i.id}>
                <h3>
                  <Link href={paths.invitation(i.id)}>
                    {i.call.title}
                    <span className="visually-hidden">: answer the invitation</span>
                  </Link>
                </h3>
                <p className="muted">
                  Invited on {formatDateTime(i.invitedAt)}. Assessments due by {formatDateTime(i.call.assessmentDueAt)}.
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="lead">
        {toDo.length === 0
          ? "You have no assessments to complete."
          : `You have ${toDo.length} ${toDo.length === 1 ? "proposal" : "proposals"} to assess.`}
      </p>
      <p>
        Before you read each proposal, you declare whether you have a conflict of interest. Score every criterion with a
        written justification; your work saves as you go.
      </p>

      <h2>To assess</h2>
      {toDo.length > 0 ? (
        <AssignmentTable caption="Proposals to assess" items={toDo} submitted={false} />
      ) : (
        <p>Nothing is waiting for you. Proposals appear here when a portfolio manager assigns them to you.</p>
      )}

      {answeredInvitations.length > 0 ? (
        <>
          <h2>Your answers to invitations</h2>
          <ul>
            {answeredInvitations.map((i) => (
              <li key={i.id}>
                {i.call.title}: <InvitationStateText state={i} />
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>Submitted</h2>
      {done.length > 0 ? (
        <AssignmentTable caption="Submitted assessments" items={done} submitted />
      ) : (
        <p>You have not submitted any assessments yet.</p>
      )}
    </>
  );
}
