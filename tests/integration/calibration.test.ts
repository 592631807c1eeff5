import { createHash } from "node:crypto";
import { and, desc, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { DEMO_CALLS, seedDemoData } from "@/db/seed";
import { assessments, assignments, auditLog, calls, decisions, proposals, users } from "@/db/schema";
import { verifyDraw } from "@/lib/domain/calibration/lottery";
import { invokerOf } from "@/lib/server/action";
import {
  commitLotteryAction,
  drawLotteryAction,
  redoLotteryAction,
  retryCalibrationAction,
  setLotteryAction,
} from "@/lib/server/actions/calibration-actions";
import { reopenAssessment } from "@/lib/server/assessments";
import { jobView, waitForJob } from "@/lib/server/jobs";
import { jobProgress } from "@/lib/server/jobs/progress";
import { calibrationJob, currentLottery, getCallCalibration } from "@/lib/server/manage/calibration";
import { assessorsCsv, CALIBRATION_COLUMNS, csvDownload, rankingCsv } from "@/lib/server/manage/csv";
import { findActorById, type Actor } from "@/lib/server/users";
import { parseCsv } from "../support/csv-reader";
import { makeUser, setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

async function demo() {
  await seedDemoData(getDb());
  const [call] = await getDb().select().from(calls).where(eq(calls.title, DEMO_CALLS.ranked));
  const [m] = await getDb().select().from(users).where(eq(users.email, "manager@demo.test"));
  return { callId: call!.id, manager: (await findActorById(m!.id))! };
}

let setup: Promise<{ callId: number; manager: Actor }> | null = null;
const demoCall = () => (setup ??= demo());

/** Opens the page (which starts the fit) and waits for the fit to finish. */
async function fitted(manager: Actor, callId: number) {
  const page = await getCallCalibration(manager, callId);
  if (page?.job.running) await waitForJob(page.job.running.id);
  return (await getCallCalibration(manager, callId))!;
}

// Each fit runs in a worker thread; on a busy machine the first one (worker start, JIT) takes seconds.
describe("How sure is this ranking? (real SQLite, fit in a worker)", { timeout: 60_000 }, () => {
  it("fits the demo's assessed call in the background and shows visibly different leniency", async () => {
    const { callId, manager } = await demoCall();
    const first = await getCallCalibration(manager, callId);
    expect(first!.job.running).not.toBeNull();
    const page = await fitted(manager, callId);
    expect(page.job.fresh).toBe(true);
    const result = page.job.result!;
    expect(result.model!.diagnostics.converged).toBe(true);
    expect(result.proposals.length).toBeGreaterThanOrEqual(12);
    const lenient = Object.fromEntries(result.assessors.map((a) => [a.name, a.leniency]));
    // Ada is harsh and Ben lenient in the demo data: more than 10 points apart on the total.
    expect(lenient["Ben Assessor"]! - lenient["Ada Assessor"]!).toBeGreaterThan(10);
    expect(result.reliability[0]!.key).toBe("total");
  });

  it("adds the calibration columns to the ranking CSV and writes assessors.csv", async () => {
    const { callId, manager } = await demoCall();
    await fitted(manager, callId);
    const file = (await rankingCsv(manager, callId))!;
    const [header, ...rows] = parseCsv(file.body);
    expect(header!.slice(-CALIBRATION_COLUMNS.length)).toEqual([...CALIBRATION_COLUMNS]);
    const ranked = rows.filter((r) => r[0] === "Ranked");
    const at = (name: string) => header!.indexOf(name);
    for (const r of ranked) {
      expect(Number(r[at("Expected rank")])).toBeGreaterThan(0);
      expect(["Fund", "Too close to call", "Do not fund"]).toContain(r[at("Funding line zone")]);
      expect(Number(r[at("Calibrated total 90% low")])).toBeLessThanOrEqual(Number(r[at("Calibrated total")]));
    }
    const assessorsFile = (await assessorsCsv(manager, callId))!;
    const [aHeader, ...aRows] = parseCsv(assessorsFile.body);
    expect(aHeader!.map((h) => h.replace(/^\uFEFF/u, ""))).toEqual(["Assessor", "Proposals scored", "Mean raw total", "Leniency", "Leniency 90% low", "Leniency 90% high"]);
    expect(aRows.map((r) => r[0]).sort()).toEqual(["Ada Assessor", "Ben Assessor", "Cleo Assessor"]);
  });

  it("commits a seed hash before the draw, reveals it after, pre-fills decisions, and refuses a redo without a reason", async () => {
    const { callId, manager } = await demoCall();
    const page = await fitted(manager, callId);
    const close = page.job.result!.proposals.filter((p) => p.zone === "close");
    expect(close.length).toBeGreaterThan(0);

    expect((await invokerOf(commitLotteryAction)(manager, { callId })).ok).toBe(false); // not turned on yet
    expect((await invokerOf(setLotteryAction)(manager, { callId, enabled: true })).ok).toBe(true);
    const committed = await invokerOf(commitLotteryAction)(manager, { callId });
    if (!committed.ok) throw new Error(committed.message);
    const lottery = (await currentLottery(callId))!;
    expect(createHash("sha256").update(lottery.seed).digest("hex")).toBe(committed.data.seedSha256);
    const [commitEntry] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.callId, callId), eq(auditLog.action, "lottery.committed")));
    expect(commitEntry!.detail).toMatchObject({ seedSha256: committed.data.seedSha256, proposalIds: close.map((p) => p.id).sort((a, b) => a - b) });
    expect(JSON.stringify(commitEntry!.detail)).not.toContain(lottery.seed);

    const drawn = await invokerOf(drawLotteryAction)(manager, { callId, lotteryId: lottery.id });
    if (!drawn.ok) throw new Error(drawn.message);
    const [drawEntry] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.callId, callId), eq(auditLog.action, "lottery.drawn")));
    expect(drawEntry!.detail).toMatchObject({ seed: lottery.seed, order: drawn.data.order });
    expect(drawEntry!.id).toBeGreaterThan(commitEntry!.id);
    expect(verifyDraw(lottery.seed, lottery.entries, lottery.remainingBudget, drawn.data)).toBe(true);
    const prefilled = await getDb().select().from(decisions).where(inArray(decisions.proposalId, drawn.data.order));
    expect(Object.fromEntries(prefilled.map((d) => [d.proposalId, d.outcome]))).toEqual(
      Object.fromEntries(drawn.data.order.map((id) => [id, drawn.data.funded.includes(id) ? "fund" : "reserve"])),
    );
    expect((await invokerOf(drawLotteryAction)(manager, { callId, lotteryId: lottery.id })).ok).toBe(false); // no silent redraw

    const noReason = await invokerOf(redoLotteryAction)(manager, { callId, reason: "" });
    expect(noReason).toMatchObject({ ok: false, code: "invalid" });
    expect((await currentLottery(callId))!.id).toBe(lottery.id);
    const redone = await invokerOf(redoLotteryAction)(manager, { callId, reason: "The group was drawn before a late conflict was declared" });
    expect(redone.ok).toBe(true);
    const [redoEntry] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.callId, callId), eq(auditLog.action, "lottery.redone")))
      .orderBy(desc(auditLog.id));
    expect(redoEntry!.detail).toMatchObject({ lotteryId: lottery.id, reason: "The group was drawn before a late conflict was declared" });
  });

  it("marks stored results stale when a score changes, and recomputes them", async () => {
    const { callId, manager } = await demoCall();
    await fitted(manager, callId);
    const [row] = await getDb()
      .select({ id: assessments.id })
      .from(assessments)
      .innerJoin(assignments, eq(assessments.assignmentId, assignments.id))
      .innerJoin(proposals, eq(assignments.proposalId, proposals.id))
      .where(and(eq(proposals.callId, callId), eq(assessments.status, "submitted")))
      .limit(1);
    await reopenAssessment(manager, { assessmentId: row!.id, reason: "A score was typed in the wrong box" });
    const stale = await jobView(calibrationJob, callId);
    expect(stale.fresh).toBe(false);
    expect(stale.result).not.toBeNull();
    const again = await getCallCalibration(manager, callId);
    expect(again!.job.running?.current).toBe(true);
    await waitForJob(again!.job.running!.id);
    const after = await jobView(calibrationJob, callId);
    expect(after.fresh).toBe(true);
    // One proposal now has only 2 of 3 assessments, so it is no longer ranked.
    expect(after.result!.proposals.length).toBe(stale.result!.proposals.length - 1);
  });

  it("refuses bidders, assessors and visitors without a session the page, the CSVs, the progress route and every action", async () => {
    const { callId } = await demoCall();
    const bidder = await makeUser("bidder");
    const assessor = await makeUser("assessor");
    for (const actor of [bidder, assessor, null]) {
      expect(await getCallCalibration(actor, callId)).toBeNull();
      expect((await csvDownload(actor, String(callId), assessorsCsv)).status).toBe(actor ? 403 : 401);
      expect((await csvDownload(actor, String(callId), rankingCsv)).status).toBe(actor ? 403 : 401);
      expect(await jobProgress(actor, { callId: String(callId), kind: "calibration" })).toMatchObject({ ok: false, code: actor ? "forbidden" : "unauthenticated" });
      for (const [action, input] of [
        [setLotteryAction, { callId, enabled: true }],
        [commitLotteryAction, { callId }],
        [drawLotteryAction, { callId, lotteryId: 1 }],
        [redoLotteryAction, { callId, reason: "A perfectly good reason" }],
        [retryCalibrationAction, { callId }],
      ] as const) {
        expect(await invokerOf(action as typeof commitLotteryAction)(actor, input)).toMatchObject({
          ok: false,
          code: actor ? "forbidden" : "unauthenticated",
        });
      }
    }
  });
});
