import type { Metadata } from "next";
import { SectionCheckView } from "@/components/proposal/CheckAnswers";
import { findSection } from "@/lib/domain/proposal/questions";
import { paths } from "@/lib/paths";
import { foundOr404 } from "@/lib/server/pages";
import { editableProposalOr404 } from "@/lib/server/proposal-pages";

export const metadata: Metadata = { title: "Check your answers" };

/** Check your answers for one section, with a Change link for each answer. */
export default async function SectionCheckPage({ params }: { params: Promise<{ id: string; section: string }> }) {
  const { id, section: sectionKey } = await params;
  const section = foundOr404(findSection(sectionKey) ?? null);
  const proposal = await editableProposalOr404(id, (proposalId) => paths.proposalSectionCheck(proposalId, section.key));
  return <SectionCheckView proposal={proposal} section={section} />;
}
