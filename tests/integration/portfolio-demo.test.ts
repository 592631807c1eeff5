/** The demo data shows the optimiser at work without typing anything (issue 10). */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { calls, portfolioScenarios, users } from "@/db/schema";
import { DEMO_CALLS, DEMO_SCENARIO, seedDemoData } from "@/db/seed";
import { ensureJob, waitForJob } from "@/lib/server/jobs";
import { invokerOf } from "@/lib/server/action";
import { saveScenarioAction } from "@/lib/server/actions/portfolio-actions";
import { getScenario, PORTFOLIO_JOB, scenarioPlanCsv } from "@/lib/server/manage/scenarios";
import type { Actor } from "@/lib/server/users";
import { expectOk } from "../support/results";
import { setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

const saveScenario = invokerOf(saveScenarioAction);

const manager = async (): Promise<Actor> => {
  const [row] = await getDb().select().from(users).where(eq(users.email, "manager@demo.test"));
  return { id: row!.id, email: row!.email, name: row!.name, role: row!.role, organisation: row!.organisation, agency: { id: row!.agencyId!, kind: "home" } };
};
const callId = async (title: string) => (await getDb().select().from(calls).where(eq(calls.title, title)))[0]!.id;

describe("portfolio demo data", () => {
  it("has one saved scenario on the portfolio call whose two rules each change the plan and cost quality, with its plan.csv", async () => {
    await seedDemoData(getDb());
    const portfolio = await callId(DEMO_CALLS.portfolio);
    const saved = await getDb().select().from(portfolioScenarios);
    expect(saved.map((s) => s.callId)).toEqual([portfolio]);
    expect(saved[0]!.rules).toHaveLength(2);
    // The first view starts its solve in the background.
    const job = await ensureJob(PORTFOLIO_JOB, portfolio, { key: String(saved[0]!.id) });
    if (job.running) await waitForJob(job.running.id);
    const view = (await getScenario(await manager(), portfolio, saved[0]!.id))!;
    expect(view.scenario.name).toBe(DEMO_SCENARIO.name);
    expect(view.plan!.outcome.status).toBe("optimal");
    // Each rule has a price a newcomer can see, and each one moves a proposal.
    expect(view.plan!.prices.map((p) => p.cost > 0.1)).toEqual([true, true]);
    const reasons = view.plan!.rows!.map((r) => r.reasonText);
    expect(reasons.some((r) => r.startsWith("swapped in by rule “At least 30 % of the budget (£600,000) to Net zero”"))).toBe(true);
    expect(reasons.some((r) => r.startsWith("swapped out by rule “At most 1 award per lead organisation”"))).toBe(true);
    const csv = (await scenarioPlanCsv(await manager(), portfolio, saved[0]!.id)) as { filename: string; body: string };
    expect(csv.body.split("\r\n").filter(Boolean)).toHaveLength(view.plan!.rows!.length + 1);
  });

  it("has a call where each of the two e2e rules changes the plan and has a price", async () => {
    const portfolio = await callId(DEMO_CALLS.portfolio);
    const values = {
      name: "Both rules",
      budget: "2000000",
      qualityMeasure: "raw",
      rules: [
        { dimension: "theme", group: "net-zero", bound: "min", measure: "share", value: "30" },
        { dimension: "lead-organisation", group: "*", bound: "max", measure: "count", value: "1" },
      ],
      pins: [],
      exclusions: [],
    };
    const { scenarioId, jobId } = expectOk(await saveScenario(await manager(), { callId: portfolio, values }));
    await waitForJob(jobId!);
    const view = (await getScenario(await manager(), portfolio, scenarioId))!;
    expect(view.plan!.prices.map((p) => p.cost > 0.1)).toEqual([true, true]);
    expect(view.plan!.comparison.swappedIn).toBeGreaterThan(0);
  });
});
