import { and, eq, gt, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "./client";
import { ASSESSMENT_SCORE_FIELDS, ASSESSMENT_SCORES_INDEX, assessments, assignments, callDataChanges, callDataVersions, PROPOSAL_ROW_FIELDS, PROPOSAL_ROWS_INDEX, proposals, users } from "./schema";

/**
 * A counted assessment as stored: its id, proposal, assessor and the assessor's agency, then
 * `values -> '$.scores'` and `values -> '$.inScope'` as JSON text (or null).
 */
export type CountedAssessmentRow = [id: number, proposalId: number, assessorId: number, assessorAgencyId: number | null, scores: string | null, inScope: string | null];

const [SCORES, IN_SCOPE] = ASSESSMENT_SCORE_FIELDS.map((path) => sql`${assessments.values} -> ${sql.raw(`'${path}'`)}`);

/**
 * The ranking's counting rule for an assignment, in SQL (countsTowardRanking in
 * lib/server/manage/call-data.ts says it for rows in memory): it is current, and its assessor
 * declared no conflict. One spelling for every query that counts.
 */
export const ASSIGNMENT_CURRENT = sql`${assignments.removedAt} IS NULL`;
export const ASSIGNMENT_NO_CONFLICT = sql`(${assignments.conflictDeclaration} IS NULL OR ${assignments.conflictDeclaration} <> 'conflict')`;

/**
 * The submitted assessments of a call's submitted proposals that count toward its ranking (a
 * current assignment whose assessor declared no conflict), in assignment order, with their scores
 * and in-scope answer read from assessments_submitted_scores_idx alone. Written in SQL because the
 * index must be named (INDEXED BY, which the query builder cannot say): otherwise the planner may
 * pick the unique index on assignment_id and read every assessment's whole values document.
 * The status literals are literals so SQLite can use the partial indexes. Read as arrays (`values`):
 * an object per row cost a quarter of the read again.
 */
export async function countedAssessmentRows(db: Pick<Db, "values">, callId: number, only?: readonly number[]): Promise<CountedAssessmentRow[]> {
  return await db.values<CountedAssessmentRow>(sql`
    SELECT ${assessments.id}, ${assignments.proposalId}, ${assignments.assessorId}, ${users.agencyId}, ${SCORES}, ${IN_SCOPE}
    FROM ${proposals}
    JOIN ${assignments} ON ${assignments.proposalId} = ${proposals.id}
    JOIN ${assessments} INDEXED BY ${sql.identifier(ASSESSMENT_SCORES_INDEX)} ON ${assessments.assignmentId} = ${assignments.id}
    JOIN ${users} ON ${users.id} = ${assignments.assessorId}
    WHERE ${proposals.callId} = ${callId} AND ${proposals.status} = 'submitted'
      AND ${ASSIGNMENT_CURRENT} AND ${ASSIGNMENT_NO_CONFLICT}
      AND ${assessments.status} = 'submitted'${onlyProposals(only)}
    ORDER BY ${assignments.id}`);
}

/** An answer field a proposal row may read: one of the expressions of proposals_submitted_rows_idx. */
export type ProposalRowField = (typeof PROPOSAL_ROW_FIELDS)[number];

/**
 * A submitted proposal's row as stored: `[id, submittedAt, updatedAt, ...fields]`, the times in
 * milliseconds, then each asked-for field as JSON text (`answers -> path`, null when missing), in
 * the order asked.
 */
export type SubmittedProposalRow = [id: number, submittedAt: number | null, updatedAt: number, ...fields: (string | null)[]];

/**
 * A call's submitted proposals' rows with the given answer fields, read from
 * proposals_submitted_rows_idx alone, in no particular order. The index is named (INDEXED BY)
 * because with ANALYZE statistics the planner preferred to scan the table, reading every whole
 * answer document: 146 ms instead of 24 ms at 5,000 proposals. Read as arrays (`values`): building
 * an object per row, or drizzle's row mapping, cost as much again as the read itself.
 */
export async function submittedProposalRows(db: Pick<Db, "values">, callId: number, fields: readonly ProposalRowField[], only?: readonly number[]): Promise<SubmittedProposalRow[]> {
  // Each path goes into the SQL text (an index expression must be spelled exactly), so only the index's own.
  const columns = fields.map((path) => {
    if (!PROPOSAL_ROW_FIELDS.includes(path)) throw new Error(`${path} is not a field of ${PROPOSAL_ROWS_INDEX}`);
    return sql`, ${proposals.answers} -> ${sql.raw(`'${path}'`)}`;
  });
  // A few proposals by id are found by primary key: the index would be scanned for the whole
  // call. The expressions are the index's, so each value is the same either way.
  const from = only ? sql`${proposals}` : sql`${proposals} INDEXED BY ${sql.identifier(PROPOSAL_ROWS_INDEX)}`;
  return await db.values<SubmittedProposalRow>(sql`
    SELECT ${proposals.id}, ${proposals.submittedAt}, ${proposals.updatedAt}${sql.join(columns)}
    FROM ${from}
    WHERE ${proposals.callId} = ${callId} AND ${proposals.status} = 'submitted'${onlyProposals(only)}`);
}

/** The reads above narrowed to some proposals of the call (a remembered ranking's catch-up). */
const onlyProposals = (only: readonly number[] | undefined): SQL => (only ? sql` AND ${inArray(proposals.id, [...only])}` : sql``);

/** How many versions of a call the triggers of migration 0010 keep in call_data_changes. */
export const CALL_DATA_CHANGES_KEPT = 1000;

/**
 * The proposals whose rows or counted assessments changed between two versions of a call (after
 * `since`, up to `upTo`), or null when that is not known for every version in between: a version
 * concerned the whole call (its settings, its rubric, an assessor), or the log no longer reaches
 * back that far. Read in the same readTransaction as the version it compares with.
 */
export async function changedProposalsSince(db: Pick<Db, "select">, callId: number, since: number, upTo: number): Promise<Set<number> | null> {
  if (upTo - since > CALL_DATA_CHANGES_KEPT) return null;
  const rows = await db
    .select({ version: callDataChanges.version, proposalId: callDataChanges.proposalId })
    .from(callDataChanges)
    .where(and(eq(callDataChanges.callId, callId), gt(callDataChanges.version, since), lte(callDataChanges.version, upTo)));
  const versions = new Set<number>();
  const changed = new Set<number>();
  for (const { version, proposalId } of rows) {
    if (proposalId === null) return null;
    versions.add(version);
    changed.add(proposalId);
  }
  return versions.size === upTo - since ? changed : null;
}

/** The call's input version (lib/server/jobs/data-version.ts callDataVersion) as a number, read with `db` (a readTransaction's). */
export async function callDataVersionNow(db: Pick<Db, "select">, callId: number): Promise<number> {
  const [row] = await db.select({ version: callDataVersions.version }).from(callDataVersions).where(eq(callDataVersions.callId, callId)).limit(1);
  return row?.version ?? 0;
}
