import Link from "next/link";
import { InvitationResponseForm } from "@/components/invitations/InvitationResponseForm";
import { InvitationStateText } from "@/components/invitations/InvitationStateText";
import { formatDateTime } from "@/lib/format";
import { paths } from "@/lib/paths";
import type { MyInvitation } from "@/lib/server/invitations";

/** An invitation to assess a call: the call's dates, then the answer form (or the answer given). */
export function InvitationView({
  invitation,
  respond,
}: {
  invitation: MyInvitation;
  respond: Parameters<typeof InvitationResponseForm>[0]["respond"];
}) {
  return (
    <div className="layout-two-thirds">
      <div>
        <Link href={paths.assessments} className="back-link">
          Back to your assessments
        </Link>
        <span className="caption">Invitation to assess</span>
        <h1>{invitation.call.title}</h1>
        <p>{invitation.call.description}</p>
        <dl className="summary-list">
          <div>
            <dt>Call closes</dt>
            <dd>{formatDateTime(invitation.call.closesAt)}</dd>
          </div>
          <div>
            <dt>Assessments due</dt>
            <dd>{formatDateTime(invitation.call.assessmentDueAt)}</dd>
          </div>
          <div>
            <dt>Proposals submitted so far</dt>
            <dd>{invitation.proposals}</dd>
          </div>
        </dl>
        {invitation.status === "invited" ? (
          <InvitationResponseForm invitationId={invitation.id} respond={respond} />
        ) : (
          <p>
            Your answer: <InvitationStateText state={invitation} />. Contact the portfolio manager if it needs to change.
          </p>
        )}
      </div>
    </div>
  );
}
