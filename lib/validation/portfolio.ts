/**
 * Portfolio scenarios (issue 10): a name, a budget, a quality measure, balance rules, pins and
 * exclusions. The same schema serves the react-hook-form resolver and the server action, so the
 * form and the server refuse the same things, each on its own field: a minimum above a maximum
 * for the same group, a share above 100 %, minimum shares of one dimension's groups that add up
 * to more than the whole budget, a proposal both pinned and excluded, a pin without a reason.
 */
import { z } from "zod";
import {
  DIMENSION_LABELS,
  EACH_GROUP,
  fixedGroupOptions,
  isPartition,
  organisationKey,
  QUALITY_MEASURES,
  RULE_BOUNDS,
  RULE_DIMENSIONS,
  RULE_MEASURES,
  type QualityMeasure,
  type RuleBound,
  type RuleDimension,
  type RuleMeasure,
} from "@/lib/domain/portfolio-optimiser/rules";
import { findCountry } from "@/lib/domain/report/countries";
import { isTechnologyDomainId } from "@/lib/domain/report/technology-domains";
import { normaliseText } from "@/lib/domain/text";
import { MAX_BUDGET } from "./manage";
import { nameText } from "./text";

export const QUALITY_LABELS: Record<QualityMeasure, string> = {
  raw: "Weighted total (raw)",
  calibrated: "Calibrated score",
};

export const MAX_RULES = 40;
export const MAX_CHOICES = 200;
export const MAX_RESERVES = 50;

const text = (v: unknown) => (v === null || v === undefined ? "" : normaliseText(String(v)).trim());

const choice = <T extends string>(values: readonly T[], message: string) =>
  z
    .union([z.string(), z.undefined(), z.null()])
    .transform(text)
    .refine((v) => (values as readonly string[]).includes(v), message)
    .transform((v) => v as T);

const ruleSchema = z.object({
  dimension: choice<RuleDimension>(RULE_DIMENSIONS, "Choose what the rule is about"),
  group: z
    .union([z.string(), z.undefined(), z.null()])
    .transform(text)
    .refine((v) => v !== "", "Choose a group, or “each” to apply the rule to every group")
    .refine((v) => v.length <= 200, "The group must be 200 characters or fewer"),
  bound: choice<RuleBound>(RULE_BOUNDS, "Choose at least or at most"),
  measure: choice<RuleMeasure>(RULE_MEASURES, "Choose a share of the budget or a number of awards"),
  value: z
    .union([z.string(), z.number(), z.undefined(), z.null()])
    .transform((v) => text(v).replace(/%$/u, "").trim())
    .refine((v) => v !== "", "Enter a number")
    .refine((v) => v === "" || /^\d+(\.\d{1,2})?$/u.test(v), "Enter a number, like 30 or 2")
    .transform(Number),
});

const reasonedChoice = (what: "pin" | "exclusion") =>
  z.object({
    proposalId: z.coerce.number({ error: "Choose a proposal" }).int("Choose a proposal").positive("Choose a proposal"),
    reason: z
      .union([z.string(), z.undefined(), z.null()])
      .transform(text)
      .refine((v) => v !== "", what === "pin" ? "Give a reason for funding this proposal whatever the rules" : "Give a reason for not funding this proposal")
      .refine((v) => v.length <= 500, "The reason must be 500 characters or fewer"),
  });

export const scenarioSchema = z
  .object({
    name: nameText("Enter a name for the scenario", "The name", 100),
    budget: z
      .union([z.string(), z.number()], { error: "Enter the budget" })
      .transform((v) => String(v).trim().replace(/^£/u, "").replace(/[,\s]/gu, ""))
      .refine((v) => v !== "", "Enter the budget")
      .refine((v) => v === "" || /^\d+$/u.test(v), "The budget must be a whole number of pounds")
      .transform(Number)
      .refine((n) => n >= 1 && n <= MAX_BUDGET, `The budget must be from £1 to £${MAX_BUDGET.toLocaleString("en-GB")}`),
    qualityMeasure: choice<QualityMeasure>(QUALITY_MEASURES, "Choose the quality measure to maximise"),
    rules: z.array(ruleSchema, { error: "The rules are not in the expected form" }).max(MAX_RULES, `A scenario can have at most ${MAX_RULES} rules`).default([]),
    pins: z.array(reasonedChoice("pin")).max(MAX_CHOICES, `A scenario can pin at most ${MAX_CHOICES} proposals`).default([]),
    exclusions: z.array(reasonedChoice("exclusion")).max(MAX_CHOICES, `A scenario can exclude at most ${MAX_CHOICES} proposals`).default([]),
  })
  .superRefine((values, ctx) => {
    const { rules } = values;
    rules.forEach((rule, i) => {
      if (rule.group !== "" && rule.group !== EACH_GROUP && !knownGroup(rule.dimension, rule.group)) {
        ctx.addIssue({ code: "custom", path: ["rules", i, "group"], message: "Choose a group from the list" });
      }
      if (rule.measure === "share" && rule.value > 100) {
        ctx.addIssue({ code: "custom", path: ["rules", i, "value"], message: "A share cannot be more than 100 % of the budget" });
      }
      if (rule.measure === "count" && !Number.isInteger(rule.value)) {
        ctx.addIssue({ code: "custom", path: ["rules", i, "value"], message: "A number of awards must be a whole number" });
      }
    });

    // A minimum above a maximum on the same group (or on every group, for "each").
    const sameGroup = (a: (typeof rules)[number], b: (typeof rules)[number]) =>
      a.dimension === b.dimension &&
      a.measure === b.measure &&
      (a.group === EACH_GROUP || b.group === EACH_GROUP || groupKey(a.dimension, a.group) === groupKey(b.dimension, b.group));
    rules.forEach((min, i) => {
      if (min.bound !== "min") return;
      const j = rules.findIndex((max) => max.bound === "max" && sameGroup(min, max) && max.value < min.value);
      if (j >= 0) {
        const unit = min.measure === "share" ? " %" : "";
        ctx.addIssue({
          code: "custom",
          path: ["rules", i, "value"],
          message: `This minimum (${min.value}${unit}) is above the maximum of ${rules[j]!.value}${unit} in rule ${j + 1} for the same group`,
        });
      }
    });

    // Minimum shares of different groups of one dimension that each proposal belongs to once.
    for (const dimension of RULE_DIMENSIONS.filter(isPartition)) {
      const named = rules
        .map((rule, i) => ({ rule, i }))
        .filter(({ rule }) => rule.dimension === dimension && rule.bound === "min" && rule.measure === "share" && rule.group !== EACH_GROUP);
      const byGroup = new Map<string, number>();
      for (const { rule } of named) byGroup.set(groupKey(dimension, rule.group), Math.max(byGroup.get(groupKey(dimension, rule.group)) ?? 0, rule.value));
      const total = [...byGroup.values()].reduce((sum, v) => sum + v, 0);
      if (total > 100) {
        for (const { i } of named) {
          ctx.addIssue({
            code: "custom",
            path: ["rules", i, "value"],
            message: `The minimum shares for each ${DIMENSION_LABELS[dimension].toLowerCase()} add up to ${total} %, more than the whole budget`,
          });
        }
      }
    }

    const seen = (list: "pins" | "exclusions") => {
      const ids = new Set<number>();
      values[list].forEach((c, i) => {
        if (ids.has(c.proposalId)) ctx.addIssue({ code: "custom", path: [list, i, "proposalId"], message: "This proposal is already in the list" });
        ids.add(c.proposalId);
      });
      return ids;
    };
    const pinned = seen("pins");
    seen("exclusions");
    values.exclusions.forEach((c, i) => {
      if (pinned.has(c.proposalId)) {
        ctx.addIssue({ code: "custom", path: ["exclusions", i, "proposalId"], message: "This proposal is pinned, so it cannot also be excluded" });
      }
    });
  });

function knownGroup(dimension: RuleDimension, group: string): boolean {
  switch (dimension) {
    case "domain":
      return isTechnologyDomainId(group);
    case "country":
      return findCountry(group) !== undefined;
    case "lead-organisation":
      return true;
    default:
      return fixedGroupOptions(dimension).some((o) => o.value === group);
  }
}

const groupKey = (dimension: RuleDimension, group: string) => (dimension === "lead-organisation" ? organisationKey(group) : group);

export type ScenarioInput = z.output<typeof scenarioSchema>;

/** What the scenario form holds: everything as typed. */
export interface ScenarioFormValues {
  name: string;
  budget: string;
  qualityMeasure: QualityMeasure;
  rules: { dimension: RuleDimension | ""; group: string; bound: RuleBound; measure: RuleMeasure; value: string }[];
  pins: { proposalId: string; reason: string }[];
  exclusions: { proposalId: string; reason: string }[];
}

const ref = (what: string) => z.coerce.number({ error: `Unknown ${what}` }).int(`Unknown ${what}`).positive(`Unknown ${what}`);

/** Errors come back keyed by the form's own paths (the action drops "values."). */
export const saveScenarioInput = z.object({ callId: ref("call"), scenarioId: ref("scenario").optional(), values: scenarioSchema });
export const scenarioRefInput = z.object({ callId: ref("call"), scenarioId: ref("scenario") });
export const adoptScenarioInput = scenarioRefInput.extend({
  reserves: z.coerce
    .number({ error: "Enter how many reserve proposals to keep" })
    .int("The number of reserves must be a whole number")
    .min(0, "The number of reserves cannot be negative")
    .max(MAX_RESERVES, `Keep at most ${MAX_RESERVES} reserve proposals`),
});
