import { rankProposals, type RankingConfig, type RankingProposal } from "../ranking";
import { fitAdditiveModel, type FitDiagnostics, type FitOptions, type FitResult, type Interval, type Observations, type ScalarPosterior } from "./gibbs";
import { separatePanels, type Panel } from "./panels";
import { iccWithBootstrap, type IccWithIntervals } from "./reliability";
import { fragileProposals, fundingLineZones, type Zone } from "./zones";

/**
 * "How sure is this ranking?" for one call: the whole analysis the calibration background job
 * runs (lib/server/jobs/registry.ts). Pure: the same input and seed give the same output.
 * Only ranked proposals (with the call's required number of submitted assessments) take part.
 * No per-assessor z-scores anywhere: with 5–20 proposals per assessor, standardising each
 * assessor's scores erases real quality differences (DESIGN.md); the model's leniency term,
 * shrunk by its prior, is used instead.
 */
export interface CalibrationInput {
  seed: number;
  config: RankingConfig;
  proposals: RankingProposal[];
  /** Submitted assessments that count toward the ranking. */
  assessments: { id: number; proposalId: number; assessorId: number }[];
  assessors: { id: number; name: string }[];
  /** Sweeps per chain (defaults: SAMPLER_DEFAULTS). */
  sampler?: { warmup?: number; draws?: number; criterionWarmup?: number; criterionDraws?: number };
}

export interface ModelSummary {
  diagnostics: FitDiagnostics;
  mu: ScalarPosterior;
  tauProposal: ScalarPosterior;
  tauAssessor: ScalarPosterior;
  sigma: ScalarPosterior;
}

export interface CalibratedProposal {
  id: number;
  title: string;
  rawRank: number;
  weightedTotal: number;
  passes: boolean;
  withinBudget: boolean;
  grantRequested: number;
  calibrated: number;
  calibrated90: Interval;
  expectedRank: number;
  rank50: Interval;
  rank90: Interval;
  zone: Zone;
  fragile: boolean;
}

export interface CalibratedAssessor {
  id: number;
  name: string;
  proposalsScored: number;
  meanRawTotal: number;
  leniency: number;
  leniency90: Interval;
}

export interface CriterionAnalysis {
  key: string;
  title: string;
  scaleMin: number;
  scaleMax: number;
  model: ModelSummary | null;
  /** How many scores took each value on the scale (rounded to whole points). */
  distribution: { value: number; count: number }[];
}

export interface ReliabilityRow {
  key: string;
  title: string;
  icc: IccWithIntervals | null;
}

export interface CalibrationResult {
  counts: { proposals: number; assessments: number; assessors: number };
  model: ModelSummary | null;
  proposals: CalibratedProposal[];
  /** The funding line on the expected-rank scale (null when every passing proposal fits). */
  fundingLine: number | null;
  budget: number;
  assessors: CalibratedAssessor[];
  reliability: ReliabilityRow[];
  criteria: CriterionAnalysis[];
  /** More than one entry means the assessor–proposal graph is split into separate panels. */
  panels: Panel[];
  seconds: number;
  /** Seconds of sampling per fit (the total, then each criterion), summed over its chains, which may have run in parallel. */
  fitSeconds: { key: string; seconds: number }[];
}

export const TOTAL_KEY = "total";

/**
 * Sweeps per chain, 4 chains. The blocked, collapsed sampler (gibbs.ts) gives nearly independent
 * draws, so these are about what the convergence rule itself needs: with thousands of parameters
 * the largest split R-hat stays below 1.01, and the smallest ESS above 400, only with several
 * hundred draws per chain even when draws are independent (at 5,000 × 3, 400 draws per chain gave
 * a largest R-hat of 1.008; see scripts/bench/calibration.ts for the current figures). A
 * criterion's fit keeps and checks only its four scalars (what the page shows), which need fewer
 * draws, but not much fewer: with 300 draws, 105 criterion fits at 1,000 × 3 all converged (largest
 * R-hat 1.0070), yet one at 200 × 3 (40 assessors, where τ_a mixes more slowly) did not (1.0108).
 */
export const SAMPLER_DEFAULTS = { warmup: 100, draws: 500, criterionWarmup: 50, criterionDraws: 400 };
/**
 * Small calls (fewer scores than this) get twice the draws: it costs little there, and with only a
 * few assessors the spread of leniency τ_a has a wide, skewed posterior whose ESS needs them.
 */
export const SMALL_CALL_SCORES = 500;
const SMALL_CALL_SAMPLER = { warmup: 300, draws: 1000, criterionWarmup: 200, criterionDraws: 1000 };

/** One model fit the analysis needs: the total (with ranks) first, then each criterion. */
export interface FitSpec {
  key: string;
  observations: Observations;
  options: FitOptions;
}

/** Everything `analyseCalibration` computes before and around its model fits. */
export interface CalibrationPlan {
  started: number;
  input: CalibrationInput;
  fits: FitSpec[];
  /** Null when there is too little data to fit (then `fits` is empty). */
  prepared: Prepared | null;
  empty: CalibrationResult;
}

interface Prepared {
  ranked: ReturnType<typeof rankProposals>["ranked"];
  assessments: CalibrationInput["assessments"];
  scoresOf: Map<number, Map<string, number>>;
  pIndex: Map<number, number>;
  assessorIds: number[];
  totals: number[];
}

/** One assessment's weighted total on 0–100, by the ranking's own formula applied to its scores. */
function assessmentTotal(config: RankingConfig, scores: Map<string, number>): number {
  let total = 0;
  for (const c of config.criteria) total += (c.weight / 100) * ((scores.get(c.key) ?? 0) / c.scaleMax) * 100;
  return total;
}

/** Prepares the analysis: which proposals and assessments count, and the model fits it needs. */
export function planCalibration(input: CalibrationInput): CalibrationPlan {
  const started = Date.now();
  const { config } = input;
  const { ranked } = rankProposals(config, input.proposals);
  const rankedIds = new Set(ranked.map((r) => r.id));
  const assessments = input.assessments.filter((a) => rankedIds.has(a.proposalId));
  const scoresOf = new Map<number, Map<string, number>>();
  for (const p of input.proposals) {
    if (!rankedIds.has(p.id)) continue;
    for (const s of p.scores) {
      const m = scoresOf.get(s.assessmentId) ?? new Map<string, number>();
      m.set(s.criterionKey, s.score);
      scoresOf.set(s.assessmentId, m);
    }
  }
  const pIndex = new Map(ranked.map((r, i) => [r.id, i]));
  const assessorIds = [...new Set(assessments.map((a) => a.assessorId))].sort((a, b) => a - b);
  const aIndex = new Map(assessorIds.map((id, i) => [id, i]));
  const totals = assessments.map((a) => assessmentTotal(config, scoresOf.get(a.id) ?? new Map()));
  const sampler = { ...(assessments.length < SMALL_CALL_SCORES ? SMALL_CALL_SAMPLER : SAMPLER_DEFAULTS), ...input.sampler };

  const empty: CalibrationResult = {
    counts: { proposals: ranked.length, assessments: assessments.length, assessors: assessorIds.length },
    model: null,
    proposals: [],
    fundingLine: null,
    budget: config.budget,
    assessors: [],
    reliability: [],
    criteria: [],
    panels: [],
    seconds: 0,
    fitSeconds: [],
  };
  if (ranked.length < 2 || assessments.length === 0) return { started, input, fits: [], prepared: null, empty };

  const proposalOf = Int32Array.from(assessments, (a) => pIndex.get(a.proposalId)!);
  const assessorOf = Int32Array.from(assessments, (a) => aIndex.get(a.assessorId)!);
  const observations = (y: number[], scale: { min: number; max: number }): Observations => ({
    y: Float64Array.from(y),
    proposal: proposalOf,
    assessor: assessorOf,
    proposals: ranked.length,
    assessors: assessorIds.length,
    scale,
  });
  // 1. The weighted total: calibrated scores, expected ranks, leniency. 2. Each criterion.
  const fits: FitSpec[] = [
    {
      key: TOTAL_KEY,
      observations: observations(totals, { min: 0, max: 100 }),
      options: { seed: input.seed, warmup: sampler.warmup, draws: sampler.draws, ranks: true },
    },
    ...config.criteria.map((c, ci) => ({
      key: c.key,
      observations: observations(
        assessments.map((a) => scoresOf.get(a.id)?.get(c.key) ?? 0),
        { min: c.scaleMin, max: c.scaleMax },
      ),
      // The page shows only μ, τ_p, τ_a and σ of a criterion's fit, so only those are kept and checked.
      options: { seed: input.seed + 100 + ci, warmup: sampler.criterionWarmup, draws: sampler.criterionDraws, keep: "scalars" as const },
    })),
  ];
  return { started, input, fits, prepared: { ranked, assessments, scoresOf, pIndex, assessorIds, totals }, empty };
}

/**
 * "How sure is this ranking?" with every model fit in this thread. The background job runs the
 * same analysis with the fits' chains spread over two threads (lib/server/jobs/calibration.ts);
 * the result is identical, because each chain's draws depend only on its data and seed.
 */
export function analyseCalibration(input: CalibrationInput, progress: (fraction: number, message: string) => void = () => {}): CalibrationResult {
  const plan = planCalibration(input);
  const seconds: number[] = [];
  const fits = plan.fits.map((spec, i) => {
    const started = performance.now();
    const fit = fitAdditiveModel(spec.observations, {
      ...spec.options,
      progress: (f) => progress((0.95 * (i + f)) / plan.fits.length, fitMessage(plan, i)),
    });
    seconds.push((performance.now() - started) / 1000);
    return fit;
  });
  return finishCalibration(plan, fits, seconds, progress);
}

/** The progress message while the plan's i-th fit runs. */
export function fitMessage(plan: CalibrationPlan, i: number): string {
  if (i === 0) return "Fitting the model to the weighted totals";
  return `Fitting the model to “${plan.input.config.criteria[i - 1]!.title}”`;
}

/** The parts of the analysis that need no model fit (so they can run while the chains do). */
export interface FitFreeParts {
  fragile: Set<number>;
  reliability: ReliabilityRow[];
  /** Each criterion's score distribution, in the rubric's order. */
  distributions: CriterionAnalysis["distribution"][];
  panels: Panel[];
}

/** Fragility, reliability (ICC with bootstrap intervals), score distributions and panels. */
export function fitFreeParts(plan: CalibrationPlan, progress: (fraction: number, message: string) => void = () => {}, fraction = 0): FitFreeParts {
  const { input, prepared } = plan;
  if (!prepared) return { fragile: new Set(), reliability: [], distributions: [], panels: [] };
  const { config } = input;
  const { ranked, assessments, scoresOf, pIndex, totals } = prepared;
  progress(fraction, "Checking which proposals are fragile");
  const fragile = fragileProposals(config, input.proposals, ranked);
  const groupsFor = (values: number[]) => {
    const groups: number[][] = ranked.map(() => []);
    assessments.forEach((a, j) => groups[pIndex.get(a.proposalId)!]!.push(values[j]!));
    return groups;
  };
  const reliability: ReliabilityRow[] = [
    { key: TOTAL_KEY, title: "Weighted total", icc: iccWithBootstrap(groupsFor(totals), { seed: input.seed + 1 }) },
  ];
  const distributions = config.criteria.map((c, ci) => {
    const values = assessments.map((a) => scoresOf.get(a.id)?.get(c.key) ?? 0);
    const counts = new Map<number, number>();
    for (let v = Math.ceil(c.scaleMin); v <= Math.floor(c.scaleMax); v++) counts.set(v, 0);
    for (const v of values) counts.set(Math.round(v), (counts.get(Math.round(v)) ?? 0) + 1);
    reliability.push({ key: c.key, title: c.title, icc: iccWithBootstrap(groupsFor(values), { seed: input.seed + 200 + ci }) });
    return [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([value, count]) => ({ value, count }));
  });
  const panels = separatePanels(assessments.map((a) => ({ proposalId: a.proposalId, assessorId: a.assessorId })));
  return { fragile, reliability, distributions, panels: panels.length > 1 ? panels : [] };
}

/** Completes the analysis from the plan's fits (in the plan's order) and its fit-free parts. */
export function finishCalibration(
  plan: CalibrationPlan,
  fitResults: FitResult[],
  fitSeconds: number[],
  progress: (fraction: number, message: string) => void = () => {},
  parts: FitFreeParts = fitFreeParts(plan, progress, 0.95),
): CalibrationResult {
  const { input, prepared, empty, started } = plan;
  if (!prepared) return { ...empty, seconds: (Date.now() - started) / 1000 };
  const { config } = input;
  const { ranked, assessments, assessorIds, totals } = prepared;
  const nameOf = new Map(input.assessors.map((a) => [a.id, a.name]));
  const summary = (fit: FitResult): ModelSummary => ({
    diagnostics: fit.diagnostics,
    mu: fit.mu,
    tauProposal: fit.tauProposal,
    tauAssessor: fit.tauAssessor,
    sigma: fit.sigma,
  });
  const fit = fitResults[0]!;

  const zoneInput = ranked.map((r, i) => ({
    id: r.id,
    expectedRank: fit.proposals[i]!.expectedRank!,
    rank50: fit.proposals[i]!.rank50!,
    grantRequested: r.grantRequested,
    passes: r.passes,
  }));
  const { line, allFit, zones } = fundingLineZones(zoneInput, config.budget);
  const { fragile, reliability, distributions, panels } = parts;
  const proposals: CalibratedProposal[] = ranked.map((r, i) => {
    const post = fit.proposals[i]!;
    return {
      id: r.id,
      title: r.title,
      rawRank: r.rank,
      weightedTotal: r.weightedTotal,
      passes: r.passes,
      withinBudget: r.withinBudget,
      grantRequested: r.grantRequested,
      calibrated: post.calibrated,
      calibrated90: post.calibrated90,
      expectedRank: post.expectedRank!,
      rank50: post.rank50!,
      rank90: post.rank90!,
      zone: zones.get(r.id)!,
      fragile: fragile.has(r.id),
    };
  });

  const scoredBy = new Map(assessorIds.map((id) => [id, { count: 0, sum: 0 }]));
  assessments.forEach((a, j) => {
    const own = scoredBy.get(a.assessorId)!;
    own.count++;
    own.sum += totals[j]!;
  });
  const assessors: CalibratedAssessor[] = assessorIds.map((id, i) => {
    const own = scoredBy.get(id)!;
    return {
      id,
      name: nameOf.get(id) ?? `Assessor ${id}`,
      proposalsScored: own.count,
      meanRawTotal: own.sum / own.count,
      leniency: fit.assessors[i]!.leniency,
      leniency90: fit.assessors[i]!.leniency90,
    };
  });

  // 2. Each criterion: its own fit (no ranks) beside its score distribution.
  const criteria: CriterionAnalysis[] = config.criteria.map((c, ci) => ({
    key: c.key,
    title: c.title,
    scaleMin: c.scaleMin,
    scaleMax: c.scaleMax,
    model: summary(fitResults[1 + ci]!),
    distribution: distributions[ci]!,
  }));

  progress(1, "Done");
  return {
    counts: empty.counts,
    model: summary(fit),
    proposals,
    fundingLine: allFit ? null : line,
    budget: config.budget,
    assessors,
    reliability,
    criteria,
    panels,
    seconds: (Date.now() - started) / 1000,
    fitSeconds: plan.fits.map((f, i) => ({ key: f.key, seconds: fitSeconds[i] ?? 0 })),
  };
}
