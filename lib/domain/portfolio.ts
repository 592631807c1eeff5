/**
 * Portfolio views of a call's proposals: the facts a manager filters a ranking by, and the
 * balance of the portfolio across the report's themes (Table 4.1), R&D categories (§7.3) and
 * partner countries. Pure: no I/O. Filters only choose which rows show; they never re-rank.
 */
import { proposalFacts } from "./proposal/normalise";
import type { ProposalAnswers } from "./proposal/questions";
import { countryName, isUkCode } from "./report/countries";
import { findRdCategory, RD_CATEGORIES } from "./report/rd-categories";
import { strategicFit, type StrategicFitLevel } from "./report/strategic-fit";
import { findDomain, THEMES, type ThemeId } from "./report/technology-domains";

export interface PortfolioFacts {
  domainId: string | null;
  themeId: ThemeId | null;
  rdCategory: string | null;
  /** International partners' countries (ISO codes, the UK left out), each once. */
  partnerCountries: readonly string[];
  fit: StrategicFitLevel;
}

/** The international partners' countries among the given ones: codes trimmed and upper-cased, the UK left out. */
export function internationalCountries(countries: readonly string[]): string[] {
  return countries.map((c) => c.trim().toUpperCase()).filter((c) => c !== "" && !isUkCode(c));
}

export function portfolioFacts(answers: ProposalAnswers): PortfolioFacts {
  const facts = proposalFacts(answers);
  const domain = findDomain(facts.domainId);
  return {
    domainId: domain ? domain.id : facts.domainId,
    themeId: domain?.theme ?? null,
    rdCategory: facts.rdCategory,
    partnerCountries: internationalCountries(facts.partnerCountries),
    fit: strategicFit(facts.domainId, facts.partnerCountries).level,
  };
}

/** The same words as the bidder's strategic-fit notice. */
export const FIT_LABELS: Record<StrategicFitLevel, string> = {
  shortlisted: "Shortlisted pair",
  longlisted: "Longlisted pair",
  none: "No listed pair",
};

export interface PortfolioFilters {
  theme?: string;
  domain?: string;
  /** An international partner's country. */
  country?: string;
  rdCategory?: string;
  /** "listed" means shortlisted or longlisted. */
  fit?: "shortlisted" | "longlisted" | "listed" | "none";
}

export function matchesFilters(facts: PortfolioFacts, filters: PortfolioFilters): boolean {
  if (filters.theme && facts.themeId !== filters.theme) return false;
  if (filters.domain && facts.domainId !== filters.domain) return false;
  if (filters.country && !facts.partnerCountries.includes(filters.country.toUpperCase())) return false;
  if (filters.rdCategory && facts.rdCategory !== filters.rdCategory) return false;
  if (filters.fit) {
    if (filters.fit === "listed" ? facts.fit === "none" : facts.fit !== filters.fit) return false;
  }
  return true;
}

export function hasFilters(filters: PortfolioFilters): boolean {
  return Boolean(filters.theme || filters.domain || filters.country || filters.rdCategory || filters.fit);
}

export interface BalanceItem extends PortfolioFacts {
  grantRequested: number;
  withinBudget: boolean;
}

export interface BalanceRow {
  key: string;
  label: string;
  /** Ranked proposals in this group. */
  proposals: number;
  withinBudget: number;
  grantWithinBudget: number;
}

export interface PortfolioBalance {
  themes: BalanceRow[];
  rdCategories: BalanceRow[];
  /** A proposal with partners in two countries counts once in each. */
  countries: BalanceRow[];
}

const NOT_GIVEN = "none";

function tally(rows: Map<string, BalanceRow>, key: string, label: string, item: BalanceItem): void {
  const row = rows.get(key) ?? { key, label, proposals: 0, withinBudget: 0, grantWithinBudget: 0 };
  row.proposals += 1;
  if (item.withinBudget) {
    row.withinBudget += 1;
    row.grantWithinBudget += item.grantRequested;
  }
  rows.set(key, row);
}

/**
 * Counts of proposals, and of those within budget with their grant, by theme, R&D category and
 * partner country. Every theme and category is listed (with zeros), so gaps in the portfolio show.
 */
export function portfolioBalance(items: readonly BalanceItem[]): PortfolioBalance {
  const empty = (key: string, label: string): [string, BalanceRow] => [key, { key, label, proposals: 0, withinBudget: 0, grantWithinBudget: 0 }];
  const themes = new Map(THEMES.map((t) => empty(t.id, t.name)));
  const categories = new Map(RD_CATEGORIES.map((c) => empty(c.key, c.title)));
  const countries = new Map<string, BalanceRow>();

  for (const item of items) {
    const theme = item.themeId ? THEMES.find((t) => t.id === item.themeId) : undefined;
    tally(themes, theme?.id ?? NOT_GIVEN, theme?.name ?? "No technology domain given", item);
    const category = item.rdCategory ? findRdCategory(item.rdCategory) : undefined;
    tally(categories, category?.key ?? NOT_GIVEN, category?.title ?? "No R&D category given", item);
    for (const country of item.partnerCountries) tally(countries, country, countryName(country), item);
  }

  return {
    themes: [...themes.values()].filter((r) => r.key !== NOT_GIVEN || r.proposals > 0),
    rdCategories: [...categories.values()].filter((r) => r.key !== NOT_GIVEN || r.proposals > 0),
    countries: [...countries.values()].sort((a, b) => b.proposals - a.proposals || a.label.localeCompare(b.label, "en-GB")),
  };
}
