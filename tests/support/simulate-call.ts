import type { Observations } from "@/lib/domain/calibration/gibbs";
import { normal, seededRng, uniformInt } from "@/lib/domain/calibration/prng";
import type { RankingProposal } from "@/lib/domain/ranking";
import { DEFAULT_RUBRIC, VALUE_CAPTURE_KEY, WIN_WIN_KEY } from "@/lib/domain/rubric";

/** A simulated call with planted truth: proposal quality θ, assessor leniency b, noise σ. */
export interface SimulatedCall {
  observations: Observations;
  theta: number[];
  leniency: number[];
  /** Each proposal's raw mean score. */
  rawMeans: number[];
  edges: { proposalId: number; assessorId: number }[];
  groups: number[][];
}

/**
 * P proposals, each scored by `perProposal` distinct assessors out of A; assessors are given
 * proposals in rotation so each scores P·k/A of them. With `split`, the first half of the
 * proposals only meets the first half of the assessors (two separate panels).
 */
export function simulateCall(options: {
  seed: number;
  proposals: number;
  assessors: number;
  perProposal?: number;
  tauP?: number;
  tauA?: number;
  sigma?: number;
  mu?: number;
  split?: boolean;
}): SimulatedCall {
  const { proposals: P, assessors: A } = options;
  const k = options.perProposal ?? 3;
  const rng = seededRng(options.seed);
  const theta = Array.from({ length: P }, () => normal(rng) * (options.tauP ?? 10));
  const leniency = Array.from({ length: A }, () => normal(rng) * (options.tauA ?? 7));
  const y: number[] = [];
  const proposal: number[] = [];
  const assessor: number[] = [];
  const groups: number[][] = theta.map(() => []);
  const edges: { proposalId: number; assessorId: number }[] = [];
  const offset = uniformInt(rng, A);
  const pool = options.split ? A / 2 : A;
  const gcd = (x: number, z: number): number => (z === 0 ? x : gcd(z, x % z));
  // A stride coprime with the pool links every assessor to every other through shared proposals.
  let stride = 7;
  while (gcd(stride, pool) !== 1) stride++;
  for (let p = 0; p < P; p++) {
    const half = options.split ? (p < P / 2 ? 0 : 1) : -1;
    for (let j = 0; j < k; j++) {
      let a = (offset + p + j * stride) % pool;
      if (half === 1) a += A / 2;
      const score = (options.mu ?? 60) + theta[p]! + leniency[a]! + normal(rng) * (options.sigma ?? 8);
      y.push(score);
      proposal.push(p);
      assessor.push(a);
      groups[p]!.push(score);
      edges.push({ proposalId: p, assessorId: a });
    }
  }
  return {
    observations: { y, proposal, assessor, proposals: P, assessors: A, scale: { min: 0, max: 100 } },
    theta,
    leniency,
    rawMeans: groups.map((g) => g.reduce((s, v) => s + v, 0) / g.length),
    edges,
    groups,
  };
}

/** Spearman's rank correlation (no ties expected: continuous values). */
export function spearman(x: readonly number[], y: readonly number[]): number {
  const ranks = (v: readonly number[]) => {
    const order = v.map((value, i) => ({ value, i })).sort((a, b) => a.value - b.value);
    const r = new Array<number>(v.length);
    order.forEach((o, rank) => (r[o.i] = rank));
    return r;
  };
  const rx = ranks(x);
  const ry = ranks(y);
  const n = x.length;
  let d2 = 0;
  for (let i = 0; i < n; i++) d2 += (rx[i]! - ry[i]!) ** 2;
  return 1 - (6 * d2) / (n * (n * n - 1));
}

/**
 * A whole call for the calibration analysis (the bench's 200 × 3 and 5,000 × 3): P proposals
 * scored on the default rubric by 3 of A assessors each, in rotation (a sparse design, slow to
 * mix for a one-at-a-time Gibbs sampler), with planted quality and leniency. Also the weighted
 * totals as model observations.
 */
export function simulateCalibrationInput(P: number, A: number, seedValue: number) {
  const rng = seededRng(seedValue);
  const theta = Array.from({ length: P }, () => normal(rng) * 1.2);
  const lean = Array.from({ length: A }, () => normal(rng) * 0.8);
  const proposals: RankingProposal[] = [];
  const assessments: { id: number; proposalId: number; assessorId: number }[] = [];
  const y: number[] = [];
  const pOf: number[] = [];
  const aOf: number[] = [];
  let stride = 7;
  const gcd = (x: number, z: number): number => (z === 0 ? x : gcd(z, x % z));
  while (gcd(stride, A) !== 1) stride++;
  for (let p = 0; p < P; p++) {
    const scores: RankingProposal["scores"][number][] = [];
    for (let j = 0; j < 3; j++) {
      const a = (p + j * stride) % A;
      const id = p * 3 + j + 1;
      assessments.push({ id, proposalId: p + 1, assessorId: a + 1 });
      let total = 0;
      for (const c of DEFAULT_RUBRIC) {
        const score = Math.max(0, Math.min(10, Math.round(6 + theta[p]! + lean[a]! + normal(rng) * 1.0)));
        scores.push({ assessmentId: id, criterionKey: c.key, score });
        total += (c.weight / 100) * (score / c.scaleMax) * 100;
      }
      y.push(total);
      pOf.push(p);
      aOf.push(a);
    }
    proposals.push({ id: p + 1, title: `Proposal ${p + 1}`, submittedAt: new Date(2026, 0, 1, 0, p), grantRequested: 100_000 + (p % 9) * 50_000, submittedAssessments: 3, scores });
  }
  return {
    observations: { y, proposal: pOf, assessor: aOf, proposals: P, assessors: A, scale: { min: 0, max: 100 } },
    input: {
      seed: 1,
      config: { criteria: DEFAULT_RUBRIC, assessorsRequired: 3, overallThreshold: 50, budget: P * 60_000, valueCaptureKey: VALUE_CAPTURE_KEY, winWinKey: WIN_WIN_KEY },
      proposals,
      assessments,
      assessors: Array.from({ length: A }, (_, i) => ({ id: i + 1, name: `Assessor ${i + 1}` })),
    },
  };
}
