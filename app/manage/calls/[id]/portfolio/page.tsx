import type { Metadata } from "next";
import { PortfolioView } from "@/components/manage/PortfolioView";
import { paths } from "@/lib/paths";
import { getPortfolioOverview } from "@/lib/server/manage/scenarios";
import { foundOr404, routeIdOr404 } from "@/lib/server/pages";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Portfolio" };

export default async function PortfolioPage({ params }: { params: Promise<{ id: string }> }) {
  const id = routeIdOr404((await params).id);
  const actor = await requirePageActor("ranking:read", paths.callPortfolio(id));
  return <PortfolioView o={foundOr404(await getPortfolioOverview(actor, id))} />;
}
