import { describe, expect, it } from "vitest";
import { ensureJob, jobView, waitForJob, type JobDefinition } from "@/lib/server/jobs";
import { makeCall, setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

function selfcheck(version: { value: string }, input: { values: number[]; fail?: boolean }): JobDefinition<"selfcheck"> {
  return {
    kind: "selfcheck",
    permission: "ranking:read",
    dataVersion: async () => version.value,
    input: async () => input,
  };
}

describe("background jobs", () => {
  it("runs a computation in a worker thread and stores its result with the data version", async () => {
    const call = makeCall();
    const version = { value: "v1" };
    const definition = selfcheck(version, { values: [1, 2, 3.5] });
    const first = await ensureJob(definition, call.id);
    expect(first.result).toBeNull();
    expect(first.running).toMatchObject({ current: true });
    const row = await waitForJob(first.running!.id);
    expect(row).toMatchObject({ status: "done", progress: 1, dataVersion: "v1" });

    const done = await ensureJob(definition, call.id);
    expect(done.fresh).toBe(true);
    expect(done.running).toBeNull();
    expect(done.result?.total).toBe(6.5);
    // It ran in a worker, not on the main thread (thread 0 in this process).
    expect(done.result?.threadId).toBeGreaterThan(0);
  });

  it("keeps the old result, marked stale, and recomputes when the data version changes", async () => {
    const call = makeCall();
    const version = { value: "v1" };
    const input = { values: [1] };
    const definition = selfcheck(version, input);
    await waitForJob((await ensureJob(definition, call.id)).running!.id);

    version.value = "v2";
    input.values = [2, 2];
    const stale = await ensureJob(definition, call.id);
    expect(stale.fresh).toBe(false);
    expect(stale.result?.total).toBe(1);
    expect(stale.running).toMatchObject({ current: true });
    await waitForJob(stale.running!.id);

    const fresh = await jobView(definition, call.id);
    expect(fresh).toMatchObject({ fresh: true, running: null, result: { total: 4 } });
  });

  it("records a failure with a plain message and does not retry it until asked", async () => {
    const call = makeCall();
    const definition = selfcheck({ value: "v1" }, { values: [1], fail: true });
    const started = await ensureJob(definition, call.id);
    const row = await waitForJob(started.running!.id);
    expect(row).toMatchObject({ status: "failed", error: "The computation failed." });

    const after = await ensureJob(definition, call.id);
    expect(after.running).toBeNull();
    expect(after.failure?.message).toBe("The computation failed.");

    const retried = await ensureJob(definition, call.id, { retry: true });
    expect(retried.running).not.toBeNull();
    await waitForJob(retried.running!.id);
  });
});
