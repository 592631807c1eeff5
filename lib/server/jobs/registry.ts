/**
 * The computations the background-job runner can run, by kind. This file is loaded inside the
 * worker thread (./worker.ts), so it must stay free of "server-only", the database and Next.js:
 * import only pure code from lib/domain. (It has no `import "server-only"` for that reason.)
 *
 * To add a job kind: add one entry here, `kind: (input, progress) => result`, where `input` and
 * the result are plain JSON-serialisable data (structured clone) and `progress(fraction, message)`
 * reports 0–1 with a short plain-English message. The function may be async. Import its module
 * with `lazy(() => import(…))` (see JOB_KINDS), not at the top of this file, so that other kinds'
 * workers do not load it. See ./index.ts for how a page requests a job and shows its progress and
 * result.
 */

import type { OptimalAssignInput } from "../../domain/assignment-model";

/** Reports progress from inside a computation: a fraction 0–1 and a short message. */
export type ProgressFn = (fraction: number, message: string) => void;

type Compute = (input: never, progress: ProgressFn) => unknown;

/**
 * A tiny computation used by the runner's own tests: sums `values` in `steps` steps. `fail` throws
 * (the thread survives); `exit` ends the thread with that code half-way through, as a crash would.
 */
async function selfcheck(input: { values: number[]; steps?: number; fail?: boolean; exit?: number; holdMiB?: number }, progress: ProgressFn) {
  // Kept by the thread after the job, like a big job's heap (./pool.ts decides whether to keep the thread warm).
  if (input.holdMiB) (globalThis as { selfcheckHeld?: Float64Array }).selfcheckHeld = new Float64Array(input.holdMiB * 131_072).fill(1);
  const steps = input.steps ?? 4;
  let total = 0;
  for (let i = 0; i < steps; i++) {
    progress(i / steps, `Step ${i + 1} of ${steps}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (input.exit !== undefined && i === Math.floor(steps / 2)) process.exit(input.exit);
  }
  if (input.fail) throw new Error("selfcheck asked to fail");
  for (const v of input.values) total += v;
  progress(1, "Done");
  return { total, threadId: (await import("node:worker_threads")).threadId };
}

/** "Assign automatically" (lib/server/manage/assignments.ts): the optimal min-cost flow (lib/domain/assignment-flow.ts) within its time limit. */
async function autoAssignment(input: OptimalAssignInput, progress: ProgressFn) {
  const [{ optimalAssignFlow }, { assignOutcome }] = await Promise.all([import("../../domain/assignment-flow"), import("../../domain/assignment-model")]);
  return assignOutcome(() => optimalAssignFlow(input, progress));
}

/**
 * Each kind's computation, imported only when that kind runs: a worker thread loads only its own
 * job's code (worker-boot.mjs bundles each dynamic import below as its own chunk), so starting
 * a calibration does not load HiGHS, and the other way round.
 */
const lazy =
  <I, R>(load: () => Promise<(input: I, progress: ProgressFn) => R>) =>
  async (input: I, progress: ProgressFn): Promise<Awaited<R>> =>
    await (await load())(input, progress);

export const JOB_KINDS = {
  selfcheck,
  /** A portfolio scenario: plan, price of each rule, swaps (lib/server/manage/scenarios.ts). */
  portfolio: lazy(async () => (await import("../solver/portfolio")).solvePortfolioScenario),
  autoAssignment,
  /** "How sure is this ranking?" (lib/domain/calibration/analyse.ts; chains spread over threads). */
  calibration: lazy(async () => (await import("./calibration-parallel")).analyseCalibrationInParallel),
} satisfies Record<string, Compute>;

export type JobKind = keyof typeof JOB_KINDS;
export type JobInput<K extends JobKind> = Parameters<(typeof JOB_KINDS)[K]>[0];
export type JobResult<K extends JobKind> = Awaited<ReturnType<(typeof JOB_KINDS)[K]>>;

export function isJobKind(kind: string): kind is JobKind {
  return Object.hasOwn(JOB_KINDS, kind);
}
