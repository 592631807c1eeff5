import type { Metadata } from "next";
import { SectionForm } from "@/components/proposal/SectionForm";
import { findSection } from "@/lib/domain/proposal/questions";
import { formatDateTime } from "@/lib/format";
import { paths } from "@/lib/paths";
import { completeSectionAction } from "@/lib/server/actions/proposal-actions";
import { foundOr404 } from "@/lib/server/pages";
import { editableProposalOr404 } from "@/lib/server/proposal-pages";

export async function generateMetadata({ params }: { params: Promise<{ section: string }> }): Promise<Metadata> {
  const { section } = await params;
  return { title: findSection(section)?.title ?? "Section" };
}

/** One section of the draft on its own page, autosaving as the bidder types. */
export default async function ProposalSectionPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; section: string }>;
  searchParams: Promise<{ return?: string }>;
}) {
  const [{ id, section: sectionKey }, { return: returnTo }] = await Promise.all([params, searchParams]);
  const section = foundOr404(findSection(sectionKey) ?? null);
  const proposal = await editableProposalOr404(id, (proposalId) => paths.proposalSection(proposalId, section.key));
  const task = proposal.tasks.groups.flatMap((g) => g.tasks).find((t) => t.key === section.key);
  return (
    <SectionForm
      key={proposal.version}
      proposalId={proposal.id}
      sectionKey={section.key}
      version={proposal.version}
      answers={proposal.answers}
      completed={proposal.completedTasks.includes(section.key) ? "yes" : task && task.status !== "not-started" ? "no" : ""}
      returnTo={returnTo === "final" || returnTo === "check" ? returnTo : null}
      closesAtLabel={formatDateTime(proposal.call.closesAt)}
      joint={proposal.joint}
      fit={proposal.fit}
      complete={completeSectionAction}
    />
  );
}
