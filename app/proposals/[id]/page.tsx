import type { Metadata } from "next";
import { OwnProposalView } from "@/components/proposal/OwnProposalView";
import { paths } from "@/lib/paths";
import { reopenProposalAction } from "@/lib/server/actions/proposal-actions";
import { foundOr404, routeIdOr404 } from "@/lib/server/pages";
import { getOwnProposal, getReleasedDecision } from "@/lib/server/proposals";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Your proposal" };

/** The bidder's own proposal, read-only, with the decision once it is released. */
export default async function ProposalPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ submitted?: string }>;
}) {
  const [{ id: rawId }, { submitted }] = await Promise.all([params, searchParams]);
  const id = routeIdOr404(rawId);
  const actor = await requirePageActor("proposal:read-own", paths.proposal(id));
  const [proposal, decision] = await Promise.all([getOwnProposal(actor, id), getReleasedDecision(actor, id)]);
  return <OwnProposalView proposal={foundOr404(proposal)} decision={decision} justSubmitted={Boolean(submitted)} reopen={reopenProposalAction} />;
}
