import { describe, expect, it, vi } from "vitest";
import { ensureJob, waitForJob, type JobDefinition } from "@/lib/server/jobs";
import { makeCall, setupTempDatabase } from "../support/temp-db";

// The runner reads its time limit once, when it is first imported.
vi.hoisted(() => {
  process.env.JOBS_TIMEOUT_MS = "2000";
});

setupTempDatabase();

const selfcheck = (key: string, input: { values: number[]; steps?: number }): JobDefinition<"selfcheck"> => ({
  kind: "selfcheck",
  permission: "ranking:read",
  dataVersion: async () => key,
  input: async () => input,
});

describe("a job over the runner's time limit (real SQLite)", { timeout: 60_000 }, () => {
  it("is stopped and marked failed, and the next job runs on a new thread", async () => {
    const call = makeCall();
    const warm = await waitForJob((await ensureJob(selfcheck("t-0", { values: [1] }), call.id, { key: "t-0" })).running!.id);
    // 2,000 steps of at least 5 ms each: far over the 2 s limit.
    const slow = await waitForJob((await ensureJob(selfcheck("t-1", { values: [1], steps: 2000 }), call.id, { key: "t-1" })).running!.id);
    expect(slow).toMatchObject({ status: "failed", error: "The computation took too long and was stopped." });
    const next = await waitForJob((await ensureJob(selfcheck("t-2", { values: [2, 3] }), call.id, { key: "t-2" })).running!.id);
    expect(next).toMatchObject({ status: "done", result: { total: 5 } });
    expect((next!.result as { threadId: number }).threadId).not.toBe((warm!.result as { threadId: number }).threadId);
  });
});
