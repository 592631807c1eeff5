import "server-only";
import { inArray } from "drizzle-orm";
import { users, type CallRow } from "@/db/schema";
import { panelRankingInput, type Panel } from "@/lib/domain/joint";
import type { RankingConfig, RankingProposal } from "@/lib/domain/ranking";
import { jointConfig, jointRankingInput, loadRankingInput, panelOf, rankingInputs, type CountedAssessment, type RankingSource, type Reader } from "./call-data";

/**
 * What the calibration model of "How sure is this ranking?" reads of a call, and nothing more: the
 * rubric, each submitted proposal's title, grants and submission time (read from
 * proposals_submitted_rows_idx) and each counted assessment's scores (from
 * assessments_submitted_scores_idx): the ranking's compact input, loadRankingInput in
 * lib/server/manage/call-data.ts. loadCallData read every proposal's whole answer document
 * (42 MiB of JSON at 5,000 proposals) and every assessment's values for this.
 */
export type CalibrationSource = RankingSource;

export async function loadCalibrationSource(db: Reader, call: CallRow): Promise<CalibrationSource> {
  return loadRankingInput(db, call);
}

/**
 * The ranking input a calibration is fitted to: on a home-only call the call's ranking input; on a
 * joint call one panel's (its assessors' scores, its requirement, its own agency's grants against its
 * own budget), as rankingInputsFor in call-data.ts does from a full read.
 */
export function calibrationRankingInputs(
  data: CalibrationSource,
  panel: Panel | null,
): { config: RankingConfig; proposals: RankingProposal[]; counted: readonly CountedAssessment[] } {
  if (panel === null || data.call.partnerAgencyId === null) return { ...rankingInputs(data), counted: data.counted };
  return {
    ...panelRankingInput(jointConfig(data), panel, jointRankingInput(data)),
    counted: data.counted.filter((a) => panelOf(data.call, a.assessorAgencyId) === panel),
  };
}

/** The names of the given users, in the order given (unknown ids are left out). */
export async function assessorNames(db: Reader, ids: readonly number[]): Promise<{ id: number; name: string }[]> {
  if (ids.length === 0) return [];
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...ids]));
  const byId = new Map(rows.map((r) => [r.id, r.name]));
  return ids.flatMap((id) => (byId.has(id) ? [{ id, name: byId.get(id)! }] : []));
}
