/**
 * The worker-thread entry of the background-job runner (./pool.ts starts it through
 * worker-boot.mjs, so the same code runs under `next start`, vitest and the scripts). The thread
 * stays alive between jobs: it runs each `{ type: "run", job, kind, input }` message it is sent,
 * one at a time, posting `{ type: "progress" }` messages while it runs, then one
 * `{ type: "done", result }` or `{ type: "failed", error }`. Keeping it means the second and later
 * jobs run on code V8 has already compiled and optimised (a fresh thread spends more than half of
 * a 200-proposal calibration warming up).
 * No "server-only" here: this is plain Node, outside React Server Components.
 */
import v8 from "node:v8";
import { parentPort } from "node:worker_threads";
import { isJobKind, JOB_KINDS, type ProgressFn } from "./registry";
import { releaseMemory } from "./release-memory";

export type WorkerRequest = { type: "run"; job: number; kind: string; input: unknown };

export type WorkerMessage =
  | { type: "progress"; job: number; fraction: number; message: string }
  /** `heapBytes`: what the job left this thread's heap holding (./pool.ts keeps a thread warm only below a limit). */
  | { type: "done"; job: number; result: unknown; heapBytes: number }
  | { type: "failed"; job: number; error: string }
  /** Posted once by worker-boot.mjs when the code is loaded (see there). */
  | { type: "loaded"; sources: { root: string; inputs: Record<string, string> } | null };

async function run(port: NonNullable<typeof parentPort>, { job, kind, input }: WorkerRequest) {
  const post = (message: WorkerMessage) => port.postMessage(message);
  try {
    if (!isJobKind(kind)) throw new Error(`Unknown job kind "${kind}"`);
    const progress: ProgressFn = (fraction, message) => post({ type: "progress", job, fraction: Math.min(1, Math.max(0, fraction)), message });
    const compute = JOB_KINDS[kind] as (input: unknown, progress: ProgressFn) => unknown;
    const result = await compute(input, progress);
    post({ type: "done", job, result, heapBytes: heapBytes() });
  } catch (error) {
    // tsx's stack frames embed the compiled module as a data: URL; keep the log readable.
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    post({ type: "failed", job, error: stack.split("\n").map((line) => (line.length > 300 ? `${line.slice(0, 300)}…` : line)).join("\n") });
  }
  // After the answer is on its way, so the job is not kept waiting for it.
  setImmediate(releaseMemory);
}

/** The thread's V8 heap plus the typed arrays' memory outside it, as the job left them. */
function heapBytes(): number {
  const heap = v8.getHeapStatistics();
  return heap.total_heap_size + heap.external_memory;
}

const port = parentPort;
if (!port) throw new Error("lib/server/jobs/worker.ts must run in a worker thread");
// The pool sends the next job only after this one's answer, so jobs never overlap in a thread.
port.on("message", (message: WorkerRequest) => {
  if (message.type === "run") void run(port, message);
});
