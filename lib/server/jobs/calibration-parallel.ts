/**
 * "How sure is this ranking?" as the background job runs it: the analysis of
 * lib/domain/calibration/analyse.ts with the chains of its model fits (4 chains × 8 fits: the
 * total and each criterion) spread over this worker thread and helper threads, one per further
 * core. Both sides take the next chain from one shared counter (Atomics on a SharedArrayBuffer),
 * so the faster thread simply does more; each fit is combined as soon as its chains are in.
 * Each chain's draws depend only on its data, options and chain number, so the result is
 * identical to `analyseCalibration` in one thread, whichever thread ran which chain.
 * Runs inside the job worker (./worker.ts): no "server-only", no database.
 */
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { finishCalibration, fitFreeParts, fitMessage, planCalibration, type CalibrationInput, type CalibrationResult, type FitSpec } from "../../domain/calibration/analyse";
import { combineChains, runChain, type ChainDraws, type FitResult } from "../../domain/calibration/gibbs";
import type { ChainMessage, ChainRequest } from "./calibration-chains";
import { startWorker } from "./worker-file";

/**
 * Below this much work (scores × sweeps, all fits) a new helper thread costs more to start than it
 * saves: about 0.1 s to start, and its first chains run on code V8 has not optimised yet.
 */
const HELPER_THRESHOLD = 5_000_000;
/**
 * A warm idle helper (kept from an earlier analysis) costs only a message and a copy of the
 * fits' data, so it takes half the chains of any analysis above this much work (about 50 ms of
 * sampling on a warm thread; a 200 × 3 call is about 9,000,000).
 */
const WARM_HELPER_THRESHOLD = 500_000;

export interface ChainTask {
  fit: number;
  chain: number;
}

export async function analyseCalibrationInParallel(
  input: CalibrationInput,
  progress: (fraction: number, message: string) => void = () => {},
  /** For tests: how many helper threads, and whether this thread runs chains too. */
  options: { helpers?: number; local?: boolean } = {},
): Promise<CalibrationResult> {
  const plan = planCalibration(input);
  const tasks: ChainTask[] = plan.fits.flatMap((spec, fit) => Array.from({ length: spec.options.chains ?? 4 }, (_, chain) => ({ fit, chain })));
  // counter[0]: the next task to take; counter[1]: tasks finished.
  const counter = new Int32Array(new SharedArrayBuffer(8));
  const chainDraws: ChainDraws[][] = plan.fits.map(() => []);
  const results: (FitResult | null)[] = plan.fits.map(() => null);
  const received = new Set<number>();
  const seconds = plan.fits.map(() => 0);

  const accept = (index: number, draws: ChainDraws, chainSeconds: number) => {
    if (received.has(index)) return;
    received.add(index);
    const { fit } = tasks[index]!;
    seconds[fit]! += chainSeconds;
    const spec = plan.fits[fit]!;
    chainDraws[fit]!.push(draws);
    if (chainDraws[fit]!.length === (spec.options.chains ?? 4)) {
      results[fit] = combineChains(spec.observations, spec.options, chainDraws[fit]!);
      chainDraws[fit] = []; // free the draws
    }
  };
  const report = (fit: number) => progress((0.95 * Atomics.load(counter, 1)) / Math.max(1, tasks.length), fitMessage(plan, fit));

  const work = plan.fits.reduce((sum, spec) => sum + spec.observations.y.length * ((spec.options.warmup ?? 0) + (spec.options.draws ?? 0)) * (spec.options.chains ?? 4), 0);
  const cores = Math.min(3, Math.max(0, availableParallelism() - 1));
  const helpers = options.helpers ?? (work >= HELPER_THRESHOLD ? cores : work >= WARM_HELPER_THRESHOLD ? Math.min(cores, idleHelpers.length) : 0);
  const finished = Array.from({ length: helpers }, () => runHelper(plan.fits, tasks, counter, accept));
  // What needs no fit (fragility, ICC bootstraps, …) first, while the helpers start up.
  const parts = fitFreeParts(plan, progress, 0);

  while (options.local ?? true) {
    const index = Atomics.add(counter, 0, 1);
    if (index >= tasks.length) break;
    const { fit, chain } = tasks[index]!;
    const spec = plan.fits[fit]!;
    const started = performance.now();
    const draws = runChain(spec.observations, spec.options, chain);
    Atomics.add(counter, 1, 1);
    accept(index, draws, (performance.now() - started) / 1000);
    report(fit);
    // Let the helpers' finished chains in (and free their memory) between chains.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(finished);
  // A chain a helper took but never returned (the helper failed) runs here.
  tasks.forEach((task, index) => {
    if (received.has(index)) return;
    const spec = plan.fits[task.fit]!;
    const started = performance.now();
    accept(index, runChain(spec.observations, spec.options, task.chain), (performance.now() - started) / 1000);
  });
  return finishCalibration(plan, results as FitResult[], seconds, progress, parts);
}

interface Helper {
  worker: Worker;
  alive: boolean;
}

/**
 * Idle helper threads, kept warm between analyses in this thread (the job thread, itself kept by
 * ./pool.ts), like the job threads: a fresh helper spends much of a small analysis compiling the
 * sampler. Unref'd while idle, so they never keep a thread or process alive; they end with the
 * job thread that started them (which the pool retires when its sources change).
 */
const idleHelpers: Helper[] = [];

function dropHelper(helper: Helper): void {
  helper.alive = false;
  const at = idleHelpers.indexOf(helper);
  if (at >= 0) idleHelpers.splice(at, 1);
}

function takeHelper(): Helper | null {
  for (let helper = idleHelpers.pop(); helper; helper = idleHelpers.pop()) {
    if (!helper.alive) continue;
    helper.worker.ref();
    return helper;
  }
  try {
    // The bundle this thread runs (set by worker-boot.mjs; undefined outside a job thread, e.g. in tests).
    const bundle = (globalThis as { tandemJobsBundle?: string | null }).tandemJobsBundle ?? undefined;
    const helper: Helper = { worker: startWorker({ entry: "calibration-chains", bundle }), alive: true };
    helper.worker.on("error", (error) => {
      console.error("[jobs] a calibration helper thread failed; running its share here", error);
      dropHelper(helper);
    });
    helper.worker.on("exit", () => dropHelper(helper));
    return helper;
  } catch (error) {
    console.error("[jobs] could not start a calibration helper thread; running its share here", error);
    return null;
  }
}

/** Runs chains in one helper thread; resolves when it has taken its last chain and sent every result, or has failed. */
function runHelper(fits: FitSpec[], tasks: ChainTask[], counter: Int32Array, accept: (index: number, draws: ChainDraws, seconds: number) => void): Promise<void> {
  const helper = takeHelper();
  if (!helper) return Promise.resolve();
  const { worker } = helper;
  return new Promise<void>((resolve) => {
    const done = (keep: boolean) => {
      worker.off("message", onMessage);
      worker.off("error", onEnd);
      worker.off("exit", onEnd);
      if (keep && helper.alive) {
        worker.unref();
        idleHelpers.push(helper);
      } else {
        dropHelper(helper);
        void worker.terminate();
      }
      resolve();
    };
    const onMessage = (message: ChainMessage) => {
      if (message.type === "chain") accept(message.index, message.draws, message.seconds);
      else if (message.type === "finished") done(true);
    };
    const onEnd = () => done(false);
    worker.on("message", onMessage);
    worker.on("error", onEnd);
    worker.on("exit", onEnd);
    worker.postMessage({ type: "run", fits, tasks, counter } satisfies ChainRequest);
  });
}
