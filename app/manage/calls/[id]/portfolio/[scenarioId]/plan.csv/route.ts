import { parseRouteId } from "@/lib/route-id";
import { csvDownload } from "@/lib/server/manage/csv";
import { scenarioPlanCsv } from "@/lib/server/manage/scenarios";
import { currentActor } from "@/lib/server/session";

export const dynamic = "force-dynamic";

/**
 * A scenario's plan as CSV, for managers only: 401 without a session, 403 for other roles, 404 for
 * no such call or scenario, 409 (with the reason in words) when the scenario has no plan.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; scenarioId: string }> }) {
  const [{ id, scenarioId }, actor] = await Promise.all([params, currentActor()]);
  const scenario = parseRouteId(scenarioId);
  let refusal: string | null = null;
  const response = await csvDownload(actor, id, async (a, callId) => {
    const file = scenario === null ? null : await scenarioPlanCsv(a, callId, scenario);
    if (file && "refusal" in file) {
      refusal = file.refusal;
      return null;
    }
    return file;
  });
  if (refusal !== null) {
    return new Response(refusal, { status: 409, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  return response;
}
