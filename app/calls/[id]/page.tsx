import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CallDetails } from "@/components/calls/CallDetails";
import { paths } from "@/lib/paths";
import { startProposalAction } from "@/lib/server/actions/proposal-actions";
import { getCallSummary } from "@/lib/server/calls";
import { may } from "@/lib/server/guard";
import { foundOr404, routeIdOr404 } from "@/lib/server/pages";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Funding call" };

/** An open or upcoming call; a bidder can start a proposal on an open one. */
export default async function CallPage({ params }: { params: Promise<{ id: string }> }) {
  const id = routeIdOr404((await params).id);
  const actor = await requirePageActor("call:read-open", paths.call(id));
  const call = foundOr404(await getCallSummary(actor, id));
  if (call.stage !== "open" && call.stage !== "upcoming") notFound();
  return <CallDetails call={call} start={call.stage === "open" && may(actor, "proposal:create") ? startProposalAction : null} />;
}
