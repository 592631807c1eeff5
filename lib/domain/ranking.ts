/**
 * Ranking of a call's proposals, exactly as DESIGN.md "Ranking rules" describes. Pure: no I/O.
 *
 * Method:
 * 1. A criterion's mean is the mean of the submitted assessors' scores on it.
 * 2. Weighted total = Σ (weight / 100) × (criterion mean ÷ criterion scale maximum) × 100.
 * 3. A proposal passes when every criterion with a threshold has a mean at or above it and the
 *    weighted total is at or above the call's overall threshold.
 * 4. Order: passing proposals first, then failing ones; within each, total descending; ties by
 *    the value-capture mean, then the win-win mean (both descending), then the earlier submission
 *    time (and finally the lower id, only so the order is deterministic).
 * 5. Only proposals with at least the required number of submitted assessments are ranked; the
 *    rest are listed as awaiting assessment.
 * 6. Disagreement: a criterion whose scores span (max − min) 40 % or more of (scale max − scale
 *    min) is flagged.
 * 7. Funding line: walking passing proposals in rank order, a proposal is within budget when the
 *    grant of the within-budget proposals before it plus its own grant is at most the budget. A
 *    proposal that does not fit is skipped, so a later, cheaper one can still be within budget.
 *    Failing proposals are never within budget.
 */

export interface RankingCriterion {
  key: string;
  title: string;
  scaleMin: number;
  scaleMax: number;
  /** Percent; a call's weights sum to 100. */
  weight: number;
  /** Minimum criterion mean to pass, or null when the criterion has no threshold. */
  threshold: number | null;
}

export interface RankingScore {
  assessmentId: number;
  criterionKey: string;
  score: number;
}

export interface RankingProposal {
  id: number;
  title: string;
  submittedAt: Date;
  grantRequested: number;
  /** Scores from submitted assessments only. */
  scores: readonly RankingScore[];
  submittedAssessments: number;
}

export interface RankingConfig {
  criteria: readonly RankingCriterion[];
  assessorsRequired: number;
  /** 0–100, compared with the weighted total. */
  overallThreshold: number;
  budget: number;
  valueCaptureKey: string;
  winWinKey: string;
}

export interface FailedThreshold {
  /** A criterion key, or "overall" for the call's overall threshold. */
  criterionKey: string;
  title: string;
  /** The criterion mean, or the weighted total for "overall". */
  value: number;
  threshold: number;
}

export interface Disagreement {
  criterionKey: string;
  min: number;
  max: number;
  /** (max − min) as a percentage of the criterion's scale range. */
  spreadPercent: number;
}

export interface RankedProposal {
  rank: number;
  id: number;
  title: string;
  submittedAt: Date;
  grantRequested: number;
  submittedAssessments: number;
  /** Unrounded means, keyed by criterion key. */
  criterionMeans: Record<string, number>;
  /** 0–100, unrounded. */
  weightedTotal: number;
  passes: boolean;
  failedThresholds: FailedThreshold[];
  withinBudget: boolean;
  /** Grant of the within-budget proposals up to and including this row. */
  cumulativeGrant: number;
  disagreements: Disagreement[];
}

export interface AwaitingProposal {
  id: number;
  title: string;
  submittedAt: Date;
  submittedAssessments: number;
  assessorsRequired: number;
}

export interface RankingResult {
  ranked: RankedProposal[];
  awaiting: AwaitingProposal[];
}

export const OVERALL_KEY = "overall";
export const OVERALL_TITLE = "Overall weighted total";
/** A span of this fraction of a criterion's scale range, or more, is a disagreement. */
export const DISAGREEMENT_FRACTION = 0.4;

/**
 * Tolerance for "at or above" comparisons and ties. Means and weighted totals are sums of
 * divisions in binary floating point, so a value that is exactly on a threshold on paper can come
 * out a hair below it (e.g. 0.1 + 0.2 = 0.30000000000000004, and (weight/100) × (mean/max) × 100
 * summed over criteria rarely lands on the exact decimal). Without the tolerance a proposal whose
 * mean is exactly 5 by hand could fail a threshold of 5, or two equal totals could be ordered by
 * rounding noise instead of the tie-breaks. Scores and thresholds are on scales of at most 100, so
 * 1e-9 is far below any meaningful difference.
 */
export const EPSILON = 1e-9;

const atLeast = (value: number, threshold: number): boolean => value >= threshold - EPSILON;

function mean(values: readonly number[]): number {
  // A criterion no submitted assessor scored counts as 0, so it cannot pass a threshold by accident.
  if (values.length === 0) return 0;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

function assertConfig(config: RankingConfig): void {
  const keys = new Set(config.criteria.map((c) => c.key));
  for (const key of [config.valueCaptureKey, config.winWinKey]) {
    if (!keys.has(key)) throw new Error(`Ranking tie-break criterion "${key}" is not in the rubric`);
  }
  for (const c of config.criteria) {
    if (!(c.scaleMax > c.scaleMin) || !(c.scaleMax > 0)) {
      throw new Error(`Criterion "${c.key}" has an invalid scale ${c.scaleMin}–${c.scaleMax}`);
    }
  }
}

interface Scored {
  proposal: RankingProposal;
  criterionMeans: Record<string, number>;
  weightedTotal: number;
  passes: boolean;
  failedThresholds: FailedThreshold[];
  disagreements: Disagreement[];
}

function score(config: RankingConfig, proposal: RankingProposal): Scored {
  const criterionMeans: Record<string, number> = {};
  const failedThresholds: FailedThreshold[] = [];
  const disagreements: Disagreement[] = [];
  let weightedTotal = 0;

  // Each criterion's scores in the order given, grouped in one pass (a filter per criterion was a
  // tenth of ranking 5,000 proposals); the same values in the same order, so the same sums.
  const byCriterion = new Map<string, number[]>();
  for (const s of proposal.scores) {
    const list = byCriterion.get(s.criterionKey);
    if (list) list.push(s.score);
    else byCriterion.set(s.criterionKey, [s.score]);
  }

  for (const c of config.criteria) {
    const values = byCriterion.get(c.key) ?? [];
    const m = mean(values);
    criterionMeans[c.key] = m;

    // DESIGN.md divides by the scale maximum (not by max − min). With scaleMin 0, as in the
    // default rubric, this is the same as normalising the mean onto 0–1.
    weightedTotal += (c.weight / 100) * (m / c.scaleMax) * 100;

    if (c.threshold !== null && !atLeast(m, c.threshold)) {
      failedThresholds.push({ criterionKey: c.key, title: c.title, value: m, threshold: c.threshold });
    }

    if (values.length > 0) {
      const min = Math.min(...values);
      const max = Math.max(...values);
      const range = c.scaleMax - c.scaleMin;
      if (atLeast(max - min, DISAGREEMENT_FRACTION * range)) {
        disagreements.push({ criterionKey: c.key, min, max, spreadPercent: ((max - min) / range) * 100 });
      }
    }
  }

  if (!atLeast(weightedTotal, config.overallThreshold)) {
    failedThresholds.push({
      criterionKey: OVERALL_KEY,
      title: OVERALL_TITLE,
      value: weightedTotal,
      threshold: config.overallThreshold,
    });
  }

  return {
    proposal,
    criterionMeans,
    weightedTotal,
    passes: failedThresholds.length === 0,
    failedThresholds,
    disagreements,
  };
}

/** Descending comparison that treats values within EPSILON as equal (0). */
function descending(a: number, b: number): number {
  return Math.abs(a - b) <= EPSILON ? 0 : b - a;
}

/** What the rank order compares (a scored proposal, or a ranked row). */
export interface RankOrderKey {
  id: number;
  submittedAt: Date;
  passes: boolean;
  weightedTotal: number;
  criterionMeans: Record<string, number>;
}

/** The rank order of rule 4: negative when `a` ranks above `b`. */
export function rankOrder(config: Pick<RankingConfig, "valueCaptureKey" | "winWinKey">): (a: RankOrderKey, b: RankOrderKey) => number {
  return (a, b) =>
    Number(b.passes) - Number(a.passes) ||
    descending(a.weightedTotal, b.weightedTotal) ||
    descending(a.criterionMeans[config.valueCaptureKey] ?? 0, b.criterionMeans[config.valueCaptureKey] ?? 0) ||
    descending(a.criterionMeans[config.winWinKey] ?? 0, b.criterionMeans[config.winWinKey] ?? 0) ||
    a.submittedAt.getTime() - b.submittedAt.getTime() ||
    a.id - b.id;
}

/** Sorted by rule 4; each row's key is built once, not once per comparison. */
function sortRows(config: RankingConfig, rows: Scored[]): Scored[] {
  const order = rankOrder(config);
  const keyed = rows.map((s) => ({
    s,
    key: { id: s.proposal.id, submittedAt: s.proposal.submittedAt, passes: s.passes, weightedTotal: s.weightedTotal, criterionMeans: s.criterionMeans },
  }));
  return keyed.sort((a, b) => order(a.key, b.key)).map((k) => k.s);
}

/** Rule 1: a proposal is ranked once it has all its required submitted assessments; until then it is awaiting. */
export const readyToRank = (submittedAssessments: number, assessorsRequired: number): boolean => submittedAssessments >= assessorsRequired;

export function rankProposals(config: RankingConfig, proposals: readonly RankingProposal[]): RankingResult {
  assertConfig(config);

  const ready = proposals.filter((p) => readyToRank(p.submittedAssessments, config.assessorsRequired));
  const awaiting: AwaitingProposal[] = proposals
    .filter((p) => !readyToRank(p.submittedAssessments, config.assessorsRequired))
    .sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || a.id - b.id)
    .map((p) => ({
      id: p.id,
      title: p.title,
      submittedAt: p.submittedAt,
      submittedAssessments: p.submittedAssessments,
      assessorsRequired: config.assessorsRequired,
    }));

  const sorted = sortRows(
    config,
    ready.map((p) => score(config, p)),
  );

  let cumulativeGrant = 0;
  const ranked = sorted.map((row, index): RankedProposal => {
    const { proposal } = row;
    const withinBudget = row.passes && cumulativeGrant + proposal.grantRequested <= config.budget;
    if (withinBudget) cumulativeGrant += proposal.grantRequested;
    return {
      rank: index + 1,
      id: proposal.id,
      title: proposal.title,
      submittedAt: proposal.submittedAt,
      grantRequested: proposal.grantRequested,
      submittedAssessments: proposal.submittedAssessments,
      criterionMeans: row.criterionMeans,
      weightedTotal: row.weightedTotal,
      passes: row.passes,
      failedThresholds: row.failedThresholds,
      withinBudget,
      cumulativeGrant,
      disagreements: row.disagreements,
    };
  });

  return { ranked, awaiting };
}

/** Up to two decimals, without trailing zeros: 4.666… → "4.67", 5 → "5", 4.5 → "4.5". */
function formatNumber(n: number): string {
  return String(Number(n.toFixed(2)));
}

/** e.g. "UK value capture below 5 (4.67)". */
export function describeFailure(f: FailedThreshold): string {
  return `${f.title} below ${formatNumber(f.threshold)} (${formatNumber(f.value)})`;
}
