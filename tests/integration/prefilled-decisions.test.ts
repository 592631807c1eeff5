/**
 * A lottery draw and an adopted scenario pre-fill decisions with the assessors' feedback. They now
 * read only that feedback (lib/server/manage/portfolio-data.ts) instead of the whole call, so on
 * the demo's calls each pre-filled decision must hold exactly the feedback the old whole-call
 * read gives (tests/support/portfolio-old-path.ts), and the adoption's counts must be unchanged.
 */
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { DEMO_CALLS, seedDemoData } from "@/db/seed";
import { calls, decisions, portfolioScenarios, proposals, users } from "@/db/schema";
import { invokerOf } from "@/lib/server/action";
import { commitLotteryAction, drawLotteryAction, setLotteryAction } from "@/lib/server/actions/calibration-actions";
import { adoptScenarioAction } from "@/lib/server/actions/portfolio-actions";
import { ensureJob, waitForJob } from "@/lib/server/jobs";
import { currentLottery, getCallCalibration } from "@/lib/server/manage/calibration";
import { requireCall } from "@/lib/server/manage/call-data";
import { PORTFOLIO_JOB } from "@/lib/server/manage/scenarios";
import { findActorById, type Actor } from "@/lib/server/users";
import { oldPrefilledFeedback } from "../support/portfolio-old-path";
import { expectOk } from "../support/results";
import { setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

let seeded: Promise<Actor> | null = null;
/** The demo data, seeded once; its manager. */
const demoManager = () =>
  (seeded ??= (async () => {
    await seedDemoData(getDb());
    const [m] = await getDb().select().from(users).where(eq(users.email, "manager@demo.test"));
    return (await findActorById(m!.id))!;
  })());

async function demoCallId(title: string): Promise<number> {
  const [call] = await getDb().select().from(calls).where(eq(calls.title, title));
  return call!.id;
}

const feedbackOf = async (ids: readonly number[]) =>
  new Map((await getDb().select().from(decisions).where(inArray(decisions.proposalId, [...ids]))).map((d) => [d.proposalId, d.feedback]));

// The calibration fit and the optimiser each run in a worker thread: seconds on a busy machine.
describe("decisions pre-filled from the assessors' feedback", { timeout: 120_000 }, () => {
  it("a lottery draw pre-fills each drawn proposal's feedback exactly as the whole-call read did", async () => {
    const manager = await demoManager();
    const callId = await demoCallId(DEMO_CALLS.ranked);
    const page = await getCallCalibration(manager, callId);
    if (page?.job.running) await waitForJob(page.job.running.id);
    expectOk(await invokerOf(setLotteryAction)(manager, { callId, enabled: true }));
    expectOk(await invokerOf(commitLotteryAction)(manager, { callId }));
    const lottery = (await currentLottery(callId))!;
    const group = lottery.entries.map((e) => e.id);
    // The demo's decisions on these proposals, if any, would be kept: clear them so every one is pre-filled.
    await getDb().delete(decisions).where(inArray(decisions.proposalId, group));
    const expected = await oldPrefilledFeedback(getDb(), await requireCall(getDb(), callId, manager), group, manager);

    const drawn = expectOk(await invokerOf(drawLotteryAction)(manager, { callId, lotteryId: lottery.id }));
    const stored = await feedbackOf(drawn.order);
    expect(stored.size).toBe(group.length);
    for (const id of drawn.order) expect(stored.get(id)).toBe(expected.get(id) || "This proposal was among those too close to the funding line to call; a lottery decided the outcome.");
    expect([...expected.values()].some((f) => f.startsWith("Feedback 1:\n"))).toBe(true);
  });

  it("adopting a scenario pre-fills every decision's feedback exactly as the whole-call read did", async () => {
    const manager = await demoManager();
    const callId = await demoCallId(DEMO_CALLS.portfolio);
    const [scenario] = await getDb().select().from(portfolioScenarios).where(eq(portfolioScenarios.callId, callId));
    const job = await ensureJob(PORTFOLIO_JOB, callId, { key: String(scenario!.id), requestedBy: manager.id });
    if (job.running) await waitForJob(job.running.id);
    const submitted = (await getDb().select({ id: proposals.id }).from(proposals).where(and(eq(proposals.callId, callId), eq(proposals.status, "submitted")))).map((p) => p.id);
    // Earlier decisions' feedback would be kept: clear them so every one is pre-filled.
    await getDb().delete(decisions).where(inArray(decisions.proposalId, submitted));
    const expected = await oldPrefilledFeedback(getDb(), await requireCall(getDb(), callId, manager), submitted, manager);

    const adopted = expectOk(await invokerOf(adoptScenarioAction)(manager, { callId, scenarioId: scenario!.id, reserves: 1 }));
    const stored = await feedbackOf(submitted);
    expect(stored.size).toBe(adopted.fund + adopted.reserve + adopted.reject);
    expect(adopted.awaitingAssessment).toBe(submitted.length - stored.size);
    for (const [id, feedback] of stored) expect(feedback).toBe(expected.get(id) || "Pre-filled from the adopted portfolio scenario.");
    expect([...stored.values()].filter((f) => f.startsWith("Feedback 1:\n")).length).toBeGreaterThan(0);
  });
});
