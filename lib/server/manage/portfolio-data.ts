import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { loadCallRubric } from "@/db/rubrics";
import { ASSIGNMENT_CURRENT, ASSIGNMENT_NO_CONFLICT, submittedProposalRows } from "@/db/ranking-rows";
import { assessments, assignments, proposals, users, type CallRow } from "@/db/schema";
import type { AssessmentFormValues } from "@/lib/validation/assessment";
import { loadCountedAssessments, loadProposalRows, type CallAssignment, type ProposalRow, type RankingSource, type Reader, type Viewer } from "./call-data";
import { prefilledFeedback } from "./decisions";

/**
 * Per-screen reads for the portfolio optimiser, the lottery draw and the call form (issue 12).
 * Each asks SQLite for the few fields its screen or job uses instead of loadCallData's whole call:
 * no proposal's answer document and no assessment's texts are parsed in JavaScript. The rules stay
 * where they were: the ranking in lib/domain/ranking.ts (rankCall), the optimiser's candidates in
 * scenarios.ts (candidatesOf), the feedback a decision starts from in decisions.ts
 * (prefilledFeedback). tests/integration/portfolio-data.test.ts checks on generated calls that
 * these reads give exactly what the full read gave.
 */

/** Literal, not a bound parameter, so SQLite can use the partial index proposals_submitted_rows_idx. */
const SUBMITTED_PROPOSAL = sql`${proposals.status} = 'submitted'`;

/** What the optimiser's candidates are built from: the ranking's input with each proposal's row (lead, facts) and starting TRL. */
export interface PortfolioSource extends RankingSource {
  proposals: readonly ProposalRow[];
  /**
   * Each submitted proposal's stored starting TRL as the form's answers hold it: the stored
   * string, or "" when it is missing or not a string (what normaliseAnswers makes of it).
   */
  trlStart: ReadonlyMap<number, string>;
}

/**
 * A call's portfolio input: its rubric, submitted proposals' rows and counted assessments (the
 * lean reads of the ranking page, call-data.ts) and each proposal's starting TRL (a balance
 * dimension the ranking rows do not carry). No decisions: the optimiser does not read them.
 */
export async function loadPortfolioSource(db: Reader, call: CallRow): Promise<PortfolioSource> {
  const [rubric, proposalRows, counted, trl] = await Promise.all([
    loadCallRubric(db, call.id),
    loadProposalRows(db, call.id),
    loadCountedAssessments(db, call.id),
    // From proposals_submitted_rows_idx alone, like the rows (not from the answer documents).
    submittedProposalRows(db, call.id, ["$.project.trlStart"]),
  ]);
  const stored = (text: string | null): string => {
    const value: unknown = text === null ? undefined : JSON.parse(text);
    return typeof value === "string" ? value : "";
  };
  return { call, rubric, proposals: proposalRows, counted, trlStart: new Map(trl.map(([id, , , trlStart]) => [id, stored(trlStart ?? null)])) };
}

/** How many proposals of the call are submitted (drafts stay private to their bidders). */
export async function countSubmittedProposals(db: Reader, callId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(proposals)
    .where(and(eq(proposals.callId, callId), SUBMITTED_PROPOSAL));
  return row?.n ?? 0;
}

/**
 * Only the bidder's feedback of an assessment is read (json_extract inside SQLite); the other
 * values are left empty, as call-data.ts's lean reads leave the texts they do not read.
 */
function feedbackOnly(bidderFeedback: string | null): AssessmentFormValues {
  return { inScope: "", inScopeComment: "", scores: {}, justifications: {}, bidderFeedback: bidderFeedback ?? "", privateComment: "", recommendation: "", confidence: "" };
}

/**
 * The feedback each proposal's decision starts from (prefilledFeedback of decisions.ts), for the
 * given submitted proposals of the call. Only the assignments that count toward the ranking are
 * read (a current assignment, no declared conflict, a submitted assessment: the rule
 * prefilledFeedback applies again), each with its assessment's bidder feedback alone. A lottery
 * draw asks for its group, an adopted scenario for every proposal its plan decides.
 */
export async function loadPrefilledFeedback(db: Reader, call: CallRow, proposalIds: readonly number[], viewer?: Viewer): Promise<Map<number, string>> {
  const feedback = new Map<number, string>(proposalIds.map((id) => [id, ""]));
  if (proposalIds.length === 0) return feedback;
  const rows = await db
    .select({
      assignment: assignments,
      // Named as CallAssignment names them, so a row is the assignment's columns and these, spread.
      assessor: { assessorName: users.name, assessorEmail: users.email, assessorOrganisation: users.organisation, assessorAgencyId: users.agencyId },
      assessment: { id: assessments.id, status: assessments.status, submittedAt: assessments.submittedAt, updatedAt: assessments.updatedAt },
      bidderFeedback: sql<string | null>`json_extract(${assessments.values}, '$.bidderFeedback')`,
    })
    .from(assignments)
    .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
    .innerJoin(users, eq(users.id, assignments.assessorId))
    .innerJoin(assessments, eq(assessments.assignmentId, assignments.id))
    .where(
      and(
        eq(proposals.callId, call.id),
        SUBMITTED_PROPOSAL,
        // A long IN list would cost more than it saves once most of the call is asked for.
        proposalIds.length <= 500 ? inArray(assignments.proposalId, [...proposalIds]) : undefined,
        ASSIGNMENT_CURRENT,
        ASSIGNMENT_NO_CONFLICT,
        sql`${assessments.status} = 'submitted'`,
      ),
    )
    .orderBy(asc(assignments.id));
  // Grouped once: prefilledFeedback filters the list it is given, so each proposal gets only its own.
  const byProposal = new Map<number, CallAssignment[]>();
  for (const { assignment, assessor, assessment, bidderFeedback } of rows) {
    if (!feedback.has(assignment.proposalId)) continue;
    const row: CallAssignment = {
      ...assignment,
      ...assessor,
      sameAgency: viewer === undefined || (viewer.agency !== null && assessor.assessorAgencyId === viewer.agency.id),
      assessment: { ...assessment, values: feedbackOnly(bidderFeedback) },
    };
    const list = byProposal.get(row.proposalId);
    if (list) list.push(row);
    else byProposal.set(row.proposalId, [row]);
  }
  for (const [proposalId, mine] of byProposal) feedback.set(proposalId, prefilledFeedback({ assignments: mine }, proposalId));
  return feedback;
}

/**
 * What the call form locks: whether scoring has started (an assessment, draft or submitted, on
 * any assignment of a submitted proposal, removed ones included) and whether any proposal is
 * submitted (then the partner agency cannot change). Two EXISTS queries instead of the whole call.
 */
export async function loadCallFormLocks(db: Reader, callId: number): Promise<{ scoringStarted: boolean; partnerLocked: boolean }> {
  const [scored, submitted] = await Promise.all([
    db
      .select({ id: assessments.id })
      .from(assessments)
      .innerJoin(assignments, eq(assignments.id, assessments.assignmentId))
      .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
      .where(and(eq(proposals.callId, callId), SUBMITTED_PROPOSAL))
      .limit(1),
    db
      .select({ id: proposals.id })
      .from(proposals)
      .where(and(eq(proposals.callId, callId), SUBMITTED_PROPOSAL))
      .limit(1),
  ]);
  return { scoringStarted: scored.length > 0, partnerLocked: submitted.length > 0 };
}
