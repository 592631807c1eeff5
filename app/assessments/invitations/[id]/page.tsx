import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { InvitationResponseForm } from "@/components/invitations/InvitationResponseForm";
import { InvitationStateText } from "@/components/invitations/InvitationStateText";
import { formatDateTime } from "@/lib/format";
import { paths } from "@/lib/paths";
import { respondToInvitationAction } from "@/lib/server/actions/invitation-actions";
import { getMyInvitation } from "@/lib/server/invitations";
import { routeIdOr404 } from "@/lib/server/pages";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Invitation to assess" };

export default async function InvitationPage({ params }: { params: Promise<{ id: string }> }) {
  const invitationId = routeIdOr404((await params).id);
  const actor = await requirePageActor("assessment:score", paths.assessments);
  const invitation = await getMyInvitation(actor, invitationId);
  if (!invitation) notFound();
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
          <InvitationResponseForm invitationId={invitation.id} respond={respondToInvitationAction} />
        ) : (
          <p>
            Your answer: <InvitationStateText state={invitation} />. Contact the portfolio manager if it needs to change.
          </p>
        )}
      </div>
    </div>
  );
}
