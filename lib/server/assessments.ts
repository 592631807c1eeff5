import "server-only";
import { agencyMaySeeCall } from "@/lib/domain/agencies";
import { callStage } from "@/lib/domain/call-stage";
import { and, asc, eq, isNull, or } from "drizzle-orm";
import type { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { transaction, type Tx } from "@/db/transaction";
import { loadCallRubric } from "@/db/rubrics";
import { assessments, assignments, calls, proposals, users, type AssessmentRow } from "@/db/schema";
import { normaliseAnswers, proposalFacts } from "@/lib/domain/proposal/normalise";
import type { ProposalAnswers } from "@/lib/domain/proposal/questions";
import { strategicFit, type StrategicFitResult } from "@/lib/domain/report/strategic-fit";
import type { RubricCriterion } from "@/lib/domain/rubric";
import {
  assessmentDraftSchema,
  assessmentSubmitSchema,
  type AssessmentFormValues,
} from "@/lib/validation/assessment";
import {
  normaliseAssessmentValues,
  type declareConflictInput,
  type reopenAssessmentInput,
  type saveAssessmentInput,
  type submitAssessmentInput,
} from "@/lib/validation/assessment-actions";
import { ActionError, fieldErrorsFrom, INVALID_MESSAGE } from "./action-error";
import { recordAudit } from "./audit";
import { saveBase } from "./autosave";
import { guardedRead } from "./guard";
import type { Actor } from "./users";

/**
 * The assessor's data layer: their assignments, the conflict declaration, and their own
 * assessment of each assigned proposal. Every query is scoped to the signed-in assessor's own
 * assignment rows, so nothing here can reach another assessor's scores or identity; a manager's
 * reopen is the only function that works across assessors.
 */

const NOT_FOUND = "We could not find that assessment.";

export type AssessmentProgress = "not-started" | "in-progress" | "submitted";

/**
 * The assignments an assessor may open: their own, not removed by a manager, not ended by a
 * declared conflict, on a proposal that is submitted (never a draft its bidder is rewriting).
 * Every assessor-facing read and write starts from this condition; queries join proposals.
 */
function openToAssessor(assessorId: number) {
  return and(
    eq(assignments.assessorId, assessorId),
    isNull(assignments.removedAt),
    or(isNull(assignments.conflictDeclaration), eq(assignments.conflictDeclaration, "none")),
    eq(proposals.status, "submitted"),
  );
}

function progressOf(assessment: Pick<AssessmentRow, "status"> | null): AssessmentProgress {
  if (!assessment) return "not-started";
  return assessment.status === "submitted" ? "submitted" : "in-progress";
}

// --- reads --------------------------------------------------------------------------------------

export interface MyAssignment {
  assignmentId: number;
  proposalTitle: string;
  callTitle: string;
  assessmentDueAt: Date;
  overdue: boolean;
  /** False until the assessor has declared no conflict of interest. */
  declared: boolean;
  status: AssessmentProgress;
  submittedAt: Date | null;
}

/** The dashboard: work still to do first (soonest due first), then submitted assessments. */
export const listMyAssignments = guardedRead("assessment:score", async (actor, now: Date = new Date()): Promise<MyAssignment[]> => {
  const rows = await getDb()
    .select({
      assignmentId: assignments.id,
      declaration: assignments.conflictDeclaration,
      answers: proposals.answers,
      callTitle: calls.title,
      assessmentDueAt: calls.assessmentDueAt,
      assessmentStatus: assessments.status,
      submittedAt: assessments.submittedAt,
    })
    .from(assignments)
    .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
    .innerJoin(calls, eq(calls.id, proposals.callId))
    .leftJoin(assessments, eq(assessments.assignmentId, assignments.id))
    .where(openToAssessor(actor.id))
    .orderBy(asc(calls.assessmentDueAt), asc(calls.id), asc(proposals.id));
  const items = rows.map((row): MyAssignment => {
    const status = progressOf(row.assessmentStatus ? { status: row.assessmentStatus } : null);
    return {
      assignmentId: row.assignmentId,
      proposalTitle: proposalFacts(normaliseAnswers(row.answers)).title || "Untitled proposal",
      callTitle: row.callTitle,
      assessmentDueAt: row.assessmentDueAt,
      overdue: status !== "submitted" && row.assessmentDueAt.getTime() < now.getTime(),
      declared: row.declaration === "none",
      status,
      submittedAt: row.submittedAt ?? null,
    };
  });
  // A stable sort keeps the due-date order within each group.
  return items.sort((a, b) => Number(a.status === "submitted") - Number(b.status === "submitted"));
});

/** Who is involved in a proposal: what an assessor needs to judge a conflict of interest. */
export interface ProposalParties {
  title: string;
  leadOrganisation: string;
  partners: { organisation: string; country: string }[];
}

interface AssignmentBase {
  assignmentId: number;
  call: { id: number; title: string; assessmentDueAt: Date };
  proposal: ProposalParties;
}

export interface AssessmentForAssessor {
  id: number;
  status: "draft" | "submitted";
  version: number;
  values: AssessmentFormValues;
  submittedAt: Date | null;
  updatedAt: Date;
}

/**
 * What the assessment page shows. Until the assessor has declared no conflict ("declare"), only
 * the parties are loaded, never the proposal's content, so the page cannot show it by mistake.
 */
export type AssignmentForAssessor =
  | ({ stage: "declare" } & AssignmentBase)
  | ({
      stage: "assess";
      answers: ProposalAnswers;
      fit: StrategicFitResult;
      rubric: RubricCriterion[];
      assessment: AssessmentForAssessor | null;
    } & AssignmentBase);

async function loadOpenAssignment(db: Pick<Db, "select">, actor: Actor, assignmentId: number) {
  const [row] = await db
    .select({ assignment: assignments, proposal: proposals, call: calls, assessment: assessments })
    .from(assignments)
    .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
    .innerJoin(calls, eq(calls.id, proposals.callId))
    .leftJoin(assessments, eq(assessments.assignmentId, assignments.id))
    .where(and(eq(assignments.id, assignmentId), openToAssessor(actor.id)))
    .limit(1);
  return row;
}

/** The assessor's own open assignment, or null for any other id (pages show "not found"). */
export const getAssignmentForAssessor = guardedRead("assessment:score", async (actor, assignmentId: number): Promise<AssignmentForAssessor | null> => {
  const db = getDb();
  const row = await loadOpenAssignment(db, actor, assignmentId);
  if (!row) return null;
  const answers = normaliseAnswers(row.proposal.answers);
  const facts = proposalFacts(answers);
  const base: AssignmentBase = {
    assignmentId: row.assignment.id,
    call: { id: row.call.id, title: row.call.title, assessmentDueAt: row.call.assessmentDueAt },
    proposal: {
      title: facts.title || "Untitled proposal",
      leadOrganisation: facts.leadOrganisation,
      partners: facts.partners
        .filter((p) => p.organisation.trim() !== "")
        .map((p) => ({ organisation: p.organisation.trim(), country: p.country })),
    },
  };
  if (row.assignment.conflictDeclaration !== "none") return { stage: "declare", ...base };

  const rubric = await loadCallRubric(db, row.call.id);
  const stored = row.assessment;
  return {
    stage: "assess",
    ...base,
    answers,
    fit: strategicFit(facts.domainId, facts.partnerCountries),
    rubric,
    assessment: stored
      ? {
          id: stored.id,
          status: stored.status,
          version: stored.version,
          values: normaliseAssessmentValues(stored.values, rubric),
          submittedAt: stored.submittedAt,
          updatedAt: stored.updatedAt,
        }
      : null,
  };
});

// --- writes -------------------------------------------------------------------------------------

/** The assignment, ready to score: theirs, open, declared free of conflict, with a rubric. */
async function requireScorable(tx: Tx, actor: Actor, assignmentId: number, now: Date) {
  const row = await loadOpenAssignment(tx, actor, assignmentId);
  if (!row) throw new ActionError("not_found", NOT_FOUND);
  if (row.assignment.conflictDeclaration !== "none") {
    throw new ActionError("forbidden", "Declare whether you have a conflict of interest before you score this proposal.");
  }
  if (row.assessment?.status === "submitted") {
    throw new ActionError("locked", "You have submitted this assessment. Ask a portfolio manager to reopen it if it needs to change.");
  }
  if (callStage(row.call, now) === "released") {
    throw new ActionError("locked", "Decisions on this call have been released, so its assessments can no longer change.");
  }
  const rubric = await loadCallRubric(tx, row.call.id);
  // Without criteria an assessment would be "complete" with no scores at all.
  if (rubric.length === 0) {
    throw new ActionError("closed", "This call's rubric has not been set up yet, so its proposals cannot be scored.");
  }
  return { ...row, rubric };
}

function conflict(): ActionError {
  return new ActionError("conflict", "This assessment was changed in another tab or window since you opened it.");
}

/** Validates the values against the call's rubric; refusals carry one message per field. */
function parseValues(schema: z.ZodType<AssessmentFormValues, unknown>, raw: unknown): AssessmentFormValues {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ActionError("invalid", INVALID_MESSAGE, fieldErrorsFrom(parsed.error));
  }
  return parsed.data;
}

/**
 * Declares no conflict (the proposal opens for scoring) or a conflict with details, which ends
 * the assignment for the assessor and is recorded for managers. A conflict noticed only while
 * reading can still be declared, until the assessment is submitted.
 */
export async function declareConflict(actor: Actor, input: z.output<typeof declareConflictInput>, now = new Date()): Promise<{ declaration: "none" | "conflict" }> {
  return transaction(async (tx) => {
    const row = await loadOpenAssignment(tx, actor, input.assignmentId);
    if (!row) throw new ActionError("not_found", NOT_FOUND);
    const current = row.assignment.conflictDeclaration;

    if (input.declaration === "none") {
      // Already declared (a second tab, a double click): nothing changes.
      if (current === "none") return { declaration: "none" };
      await tx
        .update(assignments)
        .set({ conflictDeclaration: "none", conflictDetails: "", declaredAt: now })
        .where(eq(assignments.id, row.assignment.id));
      return { declaration: "none" };
    }

    if (row.assessment?.status === "submitted") {
      throw new ActionError(
        "locked",
        "You have already submitted this assessment. Contact a portfolio manager about the conflict of interest.",
      );
    }
    await tx
      .update(assignments)
      .set({ conflictDeclaration: "conflict", conflictDetails: input.details, declaredAt: now })
      .where(eq(assignments.id, row.assignment.id));
    await recordAudit(tx, {
      at: now,
      actorId: actor.id,
      action: "conflict.declared",
      callId: row.call.id,
      proposalId: row.proposal.id,
      detail: { assignmentId: row.assignment.id, details: input.details },
    });
    return { declaration: "conflict" };
  });
}

export interface SavedAssessment {
  version: number;
  savedAt: string;
}

/**
 * Saves a draft. Like the bidder's drafts, a save based on an older version than the stored one
 * is refused as a conflict unless the assessor chose to overwrite. Invalid values (a score off
 * the scale, an unknown criterion) are refused whole, so the stored draft is never damaged.
 */
export async function saveAssessmentDraft(actor: Actor, input: z.output<typeof saveAssessmentInput>, now = new Date()): Promise<SavedAssessment> {
  return transaction(async (tx) => {
    const row = await requireScorable(tx, actor, input.assignmentId, now);
    const values = parseValues(assessmentDraftSchema(row.rubric), input.values);
    const current = row.assessment?.version ?? 0;
    const base = saveBase({ version: current, lastSaveId: row.assessment?.lastSaveId ?? null }, input);
    if (base.kind === "already-applied" && row.assessment) return { version: current, savedAt: row.assessment.updatedAt.toISOString() };
    if (base.kind === "conflict") throw conflict();
    const lastSaveId = input.saveId ?? null;
    const version = current + 1;
    if (row.assessment) {
      await tx.update(assessments).set({ values, version, updatedAt: now, lastSaveId }).where(eq(assessments.id, row.assessment.id));
    } else {
      await tx.insert(assessments).values({ assignmentId: row.assignment.id, values, version, updatedAt: now, lastSaveId });
    }
    return { version, savedAt: now.toISOString() };
  });
}

/** Submits with every criterion scored and justified (lib/validation/assessment.ts); then it is read-only. */
export async function submitAssessment(actor: Actor, input: z.output<typeof submitAssessmentInput>, now = new Date()): Promise<{ version: number }> {
  return transaction(async (tx) => {
    const row = await requireScorable(tx, actor, input.assignmentId, now);
    const current = row.assessment?.version ?? 0;
    if (current !== input.baseVersion) throw conflict();
    const values = parseValues(assessmentSubmitSchema(row.rubric), input.values);
    const version = current + 1;
    const submitted = { values, version, status: "submitted" as const, submittedAt: now, updatedAt: now, lastSaveId: null };
    let id: number;
    if (row.assessment) {
      id = row.assessment.id;
      await tx.update(assessments).set(submitted).where(eq(assessments.id, id));
    } else {
      const [created] = await tx
        .insert(assessments)
        .values({ assignmentId: row.assignment.id, ...submitted })
        .returning({ id: assessments.id });
      id = created!.id;
    }
    await recordAudit(tx, {
      at: now,
      actorId: actor.id,
      action: "assessment.submitted",
      callId: row.call.id,
      proposalId: row.proposal.id,
      detail: { assessmentId: id, assignmentId: row.assignment.id },
    });
    return { version };
  });
}

/** A manager puts a submitted assessment back to draft so its assessor can change it. */
export async function reopenAssessment(
  actor: Actor,
  { assessmentId, reason }: z.output<typeof reopenAssessmentInput>,
  now = new Date(),
): Promise<{ version: number }> {
  return transaction(async (tx) => {
    const [row] = await tx
      .select({ assessment: assessments, assignment: assignments, proposal: proposals, call: calls, assessorAgencyId: users.agencyId })
      .from(assessments)
      .innerJoin(assignments, eq(assignments.id, assessments.assignmentId))
      .innerJoin(users, eq(users.id, assignments.assessorId))
      .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
      .innerJoin(calls, eq(calls.id, proposals.callId))
      .where(eq(assessments.id, assessmentId))
      .limit(1);
    // A manager reopens only the assessments of their own agency's assessors, on a call it takes part in.
    if (!row || !actor.agency || !agencyMaySeeCall(actor.agency, row.call) || row.assessorAgencyId !== actor.agency.id) {
      throw new ActionError("not_found", NOT_FOUND);
    }
    if (callStage(row.call, now) === "released") {
      throw new ActionError("locked", "Decisions on this call have been released, so its assessments can no longer change.");
    }
    if (row.assessment.status !== "submitted") throw new ActionError("invalid", "This assessment is already open for changes.");
    // The assessor could not open it again, so reopening would only hide a submitted score.
    if (row.assignment.removedAt || row.assignment.conflictDeclaration === "conflict") {
      throw new ActionError("invalid", "This assessor is no longer assigned to the proposal, so the assessment cannot be reopened.");
    }
    const version = row.assessment.version + 1;
    await tx
      .update(assessments)
      .set({ status: "draft", submittedAt: null, version, updatedAt: now, lastSaveId: null })
      .where(eq(assessments.id, assessmentId));
    await recordAudit(tx, {
      at: now,
      actorId: actor.id,
      action: "assessment.reopened",
      callId: row.proposal.callId,
      proposalId: row.proposal.id,
      detail: { assessmentId, assignmentId: row.assignment.id, assessorId: row.assignment.assessorId, reason },
    });
    return { version };
  });
}
