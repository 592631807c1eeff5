import type { Metadata } from "next";
import { JointRankingView } from "@/components/manage/JointRankingView";
import { RankingView } from "@/components/manage/RankingView";
import { paths } from "@/lib/paths";
import { parseRouteId } from "@/lib/route-id";
import { getJointCall } from "@/lib/server/manage/joint";
import { getCallRanking } from "@/lib/server/manage/ranking";
import { getRankingFrame } from "@/lib/server/manage/ranking-frame";
import { afterFrame, foundOr404, routeIdOr404 } from "@/lib/server/pages";
import { requirePageActor } from "@/lib/server/session";
import { rankingFiltersSchema } from "@/lib/validation/manage";

export const metadata: Metadata = { title: "Ranking" };

/** The frame (heading, navigation, filters) streams first; the ranking of the whole call follows. */
export default async function RankingPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id: rawId }, query] = await Promise.all([params, searchParams]);
  const id = routeIdOr404(rawId);
  const actor = await requirePageActor("ranking:read", paths.callRanking(id));
  const filters = rankingFiltersSchema.parse(query);
  const frame = foundOr404(await getRankingFrame(actor, id, filters));
  if (frame.call.joint) return <JointRankingView call={frame.call} view={afterFrame(() => getJointCall(actor, id))} />;
  const page = parseRouteId(typeof query.page === "string" ? query.page : "") ?? 1;
  return <RankingView frame={frame} page={page} ranking={afterFrame(() => getCallRanking(actor, id, filters, page))} />;
}
