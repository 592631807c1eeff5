import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { ASSESSMENT_SCORE_FIELDS, ASSESSMENT_SCORES_INDEX, assessments, assignments, proposals, users } from "./schema";

export interface CountedAssessmentRow {
  id: number;
  proposalId: number;
  assessorId: number;
  assessorAgencyId: number | null;
  /** `values -> '$.scores'`: the stored scores as JSON text, or null. */
  scores: string | null;
  /** `values -> '$.inScope'`: the stored in-scope answer as JSON text, or null. */
  inScope: string | null;
}

const [SCORES, IN_SCOPE] = ASSESSMENT_SCORE_FIELDS.map((path) => sql`${assessments.values} -> ${sql.raw(`'${path}'`)}`);

/**
 * The submitted assessments of a call's submitted proposals that count toward its ranking (a
 * current assignment whose assessor declared no conflict), in assignment order, with their scores
 * and in-scope answer read from assessments_submitted_scores_idx alone. Written in SQL because the
 * index must be named (INDEXED BY, which the query builder cannot say): otherwise the planner may
 * pick the unique index on assignment_id and read every assessment's whole values document.
 * The status literals are literals so SQLite can use the partial indexes.
 */
export async function countedAssessmentRows(db: Pick<Db, "all">, callId: number): Promise<CountedAssessmentRow[]> {
  return db.all<CountedAssessmentRow>(sql`
    SELECT ${assessments.id} AS id, ${assignments.proposalId} AS proposalId, ${assignments.assessorId} AS assessorId,
           ${users.agencyId} AS assessorAgencyId, ${SCORES} AS scores, ${IN_SCOPE} AS inScope
    FROM ${proposals}
    JOIN ${assignments} ON ${assignments.proposalId} = ${proposals.id}
    JOIN ${assessments} INDEXED BY ${sql.identifier(ASSESSMENT_SCORES_INDEX)} ON ${assessments.assignmentId} = ${assignments.id}
    JOIN ${users} ON ${users.id} = ${assignments.assessorId}
    WHERE ${proposals.callId} = ${callId} AND ${proposals.status} = 'submitted'
      AND ${assignments.removedAt} IS NULL
      AND (${assignments.conflictDeclaration} IS NULL OR ${assignments.conflictDeclaration} <> 'conflict')
      AND ${assessments.status} = 'submitted'
    ORDER BY ${assignments.id}`);
}
