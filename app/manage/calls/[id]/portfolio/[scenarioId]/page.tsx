import type { Metadata } from "next";
import { ScenarioView } from "@/components/manage/ScenarioView";
import { paths } from "@/lib/paths";
import { getScenario } from "@/lib/server/manage/scenarios";
import { foundOr404, routeIdOr404 } from "@/lib/server/pages";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Portfolio scenario" };

export default async function ScenarioPage({ params }: { params: Promise<{ id: string; scenarioId: string }> }) {
  const raw = await params;
  const [id, scenarioId] = [routeIdOr404(raw.id), routeIdOr404(raw.scenarioId)];
  const actor = await requirePageActor("ranking:read", paths.callScenario(id, scenarioId));
  return <ScenarioView view={foundOr404(await getScenario(actor, id, scenarioId))} />;
}
