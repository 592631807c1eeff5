import type { Metadata } from "next";
import { JointRankingView } from "@/components/manage/JointRankingView";
import { RankingFrameView, RankingResults } from "@/components/manage/RankingView";
import { paths } from "@/lib/paths";
import { parseRouteId } from "@/lib/route-id";
import { getJointCall } from "@/lib/server/manage/joint";
import { getCallRanking } from "@/lib/server/manage/ranking";
import { foundOr404, routeIdOr404 } from "@/lib/server/pages";
import { requirePageActor } from "@/lib/server/session";
import { rankingFiltersSchema } from "@/lib/validation/manage";

export const metadata: Metadata = { title: "Ranking" };

/** The frame (heading, navigation, filters), then one page of the ranking of the whole call. */
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
  const joint = await getJointCall(actor, id);
  if (joint) return <JointRankingView view={joint} />;
  const page = parseRouteId(typeof query.page === "string" ? query.page : "") ?? 1;
  const ranking = foundOr404(await getCallRanking(actor, id, filters, page));
  return (
    <RankingFrameView frame={ranking}>
      <RankingResults r={ranking} />
    </RankingFrameView>
  );
}
