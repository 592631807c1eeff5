/**
 * Balance rules for the portfolio optimiser (issue 10, DESIGN.md "Portfolio optimiser"). Pure: no
 * I/O. A rule sets a minimum or a maximum, as a share of the budget or as a count of funded
 * proposals, for one group of proposals along one of the report's dimensions:
 * - theme and technology domain (Table 4.1);
 * - R&D category (§7.3);
 * - partner country (Tables 6.1 and 6.2): a proposal belongs to every country it has a partner in;
 * - strategic fit: a shortlisted pair (Table 1 / Table 6.2), or any listed pair (with Table 6.1);
 * - TRL band, by the technology readiness level at the start of the project;
 * - lead organisation.
 * A rule's group is either one named group ("Net zero") or EACH group of the dimension ("at most
 * 1 award per lead organisation"), which becomes one constraint per group.
 */
import { formatPounds } from "../../format";
import { countryName } from "../report/countries";
import { findRdCategory, RD_CATEGORIES } from "../report/rd-categories";
import type { StrategicFitLevel } from "../report/strategic-fit";
import { findDomain, findTheme, THEMES, type ThemeId } from "../report/technology-domains";

export const RULE_DIMENSIONS = ["theme", "domain", "rd-category", "country", "fit", "trl-band", "lead-organisation"] as const;
export type RuleDimension = (typeof RULE_DIMENSIONS)[number];

export const RULE_BOUNDS = ["min", "max"] as const;
export type RuleBound = (typeof RULE_BOUNDS)[number];

export const RULE_MEASURES = ["share", "count"] as const;
export type RuleMeasure = (typeof RULE_MEASURES)[number];

/** What a scenario maximises: the raw weighted total, or the calibrated score (issue 9). */
export const QUALITY_MEASURES = ["raw", "calibrated"] as const;
export type QualityMeasure = (typeof QUALITY_MEASURES)[number];

/** The group value meaning "each group of the dimension, separately". */
export const EACH_GROUP = "*";

export interface BalanceRule {
  dimension: RuleDimension;
  /** A group key of the dimension (see groupsOf), or EACH_GROUP. */
  group: string;
  bound: RuleBound;
  measure: RuleMeasure;
  /** A percentage of the budget (share) or a number of funded proposals (count). */
  value: number;
}

/** What a proposal is, for grouping. */
export interface CandidateFacts {
  themeId: ThemeId | null;
  domainId: string | null;
  rdCategory: string | null;
  /** International partners' countries (ISO codes), each once. */
  partnerCountries: readonly string[];
  fit: StrategicFitLevel;
  trlStart: number | null;
  leadOrganisation: string;
}

export const DIMENSION_LABELS: Record<RuleDimension, string> = {
  theme: "Theme",
  domain: "Technology domain",
  "rd-category": "R&D category",
  country: "Partner country",
  fit: "Strategic fit",
  "trl-band": "TRL band",
  "lead-organisation": "Lead organisation",
};

/** The noun used in "per …" for a rule on each group of a dimension. */
const EACH_NOUN: Record<RuleDimension, string> = {
  theme: "theme",
  domain: "technology domain",
  "rd-category": "R&D category",
  country: "partner country",
  fit: "strategic-fit group",
  "trl-band": "TRL band",
  "lead-organisation": "lead organisation",
};

/** TRL at the start of the project, in the three customary bands. */
export const TRL_BANDS = [
  { key: "1-3", label: "TRL 1–3 (research)", min: 1, max: 3 },
  { key: "4-6", label: "TRL 4–6 (development)", min: 4, max: 6 },
  { key: "7-9", label: "TRL 7–9 (deployment)", min: 7, max: 9 },
] as const;

export const FIT_GROUPS = [
  { key: "shortlisted", label: "Shortlisted pair (strategic fit)" },
  { key: "listed", label: "Shortlisted or longlisted pair" },
] as const;

/** Lead organisations are the same group whatever their case or spacing. */
export function organisationKey(name: string): string {
  return name.trim().replace(/\s+/gu, " ").toLocaleLowerCase("en-GB");
}

export function trlBand(trl: number | null): string | null {
  if (trl === null) return null;
  return TRL_BANDS.find((b) => trl >= b.min && trl <= b.max)?.key ?? null;
}

/** The groups of a dimension a proposal belongs to (none, one, or for countries several). */
export function groupsOf(dimension: RuleDimension, facts: CandidateFacts): string[] {
  switch (dimension) {
    case "theme":
      return facts.themeId ? [facts.themeId] : [];
    case "domain":
      return facts.domainId ? [facts.domainId] : [];
    case "rd-category":
      return facts.rdCategory ? [facts.rdCategory] : [];
    case "country":
      return [...facts.partnerCountries];
    case "fit":
      if (facts.fit === "shortlisted") return ["shortlisted", "listed"];
      return facts.fit === "longlisted" ? ["listed"] : [];
    case "trl-band": {
      const band = trlBand(facts.trlStart);
      return band ? [band] : [];
    }
    case "lead-organisation": {
      const key = organisationKey(facts.leadOrganisation);
      return key ? [key] : [];
    }
  }
}

/** Whether a proposal belongs to a named group (never call with EACH_GROUP). */
export function inGroup(dimension: RuleDimension, group: string, facts: CandidateFacts): boolean {
  return groupsOf(dimension, facts).includes(groupKey(dimension, group));
}

/** The key groupsOf gives a named group (a lead organisation's name is normalised). */
export function groupKey(dimension: RuleDimension, group: string): string {
  return dimension === "lead-organisation" ? organisationKey(group) : group;
}

/** Whether a dimension puts each proposal in at most one group (so minimum shares add up). */
export function isPartition(dimension: RuleDimension): boolean {
  return dimension !== "country" && dimension !== "fit";
}

/** The groups a manager can choose from for a dimension, with labels (lead organisations and countries come from the call). */
export function fixedGroupOptions(dimension: RuleDimension): { value: string; label: string }[] {
  switch (dimension) {
    case "theme":
      return THEMES.map((t) => ({ value: t.id, label: t.name }));
    case "rd-category":
      return RD_CATEGORIES.map((c) => ({ value: c.key, label: c.title }));
    case "fit":
      return FIT_GROUPS.map((g) => ({ value: g.key, label: g.label }));
    case "trl-band":
      return TRL_BANDS.map((b) => ({ value: b.key, label: b.label }));
    default:
      return [];
  }
}

/** A group's name in words. Lead organisations are named as given (the key is their lower-cased name). */
export function groupLabel(dimension: RuleDimension, group: string): string {
  switch (dimension) {
    case "theme":
      return findTheme(group)?.name ?? group;
    case "domain":
      return findDomain(group)?.longName ?? group;
    case "rd-category":
      return findRdCategory(group)?.title ?? group;
    case "country":
      return countryName(group);
    case "fit":
      return FIT_GROUPS.find((g) => g.key === group)?.label ?? group;
    case "trl-band":
      return TRL_BANDS.find((b) => b.key === group)?.label ?? group;
    case "lead-organisation":
      return group;
  }
}

const percent = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });

/**
 * A rule in plain words: "At least 30 % of the budget to Net zero", "At most 1 award per lead
 * organisation", "At most 40 % of the budget to each partner country".
 */
export function ruleLabel(rule: BalanceRule, budget?: number): string {
  const bound = rule.bound === "min" ? "At least" : "At most";
  const amount =
    rule.measure === "share"
      ? `${percent.format(rule.value)} % of the budget${budget !== undefined ? ` (${formatPounds((rule.value * budget) / 100)})` : ""}`
      : `${percent.format(rule.value)} ${rule.value === 1 ? "award" : "awards"}`;
  if (rule.group === EACH_GROUP) {
    return rule.measure === "share" ? `${bound} ${amount} to each ${EACH_NOUN[rule.dimension]}` : `${bound} ${amount} per ${EACH_NOUN[rule.dimension]}`;
  }
  const name = groupLabel(rule.dimension, rule.group);
  const where = rule.dimension === "country" ? `partners in ${name}` : rule.dimension === "lead-organisation" ? `lead organisation ${name}` : name;
  return `${bound} ${amount} to ${where}`;
}

/** The limit a rule puts on one group's total (pounds for a share, proposals for a count). */
export function ruleLimit(rule: BalanceRule, budget: number): number {
  // value × budget / 100 rather than value / 100 × budget: 30 × 2,000,000 / 100 is exactly 600,000.
  return rule.measure === "share" ? (rule.value * budget) / 100 : rule.value;
}
