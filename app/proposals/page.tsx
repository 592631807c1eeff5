import type { Metadata } from "next";
import { ProposalList } from "@/components/proposal/ProposalList";
import { paths } from "@/lib/paths";
import { listCallsForBidders } from "@/lib/server/calls";
import { listOwnProposals } from "@/lib/server/proposals";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Your proposals" };

export default async function ProposalsPage() {
  const actor = await requirePageActor("proposal:read-own", paths.proposals);
  const [mine, calls] = await Promise.all([listOwnProposals(actor), listCallsForBidders(actor)]);
  return <ProposalList proposals={mine ?? []} openCalls={(calls ?? []).filter((c) => c.stage === "open")} />;
}
