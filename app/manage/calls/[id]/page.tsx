import type { Metadata } from "next";
import { CallOverviewView } from "@/components/manage/CallOverviewView";
import { paths } from "@/lib/paths";
import { getCallOverview } from "@/lib/server/manage/calls-admin";
import { foundOr404, routeIdOr404 } from "@/lib/server/pages";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Call overview" };

export default async function CallOverviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string; saved?: string }>;
}) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const callId = routeIdOr404(id);
  const actor = await requirePageActor("call:manage", paths.manageCall(callId));
  const overview = foundOr404(await getCallOverview(actor, callId));
  return <CallOverviewView o={overview} notice={query.created ? "created" : query.saved ? "saved" : null} />;
}
