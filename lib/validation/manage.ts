/**
 * The portfolio manager's zod schemas: calls (with the rubric's weights and thresholds), people,
 * decisions, assignments and password links. The same schemas serve the react-hook-form resolver
 * in the browser and the server actions, so a form and the server refuse the same things.
 */
import { z } from "zod";
import type { DecisionOutcome } from "@/db/schema";
import { findCountry } from "@/lib/domain/report/countries";
import { isTechnologyDomainId } from "@/lib/domain/report/technology-domains";
import { jointCallFieldsSchema, type JointCallFields } from "./agencies";
import { signInSchema } from "./auth";
import { nameText } from "./text";

// --- Times ---------------------------------------------------------------------------------------
// Calls are run from the UK: the form's date-and-time inputs are read as UK wall-clock time
// (Europe/London, so GMT in winter and BST in summer), the same zone pages show times in.

const LONDON = "Europe/London";
const londonParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: LONDON,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

function wallClock(ms: number): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = Object.fromEntries(londonParts.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Minutes London is ahead of UTC at an instant (0 or 60). */
function londonOffsetMinutes(ms: number): number {
  const w = wallClock(ms);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/**
 * "2026-03-01T09:30" read as UK time, or null when it is not a real date and time (including the
 * hour skipped when the clocks go forward).
 */
export function fromLondonInput(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/u.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const naive = Date.UTC(year, month - 1, day, hour, minute);
  let ms = naive - londonOffsetMinutes(naive) * 60_000;
  // Near a clock change the offset at the guess can differ from the offset at the answer.
  const corrected = naive - londonOffsetMinutes(ms) * 60_000;
  if (corrected !== ms) ms = corrected;
  const w = wallClock(ms);
  const roundTrips = w.year === year && w.month === month && w.day === day && w.hour === hour && w.minute === minute;
  return roundTrips ? new Date(ms) : null;
}

/** A Date as the value of a date-and-time input, in UK time: "2026-03-01T09:30". */
export function toLondonInput(date: Date): string {
  const w = wallClock(date.getTime());
  const two = (n: number) => String(n).padStart(2, "0");
  return `${w.year}-${two(w.month)}-${two(w.day)}T${two(w.hour)}:${two(w.minute)}`;
}

// --- Calls and their rubric ------------------------------------------------------------------------

/** What the call form needs to know about each rubric criterion to check its inputs. */
export interface CriterionLimits {
  key: string;
  title: string;
  scaleMin: number;
  scaleMax: number;
}

export const MAX_BUDGET = 1_000_000_000;
export const MAX_ASSESSORS_REQUIRED = 10;

// Refinements that fail stop the value's later steps but still let the form-wide checks run, so
// every problem is reported at once; those checks only compare values that parsed.
const dateTime = (what: string) =>
  z
    .string({ error: `Enter the ${what}` })
    .trim()
    .refine((v) => v !== "", `Enter the ${what}`)
    .refine((v) => v === "" || fromLondonInput(v) !== null, `Enter the ${what} as a real date and time`)
    .transform((v) => fromLondonInput(v) as Date);

const wholeNumber = (what: string, min: number, max: number, clean: (s: string) => string = (s) => s) =>
  z
    .union([z.string(), z.number()], { error: `Enter the ${what}` })
    .transform((v) => clean(String(v).trim()))
    .refine((v) => v !== "", `Enter the ${what}`)
    .refine((v) => v === "" || /^\d+$/u.test(v), `The ${what} must be a whole number`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `The ${what} must be from ${min.toLocaleString("en-GB")} to ${max.toLocaleString("en-GB")}`);

/** "£5,000,000" and "5000000" both mean five million pounds. */
const stripMoney = (s: string) => s.replace(/^£/u, "").replace(/[,\s]/gu, "");

function weightField(c: CriterionLimits) {
  return z
    .union([z.string(), z.number()], { error: `Enter a weight for ${c.title}` })
    .transform((v) => String(v).trim().replace(/%$/u, "").trim())
    .refine((v) => v !== "", `Enter a weight for ${c.title}`)
    .refine((v) => v === "" || /^\d+$/u.test(v), `The weight for ${c.title} must be a whole number of percent`)
    .transform(Number)
    .refine((n) => n >= 0 && n <= 100, `The weight for ${c.title} must be from 0 to 100`);
}

function thresholdField(c: CriterionLimits) {
  const outside = `The minimum score for ${c.title} must be from ${c.scaleMin} to ${c.scaleMax}, or left blank`;
  return z
    .union([z.string(), z.number(), z.null()], { error: outside })
    .transform((v) => (v === null ? "" : String(v).trim()))
    .refine((v) => v === "" || /^\d+(\.\d{1,2})?$/u.test(v), `The minimum score for ${c.title} must be a number, like 5 or 5.5`)
    .transform((v) => (v === "" ? null : Number(v)))
    .refine((n) => n === null || (n >= c.scaleMin && n <= c.scaleMax), outside);
}

/** The call form, for a rubric with these criteria (the default one for a new call). */
export function callFormSchema(criteria: readonly CriterionLimits[]) {
  return z
    .object({
      title: nameText("Enter a title for the call", "The title", 200),
      description: z
        .string({ error: "The description must be text" })
        .trim()
        .max(5_000, "The description must be 5,000 characters or fewer")
        .default(""),
      opensAt: dateTime("opening date and time"),
      closesAt: dateTime("closing date and time"),
      assessmentDueAt: dateTime("date and time assessments are due"),
      budget: wholeNumber("budget", 1, MAX_BUDGET, stripMoney),
      assessorsRequired: wholeNumber("number of assessors per proposal", 1, MAX_ASSESSORS_REQUIRED),
      overallThreshold: wholeNumber("overall minimum score", 0, 100),
      rubric: z.object(
        Object.fromEntries(criteria.map((c) => [c.key, z.object({ weight: weightField(c), threshold: thresholdField(c) })])),
        { error: "Enter the weights and minimum scores" },
      ),
      // A joint call (lib/validation/agencies.ts): all four blank for a home-only call.
      partnerAgencyId: z.union([z.string(), z.number()]).default(""),
      partnerBudget: z.union([z.string(), z.number()]).default(""),
      partnerAssessorsRequired: z.union([z.string(), z.number()]).default(""),
      exchangeRate: z.union([z.string(), z.number()]).default(""),
    })
    .superRefine((values, ctx) => {
      const joint = jointCallFieldsSchema.safeParse(values);
      if (!joint.success) for (const issue of joint.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    })
    .superRefine((values, ctx) => {
      const { opensAt, closesAt, assessmentDueAt } = values;
      if (opensAt instanceof Date && closesAt instanceof Date && closesAt.getTime() <= opensAt.getTime()) {
        ctx.addIssue({ code: "custom", path: ["closesAt"], message: "The closing date and time must be after the opening date and time" });
      }
      if (closesAt instanceof Date && assessmentDueAt instanceof Date && assessmentDueAt.getTime() <= closesAt.getTime()) {
        ctx.addIssue({ code: "custom", path: ["assessmentDueAt"], message: "Assessments must be due after the call closes" });
      }
      const weights = criteria.map((c) => values.rubric?.[c.key]?.weight);
      if (weights.every((w): w is number => typeof w === "number" && Number.isInteger(w))) {
        const total = weights.reduce((sum, w) => sum + w, 0);
        if (total !== 100) {
          ctx.addIssue({ code: "custom", path: ["rubricTotal"], message: `The weights must add up to 100% (they add up to ${total}%)` });
        }
      }
    });
}

/** The call form's output with the joint-call fields parsed (null partner for a home-only call). */
export function callFormOutputWithJoint<T extends Record<string, unknown>>(values: T): Omit<T, keyof JointCallFields> & { joint: JointCallFields } {
  const { partnerAgencyId, partnerBudget, partnerAssessorsRequired, exchangeRate, ...rest } = values as T & Record<keyof JointCallFields, unknown>;
  return { ...(rest as Omit<T, keyof JointCallFields>), joint: jointCallFieldsSchema.parse({ partnerAgencyId, partnerBudget, partnerAssessorsRequired, exchangeRate }) };
}

export type CallFormSchema = ReturnType<typeof callFormSchema>;
/** What the form holds: everything as typed. */
export interface CallFormValues {
  title: string;
  description: string;
  opensAt: string;
  closesAt: string;
  assessmentDueAt: string;
  budget: string;
  assessorsRequired: string;
  overallThreshold: string;
  rubric: Record<string, { weight: string; threshold: string }>;
  /** "" for a home-only call, else the partner agency's id. */
  partnerAgencyId: string;
  partnerBudget: string;
  partnerAssessorsRequired: string;
  exchangeRate: string;
}
export type CallFormOutput = z.output<CallFormSchema>;

// --- People --------------------------------------------------------------------------------------

export const STAFF_ROLES = ["assessor", "manager"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const personFormSchema = z
  .object({
    role: z
      .enum(["", ...STAFF_ROLES], { error: "Select whether this is an assessor or a manager account" })
      .refine((v) => v !== "", "Select whether this is an assessor or a manager account")
      .transform((v) => v as StaffRole),
    name: nameText("Enter their full name", "The name", 120),
    email: signInSchema.shape.email,
    organisation: nameText("Enter their organisation", "The organisation", 200),
    country: z
      .string({ error: "Select their country" })
      .trim()
      .refine((code) => code !== "", "Select their country")
      .refine((code) => code === "" || (findCountry(code) !== undefined && code.toUpperCase() !== "EU"), "Select a country from the list")
      .transform((code) => code.toUpperCase()),
    expertise: z
      .array(z.string(), { error: "Select technology domains from the list" })
      .max(40, "Select up to 40 technology domains")
      .refine((ids) => ids.every(isTechnologyDomainId), "Select technology domains from the list")
      .default([]),
  })
  .superRefine((values, ctx) => {
    if (values.role === "assessor" && values.expertise.length === 0) {
      ctx.addIssue({ code: "custom", path: ["expertise"], message: "Select at least one technology domain the assessor is expert in" });
    }
  })
  // A manager does not assess, so expertise would mean nothing.
  .transform((values) => ({ ...values, expertise: values.role === "manager" ? [] : [...new Set(values.expertise)] }));

export interface PersonFormValues {
  role: "" | StaffRole;
  name: string;
  email: string;
  organisation: string;
  country: string;
  expertise: string[];
}

export const setPasswordSchema = z
  .object({
    token: z.string({ error: "This link is not valid" }).trim().min(1, "This link is not valid").max(200, "This link is not valid"),
    password: z
      .string({ error: "Enter a password" })
      .min(10, "Password must be at least 10 characters")
      .max(200, "Password must be 200 characters or fewer"),
    confirmPassword: z.string({ error: "Confirm your password" }).min(1, "Confirm your password"),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "Passwords do not match" });
export type SetPasswordValues = z.input<typeof setPasswordSchema>;

// --- References, assignment and decisions -------------------------------------------------------

const ref = (what: string) => z.coerce.number({ error: `Unknown ${what}` }).int(`Unknown ${what}`).positive(`Unknown ${what}`);

export const callRefInput = z.object({ callId: ref("call") });
export const callProposalRefInput = z.object({ callId: ref("call"), proposalId: ref("proposal") });
export const userRefInput = z.object({ userId: ref("person") });
export const assessmentRefInput = z.object({ assessmentId: ref("assessment") });

export const updateCallInput = z.object({ callId: ref("call"), values: z.unknown() });

export const assignInput = z.object({
  proposalId: ref("proposal"),
  assessorId: z.coerce.number({ error: "Select an assessor" }).int("Select an assessor").positive("Select an assessor"),
});

export const unassignInput = z.object({
  proposalId: ref("proposal"),
  assessorId: ref("assessor"),
  /** Needed when the assessor has started scoring: their draft stays recorded but stops counting. */
  confirmed: z.boolean().default(false),
});

/** db/schema's outcomes, repeated here so the browser bundle does not pull in the schema module. */
export const DECISION_OUTCOMES = ["fund", "reserve", "reject"] as const satisfies readonly DecisionOutcome[];

/** Every outcome has a label (the Record makes a new outcome in the schema fail to compile here). */
export const OUTCOME_LABELS: Record<DecisionOutcome, string> = {
  fund: "Fund",
  reserve: "Reserve list",
  reject: "Do not fund",
};

export const MAX_FEEDBACK_CHARS = 20_000;

export const decisionFormSchema = z.object({
  // "" is what the form holds before a choice; it is refused with the same message as nonsense.
  outcome: z
    .enum(["", ...DECISION_OUTCOMES], { error: "Select fund, reserve list or do not fund" })
    .refine((v) => v !== "", "Select fund, reserve list or do not fund")
    .transform((v) => v as DecisionOutcome),
  feedback: z
    .string({ error: "Enter feedback for the bidder" })
    .trim()
    .min(1, "Enter feedback for the bidder")
    .max(MAX_FEEDBACK_CHARS, `Feedback must be ${MAX_FEEDBACK_CHARS.toLocaleString("en-GB")} characters or fewer`),
});
export interface DecisionFormValues {
  outcome: "" | DecisionOutcome;
  feedback: string;
}

export const recordDecisionInput = decisionFormSchema.extend({ proposalId: ref("proposal") });

// --- Ranking filters (GET parameters) ---------------------------------------------------------------

export const FIT_FILTERS = ["shortlisted", "longlisted", "listed", "none"] as const;

const optionalParam = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => {
    const first = Array.isArray(v) ? v[0] : v;
    const trimmed = first?.trim() ?? "";
    return trimmed === "" ? undefined : trimmed.slice(0, 100);
  });

/** Unknown values are dropped rather than refused: a filter link should never break the page. */
export const rankingFiltersSchema = z.object({
  theme: optionalParam,
  domain: optionalParam,
  country: optionalParam.transform((v) => v?.toUpperCase()),
  rdCategory: optionalParam,
  fit: optionalParam.transform((v) => ((FIT_FILTERS as readonly string[]).includes(v ?? "") ? (v as (typeof FIT_FILTERS)[number]) : undefined)),
});
export type RankingFilters = z.output<typeof rankingFiltersSchema>;

/** A manager disabling or re-enabling an account. */
export const accountStateInput = z.object({
  userId: ref("person"),
  disabled: z.boolean({ error: "Say whether to disable or enable the account" }),
});
