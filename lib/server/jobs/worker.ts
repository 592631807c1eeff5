/**
 * The worker-thread entry of the background-job runner (./runner.ts starts it with the `tsx`
 * loader, so it runs this TypeScript file directly, under `next start` as under vitest). It runs
 * one job: `workerData` is `{ kind, input }`; it posts `{ type: "progress" }` messages while it
 * runs, then one `{ type: "done", result }` or `{ type: "failed", error }`.
 * No "server-only" here: this is plain Node, outside React Server Components.
 */
import { parentPort, workerData } from "node:worker_threads";
import { isJobKind, JOB_KINDS, type ProgressFn } from "./registry";

export type WorkerMessage =
  | { type: "progress"; fraction: number; message: string }
  | { type: "done"; result: unknown }
  | { type: "failed"; error: string };

async function main() {
  const port = parentPort;
  if (!port) throw new Error("lib/server/jobs/worker.ts must run in a worker thread");
  const post = (message: WorkerMessage) => port.postMessage(message);
  const { kind, input } = workerData as { kind: string; input: unknown };
  try {
    if (!isJobKind(kind)) throw new Error(`Unknown job kind "${kind}"`);
    const progress: ProgressFn = (fraction, message) => post({ type: "progress", fraction: Math.min(1, Math.max(0, fraction)), message });
    const compute = JOB_KINDS[kind] as (input: unknown, progress: ProgressFn) => unknown;
    const result = await compute(input, progress);
    post({ type: "done", result });
  } catch (error) {
    // tsx's stack frames embed the compiled module as a data: URL; keep the log readable.
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    post({ type: "failed", error: stack.split("\n").map((line) => (line.length > 300 ? `${line.slice(0, 300)}…` : line)).join("\n") });
  }
}

void main();
