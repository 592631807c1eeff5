import "server-only";
import fs from "node:fs";
import path from "node:path";
import type { Worker } from "node:worker_threads";
import type { WorkerMessage } from "./worker";
import { startWorker } from "./worker-file";

/**
 * The job runner's warm worker threads (./runner.ts takes one per running job). A thread that
 * finished a job waits, idle, for the next one instead of exiting: a fresh thread spends most of a
 * small calibration compiling and optimising the sampler (V8's JIT), and the 200-proposal analysis
 * of issue 9 fits in its second of wall time only on a warm thread. What stays true:
 * - a thread that is terminated (cancel, time-out), crashes or exits is never handed out again;
 *   the next job starts a new one;
 * - a thread runs code only while the sources its bundle was built from are unchanged (checked,
 *   size and modification time as worker-boot.mjs does, each time it is handed out): under
 *   `next dev` an edit retires the warm threads instead of letting them run the old code; under
 *   vitest and `next start` the sources do not change, so every check passes;
 * - an idle thread is unref'd: it never keeps a script, a test file or the server process alive.
 * Each thread runs one job at a time; the runner's concurrency limit bounds how many there are.
 */

export type LoadedSources = { root: string; inputs: Record<string, string> } | null;

export interface PooledWorker {
  worker: Worker;
  /** Set by the thread's "loaded" message; undefined until then, null when it was compiled by tsx (never reused). */
  sources: LoadedSources | undefined;
  /** False once it exited, crashed or was terminated. */
  alive: boolean;
  /** How many jobs it was handed (for tests and the bench). */
  jobs: number;
}

// On globalThis like the runner's queue, so every bundle of the server shares one pool.
const holder = globalThis as unknown as { tandemJobPool?: { idle: PooledWorker[]; started: number } };
const pool = (holder.tandemJobPool ??= { idle: [], started: 0 });

function start(): PooledWorker {
  const pooled: PooledWorker = { worker: startWorker({ entry: "worker" }), sources: undefined, alive: true, jobs: 0 };
  pool.started++;
  pooled.worker.on("message", (message: WorkerMessage) => {
    if (message.type === "loaded") pooled.sources = message.sources;
  });
  // Always listened to, so a thread failing while idle is dropped instead of throwing in this process.
  pooled.worker.on("error", () => retire(pooled));
  pooled.worker.on("exit", () => retire(pooled));
  return pooled;
}

function retire(pooled: PooledWorker): void {
  pooled.alive = false;
  const at = pool.idle.indexOf(pooled);
  if (at >= 0) pool.idle.splice(at, 1);
}

/** True when every source file the thread's code was bundled from is as it was. */
function current(sources: LoadedSources | undefined): boolean {
  if (!sources) return false;
  try {
    for (const [file, stamp] of Object.entries(sources.inputs)) {
      const stat = fs.statSync(path.join(sources.root, file));
      if (`${stat.size}:${stat.mtimeMs}` !== stamp) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/** A warm idle thread whose code is current, else a new one; it keeps the process alive until given back. */
export function takeWorker(): PooledWorker {
  for (let pooled = pool.idle.pop(); pooled; pooled = pool.idle.pop()) {
    if (pooled.alive && current(pooled.sources)) {
      pooled.worker.ref();
      pooled.jobs++;
      return pooled;
    }
    discardWorker(pooled);
  }
  const pooled = start();
  pooled.jobs++;
  return pooled;
}

/**
 * A thread whose job left its heap above this is ended rather than kept. Keeping a thread warm
 * pays off for small jobs (a 200-proposal calibration leaves 20–32 MiB and runs in a second only
 * when warm); a 5,000-proposal calibration leaves 160 MiB, which V8 does not hand back even after
 * the full collection of release-memory.ts, and its thread's helper another 100 MiB. So the server
 * stayed at 590 MiB after such an analysis, against the < 400 MiB goal of issue 12, for a saving of
 * a few tenths of a second on a job that takes ten. Ending the thread gives its memory back to the
 * system (with the helper threads it started, which end with it).
 */
export const WARM_HEAP_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Keeps a thread that answered its job for the next one (idle threads do not keep the process
 * alive), unless the job left it holding more than WARM_HEAP_LIMIT_BYTES (`heapBytes`, as the
 * thread reported it).
 */
export function giveBack(pooled: PooledWorker, heapBytes = 0): void {
  if (!pooled.alive || pooled.sources === null || heapBytes > WARM_HEAP_LIMIT_BYTES) return discardWorker(pooled);
  pooled.worker.unref();
  pool.idle.push(pooled);
}

/** Stops a thread for good (its job was cancelled or timed out, or it cannot be reused). */
export function discardWorker(pooled: PooledWorker): void {
  retire(pooled);
  void pooled.worker.terminate();
}

/** Threads started so far and threads idle now (for tests and the bench). */
export function poolStats(): { started: number; idle: number } {
  return { started: pool.started, idle: pool.idle.length };
}

/** The idle threads (for tests). */
export function idleWorkers(): readonly PooledWorker[] {
  return pool.idle;
}

/** Ends every idle thread, so the next job starts on a fresh one (the bench's cold figure). */
export async function closeIdleWorkers(): Promise<void> {
  const idle = pool.idle.splice(0);
  await Promise.all(idle.map((pooled) => ((pooled.alive = false), pooled.worker.terminate())));
}
