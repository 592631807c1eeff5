import { InvitationStateText } from "@/components/invitations/InvitationStateText";
import { findDomain } from "@/lib/domain/report/technology-domains";
import { formatDateTime } from "@/lib/format";
import { inviteAssessorsForm } from "@/lib/server/actions/invitation-actions";
import type { InvitationBoard } from "@/lib/server/invitations";
import { CallHeader } from "./CallHeader";
import { ScrollTable } from "./ScrollTable";

const PROBLEMS: Record<string, string> = {
  "none-selected": "Select at least one assessor to invite",
  locked: "Decisions on this call have been released, so no more assessors can be invited.",
};

/** Who was invited to assess the call, who accepted (and their maximum), who declined and why. */
export function InvitationsView({ board, sent, problem }: { board: InvitationBoard; sent?: string; problem?: string }) {
  const { call, counts } = board;
  const problemText = problem ? (PROBLEMS[problem] ?? "Something went wrong and nothing was changed. Try again in a moment.") : null;
  const uninvited = board.rows.filter((r) => r.invitation === null);
  return (
    <>
      <CallHeader call={call} current="invitations" title="Invitations" />
      {problemText ? (
        <div className="error-summary" role="alert" aria-labelledby="invite-problem" tabIndex={-1}>
          <h2 id="invite-problem">There is a problem</h2>
          <ul>
            <li>
              <a href="#invite-assessors">{problemText}</a>
            </li>
          </ul>
        </div>
      ) : null}
      {sent ? (
        <div className="notification notification--success" role="status">
          <p>{sent === "1" ? "1 assessor has been invited." : `${sent} assessors have been invited.`}</p>
        </div>
      ) : null}
      <p>
        Invite assessors before or after the call closes. Automatic assignment uses only assessors who accepted, and never gives
        one more proposals than the maximum they set.
      </p>
      <p>
        {counts.accepted} accepted · {counts.invited} waiting for an answer · {counts.declined} declined · {counts.notInvited} not
        invited
      </p>
      <ScrollTable caption="Assessors and their invitations">
        <thead>
          <tr>
            <th scope="col">Assessor</th>
            <th scope="col">Expertise</th>
            <th scope="col">Invitation</th>
            <th scope="col">Answered</th>
            <th scope="col">Assigned in this call</th>
          </tr>
        </thead>
        <tbody>
          {board.rows.map((r) => (
            <tr key={r.assessorId}>
              <th scope="row">
                {r.name}
                <div className="muted">{r.organisation}</div>
              </th>
              <td>{r.expertise.map((d) => findDomain(d)?.shortName ?? d).join(", ") || <span className="muted">None given</span>}</td>
              <td>{r.invitation ? <InvitationStateText state={r.invitation} /> : <span className="muted">Not invited</span>}</td>
              <td>{r.invitation?.respondedAt ? formatDateTime(r.invitation.respondedAt) : <span className="muted">–</span>}</td>
              <td>{r.assigned}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      {board.canInvite && uninvited.length > 0 ? (
        <form action={inviteAssessorsForm}>
          <input type="hidden" name="callId" value={call.id} />
          <div className={`form-group${problem === "none-selected" ? " form-group--error" : ""}`}>
            <fieldset id="invite-assessors" tabIndex={-1}>
              <legend className="h3">Invite assessors</legend>
              <p className="hint">Select everyone you want to invite.</p>
              {problem === "none-selected" ? (
                <p className="error-message">
                  <span className="visually-hidden">Error:</span> {PROBLEMS["none-selected"]}
                </p>
              ) : null}
              {uninvited.map((r) => (
                <div className="checkbox" key={r.assessorId}>
                  <input type="checkbox" id={`invite-${r.assessorId}`} name="assessorIds" value={r.assessorId} />
                  <label htmlFor={`invite-${r.assessorId}`}>
                    {r.name} <span className="muted">({r.organisation || "no organisation"})</span>
                  </label>
                </div>
              ))}
            </fieldset>
          </div>
          <button type="submit" className="button">
            Send invitations
          </button>
        </form>
      ) : null}
    </>
  );
}
