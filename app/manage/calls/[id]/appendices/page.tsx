import type { Metadata } from "next";
import { AppendicesView } from "@/components/manage/AppendicesView";
import { paths } from "@/lib/paths";
import { getCallSlots } from "@/lib/server/manage/appendix-slots";
import { foundOr404, routeIdOr404 } from "@/lib/server/pages";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Appendices" };

/** The files a call asks bidders to upload. */
export default async function CallAppendicesPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ added?: string; removed?: string; problem?: string }>;
}) {
  const [{ id }, notice] = await Promise.all([params, searchParams]);
  const callId = routeIdOr404(id);
  const actor = await requirePageActor("call:manage", paths.callAppendices(callId));
  return <AppendicesView page={foundOr404(await getCallSlots(actor, callId))} notice={notice} />;
}
