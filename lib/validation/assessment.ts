/**
 * An assessment's zod schemas. Each call has its own rubric, so the schemas are built from the
 * criteria rather than fixed. The same schemas serve the react-hook-form resolver and the server.
 */
import { z } from "zod";
import { canonicalInteger, normaliseText } from "@/lib/domain/text";
import type { RubricCriterion } from "@/lib/domain/rubric";
import { countWords } from "@/lib/domain/words";

/** Issue 3 asks for "a written justification of at least a few sentences". */
export const MIN_JUSTIFICATION_WORDS = 25;
/** Far above what anyone writes for one criterion; stops enormous payloads being stored. */
export const MAX_TEXT_CHARS = 20_000;

export const RECOMMENDATIONS = ["yes", "no"] as const;
/** "Is this proposal in scope of the call?", as Innovate UK asks its assessors. */
export const IN_SCOPE_ANSWERS = ["yes", "no"] as const;
export const IN_SCOPE_QUESTION = "Is this proposal in scope of the call?";
export const CONFIDENCE_LEVELS = ["low", "medium", "high"] as const;

/** What the form holds. Scores stay strings as typed ("" when blank) so nothing typed is lost. */
export interface AssessmentFormValues {
  inScope: "" | (typeof IN_SCOPE_ANSWERS)[number];
  /** Why it is out of scope (required when inScope is "no"). */
  inScopeComment: string;
  scores: Record<string, string>;
  justifications: Record<string, string>;
  bidderFeedback: string;
  privateComment: string;
  recommendation: "" | (typeof RECOMMENDATIONS)[number];
  confidence: "" | (typeof CONFIDENCE_LEVELS)[number];
}

export function emptyAssessment(criteria: readonly RubricCriterion[]): AssessmentFormValues {
  const blank = () => Object.fromEntries(criteria.map((c) => [c.key, ""]));
  return {
    inScope: "",
    inScopeComment: "",
    scores: blank(),
    justifications: blank(),
    bidderFeedback: "",
    privateComment: "",
    recommendation: "",
    confidence: "",
  };
}

/** The score as a number when it is a whole number on the criterion's scale, otherwise null. */
export function parseScore(value: string, criterion: RubricCriterion): number | null {
  const trimmed = value.trim();
  if (!/^-?\d+$/u.test(trimmed)) return null;
  const score = Number(trimmed);
  return score >= criterion.scaleMin && score <= criterion.scaleMax ? score : null;
}

const LIMIT = MAX_TEXT_CHARS.toLocaleString("en-GB");

const text = (label: string) =>
  z
    .string({ error: `${label} must be text` })
    .overwrite(normaliseText)
    .max(MAX_TEXT_CHARS, `${label} must be ${LIMIT} characters or fewer`)
    .default("");

function scoreField(c: RubricCriterion) {
  const message = `Score for ${c.title} must be a whole number from ${c.scaleMin} to ${c.scaleMax}`;
  // Numbers are accepted too (a JSON client may send them) and kept as the string form uses.
  return z
    .union([z.string(), z.number()], { error: message })
    // "-0" and "07" are stored as "0" and "7": one spelling per score.
    .transform((v) => canonicalInteger(String(v)))
    .refine((v) => v === "" || parseScore(v, c) !== null, message)
    .default("");
}

/** One field per criterion; any other key is refused, since it cannot be scored. */
function perCriterion<T extends z.ZodType>(criteria: readonly RubricCriterion[], field: (c: RubricCriterion) => T) {
  return z
    .strictObject(Object.fromEntries(criteria.map((c) => [c.key, field(c)])), {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `Unknown criterion: ${issue.keys.map((k) => `“${k}”`).join(", ")}`
          : undefined,
    })
    .prefault({});
}

/** A draft: any partial answers, as long as what is there is valid and not enormous. */
export function assessmentDraftSchema(criteria: readonly RubricCriterion[]) {
  return z.object({
    inScope: z.enum(["", ...IN_SCOPE_ANSWERS], { error: "Select yes if this proposal is in scope of the call" }).default(""),
    inScopeComment: text("Why the proposal is out of scope"),
    scores: perCriterion(criteria, scoreField),
    justifications: perCriterion(criteria, (c) => text(`Justification for ${c.title}`)),
    bidderFeedback: text("Feedback for the bidder"),
    privateComment: text("Comment for managers"),
    recommendation: z
      .enum(["", ...RECOMMENDATIONS], { error: "Select yes or no for your funding recommendation" })
      .default(""),
    confidence: z
      .enum(["", ...CONFIDENCE_LEVELS], { error: "Select low, medium or high for your confidence" })
      .default(""),
  });
}

/** A submission: the draft rules plus everything answered (issue 3). */
export function assessmentSubmitSchema(criteria: readonly RubricCriterion[]) {
  return assessmentDraftSchema(criteria).superRefine((values, ctx) => {
    const problem = (path: string[], message: string) => ctx.addIssue({ code: "custom", path, message });

    if (values.inScope === "") problem(["inScope"], "Select yes if this proposal is in scope of the call");
    if (values.inScope === "no" && values.inScopeComment.trim() === "") {
      problem(["inScopeComment"], "Explain why this proposal is out of scope of the call");
    }

    for (const c of criteria) {
      // An invalid score is already reported by the draft rules; only a blank one is added here.
      if ((values.scores[c.key] ?? "") === "") problem(["scores", c.key], `Enter a score for ${c.title}`);
      if (countWords(values.justifications[c.key] ?? "") < MIN_JUSTIFICATION_WORDS) {
        problem(
          ["justifications", c.key],
          `Justify your score for ${c.title} in at least ${MIN_JUSTIFICATION_WORDS} words`,
        );
      }
    }
    if (countWords(values.bidderFeedback) < MIN_JUSTIFICATION_WORDS) {
      problem(
        ["bidderFeedback"],
        `Give the bidder feedback on the proposal’s strengths and weaknesses in at least ${MIN_JUSTIFICATION_WORDS} words`,
      );
    }
    if (values.recommendation === "") {
      problem(["recommendation"], "Select whether you recommend this proposal for funding");
    }
    if (values.confidence === "") problem(["confidence"], "Select how confident you are in this assessment");
  });
}
