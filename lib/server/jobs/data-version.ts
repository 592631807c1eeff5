import "server-only";
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { callDataVersions } from "@/db/schema";

/**
 * The version of a call's input data: the counter in `call_data_versions`, which SQLite triggers
 * (db/migrations/0009_call_data_versions.sql) raise in the same transaction as every write that
 * changes an input of the calibration or scenario jobs, and no other: the call's budgets,
 * threshold and required assessors; its rubric; a submitted proposal's answers, status or
 * submission time; whether an assignment holding a submitted assessment counts (removed, conflict
 * declared) and whose it is; a counted assessment's status, scores or in-scope answer; the name or
 * agency of an assessor with a counted assessment. A draft proposal's or draft assessment's save
 * does not change it. (tests/integration/data-version.test.ts checks each kind of write on a real
 * SQLite file.)
 *
 * It used to be a SHA-256 over every proposal's, assignment's and assessment's status and
 * version, which read 20,000 rows and took about 0.4 s at 5,000 proposals on every view of the
 * "How sure?" and scenario pages; now it is one primary-key read. Being triggers, it cannot be
 * forgotten by a write path, including ones written later.
 */
export async function callDataVersion(callId: number): Promise<string> {
  const [row] = await getDb().select({ version: callDataVersions.version }).from(callDataVersions).where(eq(callDataVersions.callId, callId)).limit(1);
  return `inputs-${row?.version ?? 0}`;
}

/** A version string for any JSON-serialisable parts, e.g. `jobVersion(await callDataVersion(id), rules)`. */
export function jobVersion(...parts: unknown[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}
