import type { Metadata } from "next";
import { InvitationView } from "@/components/invitations/InvitationView";
import { paths } from "@/lib/paths";
import { respondToInvitationAction } from "@/lib/server/actions/invitation-actions";
import { getMyInvitation } from "@/lib/server/invitations";
import { foundOr404, routeIdOr404 } from "@/lib/server/pages";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Invitation to assess" };

/** An invitation to assess a call, with the form to accept or decline it. */
export default async function InvitationPage({ params }: { params: Promise<{ id: string }> }) {
  const invitationId = routeIdOr404((await params).id);
  const actor = await requirePageActor("assessment:score", paths.assessments);
  const invitation = foundOr404(await getMyInvitation(actor, invitationId));
  return <InvitationView invitation={invitation} respond={respondToInvitationAction} />;
}
