import "server-only";
import { and, eq } from "drizzle-orm";
import { rubricCriteria } from "@/db/schema";
import type { Tx } from "@/db/transaction";
import { rubricProblems, rubricStructureChanged, type RubricCriterion } from "@/lib/domain/rubric";
import type { CriterionLimits } from "@/lib/validation/manage";
import { ActionError, INVALID_MESSAGE } from "../action-error";
import { recordAudit } from "../audit";

/** What a manager may change in a call's rubric: weights (percent) and minimum scores. */
export type RubricSettings = Record<string, { weight: number; threshold: number | null }>;

export interface RubricCriterionView extends CriterionLimits {
  source: string;
  weight: number;
  threshold: number | null;
}

export function rubricView(rubric: readonly RubricCriterion[]): RubricCriterionView[] {
  return rubric.map((c) => ({
    key: c.key,
    title: c.title,
    source: c.source,
    scaleMin: c.scaleMin,
    scaleMax: c.scaleMax,
    weight: c.weight,
    threshold: c.threshold,
  }));
}

/** The rubric with new weights and thresholds; criteria, scales and bands stay as they are. */
export function withSettings(rubric: readonly RubricCriterion[], settings: RubricSettings): RubricCriterion[] {
  const next = rubric.map((c) => {
    const s = settings[c.key];
    return s ? { ...c, weight: s.weight, threshold: s.threshold } : { ...c };
  });
  // The form cannot change the structure; this guards the rule that scores keep their meaning.
  if (rubricStructureChanged(rubric, next)) throw new Error("A weights-and-thresholds change altered the rubric's structure");
  const problems = rubricProblems(next);
  if (problems.length > 0) {
    throw new ActionError(
      "invalid",
      INVALID_MESSAGE,
      Object.fromEntries(problems.map((p) => [p.field === "weights" ? "rubricTotal" : p.field, p.message])),
    );
  }
  return next;
}

/**
 * Stores changed weights and thresholds (rankings follow at once) and audits each change, inside
 * the caller's transaction. Returns whether anything changed.
 */
export async function saveRubricSettings(
  tx: Tx,
  entry: { at: Date; actorId: number; callId: number },
  before: readonly RubricCriterion[],
  after: readonly RubricCriterion[],
): Promise<boolean> {
  const changes: Record<string, { title: string; weight?: { from: number; to: number }; threshold?: { from: number | null; to: number | null } }> = {};
  for (const [i, c] of after.entries()) {
    const old = before[i];
    if (!old) continue;
    const change: (typeof changes)[string] = { title: c.title };
    if (old.weight !== c.weight) change.weight = { from: old.weight, to: c.weight };
    if (old.threshold !== c.threshold) change.threshold = { from: old.threshold, to: c.threshold };
    if (!change.weight && !change.threshold) continue;
    changes[c.key] = change;
    await tx
      .update(rubricCriteria)
      .set({ weight: c.weight, threshold: c.threshold })
      .where(and(eq(rubricCriteria.callId, entry.callId), eq(rubricCriteria.key, c.key)));
  }
  if (Object.keys(changes).length === 0) return false;
  await recordAudit(tx, { at: entry.at, actorId: entry.actorId, action: "rubric.updated", callId: entry.callId, detail: { changes } });
  return true;
}
