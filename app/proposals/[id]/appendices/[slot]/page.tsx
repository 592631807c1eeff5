import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AppendixSlotView } from "@/components/proposal/AppendixSlotView";
import { paths } from "@/lib/paths";
import { markAppendixForm, removeAppendixForm, uploadAppendixForm } from "@/lib/server/actions/appendix-actions";
import { getAppendixSlotPage } from "@/lib/server/appendices";
import { foundOr404, routeIdOr404 } from "@/lib/server/pages";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Appendix" };

const ACTIONS = { upload: uploadAppendixForm, remove: removeAppendixForm, mark: markAppendixForm };

/** One appendix slot: its files (replace or remove until submission), an upload, and "completed?". */
export default async function AppendixSlotPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; slot: string }>;
  searchParams: Promise<{ return?: string; removed?: string }>;
}) {
  const [{ id, slot: slotKey }, { return: returnTo, removed }] = await Promise.all([params, searchParams]);
  const proposalId = routeIdOr404(id);
  const actor = await requirePageActor("proposal:edit-own", paths.proposalAppendix(proposalId, slotKey));
  const page = foundOr404(await getAppendixSlotPage(actor, proposalId, slotKey));
  if (!page.editable) redirect(paths.proposal(page.proposalId));
  return <AppendixSlotView page={page} actions={ACTIONS} returnTo={returnTo === "final" ? "final" : null} removed={removed} />;
}
