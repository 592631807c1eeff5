/**
 * Factories for assessment tests: a closed call with the default rubric, submitted proposals,
 * assignments in each declaration state, and complete assessment values. Rows go straight into
 * the real temporary database (see temp-db.ts); the code under test is never bypassed for the
 * behaviour a test is about.
 */
import { getDb } from "@/db/client";
import { rubricRows } from "@/db/rubrics";
import { assignments, type CallRow, proposals, rubricCriteria } from "@/db/schema";
import { DEFAULT_RUBRIC, type RubricCriterion } from "@/lib/domain/rubric";
import type { Actor } from "@/lib/server/users";
import { MIN_JUSTIFICATION_WORDS, emptyAssessment, type AssessmentFormValues } from "@/lib/validation/assessment";
import { DAY_MS, completeAnswers, makeCall, makeUser } from "./temp-db";

/** `n` distinct words, so word counts are exact. */
export const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");

/** A call that closed yesterday and is being assessed, with its own copy of the default rubric. */
export function makeAssessmentCall(): CallRow {
  const now = Date.now();
  const call = makeCall({
    opensAt: new Date(now - 40 * DAY_MS),
    closesAt: new Date(now - DAY_MS),
    assessmentDueAt: new Date(now + 20 * DAY_MS),
  });
  getDb().insert(rubricCriteria).values(rubricRows(call.id, DEFAULT_RUBRIC)).run();
  return call;
}

/** A complete, submitted proposal by `owner`, inserted directly (the bidder's journey is tested elsewhere). */
export function makeSubmittedProposal(callId: number, owner: Actor, title = "Hydrogen fuel-cell stacks for heavy-duty vehicles") {
  const answers = completeAnswers();
  answers.project = { ...answers.project!, title };
  const now = new Date();
  return getDb()
    .insert(proposals)
    .values({ callId, ownerId: owner.id, answers, status: "submitted", submittedAt: now, updatedAt: now })
    .returning()
    .get();
}

export interface AssignmentOptions {
  declaration?: "none" | "conflict" | null;
  details?: string;
  removedAt?: Date | null;
}

/** An assignment; by default the assessor has already declared no conflict. */
export function makeAssignment(proposalId: number, assessorId: number, options: AssignmentOptions = {}) {
  const declaration = options.declaration === undefined ? "none" : options.declaration;
  return getDb()
    .insert(assignments)
    .values({
      proposalId,
      assessorId,
      conflictDeclaration: declaration,
      conflictDetails: options.details ?? "",
      declaredAt: declaration ? new Date() : null,
      removedAt: options.removedAt ?? null,
    })
    .returning()
    .get();
}

/** Values that pass assessmentSubmitSchema for the rubric; `score` for every criterion. */
export function completeAssessment(criteria: readonly RubricCriterion[] = DEFAULT_RUBRIC, score = "7"): AssessmentFormValues {
  const values = emptyAssessment(criteria);
  for (const c of criteria) {
    values.scores[c.key] = score;
    values.justifications[c.key] = `For ${c.title}: ${words(MIN_JUSTIFICATION_WORDS)}`;
  }
  return {
    ...values,
    inScope: "yes",
    bidderFeedback: `Strengths and weaknesses: ${words(MIN_JUSTIFICATION_WORDS)}`,
    privateComment: "A strong consortium; the budget looks tight.",
    recommendation: "yes",
    confidence: "high",
  };
}

/** One assessor assigned (declared, no conflict) to one submitted proposal on an assessment call. */
export async function assignedScenario(options: AssignmentOptions = {}) {
  const call = makeAssessmentCall();
  const bidder = await makeUser("bidder");
  const assessor = await makeUser("assessor");
  const proposal = makeSubmittedProposal(call.id, bidder);
  const assignment = makeAssignment(proposal.id, assessor.id, options);
  return { call, bidder, assessor, proposal, assignment };
}
