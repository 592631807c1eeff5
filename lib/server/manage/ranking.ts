import "server-only";
import { getDb } from "@/db/client";
import type { DecisionOutcome } from "@/db/schema";
import { hasFilters, matchesFilters, portfolioBalance, type PortfolioBalance, type PortfolioFacts } from "@/lib/domain/portfolio";
import { tallyInScope, tallyInScopeByProposal, type InScopeVotes } from "@/lib/domain/in-scope";
import type { AwaitingProposal, RankedProposal } from "@/lib/domain/ranking";
import { countryName } from "@/lib/domain/report/countries";
import { findRdCategory, RD_CATEGORIES } from "@/lib/domain/report/rd-categories";
import type { StrategicFitLevel } from "@/lib/domain/report/strategic-fit";
import { findDomain, findTheme, THEMES } from "@/lib/domain/report/technology-domains";
import type { RankingFilters } from "@/lib/validation/manage";
import { guardedRead } from "../guard";
import { callHeading, loadDecisionOutcomes, loadFilterFacts, rankCall, requireCall, type CallHeading, type ProposalRow, type RankingSource, type Reader } from "./call-data";
import { rankedCall, type RankedCall } from "./ranking-memo";

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

/**
 * One page of a call's ranking. Ranks, counts, the funding line and the balance are the whole
 * call's; only the page's rows (and the awaiting ones the filters let through) are built with
 * their labels, not all 5,000.
 */
export interface CallRanking {
  call: CallHeading;
  criteria: RankingCriterionView[];
  /** Ranked and awaiting proposals in the whole call, and the ranked ones the filters let through. */
  counts: { ranked: number; awaiting: number; shownRanked: number };
  /** The awaiting proposals the filters let through, in submission order. */
  shownAwaiting: AwaitingRow[];
  /** The page asked for (RANKING_PAGE_SIZE rows) of the ranked rows the filters let through, with their ranks in the whole call. */
  page: { number: number; pages: number; first: number; rows: RankingRow[] };
  filters: RankingFilters;
  filtered: boolean;
  funding: { budget: number; passing: number; withinBudget: number; allocated: number };
  balance: PortfolioBalance;
}

export interface RankingOptions {
  themes: FilterOption[];
  domains: FilterOption[];
  countries: FilterOption[];
  rdCategories: FilterOption[];
}

/**
 * The label parts many rows share, made once per domain and per country: every row of a 5,000-row
 * ranking used to build its own copies. Rows are read-only DTOs, so sharing them is safe, and the
 * report's tables never change while the server runs.
 */
const domainLabels = new Map<string, Pick<ProposalLabels, "domain" | "theme">>();
const countryLabels = new Map<string, ProposalLabels["partnerCountries"][number]>();

const NO_DOMAIN: Pick<ProposalLabels, "domain" | "theme"> = { domain: null, theme: null };

function domainLabel(id: string | null): Pick<ProposalLabels, "domain" | "theme"> {
  if (id === null) return NO_DOMAIN;
  let label = domainLabels.get(id);
  if (label === undefined) {
    const domain = findDomain(id);
    if (!domain) return NO_DOMAIN;
    label = { domain: { id: domain.id, shortName: domain.shortName, longName: domain.longName }, theme: findTheme(domain.theme)?.name ?? null };
    domainLabels.set(id, label);
  }
  return label;
}

function countryLabel(code: string): ProposalLabels["partnerCountries"][number] {
  let label = countryLabels.get(code);
  if (label === undefined) {
    label = { code, name: countryName(code) };
    // Only Table 4.1's domains are cached above; codes are whatever was stored, so keep this bounded.
    if (countryLabels.size < 1_000) countryLabels.set(code, label);
  }
  return label;
}

export function proposalLabels(p: ProposalRow): ProposalLabels {
  const { domain, theme } = domainLabel(p.facts.domainId);
  return {
    leadOrganisation: p.leadOrganisation,
    partnerCountries: p.facts.partnerCountries.map(countryLabel),
    domain,
    theme,
    rdCategory: p.facts.rdCategory ? (findRdCategory(p.facts.rdCategory)?.title ?? p.facts.rdCategory) : null,
    fit: p.facts.fit,
    facts: p.facts,
  };
}

/** What rankedRows reads: the ranking's input, every proposal's row for its labels, and the viewer's agency's decisions (CallData or RankingData). */
export type RankedRowsSource = Omit<RankingSource, "proposals"> & { proposals: readonly ProposalRow[]; decisions: ReadonlyMap<number, { outcome: DecisionOutcome }> };

/** The full ranking of a call, computed from what is stored now, every row with its labels (the CSV; tests compare reads with it). */
export function rankedRows(data: RankedRowsSource): { ranked: RankingRow[]; awaiting: AwaitingRow[] } {
  const { ranked, awaiting } = rankCall(data);
  const byId = new Map(data.proposals.map((p) => [p.id, p]));
  const decisionOf = (id: number) => data.decisions.get(id)?.outcome ?? null;
  const votes = tallyInScopeByProposal(data.counted);
  return {
    ranked: ranked.map((r) => rankingRow(r, byId.get(r.id)!, data.call.assessorsRequired, decisionOf(r.id), votes.get(r.id) ?? tallyInScope([]))),
    awaiting: awaiting.map((a) => awaitingRow(a, byId.get(a.id)!, decisionOf(a.id))),
  };
}

/**
 * A ranked proposal's row with its labels, decision and in-scope votes. Written out field by
 * field: spreading the ranked row and its labels into a new object took 20 µs a row (a third of
 * the ranking page's JavaScript at 5,000 rows); the RankingRow type still checks every field.
 */
export function rankingRow(r: RankedProposal, p: ProposalRow, assessorsRequired: number, decision: DecisionOutcome | null, inScope: InScopeVotes): RankingRow {
  const labels = proposalLabels(p);
  return {
    rank: r.rank,
    id: r.id,
    title: r.title,
    submittedAt: r.submittedAt,
    grantRequested: r.grantRequested,
    submittedAssessments: r.submittedAssessments,
    criterionMeans: r.criterionMeans,
    weightedTotal: r.weightedTotal,
    passes: r.passes,
    failedThresholds: r.failedThresholds,
    withinBudget: r.withinBudget,
    cumulativeGrant: r.cumulativeGrant,
    disagreements: r.disagreements,
    leadOrganisation: labels.leadOrganisation,
    partnerCountries: labels.partnerCountries,
    domain: labels.domain,
    theme: labels.theme,
    rdCategory: labels.rdCategory,
    fit: labels.fit,
    facts: labels.facts,
    assessorsRequired,
    decision,
    inScope,
  };
}

export function awaitingRow(a: AwaitingProposal, p: ProposalRow, decision: DecisionOutcome | null): AwaitingRow {
  const labels = proposalLabels(p);
  return {
    id: a.id,
    title: a.title,
    submittedAt: a.submittedAt,
    submittedAssessments: a.submittedAssessments,
    assessorsRequired: a.assessorsRequired,
    leadOrganisation: labels.leadOrganisation,
    partnerCountries: labels.partnerCountries,
    domain: labels.domain,
    theme: labels.theme,
    rdCategory: labels.rdCategory,
    fit: labels.fit,
    facts: labels.facts,
    decision,
  };
}

const byLabel = (a: FilterOption, b: FilterOption) => a.label.localeCompare(b.label, "en-GB");

/** Rows per page of the ranking; ranks, the funding line and filters are over the whole call. */
export const RANKING_PAGE_SIZE = 100;

/**
 * The filter form's choices: the technology domains and international partner countries of the
 * call's submitted proposals (the same as their ranking rows' labels).
 */
export function rankingOptions(rows: Iterable<Pick<PortfolioFacts, "domainId" | "partnerCountries">>): RankingOptions {
  const domains = new Map<string, FilterOption>();
  const codes = new Set<string>();
  for (const row of rows) {
    const domain = findDomain(row.domainId);
    if (domain) domains.set(domain.id, { value: domain.id, label: domain.shortName });
    for (const code of row.partnerCountries) codes.add(code);
  }
  // Several Table 4.1 rows share a short name, so a repeated one gets its long name.
  const shortNames = [...domains.values()].map((d) => d.label);
  for (const option of domains.values()) {
    if (shortNames.filter((n) => n === option.label).length > 1) option.label = findDomain(option.value)?.longName ?? option.label;
  }
  return {
    themes: THEMES.map((t) => ({ value: t.id, label: t.name })),
    domains: [...domains.values()].sort(byLabel),
    countries: [...codes].map((code) => ({ value: code, label: countryName(code) })).sort(byLabel),
    rdCategories: RD_CATEGORIES.map((c) => ({ value: c.key, label: c.title })),
  };
}

/** The filter form's choices for a call, read from the proposals' rows without ranking the call. */
export async function filterOptions(db: Reader, callId: number): Promise<RankingOptions> {
  return rankingOptions(await loadFilterFacts(db, callId));
}

/** What a ranked call's page shows whatever the filters and decisions, worked out once per remembered ranking. */
interface RankingSummary {
  funding: Omit<CallRanking["funding"], "budget">;
  balance: PortfolioBalance;
  options: RankingOptions;
}
const summaries = new WeakMap<RankedCall, RankingSummary>();

function summaryOf(ranking: RankedCall): RankingSummary {
  let summary = summaries.get(ranking);
  if (summary) return summary;
  const ranked = ranking.result.ranked;
  const within = ranked.filter((r) => r.withinBudget);
  const factsOf = (id: number) => ranking.proposals.get(id)!.facts;
  summary = {
    funding: { passing: ranked.filter((r) => r.passes).length, withinBudget: within.length, allocated: within.reduce((sum, r) => sum + r.grantRequested, 0) },
    balance: portfolioBalance(
      ranked.map((r) => {
        const f = factsOf(r.id);
        return { domainId: f.domainId, themeId: f.themeId, rdCategory: f.rdCategory, partnerCountries: f.partnerCountries, fit: f.fit, grantRequested: r.grantRequested, withinBudget: r.withinBudget };
      }),
    ),
    options: rankingOptions([...ranking.proposals.values()].map((p) => p.facts)),
  };
  summaries.set(ranking, summary);
  return summary;
}

/** The filter form's choices from a remembered ranking (the same as filterOptions reads). */
export const rememberedOptions = (ranking: RankedCall): RankingOptions => summaryOf(ranking).options;

/** Filters come parsed (rankingFiltersSchema, from the page's search params); `page` is 1-based and clamped. */
export const getCallRanking = guardedRead(
  "ranking:read",
  async (actor, callId: number, filters: RankingFilters, page: number = 1, now: Date = new Date()): Promise<CallRanking> => {
    const db = getDb();
    const call = await requireCall(db, callId, actor);
    const [ranking, decisions] = await Promise.all([rankedCall(db, call), loadDecisionOutcomes(db, call.id, actor)]);
    const { ranked, awaiting } = ranking.result;
    const rowOf = (id: number) => ranking.proposals.get(id)!;
    const decisionOf = (id: number) => decisions.get(id)?.outcome ?? null;

    const filtered = hasFilters(filters);
    const show = <T extends { id: number }>(rows: readonly T[]): readonly T[] => (filtered ? rows.filter((r) => matchesFilters(rowOf(r.id).facts, filters)) : rows);
    const shownRanked = show(ranked);
    const pages = Math.max(1, Math.ceil(shownRanked.length / RANKING_PAGE_SIZE));
    const number = Math.min(pages, Math.max(1, Math.floor(page)));
    const first = (number - 1) * RANKING_PAGE_SIZE;
    const { funding, balance } = summaryOf(ranking);

    return {
      call: callHeading(call, now, actor),
      criteria: ranking.rubric.map((c) => ({ key: c.key, title: c.title, weight: c.weight, threshold: c.threshold, scaleMin: c.scaleMin, scaleMax: c.scaleMax })),
      counts: { ranked: ranked.length, awaiting: awaiting.length, shownRanked: shownRanked.length },
      shownAwaiting: show(awaiting).map((a) => awaitingRow(a, rowOf(a.id), decisionOf(a.id))),
      page: {
        number,
        pages,
        first,
        rows: shownRanked
          .slice(first, first + RANKING_PAGE_SIZE)
          .map((r) => rankingRow(r, rowOf(r.id), call.assessorsRequired, decisionOf(r.id), ranking.inScope.get(r.id) ?? tallyInScope([]))),
      },
      filters,
      filtered,
      funding: { budget: call.budget, ...funding },
      balance,
    };
  },
);
