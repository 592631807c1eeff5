import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { ASSIGNMENT_CURRENT as active, ASSIGNMENT_NO_CONFLICT as noConflict } from "@/db/ranking-rows";
import { assessments, assignments, decisions, proposals, users, type CallRow } from "@/db/schema";
import { decidingAgencySql, loadRankingInputRows, type Reader, type Viewer } from "./call-data";

/**
 * The call overview's counts, asked of SQLite as counts (no answers, no scores): per submitted
 * proposal, how many of the viewer's agency's assessors are assigned and scoring and how many
 * assessments count toward the ranking; the agency's assessments by state; its decisions by
 * outcome. Another agency's assessors are counted only where the ranking counts them.
 */

/** The viewer's agency's assessor on the assignment (as CallAssignment.sameAgency). */
const own = (viewer: Viewer) => sql`${users.agencyId} = ${viewer.agency?.id ?? -1}`;
const conflict = sql`${assignments.conflictDeclaration} = 'conflict'`;
/** Literal, so SQLite can use the partial index on submitted proposals. */
const submittedProposal = sql`${proposals.status} = 'submitted'`;
const count = (condition: ReturnType<typeof sql>) => sql<number>`count(CASE WHEN ${condition} THEN 1 END)`;

export interface OverviewCounts {
  draft: number;
  /** One entry per submitted proposal. */
  perProposal: { id: number; scoring: number; counted: number }[];
  /** The viewer's agency's current, unconflicted assignments by their assessment's state, and its declared conflicts. */
  assessments: { notStarted: number; draft: number; submitted: number; conflictDeclared: number };
  decisions: { fund: number; reserve: number; reject: number };
}

export async function loadOverviewCounts(db: Reader, call: CallRow, viewer: Viewer): Promise<OverviewCounts> {
  const scoring = sql`${own(viewer)} AND ${active} AND ${noConflict}`;
  const [drafts, rows, outcomes] = await Promise.all([
    db
      .select({ n: sql<number>`count(*)` })
      .from(proposals)
      .where(and(eq(proposals.callId, call.id), sql`${proposals.status} = 'draft'`)),
    db
      .select({
        id: proposals.id,
        scoring: count(scoring),
        counted: count(sql`${active} AND ${noConflict} AND ${assessments.status} = 'submitted'`),
        notStarted: count(sql`${scoring} AND ${assessments.id} IS NULL`),
        draft: count(sql`${scoring} AND ${assessments.status} = 'draft'`),
        submitted: count(sql`${scoring} AND ${assessments.status} = 'submitted'`),
        conflictDeclared: count(sql`${own(viewer)} AND ${active} AND ${conflict}`),
      })
      .from(proposals)
      .leftJoin(assignments, eq(assignments.proposalId, proposals.id))
      .leftJoin(users, eq(users.id, assignments.assessorId))
      .leftJoin(assessments, eq(assessments.assignmentId, assignments.id))
      .where(and(eq(proposals.callId, call.id), submittedProposal))
      .groupBy(proposals.id),
    db
      .select({ outcome: decisions.outcome, n: sql<number>`count(*)` })
      .from(decisions)
      .innerJoin(proposals, eq(proposals.id, decisions.proposalId))
      .where(and(eq(proposals.callId, call.id), submittedProposal, eq(decisions.agencyId, decidingAgencySql(viewer))))
      .groupBy(decisions.outcome),
  ]);
  const totals = { notStarted: 0, draft: 0, submitted: 0, conflictDeclared: 0 };
  for (const r of rows) {
    totals.notStarted += r.notStarted;
    totals.draft += r.draft;
    totals.submitted += r.submitted;
    totals.conflictDeclared += r.conflictDeclared;
  }
  const outcome = (o: "fund" | "reserve" | "reject") => outcomes.find((r) => r.outcome === o)?.n ?? 0;
  return {
    draft: drafts[0]?.n ?? 0,
    perProposal: rows.map((r) => ({ id: r.id, scoring: r.scoring, counted: r.counted })),
    assessments: totals,
    decisions: { fund: outcome("fund"), reserve: outcome("reserve"), reject: outcome("reject") },
  };
}

export interface OverviewLists {
  /** The agency's current, unconflicted assignments not yet submitted (only once assessments are overdue). */
  overdue: { proposalId: number; proposalTitle: string; assessorName: string; status: "not started" | "draft" }[];
  /** The agency's assessors' declared conflicts. */
  conflicts: { proposalId: number; proposalTitle: string; assessorName: string; details: string; declaredAt: Date | null }[];
}

/** The overview's two lists, in assignment order, with the proposals' titles. */
export async function loadOverviewLists(db: Reader, call: CallRow, viewer: Viewer, overdue: boolean): Promise<OverviewLists> {
  const rows = await db
    .select({
      proposalId: assignments.proposalId,
      assessorName: users.name,
      conflict: sql<number>`${conflict}`,
      details: assignments.conflictDetails,
      declaredAt: assignments.declaredAt,
      assessmentStatus: assessments.status,
    })
    .from(assignments)
    .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
    .innerJoin(users, eq(users.id, assignments.assessorId))
    .leftJoin(assessments, eq(assessments.assignmentId, assignments.id))
    .where(
      and(
        eq(proposals.callId, call.id),
        submittedProposal,
        own(viewer),
        overdue
          ? sql`(${conflict} OR (${active} AND ${noConflict} AND (${assessments.id} IS NULL OR ${assessments.status} <> 'submitted')))`
          : conflict,
      ),
    )
    .orderBy(asc(assignments.id));
  if (rows.length === 0) return { overdue: [], conflicts: [] };
  // Titles only: no labels or portfolio facts are worked out for the listed proposals.
  const titles = new Map((await loadRankingInputRows(db, call.id)).map((p) => [p.id, p.title]));
  const titleOf = (id: number) => titles.get(id) ?? "";
  return {
    overdue: rows
      .filter((r) => !r.conflict)
      .map((r) => ({
        proposalId: r.proposalId,
        proposalTitle: titleOf(r.proposalId),
        assessorName: r.assessorName,
        status: r.assessmentStatus === null ? ("not started" as const) : ("draft" as const),
      })),
    conflicts: rows
      .filter((r) => r.conflict)
      .map((r) => ({ proposalId: r.proposalId, proposalTitle: titleOf(r.proposalId), assessorName: r.assessorName, details: r.details, declaredAt: r.declaredAt })),
  };
}
