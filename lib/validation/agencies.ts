/**
 * Partner agencies and joint calls: the zod schemas shared by the forms (react-hook-form's
 * resolver) and the server actions.
 */
import { z } from "zod";
import { CURRENCIES, HOME_CURRENCY, isCurrencyCode, type CurrencyCode } from "@/lib/domain/agencies";
import { findCountry, UK_CODE } from "@/lib/domain/report/countries";
import { signInSchema } from "./auth";

const requiredText = (what: string, max: number) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `${what.charAt(0).toUpperCase()}${what.slice(1)} must be ${max} characters or fewer`);

/** A home manager creates a partner agency and its first manager in one step. */
export const partnerAgencyFormSchema = z.object({
  name: requiredText("the agency's name", 200),
  country: z
    .string({ error: "Select the agency's country" })
    .trim()
    .refine((code) => code !== "", "Select the agency's country")
    .refine((code) => code === "" || (findCountry(code) !== undefined && code.toUpperCase() !== "EU"), "Select a country from the list")
    .refine((code) => code.toUpperCase() !== UK_CODE, "A partner agency is based outside the UK")
    .transform((code) => code.toUpperCase()),
  currency: z
    .string({ error: "Select the agency's currency" })
    .trim()
    .refine((code) => code !== "", "Select the agency's currency")
    .refine((code) => code === "" || isCurrencyCode(code.toUpperCase()), "Select a currency from the list")
    .transform((code) => code.toUpperCase() as CurrencyCode),
  managerName: requiredText("the manager's full name", 120),
  managerEmail: signInSchema.shape.email,
  managerOrganisation: z.string({ error: "The organisation must be text" }).trim().max(200, "The organisation must be 200 characters or fewer").default(""),
});
export type PartnerAgencyFormValues = z.input<typeof partnerAgencyFormSchema>;
export type PartnerAgencyInput = z.output<typeof partnerAgencyFormSchema>;

export const CURRENCY_OPTIONS = CURRENCIES.filter((c) => c.code !== HOME_CURRENCY).map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }));

export const MAX_PARTNER_BUDGET = 1_000_000_000_000;
/** Partner currency units per pound: from a thousandth (a strong currency) to a million. */
export const MIN_RATE = 0.001;
export const MAX_RATE = 1_000_000;

/**
 * The joint-call part of the call form: left blank for a home-only call; with a partner agency
 * chosen, its budget, assessors per proposal and the display-only exchange rate are required.
 */
export const jointCallFieldsSchema = z
  .object({
    partnerAgencyId: z
      .union([z.string(), z.number()], { error: "Select a partner agency, or none for a home-only call" })
      .transform((v) => String(v).trim())
      .refine((v) => v === "" || /^\d+$/u.test(v), "Select a partner agency from the list")
      .transform((v) => (v === "" ? null : Number(v))),
    partnerBudget: z.union([z.string(), z.number()]).default("").transform((v) => String(v).trim().replace(/[,\s]/gu, "")),
    partnerAssessorsRequired: z.union([z.string(), z.number()]).default("").transform((v) => String(v).trim()),
    exchangeRate: z.union([z.string(), z.number()]).default("").transform((v) => String(v).trim().replace(/,/gu, "")),
  })
  .transform((v, ctx) => {
    if (v.partnerAgencyId === null) return { partnerAgencyId: null, partnerBudget: null, partnerAssessorsRequired: null, exchangeRate: null };
    let ok = true;
    const issue = (path: string, message: string) => {
      ctx.addIssue({ code: "custom", path: [path], message });
      ok = false;
    };
    const budget = Number(v.partnerBudget);
    if (v.partnerBudget === "") issue("partnerBudget", "Enter the partner agency's budget");
    else if (!/^\d+$/u.test(v.partnerBudget)) issue("partnerBudget", "The partner agency's budget must be a whole number");
    else if (budget < 1 || budget > MAX_PARTNER_BUDGET) {
      issue("partnerBudget", `The partner agency's budget must be from 1 to ${MAX_PARTNER_BUDGET.toLocaleString("en-GB")}`);
    }
    const required = Number(v.partnerAssessorsRequired);
    if (v.partnerAssessorsRequired === "") issue("partnerAssessorsRequired", "Enter the number of partner assessors per proposal");
    else if (!/^\d+$/u.test(v.partnerAssessorsRequired) || required < 1 || required > 10) {
      issue("partnerAssessorsRequired", "The number of partner assessors per proposal must be a whole number from 1 to 10");
    }
    const rate = Number(v.exchangeRate);
    if (v.exchangeRate === "") issue("exchangeRate", "Enter the exchange rate");
    else if (!/^\d+(\.\d{1,6})?$/u.test(v.exchangeRate) || rate < MIN_RATE || rate > MAX_RATE) {
      issue("exchangeRate", "The exchange rate must be a number of partner currency units per pound, like 1750 or 1.13");
    }
    return ok ? { partnerAgencyId: v.partnerAgencyId, partnerBudget: budget, partnerAssessorsRequired: required, exchangeRate: rate } : z.NEVER;
  });
export type JointCallFields = z.output<typeof jointCallFieldsSchema>;
export interface JointCallFormValues {
  partnerAgencyId: string;
  partnerBudget: string;
  partnerAssessorsRequired: string;
  exchangeRate: string;
}
export const EMPTY_JOINT_FIELDS: JointCallFormValues = { partnerAgencyId: "", partnerBudget: "", partnerAssessorsRequired: "", exchangeRate: "" };

/** One agency's confirmation that the call's decisions may be released. */
export const confirmReleaseInput = z.object({ callId: z.coerce.number({ error: "Unknown call" }).int().positive() });
