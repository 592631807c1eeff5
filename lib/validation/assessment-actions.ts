/**
 * Inputs of the assessor's actions (lib/server/assessments.ts). The assessment's own values are
 * checked against the call's rubric by lib/validation/assessment.ts once the server knows which
 * call they belong to, so here they are only `unknown`.
 */
import { z } from "zod";
import { saveIdentity } from "./proposal";
import type { RubricCriterion } from "@/lib/domain/rubric";
import { CONFIDENCE_LEVELS, IN_SCOPE_ANSWERS, RECOMMENDATIONS, emptyAssessment, type AssessmentFormValues } from "./assessment";

export const MAX_CONFLICT_DETAILS_CHARS = 5_000;

const assignmentId = z.number({ error: "Unknown assignment" }).int().positive();
const assessmentId = z.number({ error: "Unknown assessment" }).int().positive();
/** 0 means "nothing saved yet": the first save creates the assessment at version 1. */
const baseVersion = z.number({ error: "Unknown version" }).int().nonnegative();

// --- conflict of interest ---------------------------------------------------------------------

/** What the declaration form holds: nothing is chosen until the assessor picks an answer. */
export interface ConflictDeclarationValues {
  declaration: "" | "none" | "conflict";
  details: string;
}

const declarationShape = {
  declaration: z.enum(["none", "conflict"], { error: "Select whether you have a conflict of interest" }),
  details: z
    .string({ error: "Details must be text" })
    .trim()
    .max(MAX_CONFLICT_DETAILS_CHARS, `Keep the details under ${MAX_CONFLICT_DETAILS_CHARS.toLocaleString("en-GB")} characters`)
    .default(""),
};

/** Managers need to know what the conflict is, so "conflict" without details is refused. */
function requireDetails(values: { declaration: string; details: string }, ctx: z.RefinementCtx) {
  if (values.declaration === "conflict" && values.details === "") {
    ctx.addIssue({ code: "custom", path: ["details"], message: "Describe your conflict of interest" });
  }
}

/** The form's schema (react-hook-form resolver). */
export const conflictDeclarationSchema = z.object(declarationShape).superRefine(requireDetails);

export const declareConflictInput = z.object({ assignmentId, ...declarationShape }).superRefine(requireDetails);

// --- the assessment -----------------------------------------------------------------------------

export const saveAssessmentInput = z.object({
  assignmentId,
  baseVersion,
  values: z.unknown(),
  /** Set when the assessor chose to keep their changes over ones made in another tab. */
  overwrite: z.boolean().default(false),
  ...saveIdentity,
});

export const submitAssessmentInput = z.object({ assignmentId, baseVersion, values: z.unknown() });

export const reopenAssessmentInput = z.object({
  assessmentId,
  /** Why it was reopened, kept in the audit log for the record. */
  reason: z.string({ error: "The reason must be text" }).trim().max(2_000, "Keep the reason under 2,000 characters").default(""),
});

// --- stored values ------------------------------------------------------------------------------

const str = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
const oneOf = <T extends string>(options: readonly T[], v: unknown): "" | T =>
  options.includes(v as T) ? (v as T) : "";

/**
 * Stored or backed-up values merged over a blank assessment for this rubric, keeping only the
 * rubric's criteria and the right shapes, so a page always gets complete form values.
 */
export function normaliseAssessmentValues(raw: unknown, criteria: readonly RubricCriterion[]): AssessmentFormValues {
  const out = emptyAssessment(criteria);
  const source = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const scores = source.scores && typeof source.scores === "object" ? (source.scores as Record<string, unknown>) : {};
  const justifications =
    source.justifications && typeof source.justifications === "object"
      ? (source.justifications as Record<string, unknown>)
      : {};
  for (const c of criteria) {
    out.scores[c.key] = str(scores[c.key]);
    out.justifications[c.key] = str(justifications[c.key]);
  }
  out.inScope = oneOf(IN_SCOPE_ANSWERS, source.inScope);
  out.inScopeComment = str(source.inScopeComment);
  out.bidderFeedback = str(source.bidderFeedback);
  out.privateComment = str(source.privateComment);
  out.recommendation = oneOf(RECOMMENDATIONS, source.recommendation);
  out.confidence = oneOf(CONFIDENCE_LEVELS, source.confidence);
  return out;
}
