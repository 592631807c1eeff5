import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { SectionForm } from "@/components/proposal/SectionForm";
import { findSection } from "@/lib/domain/proposal/questions";
import { formatDateTime } from "@/lib/format";
import { paths } from "@/lib/paths";
import { completeSectionAction, saveProposalDraftAction } from "@/lib/server/actions/proposal-actions";
import { getOwnProposal } from "@/lib/server/proposals";
import { routeIdOr404 } from "@/lib/server/pages";
import { requirePageActor } from "@/lib/server/session";

export async function generateMetadata({ params }: { params: Promise<{ section: string }> }): Promise<Metadata> {
  const { section } = await params;
  return { title: findSection(section)?.title ?? "Section" };
}

export default async function ProposalSectionPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; section: string }>;
  searchParams: Promise<{ return?: string }>;
}) {
  const [{ id, section: sectionKey }, { return: returnTo }] = await Promise.all([params, searchParams]);
  const proposalId = routeIdOr404(id);
  const actor = await requirePageActor("proposal:edit-own", paths.proposalSection(proposalId, sectionKey));
  const section = findSection(sectionKey);
  const proposal = section ? await getOwnProposal(actor, proposalId) : null;
  if (!section || !proposal) notFound();
  if (proposal.status === "submitted" || proposal.call.stage !== "open") redirect(paths.proposal(proposal.id));
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
      save={saveProposalDraftAction}
      complete={completeSectionAction}
    />
  );
}
