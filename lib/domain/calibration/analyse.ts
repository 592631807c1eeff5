import { rankProposals, type RankingConfig, type RankingProposal } from "../ranking";
import { fitAdditiveModel, type FitDiagnostics, type Interval, type ScalarPosterior } from "./gibbs";
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
  /** Sweeps per chain (defaults: 500 warm-up + 1,000 kept for the total, half that per criterion). */
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
}

export const TOTAL_KEY = "total";

/** One assessment's weighted total on 0–100, by the ranking's own formula applied to its scores. */
function assessmentTotal(config: RankingConfig, scores: Map<string, number>): number {
  let total = 0;
  for (const c of config.criteria) total += (c.weight / 100) * ((scores.get(c.key) ?? 0) / c.scaleMax) * 100;
  return total;
}

export function analyseCalibration(input: CalibrationInput, progress: (fraction: number, message: string) => void = () => {}): CalibrationResult {
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
  const nameOf = new Map(input.assessors.map((a) => [a.id, a.name]));
  const totals = assessments.map((a) => assessmentTotal(config, scoresOf.get(a.id) ?? new Map()));
  const sampler = input.sampler ?? {};

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
  };
  if (ranked.length < 2 || assessments.length === 0) return { ...empty, seconds: (Date.now() - started) / 1000 };

  const summary = (fit: ReturnType<typeof fitAdditiveModel>): ModelSummary => ({
    diagnostics: fit.diagnostics,
    mu: fit.mu,
    tauProposal: fit.tauProposal,
    tauAssessor: fit.tauAssessor,
    sigma: fit.sigma,
  });
  const observations = (y: number[], scale: { min: number; max: number }) => ({
    y,
    proposal: assessments.map((a) => pIndex.get(a.proposalId)!),
    assessor: assessments.map((a) => aIndex.get(a.assessorId)!),
    proposals: ranked.length,
    assessors: assessorIds.length,
    scale,
  });

  // 1. The weighted total: calibrated scores, expected ranks, leniency.
  progress(0, "Fitting the model to the weighted totals");
  const fit = fitAdditiveModel(observations(totals, { min: 0, max: 100 }), {
    seed: input.seed,
    warmup: sampler.warmup ?? 500,
    draws: sampler.draws ?? 1000,
    ranks: true,
    progress: (f) => progress(0.6 * f, "Fitting the model to the weighted totals"),
  });

  const zoneInput = ranked.map((r, i) => ({
    id: r.id,
    expectedRank: fit.proposals[i]!.expectedRank!,
    rank50: fit.proposals[i]!.rank50!,
    grantRequested: r.grantRequested,
    passes: r.passes,
  }));
  const { line, allFit, zones } = fundingLineZones(zoneInput, config.budget);
  progress(0.6, "Checking which proposals are fragile");
  const fragile = fragileProposals(config, input.proposals, ranked);

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

  const assessors: CalibratedAssessor[] = assessorIds.map((id, i) => {
    const own = assessments.map((a, j) => ({ a, total: totals[j]! })).filter((x) => x.a.assessorId === id);
    return {
      id,
      name: nameOf.get(id) ?? `Assessor ${id}`,
      proposalsScored: own.length,
      meanRawTotal: own.reduce((s, x) => s + x.total, 0) / own.length,
      leniency: fit.assessors[i]!.leniency,
      leniency90: fit.assessors[i]!.leniency90,
    };
  });

  // 2. Each criterion: its own fit (no ranks), reliability and score distribution.
  const groupsFor = (values: number[]) => {
    const groups: number[][] = ranked.map(() => []);
    assessments.forEach((a, j) => groups[pIndex.get(a.proposalId)!]!.push(values[j]!));
    return groups;
  };
  const reliability: ReliabilityRow[] = [
    { key: TOTAL_KEY, title: "Weighted total", icc: iccWithBootstrap(groupsFor(totals), { seed: input.seed + 1 }) },
  ];
  const criteria: CriterionAnalysis[] = [];
  config.criteria.forEach((c, ci) => {
    const values = assessments.map((a) => scoresOf.get(a.id)?.get(c.key) ?? 0);
    progress(0.65 + (0.3 * ci) / config.criteria.length, `Fitting the model to “${c.title}”`);
    const critFit = fitAdditiveModel(observations(values, { min: c.scaleMin, max: c.scaleMax }), {
      seed: input.seed + 100 + ci,
      warmup: sampler.criterionWarmup ?? 300,
      draws: sampler.criterionDraws ?? 500,
    });
    const counts = new Map<number, number>();
    for (let v = Math.ceil(c.scaleMin); v <= Math.floor(c.scaleMax); v++) counts.set(v, 0);
    for (const v of values) counts.set(Math.round(v), (counts.get(Math.round(v)) ?? 0) + 1);
    criteria.push({
      key: c.key,
      title: c.title,
      scaleMin: c.scaleMin,
      scaleMax: c.scaleMax,
      model: summary(critFit),
      distribution: [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([value, count]) => ({ value, count })),
    });
    reliability.push({ key: c.key, title: c.title, icc: iccWithBootstrap(groupsFor(values), { seed: input.seed + 200 + ci }) });
  });

  const panels = separatePanels(assessments.map((a) => ({ proposalId: a.proposalId, assessorId: a.assessorId })));
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
    panels: panels.length > 1 ? panels : [],
    seconds: (Date.now() - started) / 1000,
  };
}
