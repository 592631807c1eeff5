import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { ProposalForm } from "@/components/proposal/ProposalForm";
import { formatDateTime } from "@/lib/format";
import { paths } from "@/lib/paths";
import { routeIdOr404 } from "@/lib/server/pages";
import { saveProposalDraftAction, submitProposalAction } from "@/lib/server/actions/proposal-actions";
import { getOwnProposal } from "@/lib/server/proposals";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Edit proposal" };

export default async function EditProposalPage({ params }: { params: Promise<{ id: string }> }) {
  const id = routeIdOr404((await params).id);
  const actor = await requirePageActor("proposal:edit-own", paths.editProposal(id));
  const proposal = await getOwnProposal(actor, id);
  if (!proposal) notFound();
  if (proposal.status === "submitted" || proposal.call.stage !== "open") redirect(paths.proposal(proposal.id));
  return (
    <>
      <span className="caption">{proposal.call.title}</span>
      <h1>{proposal.answers.project?.title ? String(proposal.answers.project.title) : "Your proposal"}</h1>
      <ProposalForm
        key={proposal.version}
        proposalId={proposal.id}
        version={proposal.version}
        answers={proposal.answers}
        closesAtLabel={formatDateTime(proposal.call.closesAt)}
        save={saveProposalDraftAction}
        submit={submitProposalAction}
      />
    </>
  );
}
