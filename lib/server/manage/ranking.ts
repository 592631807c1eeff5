import "server-only";
import { getDb } from "@/db/client";
import type { DecisionOutcome } from "@/db/schema";
import { hasFilters, matchesFilters, portfolioBalance, type PortfolioBalance, type PortfolioFacts } from "@/lib/domain/portfolio";
import { tallyInScope, type InScopeVotes } from "@/lib/domain/in-scope";
import type { AwaitingProposal, RankedProposal } from "@/lib/domain/ranking";
import { countryName } from "@/lib/domain/report/countries";
import { findRdCategory, RD_CATEGORIES } from "@/lib/domain/report/rd-categories";
import type { StrategicFitLevel } from "@/lib/domain/report/strategic-fit";
import { findDomain, findTheme, THEMES } from "@/lib/domain/report/technology-domains";
import type { RankingFilters } from "@/lib/validation/manage";
import { guardedRead } from "../guard";
import { callHeading, countsTowardRanking, loadCallData, rankCall, requireCall, type CallData, type CallHeading, type CallProposal } from "./call-data";

export interface ProposalLabels {
  leadOrganisation: string;
  partnerCountries: { code: string; name: string }[];
  domain: { id: string; shortName: string; longName: string } | null;
  theme: string | null;
  rdCategory: string | null;
  fit: StrategicFitLevel;
  facts: PortfolioFacts;
}

export interface RankingRow extends RankedProposal, ProposalLabels {
  assessorsRequired: number;
  decision: DecisionOutcome | null;
  /** The counted assessors' answers to "Is this proposal in scope of the call?". */
  inScope: InScopeVotes;
}

export interface AwaitingRow extends AwaitingProposal, ProposalLabels {
  decision: DecisionOutcome | null;
}

export interface RankingCriterionView {
  key: string;
  title: string;
  weight: number;
  threshold: number | null;
  scaleMin: number;
  scaleMax: number;
}

export interface FilterOption {
  value: string;
  label: string;
}

export interface CallRanking {
  call: CallHeading;
  criteria: RankingCriterionView[];
  /** Every ranked proposal, in rank order. */
  ranked: RankingRow[];
  awaiting: AwaitingRow[];
  /** The rows the filters let through; their ranks are the ranks above. */
  shownRanked: RankingRow[];
  shownAwaiting: AwaitingRow[];
  filters: RankingFilters;
  filtered: boolean;
  options: { themes: FilterOption[]; domains: FilterOption[]; countries: FilterOption[]; rdCategories: FilterOption[] };
  funding: { budget: number; passing: number; withinBudget: number; allocated: number };
  balance: PortfolioBalance;
}

export function proposalLabels(p: CallProposal): ProposalLabels {
  const domain = findDomain(p.facts.domainId);
  return {
    leadOrganisation: p.leadOrganisation,
    partnerCountries: p.facts.partnerCountries.map((code) => ({ code, name: countryName(code) })),
    domain: domain ? { id: domain.id, shortName: domain.shortName, longName: domain.longName } : null,
    theme: domain ? (findTheme(domain.theme)?.name ?? null) : null,
    rdCategory: p.facts.rdCategory ? (findRdCategory(p.facts.rdCategory)?.title ?? p.facts.rdCategory) : null,
    fit: p.facts.fit,
    facts: p.facts,
  };
}

/** The full ranking of a call, computed from what is stored now. */
export function rankedRows(data: CallData): { ranked: RankingRow[]; awaiting: AwaitingRow[] } {
  const { ranked, awaiting } = rankCall(data);
  const byId = new Map(data.proposals.map((p) => [p.id, p]));
  const decisionOf = (id: number) => data.decisions.get(id)?.outcome ?? null;
  // Grouped once: filtering every assignment per proposal was quadratic (75 M tests at 5,000).
  const votes = new Map<number, string[]>();
  for (const a of data.assignments) {
    if (!countsTowardRanking(a)) continue;
    const list = votes.get(a.proposalId);
    const vote = a.assessment?.values.inScope ?? "";
    if (list) list.push(vote);
    else votes.set(a.proposalId, [vote]);
  }
  const inScopeOf = (id: number) => tallyInScope(votes.get(id) ?? []);
  return {
    ranked: ranked.map((r) => ({
      ...r,
      ...proposalLabels(byId.get(r.id)!),
      assessorsRequired: data.call.assessorsRequired,
      decision: decisionOf(r.id),
      inScope: inScopeOf(r.id),
    })),
    awaiting: awaiting.map((a) => ({ ...a, ...proposalLabels(byId.get(a.id)!), decision: decisionOf(a.id) })),
  };
}

const byLabel = (a: FilterOption, b: FilterOption) => a.label.localeCompare(b.label, "en-GB");

/** Filters come parsed (rankingFiltersSchema, from the page's search params). */
export const getCallRanking = guardedRead(
  "ranking:read",
  async (actor, callId: number, filters: RankingFilters, now: Date = new Date()): Promise<CallRanking> => {
    const db = getDb();
    const call = await requireCall(db, callId, actor);
    const data = await loadCallData(db, call, actor);
    const { ranked, awaiting } = rankedRows(data);
    const all = [...ranked, ...awaiting];

    const domains = new Map<string, FilterOption>();
    const countries = new Map<string, FilterOption>();
    for (const row of all) {
      if (row.domain) domains.set(row.domain.id, { value: row.domain.id, label: row.domain.shortName });
      for (const c of row.partnerCountries) countries.set(c.code, { value: c.code, label: c.name });
    }
    // Several Table 4.1 rows share a short name, so a repeated one gets its long name.
    const shortNames = [...domains.values()].map((d) => d.label);
    for (const option of domains.values()) {
      if (shortNames.filter((n) => n === option.label).length > 1) option.label = findDomain(option.value)?.longName ?? option.label;
    }

    const show = <T extends { facts: PortfolioFacts }>(rows: T[]) => rows.filter((r) => matchesFilters(r.facts, filters));
    const within = ranked.filter((r) => r.withinBudget);

    return {
      call: callHeading(call, now, actor),
      criteria: data.rubric.map((c) => ({ key: c.key, title: c.title, weight: c.weight, threshold: c.threshold, scaleMin: c.scaleMin, scaleMax: c.scaleMax })),
      ranked,
      awaiting,
      shownRanked: show(ranked),
      shownAwaiting: show(awaiting),
      filters,
      filtered: hasFilters(filters),
      options: {
        themes: THEMES.map((t) => ({ value: t.id, label: t.name })),
        domains: [...domains.values()].sort(byLabel),
        countries: [...countries.values()].sort(byLabel),
        rdCategories: RD_CATEGORIES.map((c) => ({ value: c.key, label: c.title })),
      },
      funding: {
        budget: call.budget,
        passing: ranked.filter((r) => r.passes).length,
        withinBudget: within.length,
        allocated: within.reduce((sum, r) => sum + r.grantRequested, 0),
      },
      balance: portfolioBalance(ranked.map((r) => ({ ...r.facts, grantRequested: r.grantRequested, withinBudget: r.withinBudget }))),
    };
  },
);

