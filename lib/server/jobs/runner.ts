import "server-only";
import type { Worker } from "node:worker_threads";
import { and, eq, inArray, lt } from "drizzle-orm";
import { backgroundJobs } from "@/db/schema";
import { transaction, type Tx } from "@/db/transaction";
import type { JobKind } from "./registry";
import { discardWorker, giveBack, takeWorker, type PooledWorker } from "./pool";
import type { WorkerMessage, WorkerRequest } from "./worker";

/**
 * Runs jobs in worker threads, one queue per server process (see ./index.ts for the overview).
 *
 * How the worker runs TypeScript: each worker thread starts on the plain JavaScript file
 * `lib/server/jobs/worker-boot.mjs`, found from the working directory (`npm start`, `next start`,
 * vitest and the scripts all run from the project root), never through Next's bundler. That file
 * runs worker.ts and its imports (with the tsconfig `@/` paths) bundled by esbuild into
 * node_modules/.cache/tandem-jobs (rebuilt when a source file changes; tsx's `tsImport` if that
 * fails), and the registry imports only the running kind's module. So the same source runs under
 * `next start`, vitest and `npm run bench`; tsx (and its esbuild) is a runtime dependency.
 * The threads are kept between jobs (./pool.ts): a job is handed to a warm idle thread by
 * message; cancelling or timing out terminates the job's thread and the pool starts a new one for
 * the next job.
 */

/** How many workers run at once in this process (the rest wait in the queue). */
const CONCURRENCY = Math.max(1, Number(process.env.JOBS_CONCURRENCY ?? 1) || 1);
/** A worker still running after this long is stopped and its job marked failed. */
const TIMEOUT_MS = Math.max(1000, Number(process.env.JOBS_TIMEOUT_MS ?? 10 * 60 * 1000) || 600_000);
/** Progress is written to SQLite at most this often. */
const PROGRESS_WRITE_MS = 250;

/**
 * Turns a worker's result into the job's outcome inside the transaction that marks the job
 * finished, in the server process: a job whose result must be written to the database (automatic
 * assignment) writes it here, so the writes and "done" commit together or not at all. It also sees
 * a worker's failure or time-out (to audit it). Not called for a cancelled run.
 */
export type JobOutcome = { status: "done"; result: unknown } | { status: "failed"; error: string };
export type Finalize = (tx: Tx, reported: JobOutcome) => Promise<JobOutcome>;

interface ActiveJob {
  id: number;
  kind: JobKind;
  input: unknown;
  finalize: Finalize | undefined;
  worker: Worker | null;
  started: boolean;
  settled: Promise<void>;
  settle: () => void;
  cancelled: boolean;
}

// On globalThis so route handlers and pages (which Next may bundle separately) share one queue.
interface RunnerState {
  active: Map<number, ActiveJob>;
  queue: ActiveJob[];
  running: number;
}
const holder = globalThis as unknown as { tandemJobs?: RunnerState };
const state: RunnerState = (holder.tandemJobs ??= { active: new Map(), queue: [], running: 0 });

/** True when this process is running or holding the job in its queue. */
export function isActive(jobId: number): boolean {
  return state.active.has(jobId);
}

/** Resolves when the job (queued or running in this process) has finished, failed or was cancelled. */
export function jobSettled(jobId: number): Promise<void> {
  return state.active.get(jobId)?.settled ?? Promise.resolve();
}

/** Queues a job row that is already stored with status "queued". */
export function enqueue(id: number, kind: JobKind, input: unknown, finalize?: Finalize): void {
  let settle = () => {};
  const settled = new Promise<void>((resolve) => (settle = resolve));
  const job: ActiveJob = { id, kind, input, finalize, worker: null, started: false, settled, settle, cancelled: false };
  state.active.set(id, job);
  state.queue.push(job);
  pump();
}

/** Stops a queued or running job (its row is marked failed with `reason`). */
export async function cancel(jobId: number, reason: string): Promise<void> {
  const job = state.active.get(jobId);
  if (job) {
    job.cancelled = true;
    state.queue = state.queue.filter((j) => j !== job);
    await job.worker?.terminate();
  }
  await finish(jobId, { status: "failed", error: reason });
  if (job) release(job);
}

function pump(): void {
  while (state.running < CONCURRENCY && state.queue.length > 0) {
    const job = state.queue.shift()!;
    job.started = true;
    state.running++;
    void run(job);
  }
}

function release(job: ActiveJob): void {
  if (!state.active.delete(job.id)) return;
  if (job.started) state.running--;
  job.settle();
  pump();
}

async function update(id: number, values: Partial<typeof backgroundJobs.$inferInsert>): Promise<void> {
  await transaction(async (tx) => {
    await tx
      .update(backgroundJobs)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(backgroundJobs.id, id), inArray(backgroundJobs.status, ["queued", "running"])));
  });
}

async function finish(id: number, reported: JobOutcome, finalize?: Finalize): Promise<void> {
  const now = new Date();
  await transaction(async (tx) => {
    const [current] = await tx.select({ status: backgroundJobs.status }).from(backgroundJobs).where(eq(backgroundJobs.id, id));
    const pending = current?.status === "queued" || current?.status === "running";
    const outcome = finalize && pending ? await finalize(tx, reported) : reported;
    const values =
      outcome.status === "done"
        ? { status: "done" as const, progress: 1, message: "Done", result: outcome.result, finishedAt: now, updatedAt: now }
        : { status: "failed" as const, error: outcome.error, finishedAt: now, updatedAt: now };
    const [row] = await tx
      .update(backgroundJobs)
      .set(values)
      .where(and(eq(backgroundJobs.id, id), inArray(backgroundJobs.status, ["queued", "running"])))
      .returning({ kind: backgroundJobs.kind, callId: backgroundJobs.callId, key: backgroundJobs.key });
    if (row && outcome.status === "done") {
      // Keep only the newest result of a kind per call (and anything queued or running).
      await tx
        .delete(backgroundJobs)
        .where(
          and(
            eq(backgroundJobs.kind, row.kind),
            eq(backgroundJobs.callId, row.callId),
            eq(backgroundJobs.key, row.key),
            lt(backgroundJobs.id, id),
            inArray(backgroundJobs.status, ["done", "failed"]),
          ),
        );
    }
  });
}

type WorkerOutcome = { status: "done"; result: unknown; heapBytes: number } | { status: "failed"; error: string; detail: string; healthy: boolean };

async function run(job: ActiveJob): Promise<void> {
  let lastWrite = 0;
  let pendingProgress: { fraction: number; message: string } | null = null;
  let timer: NodeJS.Timeout | null = null;
  let pooled: PooledWorker | null = null;
  try {
    await update(job.id, { status: "running", startedAt: new Date(), progress: 0, message: "Starting" });
    if (job.cancelled) return;
    pooled = takeWorker();
    const { worker } = pooled;
    job.worker = worker;
    const listeners: { message: (m: WorkerMessage) => void; error: (e: Error) => void; exit: (code: number) => void } = {
      message: () => {},
      error: () => {},
      exit: () => {},
    };
    const outcome = await new Promise<WorkerOutcome>((resolve) => {
      timer = setTimeout(() => {
        void worker.terminate();
        resolve({ status: "failed", error: "The computation took too long and was stopped.", detail: `timeout after ${TIMEOUT_MS} ms`, healthy: false });
      }, TIMEOUT_MS);
      listeners.message = (message) => {
        if (message.type === "loaded" || message.job !== job.id) return;
        if (message.type === "progress") {
          pendingProgress = { fraction: message.fraction, message: message.message };
          const now = Date.now();
          if (now - lastWrite >= PROGRESS_WRITE_MS) {
            lastWrite = now;
            const p = pendingProgress;
            pendingProgress = null;
            void update(job.id, { progress: p.fraction, message: p.message }).catch((error: unknown) =>
              console.error(`[jobs] could not record progress of job ${job.id}`, error),
            );
          }
        } else if (message.type === "done") resolve({ status: "done", result: message.result, heapBytes: message.heapBytes });
        else resolve({ status: "failed", error: "The computation failed.", detail: message.error, healthy: true });
      };
      listeners.error = (error) => resolve({ status: "failed", error: "The computation failed.", detail: error.stack ?? String(error), healthy: false });
      listeners.exit = (code) =>
        resolve({
          status: "failed",
          error: job.cancelled ? "Stopped." : "The computation stopped unexpectedly.",
          detail: `worker exited with code ${code}`,
          healthy: false,
        });
      worker.on("message", listeners.message);
      worker.on("error", listeners.error);
      worker.on("exit", listeners.exit);
      worker.postMessage({ type: "run", job: job.id, kind: job.kind, input: job.input } satisfies WorkerRequest);
    });
    worker.off("message", listeners.message);
    worker.off("error", listeners.error);
    worker.off("exit", listeners.exit);
    job.worker = null;
    // A thread that answered is kept warm for the next job unless its job left it holding a big
    // heap (./pool.ts); one that was stopped, crashed or exited is dropped (the next job starts a
    // fresh one).
    if (!job.cancelled && (outcome.status === "done" || outcome.healthy)) giveBack(pooled, outcome.status === "done" ? outcome.heapBytes : 0);
    else discardWorker(pooled);
    pooled = null;
    if (job.cancelled) return;
    if (outcome.status === "failed") console.error(`[jobs] job ${job.id} (${job.kind}) failed: ${outcome.detail}`);
    await finish(job.id, outcome.status === "done" ? { status: "done", result: outcome.result } : { status: "failed", error: outcome.error }, job.finalize);
  } catch (error) {
    console.error(`[jobs] job ${job.id} (${job.kind}) could not run`, error);
    if (pooled) discardWorker(pooled);
    await finish(job.id, { status: "failed", error: "The computation could not be started." }).catch(() => {});
  } finally {
    if (timer) clearTimeout(timer);
    release(job);
  }
}

/** Rows stored as queued or running that no worker in this process holds (e.g. after a restart). */
export async function abandonOrphans(ids: number[]): Promise<void> {
  const orphans = ids.filter((id) => !isActive(id));
  for (const id of orphans) await finish(id, { status: "failed", error: "The computation was interrupted (the server restarted)." });
}
