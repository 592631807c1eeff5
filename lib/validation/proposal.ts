/**
 * The proposal's zod schemas, derived from the question definitions. The same schemas are used by
 * the react-hook-form resolver in the browser and by the server actions.
 */
import { z } from "zod";
import { PROPOSAL_SECTIONS, type JointProposalContext, type Question } from "@/lib/domain/proposal/questions";
import { proposalProblems } from "@/lib/domain/proposal/completeness";
import { BIDI_MESSAGE, charCapForWords, hasBidiControls, hasHiddenControls, normaliseText } from "@/lib/domain/text";
import { completedAnswer } from "./tasks";

/** The most any one answer may hold, even in a draft. */
export const MAX_ANSWER_CHARS = 20_000;
const MAX_OPTION_CHARS = 100;
/** A partner's role is limited to 100 words at submission (lib/domain/proposal/completeness.ts). */
export const PARTNER_ROLE_MAX_WORDS = 100;

/**
 * The character cap of an answer in a draft. A draft may run over a word limit while it is being
 * written (submission refuses that), but never over the characters that go with the limit.
 */
export function draftCharCap(question: Question): number {
  switch (question.kind) {
    case "text":
      return question.maxChars;
    case "longText":
      return Math.min(MAX_ANSWER_CHARS, charCapForWords(question.maxWords));
    case "integer":
    case "money":
      return 40;
    default:
      return MAX_OPTION_CHARS;
  }
}

const answerText = (max: number, options: { name?: boolean } = {}) =>
  z
    .string({ error: "Must be text" })
    .transform(normaliseText)
    .refine((v) => v.length <= max, `Too long to save: keep this under ${max.toLocaleString("en-GB")} characters`)
    .refine((v) => !options.name || !hasBidiControls(v), `This ${BIDI_MESSAGE}`)
    .refine((v) => !hasHiddenControls(v), "Remove the invisible control characters from this answer")
    .default("");

const partnerRow = z.object({
  organisation: answerText(200, { name: true }),
  country: answerText(MAX_OPTION_CHARS),
  type: answerText(MAX_OPTION_CHARS),
  role: answerText(charCapForWords(PARTNER_ROLE_MAX_WORDS)),
  share: answerText(20),
});

function draftField(question: Question) {
  switch (question.kind) {
    case "checklist":
      return z
        .array(z.string().max(MAX_OPTION_CHARS))
        .max(question.options.length)
        .refine((values) => new Set(values).size === values.length, "Select each option only once")
        .default([]);
    case "partners":
      return z.array(partnerRow).max(question.maxRows, `You can add up to ${question.maxRows} partners`).default([]);
    case "select":
      return answerText(MAX_OPTION_CHARS);
    case "integer":
    case "money":
      return answerText(40);
    case "text":
      return answerText(draftCharCap(question), { name: true });
    case "longText":
      return answerText(draftCharCap(question));
  }
}

const sectionDraftShape = Object.fromEntries(
  PROPOSAL_SECTIONS.map((section) => [
    section.key,
    z.object(Object.fromEntries(section.questions.map((q) => [q.key, draftField(q)]))).default({}),
  ]),
);

/** A draft: any partial answers, as long as they are the right shape and not enormous. */
export const proposalDraftSchema = z.object(sectionDraftShape);

/**
 * A submission: every section complete (the rules live in lib/domain/proposal/completeness.ts).
 * On a joint call, pass its partner agency: the partner grant and the partner-country rule apply.
 */
export function proposalSubmitSchemaFor(joint: JointProposalContext | null) {
  return proposalDraftSchema.superRefine((answers, ctx) => {
    for (const problem of proposalProblems(answers, joint)) {
      ctx.addIssue({ code: "custom", path: problem.field.split("."), message: problem.message });
    }
  });
}

/** A submission to a home-only call. */
export const proposalSubmitSchema = proposalSubmitSchemaFor(null);

const id = z.number({ error: "Unknown proposal" }).int().positive();

/** An autosave's id: made by the browser for each save (a UUID), so a retried save is recognised. */
export const saveIdSchema = z
  .string({ error: "Unknown save" })
  .regex(/^[A-Za-z0-9_-]{8,64}$/u, "Unknown save");

/** What identifies one autosave, for idempotent saves (see lib/server/autosave.ts). */
export const saveIdentity = {
  saveId: saveIdSchema.optional(),
  /** Earlier saves from this browser whose answer never arrived (a lost response). */
  unconfirmed: z.array(saveIdSchema).max(50).default([]),
};

export const saveDraftInput = z.object({
  proposalId: id,
  baseVersion: z.number().int().positive(),
  answers: proposalDraftSchema,
  /** Set when the user chose to overwrite changes made elsewhere. */
  overwrite: z.boolean().default(false),
  ...saveIdentity,
});

/** The save request before its answers are checked field by field (lib/server/proposals.ts). */
export const saveDraftEnvelope = saveDraftInput.extend({ answers: z.unknown() });

/**
 * Submitting. Without answers (from the check-your-answers page) the stored answers are checked
 * instead; with them (older clients), they are saved and submitted together.
 */
export const submitProposalInput = z.object({
  proposalId: id,
  baseVersion: z.number().int().positive(),
  answers: proposalSubmitSchema.optional(),
});

/** "Have you completed this section?" at the foot of a section page, saved with its answers. */
export const completeSectionInput = z.object({
  proposalId: id,
  baseVersion: z.number().int().positive(),
  answers: proposalDraftSchema,
  sectionKey: z.string().refine((key) => PROPOSAL_SECTIONS.some((s) => s.key === key), "Unknown section"),
  completed: completedAnswer,
});

export const proposalRefInput = z.object({ proposalId: id });
export const startProposalInput = z.object({ callId: z.coerce.number().int().positive() });
