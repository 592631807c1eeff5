import type { Metadata } from "next";
import { ProposalReviewView } from "@/components/manage/ProposalReviewView";
import { paths } from "@/lib/paths";
import { appendicesForManager } from "@/lib/server/appendices";
import { getProposalReview } from "@/lib/server/manage/review";
import { foundOr404, routeIdOr404 } from "@/lib/server/pages";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Proposal and assessments" };

export default async function ProposalReviewPage({ params }: { params: Promise<{ id: string; proposalId: string }> }) {
  const { id, proposalId: rawProposalId } = await params;
  const [callId, proposalId] = [routeIdOr404(id), routeIdOr404(rawProposalId)];
  const actor = await requirePageActor("ranking:read", paths.callProposal(callId, proposalId));
  const [review, appendices] = await Promise.all([getProposalReview(actor, callId, proposalId), appendicesForManager(actor, callId, proposalId)]);
  return <ProposalReviewView review={foundOr404(review)} appendices={appendices ?? []} />;
}
