/**
 * What a section still needs before it can be submitted, and its status in the task list.
 * Pure functions over the question definitions; the submit schema is built from these rules.
 */
import { countWords } from "../words";
import { charCapForWords, isBlankText } from "../text";
import {
  COUNTRY_OPTIONS,
  ORGANISATION_TYPES,
  PROPOSAL_SECTIONS,
  isAsked,
  type AnswerValue,
  type JointProposalContext,
  type PartnerRow,
  type ProposalAnswers,
  type Question,
  type Section,
  type SectionAnswers,
} from "./questions";

export interface Problem {
  /** Dotted path within the section, e.g. "title" or "partners.0.country". */
  field: string;
  message: string;
}

export type SectionStatus = "not-started" | "in-progress" | "complete";

export const SECTION_STATUS_LABELS: Record<SectionStatus, string> = {
  "not-started": "Not started",
  "in-progress": "In progress",
  complete: "Complete",
};

const WHOLE_NUMBER = /^\d+$/;
const MONEY = /^£?\s*\d{1,3}(,?\d{3})*$|^£?\s*\d+$/;

/** "Project title" → "project title", but keep acronyms such as "UK" or "TRL". */
export function inSentence(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

export function parseMoney(value: string): number | null {
  const v = value.trim();
  if (!MONEY.test(v)) return null;
  return Number(v.replace(/[£,\s]/g, ""));
}

const text = (value: AnswerValue | undefined): string => (typeof value === "string" ? value : "");

function partnerProblems(rows: PartnerRow[], maxRows: number): Problem[] {
  if (rows.length === 0) return [{ field: "partners", message: "Add at least one international partner" }];
  if (rows.length > maxRows) return [{ field: "partners", message: `You can add up to ${maxRows} partners` }];
  const problems: Problem[] = [];
  rows.forEach((row, i) => {
    const who = `partner ${i + 1}`;
    const at = (name: keyof PartnerRow) => `partners.${i}.${name}`;
    if (isBlankText(row.organisation)) problems.push({ field: at("organisation"), message: `Enter ${who}'s organisation` });
    else if (row.organisation.length > 200) problems.push({ field: at("organisation"), message: `The organisation of ${who} must be 200 characters or fewer` });
    if (!COUNTRY_OPTIONS.some((o) => o.value === row.country)) problems.push({ field: at("country"), message: `Select ${who}'s country` });
    if (!ORGANISATION_TYPES.some((o) => o.value === row.type)) problems.push({ field: at("type"), message: `Select ${who}'s organisation type` });
    if (isBlankText(row.role)) problems.push({ field: at("role"), message: `Describe ${who}'s role` });
    else if (countWords(row.role) > 100) problems.push({ field: at("role"), message: `The role of ${who} must be 100 words or fewer` });
    const share = row.share.trim();
    if (!WHOLE_NUMBER.test(share) || Number(share) < 1 || Number(share) > 99) {
      problems.push({ field: at("share"), message: `Enter ${who}'s share of effort or budget as a whole number from 1 to 99` });
    }
  });
  return problems;
}

export function questionProblems(question: Question, answers: SectionAnswers, joint: JointProposalContext | null = null): Problem[] {
  if (!isAsked(question, answers, joint)) return [];
  const value = answers[question.key];
  const field = question.key;
  const name = inSentence(question.label);
  switch (question.kind) {
    case "text": {
      const v = text(value).trim();
      if (isBlankText(v)) return [{ field, message: `Enter ${name}` }];
      if (v.length > question.maxChars) return [{ field, message: `${question.label} must be ${question.maxChars} characters or fewer` }];
      return [];
    }
    case "longText": {
      const v = text(value);
      if (isBlankText(v)) return [{ field, message: question.askedWhen ? `Give the ${name}` : `Enter ${name}` }];
      const cap = charCapForWords(question.maxWords);
      if (v.length > cap) {
        return [{ field, message: `${question.label} must be ${cap.toLocaleString("en-GB")} characters or fewer (it has ${v.length.toLocaleString("en-GB")})` }];
      }
      const words = countWords(v);
      if (words > question.maxWords) {
        return [{ field, message: `${question.label} must be ${question.maxWords} words or fewer` }];
      }
      return [];
    }
    case "select": {
      const v = text(value);
      return question.options.some((o) => o.value === v) ? [] : [{ field, message: `Select ${name}` }];
    }
    case "integer": {
      const v = text(value).trim();
      const n = Number(v);
      if (v === "") return [{ field, message: `Enter ${name}` }];
      if (!WHOLE_NUMBER.test(v) || n < question.min || n > question.max) {
        return [{ field, message: `${question.label} must be a whole number from ${question.min} to ${question.max}` }];
      }
      return [];
    }
    case "money": {
      const v = text(value).trim();
      if (v === "") return [{ field, message: `Enter ${name}` }];
      if (question.jointOnly && joint) {
        const n = /^\d{1,3}(,?\d{3})*$|^\d+$/.test(v) ? Number(v.replace(/,/g, "")) : null;
        const unit = joint.currency;
        if (n === null) return [{ field, message: `${question.label} must be a whole amount in ${unit}, like 150000000` }];
        if (n <= 0 || n > question.max) return [{ field, message: `${question.label} must be more than 0 and at most ${question.max.toLocaleString("en-GB")} ${unit}` }];
        return [];
      }
      const n = parseMoney(v);
      if (n === null) return [{ field, message: `${question.label} must be an amount in whole pounds, like 250000` }];
      if (n <= 0 || n > question.max) return [{ field, message: `${question.label} must be more than £0 and at most £${question.max.toLocaleString("en-GB")}` }];
      return [];
    }
    case "checklist": {
      const selected = Array.isArray(value) ? (value as string[]) : [];
      if (selected.some((s) => !question.options.some((o) => o.value === s))) return [{ field, message: `Select only the listed options` }];
      return selected.length < question.minSelected ? [{ field, message: `Select at least one of the ${inSentence(question.label.replace(/^Which |\?$/g, ""))}` }] : [];
    }
    case "partners":
      return partnerProblems(Array.isArray(value) ? (value as PartnerRow[]) : [], question.maxRows);
  }
}

/** Everything that stops this section being submitted, in the order the fields appear. */
export function sectionProblems(section: Section, answers: SectionAnswers | undefined, joint: JointProposalContext | null = null): Problem[] {
  const a = answers ?? {};
  const problems = section.questions.flatMap((q) => questionProblems(q, a, joint));
  const broken = [...section.rules.map((rule) => rule.check(a)), ...(joint ? (section.jointRules ?? []).map((rule) => rule.check(a, joint)) : [])];
  for (const b of broken) {
    if (b && !problems.some((p) => p.field === b.field)) problems.push(b);
  }
  return problems;
}

function isBlank(value: AnswerValue | undefined): boolean {
  if (value === undefined) return true;
  if (typeof value === "string") return isBlankText(value);
  return value.length === 0;
}

export function sectionStatus(section: Section, answers: SectionAnswers | undefined, joint: JointProposalContext | null = null): SectionStatus {
  const a = answers ?? {};
  if (section.questions.every((q) => isBlank(a[q.key]))) return "not-started";
  return sectionProblems(section, a, joint).length === 0 ? "complete" : "in-progress";
}

export function proposalStatuses(answers: ProposalAnswers, joint: JointProposalContext | null = null): { section: Section; status: SectionStatus }[] {
  return PROPOSAL_SECTIONS.map((section) => ({ section, status: sectionStatus(section, answers[section.key], joint) }));
}

/** Every problem in the proposal, with paths prefixed by the section key. On a joint call, pass its partner agency. */
export function proposalProblems(answers: ProposalAnswers, joint: JointProposalContext | null = null): Problem[] {
  return PROPOSAL_SECTIONS.flatMap((s) =>
    sectionProblems(s, answers[s.key], joint).map((p) => ({ field: `${s.key}.${p.field}`, message: p.message })),
  );
}
