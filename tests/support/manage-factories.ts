/**
 * Factories for the portfolio manager's tests: closed calls with the default rubric, submitted
 * proposals with chosen consortium, domain and grant, assignments and assessments with chosen
 * scores. Rows go straight into the real temporary database (temp-db.ts); the manager code under
 * test is never bypassed for the behaviour a test is about.
 */
import { getDb } from "@/db/client";
import { rubricRows } from "@/db/rubrics";
import { assessments, type CallRow, invitations, proposals, rubricCriteria } from "@/db/schema";
import type { PartnerRow } from "@/lib/domain/proposal/questions";
import { DEFAULT_RUBRIC } from "@/lib/domain/rubric";
import type { Actor } from "@/lib/server/users";
import { MIN_JUSTIFICATION_WORDS, emptyAssessment, type AssessmentFormValues } from "@/lib/validation/assessment";
import { makeAssignment } from "./assessment-factories";
import { COMPLETE_PARTNER, DAY_MS, completeAnswers, makeCall } from "./temp-db";

export { expectFailure, expectFound, expectOk } from "./results";

/** An assignment row; by default the assessor has declared no conflict. */
export const makeAssignmentRow = makeAssignment;

/** A call with its own copy of the default rubric; closed yesterday unless told otherwise. */
export function makeRubricCall(options: Partial<Omit<CallRow, "id">> & { open?: boolean } = {}): CallRow {
  const now = Date.now();
  const { open, ...rest } = options;
  const call = makeCall({
    opensAt: new Date(now - 40 * DAY_MS),
    closesAt: open ? new Date(now + 10 * DAY_MS) : new Date(now - DAY_MS),
    assessmentDueAt: new Date(now + 20 * DAY_MS),
    budget: 1_000_000,
    assessorsRequired: 2,
    overallThreshold: 50,
    ...rest,
  });
  getDb().insert(rubricCriteria).values(rubricRows(call.id, DEFAULT_RUBRIC)).run();
  return call;
}

export interface ProposalOptions {
  title?: string;
  lead?: string;
  partners?: Partial<PartnerRow>[];
  domainId?: string;
  rdCategory?: string;
  grant?: number;
  submittedAt?: Date;
  status?: "draft" | "submitted";
}

/** A complete proposal, submitted unless told otherwise, inserted directly. */
export function makeProposal(callId: number, owner: Actor, options: ProposalOptions = {}) {
  const answers = completeAnswers();
  answers.project = {
    ...answers.project!,
    title: options.title ?? "Hydrogen fuel-cell stacks for heavy-duty vehicles",
    ...(options.domainId ? { domainId: options.domainId } : {}),
    ...(options.rdCategory ? { rdCategory: options.rdCategory } : {}),
    ...(options.grant !== undefined ? { grantRequested: String(options.grant), totalCost: String(options.grant * 2) } : {}),
  };
  answers.consortium = {
    ...answers.consortium!,
    ...(options.lead ? { leadName: options.lead } : {}),
    ...(options.partners ? { partners: options.partners.map((p) => ({ ...COMPLETE_PARTNER, ...p })) } : {}),
  };
  const status = options.status ?? "submitted";
  const at = options.submittedAt ?? new Date(Date.now() - 2 * DAY_MS);
  return getDb()
    .insert(proposals)
    .values({ callId, ownerId: owner.id, answers, status, submittedAt: status === "submitted" ? at : null, updatedAt: at })
    .returning()
    .get();
}

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");

/** Assessment values with one score for every criterion, or per-criterion scores. */
export function assessmentValues(scores: number | Record<string, number>, feedback = `Clear plan. ${words(MIN_JUSTIFICATION_WORDS)}`): AssessmentFormValues {
  const values = emptyAssessment(DEFAULT_RUBRIC);
  for (const c of DEFAULT_RUBRIC) {
    const score = typeof scores === "number" ? scores : (scores[c.key] ?? 5);
    values.scores[c.key] = String(score);
    values.justifications[c.key] = `Justification for ${c.title}: ${words(MIN_JUSTIFICATION_WORDS)}`;
  }
  return { ...values, inScope: "yes", bidderFeedback: feedback, privateComment: "Private note for managers only.", recommendation: "yes", confidence: "medium" };
}

export function makeAssessmentRow(
  assignmentId: number,
  scores: number | Record<string, number>,
  options: { status?: "draft" | "submitted"; feedback?: string; submittedAt?: Date; inScope?: "yes" | "no" } = {},
) {
  const status = options.status ?? "submitted";
  const at = options.submittedAt ?? new Date();
  return getDb()
    .insert(assessments)
    .values({
      assignmentId,
      status,
      values: {
        ...assessmentValues(scores, options.feedback),
        ...(options.inScope ? { inScope: options.inScope, inScopeComment: options.inScope === "no" ? "Outside the call's technologies" : "" } : {}),
      },
      submittedAt: status === "submitted" ? at : null,
      updatedAt: at,
    })
    .returning()
    .get();
}

/** Assigns each assessor to the proposal and submits their assessment with the given score. */
export function assessAll(proposalId: number, assessorsAndScores: [Actor, number | Record<string, number>][]) {
  return assessorsAndScores.map(([assessor, scores]) => {
    const assignment = makeAssignmentRow(proposalId, assessor.id);
    return { assignment, assessment: makeAssessmentRow(assignment.id, scores) };
  });
}

/** Invitations to a call, inserted as already answered (automatic assignment uses accepted ones). */
export function makeInvitations(
  callId: number,
  assessors: readonly Actor[],
  invitedBy: Actor,
  options: { status?: "invited" | "accepted" | "declined"; maxProposals?: number | null } = {},
): void {
  const now = new Date();
  const status = options.status ?? "accepted";
  for (const assessor of assessors) {
    getDb()
      .insert(invitations)
      .values({
        callId,
        assessorId: assessor.id,
        invitedBy: invitedBy.id,
        status,
        maxProposals: options.maxProposals ?? null,
        ...(status === "declined" ? { declineReason: "time" as const } : {}),
        invitedAt: now,
        respondedAt: status === "invited" ? null : now,
      })
      .run();
  }
}
