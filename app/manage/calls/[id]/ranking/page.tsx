import type { Metadata } from "next";
import { Suspense } from "react";
import { JointRankingView } from "@/components/manage/JointRankingView";
import { Loading } from "@/components/manage/Loading";
import { RankingFrameView, RankingResults } from "@/components/manage/RankingView";
import { paths } from "@/lib/paths";
import { parseRouteId } from "@/lib/route-id";
import { getJointCall } from "@/lib/server/manage/joint";
import { getCallRanking, getRankingFrame } from "@/lib/server/manage/ranking";
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
  if (frame.call.joint) return <JointRankingView view={foundOr404(await getJointCall(actor, id))} />;
  const page = parseRouteId(typeof query.page === "string" ? query.page : "") ?? 1;
  return (
    <RankingFrameView frame={frame}>
      <Suspense fallback={<Loading>Ranking the call’s proposals…</Loading>}>
        <RankingResults ranking={afterFrame(() => getCallRanking(actor, id, filters, page))} />
      </Suspense>
    </RankingFrameView>
  );
}
