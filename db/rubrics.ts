import { asc, eq } from "drizzle-orm";
import type { RubricCriterion } from "../lib/domain/rubric";
import type { Db } from "./client";
import { rubricCriteria, type RubricCriterionRow } from "./schema";

type Reader = Pick<Db, "select">;

/** The rows that store a rubric as the call's own copy (when a call is created, and by the seed). */
export function rubricRows(callId: number, criteria: readonly RubricCriterion[]): (typeof rubricCriteria.$inferInsert)[] {
  return criteria.map((c, position) => ({
    callId,
    position,
    key: c.key,
    title: c.title,
    source: c.source,
    guidance: [...c.guidance],
    scaleMin: c.scaleMin,
    scaleMax: c.scaleMax,
    bands: c.bands.map((b) => ({ ...b })),
    weight: c.weight,
    threshold: c.threshold,
  }));
}

/** Stores a rubric as the call's own copy, inside the caller's transaction. */
export async function copyRubricToCall(tx: Pick<Db, "insert">, callId: number, criteria: readonly RubricCriterion[]): Promise<void> {
  if (criteria.length === 0) return;
  await tx.insert(rubricCriteria).values(rubricRows(callId, criteria));
}

function toCriterion(row: RubricCriterionRow): RubricCriterion {
  return {
    key: row.key,
    title: row.title,
    source: row.source,
    guidance: row.guidance,
    scaleMin: row.scaleMin,
    scaleMax: row.scaleMax,
    bands: row.bands,
    weight: row.weight,
    threshold: row.threshold,
  };
}

/** The call's rubric in order. */
export async function loadCallRubric(db: Reader, callId: number): Promise<RubricCriterion[]> {
  const rows = await db.select().from(rubricCriteria).where(eq(rubricCriteria.callId, callId)).orderBy(asc(rubricCriteria.position));
  return rows.map(toCriterion);
}
