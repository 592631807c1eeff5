import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { loadCallRubric } from "@/db/rubrics";
import {
  assessments,
  assignments,
  calls,
  decisions,
  proposals,
  users,
  type AssessmentStatus,
  type CallRow,
  type DecisionRow,
} from "@/db/schema";
import { callStage, type CallStage } from "@/lib/domain/call-stage";
import { portfolioFacts, type PortfolioFacts } from "@/lib/domain/portfolio";
import { normaliseAnswers, proposalFacts } from "@/lib/domain/proposal/normalise";
import type { ProposalAnswers } from "@/lib/domain/proposal/questions";
import { rankProposals, type RankingResult, type RankingScore } from "@/lib/domain/ranking";
import { VALUE_CAPTURE_KEY, WIN_WIN_KEY, type RubricCriterion } from "@/lib/domain/rubric";
import { parseScore, type AssessmentFormValues } from "@/lib/validation/assessment";
import { ActionError } from "../action-error";

/** Read-only access, from the connection or inside a transaction. */
export type Reader = Pick<Db, "select">;

export const CALL_NOT_FOUND = "We could not find that call.";
export const PROPOSAL_NOT_FOUND = "We could not find that proposal in this call.";
export const UNTITLED = "Untitled proposal";

/** The call, or ActionError("not_found") (which a guarded read turns into null). */
export async function requireCall(db: Reader, callId: number): Promise<CallRow> {
  const [call] = await db.select().from(calls).where(eq(calls.id, callId)).limit(1);
  if (!call) throw new ActionError("not_found", CALL_NOT_FOUND);
  return call;
}

export interface CallProposal {
  id: number;
  ownerId: number;
  title: string;
  answers: ProposalAnswers;
  submittedAt: Date;
  grantRequested: number;
  leadOrganisation: string;
  /** The lead's and every partner's organisation (for conflict checks). */
  organisations: string[];
  facts: PortfolioFacts;
}

export interface CallAssessment {
  id: number;
  status: AssessmentStatus;
  values: AssessmentFormValues;
  submittedAt: Date | null;
  updatedAt: Date;
}

export interface CallAssignment {
  id: number;
  proposalId: number;
  assessorId: number;
  assessorName: string;
  assessorEmail: string;
  assessorOrganisation: string;
  conflictDeclaration: "none" | "conflict" | null;
  conflictDetails: string;
  declaredAt: Date | null;
  removedAt: Date | null;
  createdAt: Date;
  assessment: CallAssessment | null;
}

export interface CallData {
  call: CallRow;
  rubric: RubricCriterion[];
  /** Submitted proposals only: drafts stay private to their bidder. */
  proposals: CallProposal[];
  draftProposals: number;
  /** Every assignment ever made on the call's proposals, removed ones included. */
  assignments: CallAssignment[];
  decisions: Map<number, DecisionRow>;
}

export const isActive = (a: CallAssignment): boolean => a.removedAt === null;
export const hasDeclaredConflict = (a: CallAssignment): boolean => a.conflictDeclaration === "conflict";

/** Only a submitted assessment on a current, unconflicted assignment counts toward the ranking. */
export function countsTowardRanking(a: CallAssignment): boolean {
  return isActive(a) && !hasDeclaredConflict(a) && a.assessment?.status === "submitted";
}

export function toCallProposal(row: { id: number; ownerId: number; answers: unknown; submittedAt: Date | null; updatedAt: Date }): CallProposal {
  const answers = normaliseAnswers(row.answers);
  const facts = proposalFacts(answers);
  return {
    id: row.id,
    ownerId: row.ownerId,
    title: facts.title || UNTITLED,
    answers,
    submittedAt: row.submittedAt ?? row.updatedAt,
    grantRequested: facts.grantRequested,
    leadOrganisation: facts.leadOrganisation,
    organisations: [facts.leadOrganisation, ...facts.partners.map((p) => p.organisation)].filter((o) => o.trim() !== ""),
    facts: portfolioFacts(answers),
  };
}

export async function loadCallData(db: Reader, call: CallRow): Promise<CallData> {
  const rows = await db.select().from(proposals).where(eq(proposals.callId, call.id)).orderBy(asc(proposals.submittedAt), asc(proposals.id));
  const submitted = rows.filter((p) => p.status === "submitted").map(toCallProposal);
  const ids = submitted.map((p) => p.id);

  const assignmentRows =
    ids.length === 0
      ? []
      : await db
          .select({ assignment: assignments, assessor: { name: users.name, email: users.email, organisation: users.organisation }, assessment: assessments })
          .from(assignments)
          .innerJoin(users, eq(users.id, assignments.assessorId))
          .leftJoin(assessments, eq(assessments.assignmentId, assignments.id))
          .where(inArray(assignments.proposalId, ids))
          .orderBy(asc(assignments.id));

  const decisionRows = ids.length === 0 ? [] : await db.select().from(decisions).where(inArray(decisions.proposalId, ids));

  return {
    call,
    rubric: await loadCallRubric(db, call.id),
    proposals: submitted,
    draftProposals: rows.length - submitted.length,
    assignments: assignmentRows.map(({ assignment, assessor, assessment }) => ({
      id: assignment.id,
      proposalId: assignment.proposalId,
      assessorId: assignment.assessorId,
      assessorName: assessor.name,
      assessorEmail: assessor.email,
      assessorOrganisation: assessor.organisation,
      conflictDeclaration: assignment.conflictDeclaration,
      conflictDetails: assignment.conflictDetails,
      declaredAt: assignment.declaredAt,
      removedAt: assignment.removedAt,
      createdAt: assignment.createdAt,
      assessment: assessment
        ? {
            id: assessment.id,
            status: assessment.status,
            values: assessment.values,
            submittedAt: assessment.submittedAt,
            updatedAt: assessment.updatedAt,
          }
        : null,
    })),
    decisions: new Map(decisionRows.map((d) => [d.proposalId, d])),
  };
}

/** A submitted proposal of this call, or not found (a draft is never shown to managers). */
export async function requireSubmittedProposal(db: Reader, callId: number, proposalId: number) {
  const [row] = await db
    .select()
    .from(proposals)
    .where(and(eq(proposals.id, proposalId), eq(proposals.callId, callId), eq(proposals.status, "submitted")))
    .limit(1);
  if (!row) throw new ActionError("not_found", PROPOSAL_NOT_FOUND);
  return row;
}

/** The ranking of a call's submitted proposals, by DESIGN.md's rules (lib/domain/ranking.ts). */
export function rankCall(data: CallData): RankingResult {
  const counting = data.assignments.filter(countsTowardRanking);
  return rankProposals(
    {
      criteria: data.rubric,
      assessorsRequired: data.call.assessorsRequired,
      overallThreshold: data.call.overallThreshold,
      budget: data.call.budget,
      valueCaptureKey: VALUE_CAPTURE_KEY,
      winWinKey: WIN_WIN_KEY,
    },
    data.proposals.map((p) => {
      const mine = counting.filter((a) => a.proposalId === p.id);
      const scores: RankingScore[] = [];
      for (const a of mine) {
        for (const c of data.rubric) {
          const score = parseScore(a.assessment?.values.scores[c.key] ?? "", c);
          if (score !== null) scores.push({ assessmentId: a.assessment!.id, criterionKey: c.key, score });
        }
      }
      return {
        id: p.id,
        title: p.title,
        submittedAt: p.submittedAt,
        grantRequested: p.grantRequested,
        scores,
        submittedAssessments: mine.length,
      };
    }),
  );
}

export interface CallHeading {
  id: number;
  title: string;
  stage: CallStage;
  closesAt: Date;
  assessmentDueAt: Date;
  budget: number;
  assessorsRequired: number;
  overallThreshold: number;
  decisionsReleasedAt: Date | null;
}

export function callHeading(call: CallRow, now: Date): CallHeading {
  return {
    id: call.id,
    title: call.title,
    stage: callStage(call, now),
    closesAt: call.closesAt,
    assessmentDueAt: call.assessmentDueAt,
    budget: call.budget,
    assessorsRequired: call.assessorsRequired,
    overallThreshold: call.overallThreshold,
    decisionsReleasedAt: call.decisionsReleasedAt,
  };
}
