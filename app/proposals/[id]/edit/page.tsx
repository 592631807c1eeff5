import type { Metadata } from "next";
import { ProposalTaskList } from "@/components/proposal/ProposalTaskList";
import { paths } from "@/lib/paths";
import { editableProposalOr404 } from "@/lib/server/proposal-pages";

export const metadata: Metadata = { title: "Your proposal" };

/** The proposal's task list: sections grouped into steps, done in any order over several sittings. */
export default async function ProposalTaskListPage({ params }: { params: Promise<{ id: string }> }) {
  const proposal = await editableProposalOr404((await params).id, paths.editProposal);
  return <ProposalTaskList proposal={proposal} />;
}
