import type { Metadata } from "next";
import { InvitationsView } from "@/components/manage/InvitationsView";
import { paths } from "@/lib/paths";
import { getInvitationBoard } from "@/lib/server/invitations";
import { foundOr404, routeIdOr404 } from "@/lib/server/pages";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Invitations" };

/** Who was invited to assess the call, who accepted (and their maximum), who declined and why. */
export default async function InvitationsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ sent?: string; problem?: string }>;
}) {
  const [{ id }, { sent, problem }] = await Promise.all([params, searchParams]);
  const callId = routeIdOr404(id);
  const actor = await requirePageActor("assignment:manage", paths.callInvitations(callId));
  return <InvitationsView board={foundOr404(await getInvitationBoard(actor, callId))} sent={sent} problem={problem} />;
}
