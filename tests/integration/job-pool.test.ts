import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { CalibrationResult } from "@/lib/domain/calibration/analyse";
import { cancelJobs, ensureJob, startJob, waitForJob, type JobDefinition } from "@/lib/server/jobs";
import { idleWorkers, poolStats } from "@/lib/server/jobs/pool";
import { calibrationJob } from "@/lib/server/manage/calibration";
import { simulateCalibrationInput } from "../support/simulate-call";
import { makeCall, setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

/** A selfcheck job (lib/server/jobs/registry.ts) under its own key; its result names the thread that ran it. */
function selfcheck(key: string, input: { values: number[]; steps?: number; fail?: boolean; exit?: number; holdMiB?: number }): JobDefinition<"selfcheck"> {
  return { kind: "selfcheck", permission: "ranking:read", dataVersion: async () => key, input: async () => input };
}

async function runSelfcheck(callId: number, key: string, input: Parameters<typeof selfcheck>[1]) {
  const view = await ensureJob(selfcheck(key, input), callId, { key });
  return (await waitForJob(view.running!.id))!;
}

const threadOf = (row: { result: unknown }) => (row.result as { threadId: number }).threadId;

/** Polls the job's row until its thread has reported progress (so it is running there). */
async function untilRunning(callId: number, key: string, definition: JobDefinition<"selfcheck">) {
  for (let i = 0; i < 400; i++) {
    const view = await ensureJob(definition, callId, { key });
    if (view.running?.status === "running" && view.running.message.startsWith("Step")) return view.running.id;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("the job never started");
}

const withoutTimings = ({ seconds: _s, fitSeconds: _f, ...rest }: CalibrationResult) => rest;

describe("the job runner's warm worker threads (real SQLite)", { timeout: 60_000 }, () => {
  it("runs a second job on the same warm thread, with the same result as on a fresh one", async () => {
    const call = makeCall();
    const { input } = simulateCalibrationInput(40, 10, 3);
    const sampled = { ...input, sampler: { warmup: 30, draws: 60, criterionWarmup: 30, criterionDraws: 40 } };
    const first = await startJob(calibrationJob, call.id, sampled, { key: "pool-a" });
    const firstRow = await waitForJob(first.id);
    expect(firstRow).toMatchObject({ status: "done" });
    const started = poolStats().started;
    expect(poolStats().idle).toBe(1);

    const second = await startJob(calibrationJob, call.id, sampled, { key: "pool-b" });
    const secondRow = await waitForJob(second.id);
    expect(secondRow).toMatchObject({ status: "done" });
    // No new thread: the idle one ran it, and the same data and seed gave the same analysis.
    expect(poolStats().started).toBe(started);
    expect(withoutTimings(secondRow!.result as CalibrationResult)).toEqual(withoutTimings(firstRow!.result as CalibrationResult));

    const a = await runSelfcheck(call.id, "same-1", { values: [1, 2] });
    const b = await runSelfcheck(call.id, "same-2", { values: [3] });
    expect(threadOf(b)).toBe(threadOf(a));
    expect(b.result).toMatchObject({ total: 3 });
  });

  it("ends a thread whose job left it holding a big heap, and keeps one whose job left little", async () => {
    const call = makeCall();
    const small = await runSelfcheck(call.id, "heap-0", { values: [1], holdMiB: 8 });
    const afterSmall = await runSelfcheck(call.id, "heap-1", { values: [1] });
    expect(threadOf(afterSmall)).toBe(threadOf(small));
    const idleBefore = poolStats().idle;
    const big = await runSelfcheck(call.id, "heap-2", { values: [2], holdMiB: 80 });
    expect(big).toMatchObject({ status: "done", result: { total: 2 } });
    expect(poolStats().idle).toBe(idleBefore - 1);
    const afterBig = await runSelfcheck(call.id, "heap-3", { values: [3] });
    expect(afterBig).toMatchObject({ status: "done", result: { total: 3 } });
    expect(threadOf(afterBig)).not.toBe(threadOf(big));
  });

  it("keeps the thread after a computation that throws (it answered), and records the failure", async () => {
    const call = makeCall();
    const warm = await runSelfcheck(call.id, "throw-0", { values: [1] });
    const failed = await runSelfcheck(call.id, "throw-1", { values: [1], fail: true });
    expect(failed).toMatchObject({ status: "failed", error: "The computation failed." });
    const after = await runSelfcheck(call.id, "throw-2", { values: [2] });
    expect(threadOf(after)).toBe(threadOf(warm));
  });

  it("replaces a cancelled job's thread: the next job runs on a new one", async () => {
    const call = makeCall();
    const warm = await runSelfcheck(call.id, "cancel-0", { values: [1] });
    const slow = selfcheck("cancel-1", { values: [1], steps: 2000 });
    const id = await untilRunning(call.id, "cancel-1", slow);
    await cancelJobs("selfcheck", call.id, "Stopped by the test.");
    expect(await waitForJob(id)).toMatchObject({ status: "failed", error: "Stopped by the test." });
    const next = await runSelfcheck(call.id, "cancel-2", { values: [4] });
    expect(next).toMatchObject({ status: "done", result: { total: 4 } });
    expect(threadOf(next)).not.toBe(threadOf(warm));
  });

  it("marks a job whose thread crashed as failed, and still runs the job queued behind it on a new thread", async () => {
    const call = makeCall();
    const warm = await runSelfcheck(call.id, "crash-0", { values: [1] });
    // The runner runs one job at a time (JOBS_CONCURRENCY 1), so the second waits in the queue.
    const crashing = await ensureJob(selfcheck("crash-1", { values: [1], steps: 20, exit: 7 }), call.id, { key: "crash-1" });
    const queued = await ensureJob(selfcheck("crash-2", { values: [5, 6] }), call.id, { key: "crash-2" });
    expect(queued.running?.status).toBe("queued");
    expect(await waitForJob(crashing.running!.id)).toMatchObject({ status: "failed", error: "The computation stopped unexpectedly." });
    const after = await waitForJob(queued.running!.id);
    expect(after).toMatchObject({ status: "done", result: { total: 11 } });
    expect(threadOf(after!)).not.toBe(threadOf(warm));
  });

  it("retires an idle thread whose code's sources changed: the next job runs on a new one", async () => {
    const call = makeCall();
    const warm = await runSelfcheck(call.id, "stale-0", { values: [1] });
    // Point the idle thread's record of its sources at a file of our own, then change that file
    // (editing the project's sources here would make every other test process rebuild its bundle).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-pool-"));
    try {
      const file = path.join(dir, "source.ts");
      fs.writeFileSync(file, "export const a = 1;\n");
      const stamp = () => {
        const stat = fs.statSync(file);
        return `${stat.size}:${stat.mtimeMs}`;
      };
      const [idle] = idleWorkers();
      expect(idle?.sources).toBeTruthy();
      idle!.sources = { root: dir, inputs: { "source.ts": stamp() } };
      const unchanged = await runSelfcheck(call.id, "stale-1", { values: [2] });
      expect(threadOf(unchanged)).toBe(threadOf(warm));

      fs.writeFileSync(file, "export const a = 22;\n");
      const changed = await runSelfcheck(call.id, "stale-2", { values: [3] });
      expect(changed).toMatchObject({ status: "done", result: { total: 3 } });
      expect(threadOf(changed)).not.toBe(threadOf(warm));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
