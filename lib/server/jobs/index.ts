import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { backgroundJobs, type BackgroundJobRow } from "@/db/schema";
import { transaction } from "@/db/transaction";
import type { Permission } from "@/lib/domain/permissions";
import type { JobInput, JobKind, JobResult } from "./registry";
import { abandonOrphans, cancel, enqueue, isActive, jobSettled, type Finalize } from "./runner";

/**
 * Background jobs: long computations (calibration fits, portfolio optimisation, LP assignment)
 * run in a Node worker thread, never on the request path. Each run is a `background_jobs` row:
 * kind, call, key, status (queued → running → done | failed), progress 0–1 with a message, the
 * data version it was computed from, its JSON result or a plain error message, timestamps.
 *
 * Freshness: a result is stored with the data version it was computed from (for most kinds
 * `callDataVersion(callId)`, a hash of the call's scores, assignments and rubric; see
 * ./data-version.ts). When a page asks for the result and the call's version has changed, the
 * old result is still returned (marked not fresh) and a new run starts; a run for an older
 * version that is still going is cancelled.
 *
 * Adding a job kind takes three steps:
 * 1. The computation: a pure function in lib/domain, `(input, progress) => result` (or a
 *    promise), with JSON-like input and result. Register it in ./registry.ts (that file runs in
 *    the worker, so it must not import server-only code or the database).
 * 2. A `JobDefinition` next to your data-layer code (e.g. lib/server/manage/calibration.ts):
 *    the permission to see it, how to compute the data version, and how to load the input.
 *    Add it to ./definitions.ts so the progress route (GET /manage/calls/[id]/jobs/[kind])
 *    can answer for it.
 * 3. In your page: `const view = await ensureJob(definition, callId)` (inside your permission
 *    check); render `view.result` and, while `view.running`, `<JobProgress>` from
 *    components/jobs/JobProgress.tsx, which polls the route and refreshes the page when done.
 * Tests and scripts can await `waitForJob(view.running.id)`.
 */

export interface JobDefinition<K extends JobKind> {
  kind: K;
  /** Who may see the job's progress (checked by the progress route). */
  permission: Permission;
  /** The version of the data the computation reads; changes whenever its result would. */
  dataVersion(callId: number, key: string): Promise<string>;
  /** Loads the computation's input (read-only; plain data for the worker). */
  input(callId: number, key: string): Promise<JobInput<K>>;
}

export interface RunningJob {
  id: number;
  status: "queued" | "running";
  progress: number;
  message: string;
  /** True when this run computes the current data version. */
  current: boolean;
}

export interface JobView<R> {
  kind: JobKind;
  callId: number;
  key: string;
  /** The call's data version now. */
  dataVersion: string;
  /** The newest finished result, whatever version it came from (null when none). */
  result: R | null;
  /** When `result` was computed, and whether from the current data version. */
  computedAt: Date | null;
  fresh: boolean;
  running: RunningJob | null;
  /** Set when the newest run for the current data version failed (it is not retried automatically). */
  failure: { id: number; message: string; at: Date } | null;
}

async function rowsOf(kind: JobKind, callId: number, key: string): Promise<BackgroundJobRow[]> {
  return getDb()
    .select()
    .from(backgroundJobs)
    .where(and(eq(backgroundJobs.kind, kind), eq(backgroundJobs.callId, callId), eq(backgroundJobs.key, key)))
    .orderBy(desc(backgroundJobs.id));
}

const isPending = (row: BackgroundJobRow) => row.status === "queued" || row.status === "running";

function viewOf<K extends JobKind>(kind: K, callId: number, key: string, dataVersion: string, rows: BackgroundJobRow[]): JobView<JobResult<K>> {
  const done = rows.find((r) => r.status === "done");
  const pending = rows.find(isPending);
  const newestForVersion = rows.find((r) => r.dataVersion === dataVersion);
  return {
    kind,
    callId,
    key,
    dataVersion,
    result: done ? (done.result as JobResult<K>) : null,
    computedAt: done?.finishedAt ?? null,
    fresh: done?.dataVersion === dataVersion,
    running: pending
      ? {
          id: pending.id,
          status: pending.status as "queued" | "running",
          progress: pending.progress,
          message: pending.message,
          current: pending.dataVersion === dataVersion,
        }
      : null,
    failure:
      newestForVersion?.status === "failed"
        ? { id: newestForVersion.id, message: newestForVersion.error ?? "The computation failed.", at: newestForVersion.finishedAt ?? newestForVersion.updatedAt }
        : null,
  };
}

/** Stores a new run as queued; returns its id. */
async function insertQueued(kind: JobKind, callId: number, key: string, dataVersion: string, requestedBy: number | undefined): Promise<number> {
  const now = new Date();
  return transaction(async (tx) => {
    const [row] = await tx
      .insert(backgroundJobs)
      .values({ kind, callId, key, dataVersion, status: "queued", message: "Waiting to start", requestedBy: requestedBy ?? null, updatedAt: now })
      .returning({ id: backgroundJobs.id });
    return row!.id;
  });
}

/**
 * The job's state for a call, starting a run when the stored result is missing or stale and no
 * run for the current data version is queued, running or has failed. `retry` starts a new run
 * even after a failure. Call it after the permission and record checks.
 */
export async function ensureJob<K extends JobKind>(
  definition: JobDefinition<K>,
  callId: number,
  options: { key?: string; requestedBy?: number; retry?: boolean } = {},
): Promise<JobView<JobResult<K>>> {
  const { kind } = definition;
  const key = options.key ?? "";
  const dataVersion = await definition.dataVersion(callId, key);
  let rows = await rowsOf(kind, callId, key);

  // Rows left queued or running by a process that is gone, and runs for data that has changed.
  const orphans = rows.filter((r) => isPending(r) && !isActive(r.id)).map((r) => r.id);
  if (orphans.length > 0) await abandonOrphans(orphans);
  for (const r of rows) if (isPending(r) && isActive(r.id) && r.dataVersion !== dataVersion) await cancel(r.id, "Superseded: the data changed.");
  if (orphans.length > 0 || rows.some((r) => isPending(r) && r.dataVersion !== dataVersion)) rows = await rowsOf(kind, callId, key);

  const view = viewOf(kind, callId, key, dataVersion, rows);
  if (view.fresh || view.running || (view.failure && !options.retry)) return view;

  const input = await definition.input(callId, key);
  const id = await insertQueued(kind, callId, key, dataVersion, options.requestedBy);
  enqueue(id, kind, input);
  return viewOf(kind, callId, key, dataVersion, await rowsOf(kind, callId, key));
}

/**
 * Starts a run on request, whatever is stored (for a job that changes data rather than caching a
 * computation, such as automatic assignment), unless one for the same call and key is already
 * queued or running in this process: then that run's id is returned. `finalize` runs in the server
 * process when the worker is done (see ./runner.ts). Call it after the permission and record checks.
 */
export async function startJob<K extends JobKind>(
  definition: JobDefinition<K>,
  callId: number,
  input: JobInput<K>,
  options: { key?: string; requestedBy?: number; finalize?: Finalize } = {},
): Promise<{ id: number; started: boolean }> {
  const { kind } = definition;
  const key = options.key ?? "";
  const rows = await rowsOf(kind, callId, key);
  const orphans = rows.filter((r) => isPending(r) && !isActive(r.id)).map((r) => r.id);
  if (orphans.length > 0) await abandonOrphans(orphans);
  const running = rows.find((r) => isPending(r) && isActive(r.id));
  if (running) return { id: running.id, started: false };
  const id = await insertQueued(kind, callId, key, await definition.dataVersion(callId, key), options.requestedBy);
  enqueue(id, kind, input, options.finalize);
  return { id, started: true };
}

/** The stored state without starting anything (for status checks). */
export async function jobView<K extends JobKind>(definition: JobDefinition<K>, callId: number, key = ""): Promise<JobView<JobResult<K>>> {
  const dataVersion = await definition.dataVersion(callId, key);
  return viewOf(definition.kind, callId, key, dataVersion, await rowsOf(definition.kind, callId, key));
}

/** Resolves once a run queued or running in this process has finished (for tests and scripts). */
export async function waitForJob(jobId: number): Promise<BackgroundJobRow | undefined> {
  await jobSettled(jobId);
  const [row] = await getDb().select().from(backgroundJobs).where(eq(backgroundJobs.id, jobId));
  return row;
}

/** Stops every run of a call's job kind that is queued or running in this process. */
export async function cancelJobs(kind: JobKind, callId: number, reason = "Stopped."): Promise<void> {
  const rows = await getDb()
    .select({ id: backgroundJobs.id })
    .from(backgroundJobs)
    .where(and(eq(backgroundJobs.kind, kind), eq(backgroundJobs.callId, callId), inArray(backgroundJobs.status, ["queued", "running"])));
  for (const r of rows) await cancel(r.id, reason);
}

export { callDataVersion, jobVersion } from "./data-version";
export type { JobKind, JobInput, JobResult } from "./registry";
