import type { Metadata } from "next";
import { CheckProposalView } from "@/components/proposal/CheckProposalView";
import { paths } from "@/lib/paths";
import { submitProposalAction } from "@/lib/server/actions/proposal-actions";
import { editableProposalOr404 } from "@/lib/server/proposal-pages";

export const metadata: Metadata = { title: "Check your answers before submitting your proposal" };

/** The final check-your-answers page: every answer with a Change link, then the submit button. */
export default async function CheckProposalPage({ params }: { params: Promise<{ id: string }> }) {
  const proposal = await editableProposalOr404((await params).id, paths.checkProposal);
  return <CheckProposalView proposal={proposal} submit={submitProposalAction} />;
}
