import { splitRhatEss, quantileSorted } from "./diagnostics";
import { inverseGamma, normal, seededRng, type Rng } from "./prng";

/**
 * The additive assessor model of DESIGN.md "How sure the ranking is", fitted by Gibbs sampling:
 *
 *   y = μ + θ_p + b_a + ε,   θ_p ~ N(0, τ_p²),  b_a ~ N(0, τ_a²),  ε ~ N(0, σ²)
 *
 * y is one submitted assessment's score of proposal p by assessor a (a weighted total on 0–100,
 * or one criterion on its scale). θ_p is the proposal's quality, b_a the assessor's leniency.
 * This is the reviewer-calibration model used for NeurIPS 2014 (Cortes & Lawrence, "Inconsistency
 * in conference peer review: revisiting the 2014 NeurIPS experiment", 2021) and the Bayesian
 * hierarchical model behind the SNSF's expected ranks (Heyard, Ott, Salanti & Egger, "Rethinking
 * the funding line at the Swiss National Science Foundation: Bayesian ranking and lottery",
 * Statistics and Public Policy 9(1), 2022; R package ERforResearch).
 *
 * Priors (R = the scale's range, max − min; 100 for the weighted total):
 *   μ ~ N(scale midpoint, R²);  τ_p, τ_a, σ ~ half-normal with scale R/2 (each independently).
 * These are weakly informative: they only rule out standard deviations far beyond the scale.
 *
 * Each sweep draws, in turn (every draw exact, so the chain targets the posterior):
 * 1. every θ_p from its normal full conditional; 2. every b_a likewise; 3. μ likewise;
 * 4. two "shift" moves, μ + c with θ − c and μ + c with b − c, c drawn from its normal
 *    conditional (generalised Gibbs on the translation group, Liu & Sabatti, Biometrika 87(2),
 *    2000); the likelihood does not change, and it stops μ drifting against the mean of θ or b,
 *    which otherwise mixes slowly;
 * 5. each variance v (τ_p², τ_a², σ²): an inverse-gamma draw, the exact conditional under a
 *    flat prior on the standard deviation, IG((n − 1)/2, SS/2), accepted with probability
 *    min(1, exp(−(v′ − v) / (2 s²))), which corrects it to the half-normal(s) prior exactly
 *    (an independence Metropolis–Hastings step). With s = R/2 nearly every draw is accepted.
 *
 * Chains start from dispersed values; the first `warmup` sweeps of each are discarded.
 * Convergence: split R-hat ≤ 1.01 and effective sample size ≥ 100 per chain for every parameter
 * (Vehtari, Gelman, Simpson, Carpenter & Bürkner, Bayesian Analysis 16(2), 2021).
 */

export interface Observations {
  /** The scores. */
  y: ArrayLike<number>;
  /** The proposal (0 … proposals − 1) and assessor (0 … assessors − 1) of each score. */
  proposal: ArrayLike<number>;
  assessor: ArrayLike<number>;
  proposals: number;
  assessors: number;
  /** The score scale, for the priors. */
  scale: { min: number; max: number };
}

export interface FitOptions {
  seed: number;
  chains?: number;
  warmup?: number;
  draws?: number;
  /** Compute each proposal's rank in every draw (expected ranks and rank intervals). */
  ranks?: boolean;
  /** Reports progress 0–1. */
  progress?: (fraction: number) => void;
}

export interface Interval {
  low: number;
  high: number;
}

export interface ProposalPosterior {
  /** Posterior mean of μ + θ_p, on the score's scale. */
  calibrated: number;
  calibrated90: Interval;
  /** Posterior mean of θ_p. */
  quality: number;
  quality90: Interval;
  /** Only with `ranks`: posterior mean rank (1 = best) and its credible intervals. */
  expectedRank?: number;
  rank50?: Interval;
  rank90?: Interval;
}

export interface AssessorPosterior {
  leniency: number;
  leniency90: Interval;
}

export interface ScalarPosterior {
  mean: number;
  interval90: Interval;
}

export interface FitDiagnostics {
  chains: number;
  warmup: number;
  draws: number;
  maxRhat: number;
  minEss: number;
  /** The parameter with the worst R-hat, e.g. "θ of proposal 12" (index-based; the caller names it). */
  worst: string;
  converged: boolean;
}

export interface FitResult {
  proposals: ProposalPosterior[];
  assessors: AssessorPosterior[];
  mu: ScalarPosterior;
  tauProposal: ScalarPosterior;
  tauAssessor: ScalarPosterior;
  sigma: ScalarPosterior;
  diagnostics: FitDiagnostics;
}

export const RHAT_LIMIT = 1.01;
export const ESS_PER_CHAIN = 100;

export function fitAdditiveModel(data: Observations, options: FitOptions): FitResult {
  const chains = options.chains ?? 4;
  const warmup = options.warmup ?? 500;
  const draws = options.draws ?? 500;
  const P = data.proposals;
  const A = data.assessors;
  const N = data.y.length;
  if (N === 0 || P === 0) throw new Error("The model needs at least one score");
  const S = chains * draws;
  const range = Math.max(1e-9, data.scale.max - data.scale.min);
  const m0 = (data.scale.max + data.scale.min) / 2;
  const s0sq = range * range;
  const halfNormalScaleSq = (range / 2) ** 2;

  const y = Float64Array.from(data.y as ArrayLike<number>);
  const pOf = Int32Array.from(data.proposal as ArrayLike<number>);
  const aOf = Int32Array.from(data.assessor as ArrayLike<number>);
  const nP = new Float64Array(P);
  const nA = new Float64Array(A);
  for (let i = 0; i < N; i++) {
    nP[pOf[i]!]!++;
    nA[aOf[i]!]!++;
  }
  let yMean = 0;
  for (let i = 0; i < N; i++) yMean += y[i]!;
  yMean /= N;

  // Kept draws: parameter-major, so each parameter's S draws are contiguous.
  const calibratedDraws = new Float32Array(P * S);
  const leniencyDraws = new Float32Array(A * S);
  const scalarDraws = new Float64Array(4 * S); // μ, τ_p, τ_a, σ

  const theta = new Float64Array(P);
  const b = new Float64Array(A);
  const sumP = new Float64Array(P);
  const sumA = new Float64Array(A);
  const total = chains * (warmup + draws);
  let done = 0;
  let lastReported = -1;

  for (let chain = 0; chain < chains; chain++) {
    const rng = seededRng((options.seed * 4 + chain * 7919 + 1) >>> 0);
    // Dispersed starting values.
    let mu = yMean + normal(rng) * (range / 4);
    let tauP2 = (range / 8) ** 2 * Math.exp(normal(rng));
    let tauA2 = A > 1 ? (range / 8) ** 2 * Math.exp(normal(rng)) : 0;
    let sigma2 = (range / 8) ** 2 * Math.exp(normal(rng));
    for (let p = 0; p < P; p++) theta[p] = normal(rng) * Math.sqrt(tauP2);
    for (let a = 0; a < A; a++) b[a] = A > 1 ? normal(rng) * Math.sqrt(tauA2) : 0;

    for (let iter = 0; iter < warmup + draws; iter++) {
      // 1. θ_p | rest
      sumP.fill(0);
      for (let i = 0; i < N; i++) sumP[pOf[i]!]! += y[i]! - mu - b[aOf[i]!]!;
      for (let p = 0; p < P; p++) {
        const prec = nP[p]! / sigma2 + 1 / tauP2;
        theta[p] = sumP[p]! / sigma2 / prec + normal(rng) / Math.sqrt(prec);
      }
      // 2. b_a | rest (with a single assessor, leniency cannot be told from μ: b stays 0)
      if (A > 1) {
        sumA.fill(0);
        for (let i = 0; i < N; i++) sumA[aOf[i]!]! += y[i]! - mu - theta[pOf[i]!]!;
        for (let a = 0; a < A; a++) {
          const prec = nA[a]! / sigma2 + 1 / tauA2;
          b[a] = sumA[a]! / sigma2 / prec + normal(rng) / Math.sqrt(prec);
        }
      }
      // 3. μ | rest
      {
        let r = 0;
        for (let i = 0; i < N; i++) r += y[i]! - theta[pOf[i]!]! - b[aOf[i]!]!;
        const prec = N / sigma2 + 1 / s0sq;
        mu = (r / sigma2 + m0 / s0sq) / prec + normal(rng) / Math.sqrt(prec);
      }
      // 4. shift moves
      mu += shift(rng, theta, tauP2, mu, m0, s0sq);
      if (A > 1) mu += shift(rng, b, tauA2, mu, m0, s0sq);
      // 5. variances
      tauP2 = varianceStep(rng, tauP2, P, sumSquares(theta), halfNormalScaleSq);
      if (A > 1) tauA2 = varianceStep(rng, tauA2, A, sumSquares(b), halfNormalScaleSq);
      {
        let sse = 0;
        for (let i = 0; i < N; i++) sse += (y[i]! - mu - theta[pOf[i]!]! - b[aOf[i]!]!) ** 2;
        sigma2 = varianceStep(rng, sigma2, N, sse, halfNormalScaleSq);
      }

      if (iter >= warmup) {
        const s = chain * draws + (iter - warmup);
        for (let p = 0; p < P; p++) calibratedDraws[p * S + s] = mu + theta[p]!;
        for (let a = 0; a < A; a++) leniencyDraws[a * S + s] = b[a]!;
        scalarDraws[s] = mu;
        scalarDraws[S + s] = Math.sqrt(tauP2);
        scalarDraws[2 * S + s] = Math.sqrt(tauA2);
        scalarDraws[3 * S + s] = Math.sqrt(sigma2);
      }
      done++;
      const fraction = Math.floor((done / total) * (options.ranks ? 80 : 100));
      if (options.progress && fraction !== lastReported) {
        lastReported = fraction;
        options.progress(fraction / 100);
      }
    }
  }

  // Diagnostics over every parameter.
  let maxRhat = 0;
  let minEss = Infinity;
  let worst = "";
  const check = (values: ArrayLike<number>, offset: number, name: string) => {
    const { rhat, ess } = splitRhatEss(values, offset, chains, draws);
    if (rhat > maxRhat || Number.isNaN(rhat)) {
      maxRhat = Number.isNaN(rhat) ? Infinity : rhat;
      worst = name;
    }
    if (ess < minEss) minEss = ess;
  };
  for (let p = 0; p < P; p++) check(calibratedDraws, p * S, `proposal ${p}`);
  if (A > 1) for (let a = 0; a < A; a++) check(leniencyDraws, a * S, `assessor ${a}`);
  check(scalarDraws, 0, "μ");
  check(scalarDraws, S, "τ_p");
  if (A > 1) check(scalarDraws, 2 * S, "τ_a");
  check(scalarDraws, 3 * S, "σ");

  const summarise = (values: Float32Array | Float64Array, offset: number): { mean: number; sorted: Float64Array } => {
    const sorted = Float64Array.from(values.subarray(offset, offset + S)).sort();
    let sum = 0;
    for (let s = 0; s < S; s++) sum += sorted[s]!;
    return { mean: sum / S, sorted };
  };
  const interval = (sorted: Float64Array, level: number): Interval => ({
    low: quantileSorted(sorted, (1 - level) / 2),
    high: quantileSorted(sorted, 1 - (1 - level) / 2),
  });
  const scalar = (index: number): ScalarPosterior => {
    const { mean, sorted } = summarise(scalarDraws, index * S);
    return { mean, interval90: interval(sorted, 0.9) };
  };
  const mu = scalar(0);

  const proposals: ProposalPosterior[] = [];
  const muDraws = scalarDraws.subarray(0, S);
  for (let p = 0; p < P; p++) {
    const { mean, sorted } = summarise(calibratedDraws, p * S);
    const q = new Float64Array(S);
    for (let s = 0; s < S; s++) q[s] = calibratedDraws[p * S + s]! - muDraws[s]!;
    q.sort();
    let qMean = 0;
    for (let s = 0; s < S; s++) qMean += q[s]!;
    proposals.push({ calibrated: mean, calibrated90: interval(sorted, 0.9), quality: qMean / S, quality90: interval(q, 0.9) });
  }

  if (options.ranks) {
    const ranks = P < 65536 ? new Uint16Array(P * S) : new Uint32Array(P * S);
    const sortedDraw = new Float32Array(P);
    for (let s = 0; s < S; s++) {
      // Rank = 1 + the number of proposals with a higher value in this draw (binary search in
      // the draw's values sorted ascending; a native typed-array sort is far faster than
      // sorting indices with a comparator).
      for (let p = 0; p < P; p++) sortedDraw[p] = calibratedDraws[p * S + s]!;
      sortedDraw.sort();
      for (let p = 0; p < P; p++) {
        const v = calibratedDraws[p * S + s]!;
        let lo = 0;
        let hi = P;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (sortedDraw[mid]! <= v) lo = mid + 1;
          else hi = mid;
        }
        ranks[p * S + s] = P - lo + 1;
      }
      if (options.progress && s % Math.max(1, Math.floor(S / 20)) === 0) options.progress(0.8 + (0.2 * s) / S);
    }
    for (let p = 0; p < P; p++) {
      const sorted = Float64Array.from(ranks.subarray(p * S, (p + 1) * S)).sort();
      let sum = 0;
      for (let s = 0; s < S; s++) sum += sorted[s]!;
      const post = proposals[p]!;
      post.expectedRank = sum / S;
      post.rank50 = interval(sorted, 0.5);
      post.rank90 = interval(sorted, 0.9);
    }
  }

  const assessors: AssessorPosterior[] = [];
  for (let a = 0; a < A; a++) {
    const { mean, sorted } = summarise(leniencyDraws, a * S);
    assessors.push({ leniency: mean, leniency90: interval(sorted, 0.9) });
  }

  options.progress?.(1);
  return {
    proposals,
    assessors,
    mu,
    tauProposal: scalar(1),
    tauAssessor: scalar(2),
    sigma: scalar(3),
    diagnostics: {
      chains,
      warmup,
      draws,
      maxRhat,
      minEss,
      worst,
      converged: maxRhat <= RHAT_LIMIT && minEss >= ESS_PER_CHAIN * chains,
    },
  };
}

function sumSquares(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]! ** 2;
  return s;
}

/** Shift move: draws c for (μ + c, effects − c) from its normal conditional and applies it. */
function shift(rng: Rng, effects: Float64Array, variance: number, mu: number, m0: number, s0sq: number): number {
  let sum = 0;
  for (let i = 0; i < effects.length; i++) sum += effects[i]!;
  const prec = 1 / s0sq + effects.length / variance;
  const c = ((m0 - mu) / s0sq + sum / variance) / prec + normal(rng) / Math.sqrt(prec);
  for (let i = 0; i < effects.length; i++) effects[i]! -= c;
  return c;
}

/** One variance update: IG proposal from the flat-SD conditional, corrected to the half-normal prior. */
function varianceStep(rng: Rng, current: number, n: number, ss: number, halfNormalScaleSq: number): number {
  if (n < 2) return current;
  const proposal = inverseGamma(rng, (n - 1) / 2, Math.max(ss, 1e-12) / 2);
  const accept = Math.exp(-(proposal - current) / (2 * halfNormalScaleSq));
  return rng.next() < accept ? proposal : current;
}
