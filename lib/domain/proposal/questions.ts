/**
 * The proposal's questions, defined once. The form, the zod schemas (lib/validation/proposal.ts),
 * the completeness status and the read-only view are all derived from this definition.
 * Each section names the part of the report it comes from.
 */
import { COUNTRIES, isUkCode } from "../report/countries";
import { RD_CATEGORIES } from "../report/rd-categories";
import { THEMES, TECHNOLOGY_DOMAINS } from "../report/technology-domains";
import { VALUE_CAPTURE_PATHWAYS, VALUE_CAPTURE_PERSPECTIVES } from "../report/value-capture";
import { WIN_WIN_PRINCIPLES } from "../report/principles";

export interface Option {
  value: string;
  label: string;
  /** Options with a group are shown in an <optgroup>. */
  group?: string;
}

interface QuestionBase {
  key: string;
  label: string;
  hint?: string;
  /** The report table or section the question comes from. */
  source?: string;
}

export interface TextQuestion extends QuestionBase {
  kind: "text";
  maxChars: number;
}
export interface LongTextQuestion extends QuestionBase {
  kind: "longText";
  maxWords: number;
  /** Only asked (and required) when the checklist `question` includes `value`. */
  askedWhen?: { question: string; value: string };
}
export interface SelectQuestion extends QuestionBase {
  kind: "select";
  options: readonly Option[];
}
export interface IntegerQuestion extends QuestionBase {
  kind: "integer";
  min: number;
  max: number;
  suffix?: string;
}
export interface MoneyQuestion extends QuestionBase {
  kind: "money";
  max: number;
  /** Asked only on a joint call: an amount in the partner agency's currency, not in pounds. */
  jointOnly?: true;
  /** ISO 4217 code when the amount is not in pounds (set by questionsFor on a joint call). */
  currency?: string;
}
export interface ChecklistQuestion extends QuestionBase {
  kind: "checklist";
  options: readonly Option[];
  minSelected: number;
  /** Key of the evidence question asked for each ticked option. */
  evidenceKey: (optionValue: string) => string;
}
export interface PartnersQuestion extends QuestionBase {
  kind: "partners";
  maxRows: number;
}

export type Question =
  | TextQuestion
  | LongTextQuestion
  | SelectQuestion
  | IntegerQuestion
  | MoneyQuestion
  | ChecklistQuestion
  | PartnersQuestion;

export interface PartnerRow {
  organisation: string;
  country: string;
  type: string;
  role: string;
  share: string;
}

/** Answers are kept as typed text (numbers too), exactly as the user entered them. */
export type AnswerValue = string | string[] | PartnerRow[];
export type SectionAnswers = Record<string, AnswerValue>;
export type ProposalAnswers = Record<string, SectionAnswers>;

/** A rule across several answers of one section; returns the message and the field it belongs to. */
export interface CrossFieldRule {
  check: (answers: SectionAnswers) => { field: string; message: string } | null;
}

/**
 * What a proposal on a joint call needs to know about the partner agency: the consortium must
 * include a partner in its country, and the bidder asks it for a grant in its currency.
 */
export interface JointProposalContext {
  agencyName: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  countryName: string;
  /** ISO 4217. */
  currency: string;
}

/** A rule that applies only on a joint call. */
export interface JointRule {
  check: (answers: SectionAnswers, joint: JointProposalContext) => { field: string; message: string } | null;
}

export interface Section {
  key: string;
  number: number;
  title: string;
  source: string;
  intro: string;
  questions: readonly Question[];
  rules: readonly CrossFieldRule[];
  jointRules?: readonly JointRule[];
}

export const ORGANISATION_TYPES: readonly Option[] = [
  { value: "sme", label: "SME" },
  { value: "large-business", label: "Large business" },
  { value: "rto", label: "Research and technology organisation" },
  { value: "university", label: "University" },
  { value: "other", label: "Other" },
];

export const IP_AGREEMENT_STATES: readonly Option[] = [
  { value: "signed", label: "Signed by all partners" },
  { value: "heads-of-terms", label: "Heads of terms agreed" },
  { value: "negotiating", label: "In negotiation" },
  { value: "not-started", label: "Not started" },
];

const themeName = (id: string) => THEMES.find((t) => t.id === id)?.name ?? id;

export const DOMAIN_OPTIONS: readonly Option[] = TECHNOLOGY_DOMAINS.map((d) => ({
  value: d.id,
  label: d.suggestedForFuture ? `${d.longName} (suggested for future prioritisation)` : d.longName,
  group: `${themeName(d.theme)}: ${d.techGroup}`,
}));

export const COUNTRY_OPTIONS: readonly Option[] = COUNTRIES.map((c) => ({ value: c.code, label: c.name }));

/** "workforce-skills" → "workforceSkills": question keys stay valid form field names. */
export function camelKey(key: string): string {
  return key.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

const asNumber = (value: AnswerValue | undefined): number | null => {
  if (typeof value !== "string" || value.trim() === "") return null;
  const n = Number(value.replace(/[£,\s]/g, ""));
  return Number.isFinite(n) ? n : null;
};

const endNotBeforeStart = (start: string, end: string, what: string): CrossFieldRule => ({
  check: (a) => {
    const s = asNumber(a[start]);
    const e = asNumber(a[end]);
    return s !== null && e !== null && e < s ? { field: end, message: `${what} at the end must be the same as or higher than at the start` } : null;
  },
});

const project: Section = {
  key: "project",
  number: 1,
  title: "Project",
  source: "Table 4.1, §7.3",
  intro: "What the project is, which technology it advances and what it will cost.",
  questions: [
    { kind: "text", key: "title", label: "Project title", maxChars: 200 },
    { kind: "longText", key: "summary", label: "Project summary", hint: "What the project will do and what it will achieve, in plain English.", maxWords: 250 },
    { kind: "select", key: "domainId", label: "Technology domain", hint: "From the 33 technology domains of Table 4.1 and the technologies §6 suggests for future prioritisation. The theme follows from the domain.", source: "Table 4.1", options: DOMAIN_OPTIONS },
    { kind: "select", key: "rdCategory", label: "R&D category", source: "§7.3", options: RD_CATEGORIES.map((c) => ({ value: c.key, label: c.title })) },
    { kind: "integer", key: "trlStart", label: "Technology readiness level (TRL) at start", min: 1, max: 9 },
    { kind: "integer", key: "trlEnd", label: "Technology readiness level (TRL) at end", min: 1, max: 9 },
    { kind: "integer", key: "mrlStart", label: "Manufacturing readiness level (MRL) at start", min: 1, max: 10 },
    { kind: "integer", key: "mrlEnd", label: "Manufacturing readiness level (MRL) at end", min: 1, max: 10 },
    { kind: "integer", key: "durationMonths", label: "Duration", min: 1, max: 60, suffix: "months" },
    { kind: "money", key: "totalCost", label: "Total project cost", hint: "In pounds, whole pounds only.", max: 1_000_000_000 },
    { kind: "money", key: "grantRequested", label: "Grant requested", hint: "In pounds. Cannot be more than the total project cost.", max: 1_000_000_000 },
    {
      kind: "money",
      key: "partnerGrantRequested",
      label: "Grant requested from the partner agency",
      hint: "In the partner agency's currency, whole units only. The partner agency funds the partners in its country.",
      max: 1_000_000_000_000,
      jointOnly: true,
    },
  ],
  rules: [
    endNotBeforeStart("trlStart", "trlEnd", "TRL"),
    endNotBeforeStart("mrlStart", "mrlEnd", "MRL"),
    {
      check: (a) => {
        const cost = asNumber(a.totalCost);
        const grant = asNumber(a.grantRequested);
        return cost !== null && grant !== null && grant > cost
          ? { field: "grantRequested", message: "Grant requested must be the same as or less than the total project cost" }
          : null;
      },
    },
  ],
};

const consortium: Section = {
  key: "consortium",
  number: 2,
  title: "Consortium",
  source: "§7.4",
  intro: "The UK lead organisation and the international partners.",
  questions: [
    { kind: "text", key: "leadName", label: "UK lead organisation", maxChars: 200 },
    { kind: "select", key: "leadType", label: "Type of UK lead organisation", options: ORGANISATION_TYPES },
    {
      kind: "partners",
      key: "partners",
      label: "International partners",
      hint: "Add each partner organisation. At least one must be based outside the UK.",
      maxRows: 10,
    },
  ],
  rules: [
    {
      check: (a) => {
        const rows = Array.isArray(a.partners) ? (a.partners as PartnerRow[]) : [];
        if (rows.length > 0 && !rows.some((r) => r.country !== "" && !isUkCode(r.country))) {
          return { field: "partners", message: "Add at least one partner based outside the UK" };
        }
        const total = rows.reduce((sum, r) => sum + (asNumber(r.share) ?? 0), 0);
        return total >= 100
          ? { field: "partners", message: "Partners' shares must add up to less than 100%, leaving a share for the UK lead" }
          : null;
      },
    },
  ],
  jointRules: [
    {
      // A joint call funds the partners in the partner agency's country, so there must be one.
      check: (a, joint) => {
        const rows = Array.isArray(a.partners) ? (a.partners as PartnerRow[]) : [];
        return rows.some((r) => r.country.toUpperCase() === joint.country.toUpperCase())
          ? null
          : { field: "partners", message: `Add at least one partner based in ${joint.countryName}, the country of ${joint.agencyName}` };
      },
    },
  ],
};

const PATHWAY_EVIDENCE_PREFIX = "evidence";
const pathwayEvidenceKey = (pathway: string) => `${PATHWAY_EVIDENCE_PREFIX}${camelKey(`-${pathway}`)}`;

const valueCapture: Section = {
  key: "valueCapture",
  number: 3,
  title: "Value capture",
  source: "Table 7.1, §7.1–7.2",
  intro:
    "For each perspective of Table 7.1: what the project creates, and how the UK captures that value rather than seeing it exploited elsewhere.",
  questions: [
    ...VALUE_CAPTURE_PERSPECTIVES.flatMap((p): LongTextQuestion[] => [
      {
        kind: "longText",
        key: `${camelKey(p.key)}Creation`,
        label: `${p.title}: value the project creates`,
        hint: p.valueCreation,
        source: "Table 7.1",
        maxWords: 200,
      },
      {
        kind: "longText",
        key: `${camelKey(p.key)}Capture`,
        label: `${p.title}: how the UK captures it`,
        hint: p.valueCapture,
        source: "Table 7.1",
        maxWords: 200,
      },
    ]),
    {
      kind: "checklist",
      key: "pathways",
      label: "Which value-capture pathways apply?",
      hint: "Select all that apply, and give evidence for each.",
      source: "§7.2",
      minSelected: 1,
      options: VALUE_CAPTURE_PATHWAYS.map((p) => ({ value: p.key, label: p.label })),
      evidenceKey: pathwayEvidenceKey,
    },
    ...VALUE_CAPTURE_PATHWAYS.map(
      (p): LongTextQuestion => ({
        kind: "longText",
        key: pathwayEvidenceKey(p.key),
        label: `Evidence: ${p.label}`,
        maxWords: 150,
        askedWhen: { question: "pathways", value: p.key },
      }),
    ),
  ],
  rules: [],
};

const WIN_WIN_HINTS: Record<string, string> = {
  transparency: "Cover rights and duties, funding, data, publication, intellectual property and how conflicts will be resolved.",
  accountability: "Name the key performance indicators and how progress will be monitored.",
};

const winWin: Section = {
  key: "winWin",
  number: 4,
  title: "Win-win collaboration",
  source: "§2.3, §7.1",
  intro: "How the collaboration follows each of the five win-win principles, so that it benefits all partners fairly and lastingly.",
  questions: [
    ...WIN_WIN_PRINCIPLES.map(
      (p): LongTextQuestion => ({
        kind: "longText",
        key: camelKey(p.key),
        label: p.title,
        hint: [p.description, WIN_WIN_HINTS[p.key]].filter(Boolean).join(" "),
        source: "§2.3",
        maxWords: 200,
      }),
    ),
    {
      kind: "longText",
      key: "mutualCapability",
      label: "How both countries' industrial capabilities benefit",
      hint: "Given the partners' different industrial maturity and supply-chain specialisation, how does each country's capability grow?",
      source: "§7.1",
      maxWords: 250,
    },
  ],
  rules: [],
};

const risk: Section = {
  key: "risk",
  number: 5,
  title: "Risk to UK know-how",
  source: "§7.1",
  intro: "The risk that UK know-how is exploited elsewhere, for example by scaling up abroad, through unclear IP or because a partner benefits more.",
  questions: [
    { kind: "longText", key: "scaleUpLocation", label: "Where will scale-up and manufacture happen?", maxWords: 200 },
    { kind: "select", key: "ipAgreement", label: "State of the IP agreement between partners", options: IP_AGREEMENT_STATES },
    { kind: "longText", key: "mitigation", label: "How will you mitigate the risk of UK know-how being exploited elsewhere?", maxWords: 250 },
  ],
  rules: [],
};

const partnerContext: Section = {
  key: "partnerContext",
  number: 6,
  title: "Partner context",
  source: "§7.4, Table 2.2 (feasibility)",
  intro: "The national context of the partners, which affects trust and the feasibility of the collaboration.",
  questions: [
    { kind: "longText", key: "trackRecord", label: "Partners' track record of working with UK organisations", maxWords: 200 },
    { kind: "longText", key: "partnerFunding", label: "Partner country's funding and long-term commitment", hint: "How the partners' work is funded and how long that funding is committed.", maxWords: 200 },
    { kind: "longText", key: "nationalPriorities", label: "Alignment with the partner country's national priorities", maxWords: 200 },
  ],
  rules: [],
};

export const PROPOSAL_SECTIONS: readonly Section[] = [project, consortium, valueCapture, winWin, risk, partnerContext];

export function findSection(key: string): Section | undefined {
  return PROPOSAL_SECTIONS.find((s) => s.key === key);
}

/** Empty answers for every question, the starting point of a new draft. */
export function emptyAnswers(): ProposalAnswers {
  return Object.fromEntries(
    PROPOSAL_SECTIONS.map((s) => [
      s.key,
      Object.fromEntries(s.questions.map((q) => [q.key, q.kind === "checklist" || q.kind === "partners" ? [] : ""])),
    ]),
  );
}

export function emptyPartner(): PartnerRow {
  return { organisation: "", country: "", type: "", role: "", share: "" };
}

/**
 * The questions a section shows on this call: a joint call's partner-grant question only on a
 * joint call, with the partner agency and its currency named in its hint.
 */
export function questionsFor(section: Section, joint: JointProposalContext | null): Question[] {
  return section.questions.flatMap((q): Question[] => {
    if (!(q.kind === "money" && q.jointOnly)) return [q];
    if (!joint) return [];
    return [{ ...q, currency: joint.currency, hint: `In ${joint.currency}, whole units only. ${joint.agencyName} funds the partners in ${joint.countryName}.` }];
  });
}

/** Whether a question is asked given the other answers in its section. */
export function isAsked(question: Question, answers: SectionAnswers, joint: JointProposalContext | null = null): boolean {
  if (question.kind === "money" && question.jointOnly) return joint !== null;
  if (question.kind !== "longText" || !question.askedWhen) return true;
  const selected = answers[question.askedWhen.question];
  return Array.isArray(selected) && (selected as unknown[]).includes(question.askedWhen.value);
}

/** The question a form path ("project.title", "consortium.partners.1.role") belongs to, for messages. */
export function questionLabelForPath(path: string): string {
  const [sectionKey, questionKey, row] = path.split(".");
  const question = PROPOSAL_SECTIONS.find((s) => s.key === sectionKey)?.questions.find((q) => q.key === questionKey);
  if (!question) return path;
  return row !== undefined && /^\d+$/u.test(row) ? `${question.label} (row ${Number(row) + 1})` : question.label;
}
