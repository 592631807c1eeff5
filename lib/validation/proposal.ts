/**
 * The proposal's zod schemas, derived from the question definitions. The same schemas are used by
 * the react-hook-form resolver in the browser and by the server actions.
 */
import { z } from "zod";
import { PROPOSAL_SECTIONS, type JointProposalContext, type Question } from "@/lib/domain/proposal/questions";
import { proposalProblems } from "@/lib/domain/proposal/completeness";

/** Far above any word limit: a draft may run over a limit, but nothing enormous is stored. */
export const MAX_ANSWER_CHARS = 20_000;
const MAX_OPTION_CHARS = 100;

const answerText = (max: number) =>
  z
    .string({ error: "Must be text" })
    .max(max, `Too long to save: keep this under ${max.toLocaleString("en-GB")} characters`)
    .default("");

const partnerRow = z.object({
  organisation: answerText(1_000),
  country: answerText(MAX_OPTION_CHARS),
  type: answerText(MAX_OPTION_CHARS),
  role: answerText(5_000),
  share: answerText(20),
});

function draftField(question: Question) {
  switch (question.kind) {
    case "checklist":
      return z.array(z.string().max(MAX_OPTION_CHARS)).max(question.options.length).default([]);
    case "partners":
      return z.array(partnerRow).max(question.maxRows, `You can add up to ${question.maxRows} partners`).default([]);
    case "select":
      return answerText(MAX_OPTION_CHARS);
    case "integer":
    case "money":
      return answerText(40);
    case "text":
    case "longText":
      return answerText(MAX_ANSWER_CHARS);
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

export const saveDraftInput = z.object({
  proposalId: id,
  baseVersion: z.number().int().positive(),
  answers: proposalDraftSchema,
  /** Set when the user chose to overwrite changes made elsewhere. */
  overwrite: z.boolean().default(false),
});

export const submitProposalInput = z.object({
  proposalId: id,
  baseVersion: z.number().int().positive(),
  answers: proposalSubmitSchema,
});

export const proposalRefInput = z.object({ proposalId: id });
export const startProposalInput = z.object({ callId: z.coerce.number().int().positive() });
