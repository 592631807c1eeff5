import "server-only";
import { inArray } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Reader } from "./call-data";

/**
 * What the calibration model of "How sure is this ranking?" reads of a call beyond the ranking's
 * compact input (loadRankingInput and panelRankingInputs in call-data.ts: the rubric, each
 * submitted proposal's title, grants and submission time, each counted assessment's scores, never
 * an answer document): the names of the assessors it reports on.
 */

/** The names of the given users, in the order given (unknown ids are left out). */
export async function assessorNames(db: Reader, ids: readonly number[]): Promise<{ id: number; name: string }[]> {
  if (ids.length === 0) return [];
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...ids]));
  const byId = new Map(rows.map((r) => [r.id, r.name]));
  return ids.flatMap((id) => (byId.has(id) ? [{ id, name: byId.get(id)! }] : []));
}
