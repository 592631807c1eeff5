/**
 * A helper thread of ./calibration-parallel.ts. It stays alive between analyses (warm, like the
 * job threads of ./pool.ts): for each `{ type: "run", fits, tasks, counter }` it takes the next
 * chain from the shared counter, runs it and sends its draws back (moved, not copied), until none
 * are left, then says it has finished.
 */
import { parentPort } from "node:worker_threads";
import type { FitSpec } from "../../domain/calibration/analyse";
import { runChain, type ChainDraws } from "../../domain/calibration/gibbs";
import type { ChainTask } from "./calibration-parallel";
import { releaseMemory } from "./release-memory";

export type ChainRequest = { type: "run"; fits: FitSpec[]; tasks: ChainTask[]; counter: Int32Array };
export type ChainMessage = { type: "chain"; index: number; draws: ChainDraws; seconds: number } | { type: "finished" } | { type: "loaded" };

const port = parentPort!;
port.on("message", (message: ChainRequest) => {
  if (message.type !== "run") return;
  const { fits, tasks, counter } = message;
  for (;;) {
    const index = Atomics.add(counter, 0, 1);
    if (index >= tasks.length) break;
    const { fit, chain } = tasks[index]!;
    const started = performance.now();
    const draws = runChain(fits[fit]!.observations, fits[fit]!.options, chain);
    const seconds = (performance.now() - started) / 1000;
    Atomics.add(counter, 1, 1);
    const transfer = [draws.calibrated.buffer, draws.leniency.buffer, draws.scalars.buffer, ...(draws.ranks ? [draws.ranks.buffer] : [])] as ArrayBuffer[];
    port.postMessage({ type: "chain", index, draws, seconds } satisfies ChainMessage, transfer);
  }
  port.postMessage({ type: "finished" } satisfies ChainMessage);
  setImmediate(releaseMemory);
});
