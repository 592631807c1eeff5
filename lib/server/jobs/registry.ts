/**
 * The computations the background-job runner can run, by kind. This file is loaded inside the
 * worker thread (./worker.ts), so it must stay free of "server-only", the database and Next.js:
 * import only pure code from lib/domain. (It has no `import "server-only"` for that reason.)
 *
 * To add a job kind: add one entry here, `kind: (input, progress) => result`, where `input` and
 * the result are plain JSON-serialisable data (structured clone) and `progress(fraction, message)`
 * reports 0–1 with a short plain-English message. The function may be async. See ./index.ts for
 * how a page requests a job and shows its progress and result.
 */

import { optimalAssignOutcome, type OptimalAssignInput } from "../../domain/assignment-lp";
import { solveSparseModel } from "../solver/highs";
import { solvePortfolioScenario } from "../solver/portfolio";
import { analyseCalibrationInParallel } from "./calibration-parallel";

/** Reports progress from inside a computation: a fraction 0–1 and a short message. */
export type ProgressFn = (fraction: number, message: string) => void;

type Compute = (input: never, progress: ProgressFn) => unknown;

/** A tiny computation used by the runner's own tests: sums `values` in `steps` steps. */
async function selfcheck(input: { values: number[]; steps?: number; fail?: boolean }, progress: ProgressFn) {
  const steps = input.steps ?? 4;
  let total = 0;
  for (let i = 0; i < steps; i++) {
    progress(i / steps, `Step ${i + 1} of ${steps}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  if (input.fail) throw new Error("selfcheck asked to fail");
  for (const v of input.values) total += v;
  progress(1, "Done");
  return { total, threadId: (await import("node:worker_threads")).threadId };
}

/** "Assign automatically" (lib/server/manage/assignments.ts): the optimal LP (lib/domain/assignment-lp.ts) within its time limit. */
function autoAssignment(input: OptimalAssignInput, progress: ProgressFn) {
  return optimalAssignOutcome(input, (model, options) => solveSparseModel(model, options), progress);
}

export const JOB_KINDS = {
  selfcheck,
  /** A portfolio scenario: plan, price of each rule, swaps (lib/server/manage/scenarios.ts). */
  portfolio: solvePortfolioScenario,
  autoAssignment,
  /** "How sure is this ranking?" (lib/domain/calibration/analyse.ts; chains spread over threads). */
  calibration: analyseCalibrationInParallel,
} satisfies Record<string, Compute>;

export type JobKind = keyof typeof JOB_KINDS;
export type JobInput<K extends JobKind> = Parameters<(typeof JOB_KINDS)[K]>[0];
export type JobResult<K extends JobKind> = Awaited<ReturnType<(typeof JOB_KINDS)[K]>>;

export function isJobKind(kind: string): kind is JobKind {
  return Object.hasOwn(JOB_KINDS, kind);
}
