import { asc, eq } from "drizzle-orm";
import type { RubricCriterion } from "../lib/domain/rubric";
import type { Db } from "./client";
import { rubricCriteria } from "./schema";

type Writer = Pick<Db, "insert">;
type Reader = Pick<Db, "select">;

/** Stores a rubric as the call's own copy (used when a call is created, and by the seed). */
export function copyRubricToCall(db: Writer, callId: number, criteria: readonly RubricCriterion[]): void {
  if (criteria.length === 0) return;
  db.insert(rubricCriteria)
    .values(
      criteria.map((c, position) => ({
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
      })),
    )
    .run();
}

/** The call's rubric in order. */
export function loadCallRubric(db: Reader, callId: number): RubricCriterion[] {
  return db
    .select()
    .from(rubricCriteria)
    .where(eq(rubricCriteria.callId, callId))
    .orderBy(asc(rubricCriteria.position))
    .all()
    .map((row) => ({
      key: row.key,
      title: row.title,
      source: row.source,
      guidance: row.guidance,
      scaleMin: row.scaleMin,
      scaleMax: row.scaleMax,
      bands: row.bands,
      weight: row.weight,
      threshold: row.threshold,
    }));
}
