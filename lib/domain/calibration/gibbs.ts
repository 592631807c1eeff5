import { quantileSorted, RankDiagnostics, type ParameterDiagnostics } from "./diagnostics";
import { FastRng, type Rng } from "./prng";
import { backwardSolveLt, factorNumeric, forwardSolveL, symbolicFactor, type SymbolicFactor } from "./sparse-cholesky";

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
 * Each sweep is a blocked, collapsed Gibbs step (every draw exact, so the chain targets the
 * posterior):
 * 1. (μ, b) jointly from their normal conditional given the variances, with every θ_p integrated
 *    out.
 *    Updating θ and b one after the other instead mixes very slowly when the assessor–proposal
 *    graph is sparse or clustered (a smooth drift of b along a chain of assessors, offset by θ,
 *    can take hundreds of sweeps to move): Papaspiliopoulos, Roberts & Zanella, "Scalable
 *    inference for crossed random effects models", Biometrika 107(1), 2020, show that a
 *    collapsed, blocked sampler fixes this for crossed random effects; grouping and collapsing
 *    reduce a Gibbs sampler's autocorrelation (Liu, Wong & Kong, Biometrika 81(1), 1994).
 *    The joint draw is "perturbation–optimisation": perturb the data and the prior means by
 *    their own noise and solve the posterior-mode equations Q x = r̃; x is then an exact draw
 *    from N(Q⁻¹r, Q⁻¹) (Papandreou & Yuille, "Gaussian sampling by local perturbations",
 *    NIPS 2010; Orieux, Féron & Giovannelli, IEEE Signal Processing Letters 19(5), 2012). θ is
 *    eliminated first (its block of Q is diagonal; the perturbation then needs only k normals
 *    per proposal, see perturbedRhs), leaving a sparse system in (μ, b) of size
 *    assessors + 1 (nonzeros: pairs of assessors who scored the same proposal), solved by
 *    conjugate gradients with a symmetric Gauss–Seidel preconditioner to a residual far below the
 *    Monte Carlo error (see CG_TOLERANCE). When the assessor graph lets a sparse Cholesky factor
 *    of the system stay sparse under a minimum-degree order (./sparse-cholesky.ts; most
 *    assignment designs, including rotations of any size) and factoring costs less than CG
 *    (DIRECT_COST_SHARE), (μ, b) is instead drawn from the factor directly (drawDirect; Rue
 *    2001), which needs no perturbation of every score.
 * 2. σ² and τ_p² given (μ, b), still with θ integrated out (their conditional depends on the
 *    data only through a few sums; see varianceLogPosterior), by slice sampling on the log
 *    scale (Neal, Annals of Statistics 31(3), 2003), two rounds per sweep. With θ integrated
 *    out, τ_p does not seesaw against θ when each proposal has only a few scores. Marginalising
 *    θ in steps 1–2 and drawing it afterwards is a valid partially collapsed Gibbs sampler
 *    (van Dyk & Park, JASA 103(482), 2008): nothing conditions on θ before it is redrawn.
 * 3. every θ_p from its normal full conditional given μ, b, σ², τ_p²; then τ_a and b as one
 *    block given μ, θ, σ (JointLeniency): τ_a with b integrated out (each assessor's summed
 *    residual is normal with variance n_a²τ_a² + n_aσ²), by slice sampling on log τ_a against
 *    the half-normal prior, then each b_a from its normal conditional (only in the sweeps whose
 *    b is kept: nothing else reads it before step 1 redraws it). Until 7 Dec τ_a was drawn
 *    given b, with ancillarity–sufficiency interweaving (Yu & Meng, JCGS 20(3), 2011); that crept
 *    when the assessors hardly differ (see JointLeniency). A fit that keeps only the scalars
 *    (the criteria) draws θ the same way and stores none of it.
 *
 * Normal draws come from a ziggurat on xoshiro128** (FastRng in ./prng.ts).
 *
 * Chains start from dispersed values; the first `warmup` sweeps of each are discarded. Each chain
 * has its own seed derived from the fit's seed and runs independently (`runChain`), so chains
 * can run in parallel threads and `combineChains` gives the same result wherever they ran.
 * Convergence: the rank-normalised split R-hat (the larger of bulk and folded) ≤ 1.01, and bulk-
 * and tail-ESS ≥ 100 per chain, for every parameter kept (Vehtari, Gelman, Simpson, Carpenter &
 * Bürkner, "Rank-normalization, folding, and localization: An improved R-hat for assessing
 * convergence of MCMC", Bayesian Analysis 16(2):667–718, 2021; ./diagnostics.ts).
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
  /** Also summarise each θ_p = (μ + θ_p) − μ (the page shows only μ + θ_p, so the analysis does not). */
  quality?: boolean;
  /** Reports progress 0–1. */
  progress?: (fraction: number) => void;
  /**
   * "all" (the default) keeps every parameter's draws; "scalars" only μ, τ_p, τ_a and σ, and
   * judges convergence on those alone (a criterion's fit, of which the page shows only these).
   */
  keep?: "all" | "scalars";
  /**
   * How step 1 draws (μ, b): "direct" (a sparse Cholesky factor) or "iterative" (perturbation–
   * optimisation by conjugate gradients). Both are exact draws from the same conditional; the
   * default picks the cheaper for the design (DIRECT_COST_SHARE). For tests.
   */
  solver?: "direct" | "iterative";
  /** Conjugate gradients' stopping tolerance (default CG_TOLERANCE). For tests. */
  cgTolerance?: number;
}

/** The kept draws of one chain, parameter-major (each parameter's `draws` values contiguous). */
export interface ChainDraws {
  chain: number;
  /** μ + θ_p, proposals × draws. */
  calibrated: Float32Array;
  /** b_a, assessors × draws. */
  leniency: Float32Array;
  /** μ, τ_p, τ_a, σ; 4 × draws. */
  scalars: Float64Array;
  /** With `ranks`: each proposal's rank (1 = best) in each draw, proposals × draws. */
  ranks: Uint16Array | Uint32Array | null;
}

export interface Interval {
  low: number;
  high: number;
}

export interface ProposalPosterior {
  /** Posterior mean of μ + θ_p, on the score's scale. */
  calibrated: number;
  calibrated90: Interval;
  /** Only with `quality`: posterior mean of θ_p and its 90 % interval. */
  quality?: number;
  quality90?: Interval;
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
  /** The largest rank-normalised split R-hat (bulk or folded) over the parameters kept. */
  maxRhat: number;
  /** The smallest bulk-ESS over the parameters kept. */
  minEss: number;
  /**
   * The smallest tail-ESS (5 % and 95 % quantiles) over the parameters kept: reported, not part
   * of the convergence rule (see RHAT_LIMIT).
   */
  minTailEss: number;
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

/**
 * The convergence rule: every parameter kept has a rank-normalised split R-hat (bulk and folded)
 * of at most RHAT_LIMIT and a bulk-ESS of at least ESS_PER_CHAIN per chain (Vehtari et al. 2021,
 * §5). Tail-ESS is reported but not required: each estimate rests on the few hundred draws
 * beyond a 5 % or 95 % quantile and is noisy, so its minimum over thousands of parameters falls
 * far below the truth. Measured on the bench's 200 × 3 call: with 4 × 4,000 draws every proposal's
 * tail-ESS was 0.85–1.16 times its bulk-ESS, while with 4 × 500 single estimates dipped to a
 * quarter of it (and at 5,000 × 3, to 252 of 2,000 for one of 5,504 parameters).
 */
export const RHAT_LIMIT = 1.01;
export const ESS_PER_CHAIN = 100;
/**
 * Conjugate gradients stop when the Jacobi-scaled residual r̂'s root mean square is below this.
 * In the scaled unknowns the draw's posterior precision is the scaled system Ŝ itself, so the
 * error ê = Ŝ⁻¹r̂ has Mahalanobis length √(r̂ᵀŜ⁻¹r̂) ≤ ‖r̂‖/√λ_min(Ŝ), and no linear function of
 * the draw (μ, any b_a, any contrast) is off by more than that many of its own posterior standard
 * deviations (Cauchy–Schwarz in the posterior's metric): here CG_TOLERANCE · √(n / λ_min). On a
 * simulated 5,000 × 3 call with assessors drawn at random, least loaded first (n = 501; measured
 * 7 Dec 2026 by power iteration at four sweeps of a chain, λ_min 0.041–0.047, λ_max 1.36, κ ≈ 30)
 * that is 1.1 · 10⁻⁴ posterior SD, a hundredth of the Monte Carlo error (about 1/√(effective
 * draws), 10⁻² here); it stays below a tenth of it for n / λ_min up to 10⁶. Measured there: 8 iterations a solve against 10 at 10⁻⁸
 * (each decade of tolerance costs one), a fifth of step 1's conjugate-gradient time.
 */
export const CG_TOLERANCE = 1e-6;

const DEFAULTS = { chains: 4, warmup: 500, draws: 500 };

/** The data rearranged for the sampler: scores grouped by proposal, and the (μ, b) system's sparsity pattern. */
interface Prepared {
  P: number;
  A: number;
  N: number;
  /** Number of b parameters sampled (0 with a single assessor: leniency cannot be told from μ). */
  B: number;
  /** Scores in proposal order, each with its assessor; proposal p owns start[p] … start[p + 1] − 1. */
  y: Float64Array;
  aOf: Int32Array;
  start: Int32Array;
  /** Each assessor's scores' proposals: assessor a's at byAssessorStart[a] … byAssessorStart[a + 1] − 1. */
  byAssessorStart: Int32Array;
  proposalOfScore: Int32Array;
  /** Scores per proposal (k_p) and per assessor (n_a). */
  kP: Float64Array;
  nA: Float64Array;
  /** Distinct values of k_p; proposal p's index among them. */
  kValues: Float64Array;
  kGroup: Int32Array;
  /**
   * The b-block of Σ_p z_p z_pᵀ (z_p counts p's scores by each assessor), per k group, on one
   * CSR pattern over assessors: entry j of row a has column col[j] and, for group g,
   * value pairs[g · nnz + j]. diagAt[a] is the entry of (a, a).
   */
  rowStart: Int32Array;
  col: Int32Array;
  pairs: Float64Array;
  diagAt: Int32Array;
  /** Σ_{p in group g} k_p · z_p[a] (muB[g · A + a]) and Σ_{p in group g} k_p² (muMu[g]). */
  muB: Float64Array;
  muMu: Float64Array;
  /** Σ y over each proposal's scores, and the largest k_p. */
  ySum: Float64Array;
  /**
   * For the (μ, b) system's right-hand side: Σ y over every score (yTotal) and over each
   * assessor's scores (yA); per k group g, Σ k_p · (Σ y of p) over its proposals (kYSum), and Σ
   * over its proposals of (Σ y of p) · (p's scores by a) (wG[g · A + a]).
   */
  yTotal: number;
  yA: Float64Array;
  kYSum: Float64Array;
  wG: Float64Array;
  maxK: number;
  yMean: number;
  scale: { min: number; max: number };
  /** Step 1's sparse factor when factoring is the cheaper exact draw (see DIRECT_COST_SHARE), else null. */
  direct: DirectPlan | null;
}

/**
 * The sparse Cholesky pattern of step 1's system (./sparse-cholesky.ts) and where the system's
 * values go in the factor's: the off-diagonal entry fromEntry[i] of the CSR pattern (only those
 * of the lower triangle in the factor's order) at toEntry[i]; b_a's diagonal at diagAt[a]; Q[μ, b_a]
 * at muAt[a].
 */
interface DirectPlan {
  symbolic: SymbolicFactor;
  fromEntry: Int32Array;
  toEntry: Int32Array;
  diagAt: Int32Array;
  muAt: Int32Array;
}

function prepare(data: Observations): Prepared {
  const P = data.proposals;
  const A = data.assessors;
  const N = data.y.length;
  if (N === 0 || P === 0) throw new Error("The model needs at least one score");
  const B = A > 1 ? A : 0;
  const kP = new Float64Array(P);
  const nA = new Float64Array(A);
  for (let i = 0; i < N; i++) {
    kP[data.proposal[i]!]!++;
    nA[data.assessor[i]!]!++;
  }
  const start = new Int32Array(P + 1);
  for (let p = 0; p < P; p++) start[p + 1] = start[p]! + kP[p]!;
  const fill = start.slice(0, P);
  const y = new Float64Array(N);
  const aOf = new Int32Array(N);
  let yMean = 0;
  for (let i = 0; i < N; i++) {
    const at = fill[data.proposal[i]!]!++;
    y[at] = data.y[i]!;
    aOf[at] = data.assessor[i]!;
    yMean += data.y[i]!;
  }
  yMean /= N;
  const ySum = new Float64Array(P);
  let maxK = 0;
  for (let p = 0; p < P; p++) {
    for (let i = start[p]!; i < start[p + 1]!; i++) ySum[p]! += y[i]!;
    maxK = Math.max(maxK, kP[p]!);
  }

  const kValues = Float64Array.from(new Set(kP)).sort();
  const groupOf = new Map([...kValues].map((k, g) => [k, g]));
  const kGroup = Int32Array.from(kP, (k) => groupOf.get(k)!);
  const G = kValues.length;
  const muB = new Float64Array(G * A);
  const muMu = new Float64Array(G);
  for (let p = 0; p < P; p++) {
    const g = kGroup[p]!;
    muMu[g]! += kP[p]! * kP[p]!;
    for (let i = start[p]!; i < start[p + 1]!; i++) muB[g * A + aOf[i]!]! += kP[p]!;
  }

  // The pattern: every (a, a′) with a proposal scored by both (a = a′ included).
  const entries = new Map<number, Float64Array>();
  if (B > 0) {
    for (let p = 0; p < P; p++) {
      const g = kGroup[p]!;
      for (let i = start[p]!; i < start[p + 1]!; i++) {
        for (let j = start[p]!; j < start[p + 1]!; j++) {
          const key = aOf[i]! * A + aOf[j]!;
          let v = entries.get(key);
          if (!v) entries.set(key, (v = new Float64Array(G)));
          v[g]!++;
        }
      }
    }
  }
  const keys = Float64Array.from(entries.keys()).sort();
  const nnz = keys.length;
  const rowStart = new Int32Array(A + 1);
  const col = new Int32Array(nnz);
  const pairs = new Float64Array(G * nnz);
  const diagAt = new Int32Array(A).fill(-1);
  for (let j = 0; j < nnz; j++) {
    const key = keys[j]!;
    const a = Math.floor(key / A);
    const c = key - a * A;
    rowStart[a + 1]!++;
    col[j] = c;
    if (a === c) diagAt[a] = j;
    const v = entries.get(key)!;
    for (let g = 0; g < G; g++) pairs[g * nnz + j] = v[g]!;
  }
  for (let a = 0; a < A; a++) rowStart[a + 1]! += rowStart[a]!;
  let yTotal = 0;
  const yA = new Float64Array(A);
  const kYSum = new Float64Array(G);
  const wG = new Float64Array(G * A);
  for (let p = 0; p < P; p++) {
    const g = kGroup[p]!;
    kYSum[g]! += kP[p]! * ySum[p]!;
    for (let i = start[p]!; i < start[p + 1]!; i++) {
      yTotal += y[i]!;
      yA[aOf[i]!]! += y[i]!;
      wG[g * A + aOf[i]!]! += ySum[p]!;
    }
  }
  const byAssessorStart = new Int32Array(A + 1);
  for (let a = 0; a < A; a++) byAssessorStart[a + 1] = byAssessorStart[a]! + nA[a]!;
  const proposalOfScore = new Int32Array(N);
  const next = byAssessorStart.slice(0, A);
  for (let p = 0; p < P; p++) for (let i = start[p]!; i < start[p + 1]!; i++) proposalOfScore[next[aOf[i]!]!++] = p;
  const prepared: Prepared = { P, A, N, B, y, aOf, start, byAssessorStart, proposalOfScore, kP, nA, kValues, kGroup, rowStart, col, pairs, diagAt, muB, muMu, ySum, maxK, yMean, scale: data.scale, yTotal, yA, kYSum, wG, direct: null };
  // The plan depends only on who scored what, which the fits of one analysis (the total and each
  // criterion) share, arrays and all.
  const shared = directPlans.get(data.assessor);
  if (shared && shared.proposal === data.proposal) prepared.direct = shared.plan;
  else {
    prepared.direct = directPlan(prepared, cgCost(prepared) * DIRECT_COST_SHARE);
    directPlans.set(data.assessor, { proposal: data.proposal, plan: prepared.direct });
  }
  return prepared;
}

/**
 * Multiply–adds of one sweep's step 1 by conjugate gradients, roughly: a normal draw and a few
 * operations per score for the perturbation, then about CG_ITERATIONS iterations of two
 * triangular sweeps over the pattern and a few vector operations.
 */
function cgCost(d: Prepared): number {
  return 4 * d.N + CG_ITERATIONS * (4 * d.col.length + 12 * (d.B + 1));
}
/**
 * Iterations per solve, warm-started from the current (μ, b): measured 7 Dec 2026 on a simulated
 * 5,000 × 3 call with assessors drawn at random, least loaded first, 8 at CG_TOLERANCE (10 at
 * 10⁻⁸). It was 30, which made CG look three times dearer than it is: on the bench's SQLite call
 * (the same kind of design, 500 assessors, 6,768 pattern entries) step 1 then factored at 444,851
 * multiply–adds a sweep, and the analysis took 24.0–24.8 s wall, CPU 46–48 s; by conjugate
 * gradients it takes 11.9 s, CPU 22.7 s. Rotations still factor (7,490 multiply–adds a sweep).
 */
const CG_ITERATIONS = 10;
/**
 * Step 1 factors when that costs at most this share of the conjugate-gradient estimate. The
 * factorisation's indexed updates cost about twice CG's per multiply–add (measured 26 Nov 2026:
 * a dense factor at 80 assessors, 88,000 multiply–adds, took twice as long as CG, estimated at
 * 80,000).
 */
const DIRECT_COST_SHARE = 0.5;

const directPlans = new WeakMap<ArrayLike<number>, { proposal: ArrayLike<number>; plan: DirectPlan | null }>();

/** Step 1's sparse factor, if factoring costs at most `budget` multiply–adds a sweep. */
function directPlan(d: Prepared, budget: number): DirectPlan | null {
  const { B, rowStart, col } = d;
  const symbolic = symbolicFactor(B, rowStart, col, budget);
  if (!symbolic || symbolic.flops + 2 * symbolic.rowOf.length > budget) return null;
  const { position, colStart, rowOf } = symbolic;
  const fromEntry: number[] = [];
  const toEntry: number[] = [];
  for (let a = 0; a < B; a++) {
    for (let j = rowStart[a]!; j < rowStart[a + 1]!; j++) {
      const row = position[a]!;
      const column = position[col[j]!]!;
      if (row <= column) continue;
      let p = colStart[column]! + 1;
      while (rowOf[p] !== row) p++;
      fromEntry.push(j);
      toEntry.push(p);
    }
  }
  const diagAt = Int32Array.from({ length: B }, (_, a) => colStart[position[a]!]!);
  const muAt = Int32Array.from({ length: B }, (_, a) => colStart[position[a]! + 1]! - 1);
  return { symbolic, fromEntry: Int32Array.from(fromEntry), toEntry: Int32Array.from(toEntry), diagAt, muAt };
}

/** The seed of one chain, from the fit's seed. */
function chainSeed(seed: number, chain: number): number {
  return (seed * 4 + chain * 7919 + 1) >>> 0;
}

// The rearranged data of each Observations object, so that chains of one fit share it.
const preparedCache = new WeakMap<Observations, Prepared>();

/** Runs one chain of the sampler and returns its kept draws (and, with `ranks`, the ranks in each). */
export function runChain(data: Observations, options: FitOptions, chain: number): ChainDraws {
  let prepared = preparedCache.get(data);
  if (!prepared) preparedCache.set(data, (prepared = prepare(data)));
  return sampleChain(prepared, options, chain);
}

function sampleChain(d: Prepared, options: FitOptions, chain: number, report?: (fraction: number) => void): ChainDraws {
  const warmup = options.warmup ?? DEFAULTS.warmup;
  const draws = options.draws ?? DEFAULTS.draws;
  const scalarsOnly = options.keep === "scalars";
  const { P, A, N, B, nA, kValues, kGroup, muMu } = d;
  const G = kValues.length;
  const nnz = d.col.length;
  const range = Math.max(1e-9, d.scale.max - d.scale.min);
  const m0 = (d.scale.max + d.scale.min) / 2;
  const s0sq = range * range;
  const halfNormalScaleSq = (range / 2) ** 2;
  const rng = new FastRng(chainSeed(options.seed, chain));

  // Kept draws, draw-major while sampling (each sweep writes contiguous memory); transposed to
  // parameter-major at the end. Only the scalars when that is all the fit keeps.
  const calibratedByDraw = new Float32Array(scalarsOnly ? 0 : P * draws);
  const leniencyByDraw = new Float32Array(scalarsOnly ? 0 : A * draws);
  const scalars = new Float64Array(4 * draws);

  // Dispersed starting values. θ itself is not needed to start: the sweep draws (μ, b) and the
  // variances with θ integrated out, then θ.
  const x = new Float64Array(B + 1); // x[0] = μ, x[1 + a] = b_a
  x[0] = d.yMean + rng.normal() * (range / 4);
  let tauP2 = (range / 8) ** 2 * Math.exp(rng.normal());
  let tauA2 = B > 0 ? (range / 8) ** 2 * Math.exp(rng.normal()) : 0;
  let sigma2 = (range / 8) ** 2 * Math.exp(rng.normal());
  for (let a = 0; a < B; a++) x[1 + a] = rng.normal() * Math.sqrt(tauA2);

  // Work space, allocated once per chain.
  const shareG = new Float64Array(G); // h = τ_p² / (k τ_p² + σ²) for each k group
  const shrinkG = new Float64Array(G); // 1 − √(1 − k h) for each k group
  const noise = new Float64Array(d.maxK);
  const cG = new Float64Array(G); // 1 / (σ⁴ d) for each k group
  const vals = new Float64Array(nnz); // −Σ_g c_g pairs_g: the b-block's off-θ part
  const qMuB = new Float64Array(B); // Q[μ, b_a]
  const plan = options.solver === "iterative" ? null : options.solver === "direct" ? (d.direct ?? directPlan(d, Infinity)) : d.direct;
  const symbolic = plan?.symbolic;
  const rhs = new Float64Array(B + 1);
  const cg = new ConjugateGradients(B + 1, options.cgTolerance ?? CG_TOLERANCE);
  const factor = new Float64Array(symbolic ? symbolic.rowOf.length : 0);
  const resSum = new Float64Array(P); // Σ (y − μ − b) over each proposal's scores
  const uG = new Float64Array(G); // Σ over the k group's proposals of resSum²
  const nG = new Float64Array(G); // proposals per k group
  for (let p = 0; p < P; p++) nG[kGroup[p]!]!++;
  const logVarianceFloor = Math.log(range * range * 1e-12);
  const variances = new VarianceSlices(uG, kValues, nG, halfNormalScaleSq, logVarianceFloor);
  const jointLeniency = new JointLeniency(nA);
  const byAssessor = new Float64Array(B); // Σ (y − μ − θ_p) over each assessor's scores
  const thetaScaleG = new Float64Array(G);
  const thetaSdG = new Float64Array(G);
  const theta = new Float64Array(P);

  const total = warmup + draws;
  let lastReported = -1;
  for (let iter = 0; iter < total; iter++) {
    const is2 = 1 / sigma2;

    // The Schur complement of θ in Q, on (μ, b).
    let qMuMu = N * is2 + 1 / s0sq;
    for (let g = 0; g < G; g++) {
      cG[g] = (is2 * is2) / (kValues[g]! * is2 + 1 / tauP2);
      qMuMu -= cG[g]! * muMu[g]!;
    }
    for (let g = 0; g < G; g++) {
      shareG[g] = tauP2 / (kValues[g]! * tauP2 + sigma2);
      shrinkG[g] = 1 - Math.sqrt(sigma2 / (sigma2 + kValues[g]! * tauP2));
    }
    if (B > 0) schurOfB(d, cG, is2, tauA2, vals, qMuB, cg.diag);
    cg.diag[0] = qMuMu;

    if (plan) {
      // The sparse factor is the cheaper exact draw here (see DIRECT_COST_SHARE).
      drawDirect(rng, d, plan, x, factor, rhs, qMuMu, qMuB, vals, cg.diag, shareG, is2, m0 / s0sq);
    } else {
      // Perturbed right-hand side: scores + σ·noise, prior means + prior SD·noise; θ eliminated.
      perturbedRhs(rng, d, rhs, shareG, shrinkG, noise, sigma2, tauA2, m0 / s0sq + rng.normal() / Math.sqrt(s0sq));
      // Preconditioned conjugate gradients, from the current (μ, b).
      cg.solve(x, rhs, qMuMu, qMuB, d.rowStart, d.col, vals, d.diagAt);
    }
    const mu = x[0]!;

    // σ² and τ_p² given (μ, b), θ still integrated out: each proposal's residuals
    // r = y − μ − b are N(0, σ²I + τ_p²11ᵀ), so the likelihood needs only Σr² and, per k group,
    // Σ_p (Σ r)². Updating them with θ integrated out removes the slow seesaw between τ_p and
    // θ (and σ) when each proposal has only a few scores.
    const ss = residualSums(d, x, resSum, uG);
    variances.draw(rng, sigma2, tauP2, ss);
    sigma2 = variances.values[0]!;
    tauP2 = variances.values[1]!;

    // θ given everything, θ_p ~ N(Σr_p / (σ² d_p), 1 / d_p), kept draws stored as we go (a fit
    // that keeps only the scalars stores none), summing each assessor's residuals on the way;
    // then τ_a and b as one block given μ, θ, σ (JointLeniency).
    const keep = iter >= warmup;
    drawTheta(rng, d, x, resSum, 1 / sigma2, tauP2, keep && !scalarsOnly ? calibratedByDraw : null, (iter - warmup) * P, B > 0 ? byAssessor : null, thetaScaleG, thetaSdG, theta);
    // The b drawn with τ_a is only stored: step 1 of the next sweep draws (μ, b) afresh from a
    // conditional that does not depend on b (CG merely starts from it). So it is drawn only in a
    // sweep whose b is kept; τ_a's draw integrates b out and never needs it.
    if (B > 0) tauA2 = jointLeniency.draw(rng, x, byAssessor, nA, sigma2, tauA2, halfNormalScaleSq, keep && !scalarsOnly);

    if (keep) {
      const s = iter - warmup;
      if (!scalarsOnly) leniencyByDraw.set(x.subarray(1, 1 + B), s * A);
      scalars[s] = mu;
      scalars[draws + s] = Math.sqrt(tauP2);
      scalars[2 * draws + s] = Math.sqrt(tauA2);
      scalars[3 * draws + s] = Math.sqrt(sigma2);
    }
    if (report) {
      const fraction = Math.floor(((iter + 1) / total) * 100);
      if (fraction !== lastReported) {
        lastReported = fraction;
        report(fraction / 100);
      }
    }
  }

  if (scalarsOnly) return { chain, calibrated: calibratedByDraw, leniency: leniencyByDraw, scalars, ranks: null };
  const ranks = options.ranks ? ranksOf(calibratedByDraw, P, draws) : null;
  return {
    chain,
    calibrated: transpose(calibratedByDraw, draws, P, new Float32Array(P * draws)),
    leniency: transpose(leniencyByDraw, draws, A, new Float32Array(A * draws)),
    scalars,
    ranks,
  };
}

/** The b-block of the Schur complement: its off-diagonal values, the μ–b column and the diagonal (into diag[1 + a]). */
function schurOfB(d: Prepared, cG: Float64Array, is2: number, tauA2: number, vals: Float64Array, qMuB: Float64Array, diag: Float64Array): void {
  const { A, B, nA, pairs, muB, diagAt } = d;
  const G = cG.length;
  const nnz = vals.length;
  if (G === 1) {
    const c = cG[0]!;
    for (let j = 0; j < nnz; j++) vals[j] = -c * pairs[j]!;
  } else {
    for (let j = 0; j < nnz; j++) {
      let v = 0;
      for (let g = 0; g < G; g++) v -= cG[g]! * pairs[g * nnz + j]!;
      vals[j] = v;
    }
  }
  const priorB = 1 / tauA2;
  for (let a = 0; a < B; a++) {
    let q = nA[a]! * is2;
    for (let g = 0; g < G; g++) q -= cG[g]! * muB[g * A + a]!;
    qMuB[a] = q;
    // n_a/σ² + 1/τ_a² plus the θ-eliminated (a, a) entry, which is stored with the pattern.
    const at = diagAt[a]!;
    diag[1 + a] = nA[a]! * is2 + priorB + (at >= 0 ? vals[at]! : 0);
  }
}

/**
 * Step 1 by a sparse Cholesky factor: x = (μ, b) ~ N(Q⁻¹r, Q⁻¹), with the unknowns reordered
 * (./sparse-cholesky.ts) so that P Q Pᵀ = L·Lᵀ stays sparse, drawn as P x = L⁻ᵀ(L⁻¹ P r + z) with
 * z standard normal (Rue, "Fast sampling of Gaussian Markov random fields", JRSS B 63(2), 2001;
 * Rue & Held, "Gaussian Markov Random Fields", 2005, Algorithm 2.5): the mean is Q⁻¹r and the
 * covariance Pᵀ L⁻ᵀL⁻¹ P = Q⁻¹, exactly. Q is the θ-eliminated system of schurOfB. The
 * unperturbed right-hand side r needs no pass over the scores: with h_g = τ_p²/(kτ_p² + σ²),
 * r_μ = m₀/s₀² + (Σy − Σ_g h_g Σ_{p∈g} k_p Σy_p)/σ² and r_{b_a} = (Σ_{a's scores} y −
 * Σ_g h_g wG[g, a])/σ² (the same V⁻¹y as perturbedRhs, summed in prepare). B + 1 normals per sweep
 * instead of one per score.
 */
function drawDirect(
  rng: FastRng,
  d: Prepared,
  plan: DirectPlan,
  x: Float64Array,
  L: Float64Array,
  v: Float64Array,
  qMuMu: number,
  qMuB: Float64Array,
  vals: Float64Array,
  diag: Float64Array,
  shareG: Float64Array,
  is2: number,
  priorMean: number,
): void {
  const { A, B, yA, wG, kYSum } = d;
  const { symbolic: s, fromEntry, toEntry, diagAt, muAt } = plan;
  const { position, colStart } = s;
  const G = shareG.length;
  // P Q Pᵀ's lower triangle on the factor's pattern; μ is the last unknown (B).
  L.fill(0);
  for (let i = 0; i < fromEntry.length; i++) L[toEntry[i]!] = vals[fromEntry[i]!]!;
  for (let a = 0; a < B; a++) {
    L[diagAt[a]!] = diag[1 + a]!;
    L[muAt[a]!] = qMuB[a]!;
  }
  L[colStart[B]!] = qMuMu;
  factorNumeric(s, L);
  let r0 = priorMean + is2 * d.yTotal;
  for (let g = 0; g < G; g++) r0 -= is2 * shareG[g]! * kYSum[g]!;
  v[B] = r0;
  for (let a = 0; a < B; a++) {
    let r = yA[a]!;
    for (let g = 0; g < G; g++) r -= shareG[g]! * wG[g * A + a]!;
    v[position[a]!] = is2 * r;
  }
  // L w = P r, then Lᵀ (P x) = w + z.
  forwardSolveL(s, L, v);
  for (let i = 0; i <= B; i++) v[i]! += rng.normal();
  backwardSolveLt(s, L, v);
  x[0] = v[B]!;
  for (let a = 0; a < B; a++) x[1 + a] = v[position[a]!]!;
}

/**
 * The perturbed right-hand side of the (μ, b) system with θ eliminated (perturbation–
 * optimisation). With θ_p eliminated, proposal p's k scores enter through the precision
 * V⁻¹ = (I − h·11ᵀ) / σ², h = τ_p² / (kτ_p² + σ²), of their marginal covariance σ²I + τ_p²11ᵀ,
 * so its perturbation is V⁻¹y plus noise with covariance V⁻¹: (ε − s·ε̄·1) / σ with k standard
 * normals ε, their mean ε̄ and s = 1 − √(1 − kh) (the symmetric square root of I − h·11ᵀ). This
 * is the same distribution as perturbing each score and θ_p's prior and then eliminating θ_p,
 * with k normals per proposal instead of k + 1. Each b_a's prior adds N(0, 1/τ_a²) noise; `rMu`
 * is μ's perturbed prior term.
 */
function perturbedRhs(rng: FastRng, d: Prepared, rhs: Float64Array, shareG: Float64Array, shrinkG: Float64Array, noise: Float64Array, sigma2: number, tauA2: number, rMu: number): void {
  const { P, B, y, aOf, start, kP, kGroup, ySum } = d;
  const is2 = 1 / sigma2;
  const invSigma = 1 / Math.sqrt(sigma2);
  const invTauA = 1 / Math.sqrt(tauA2);
  for (let a = 0; a < B; a++) rhs[1 + a] = rng.normal() * invTauA;
  let lo = start[0]!;
  for (let p = 0; p < P; p++) {
    const hi = start[p + 1]!;
    const g = kGroup[p]!;
    let sum = 0;
    for (let i = lo; i < hi; i++) {
      const e = rng.normal();
      noise[i - lo] = e;
      sum += e;
    }
    const shift = (shrinkG[g]! * sum) / kP[p]!;
    const yShift = shareG[g]! * ySum[p]!;
    let sp = 0;
    for (let i = lo; i < hi; i++) {
      const v = (y[i]! - yShift) * is2 + (noise[i - lo]! - shift) * invSigma;
      sp += v;
      if (B > 0) rhs[1 + aOf[i]!]! += v;
    }
    rMu += sp;
    lo = hi;
  }
  rhs[0] = rMu;
}

/**
 * Σ r² over every score and, per k group, Σ_p (Σ r)², with r = y − μ − b; each proposal's Σ r
 * into resSum. Returns Σ r².
 */
function residualSums(d: Prepared, x: Float64Array, resSum: Float64Array, uG: Float64Array): number {
  const { P, B, y, aOf, start, kGroup } = d;
  const mu = x[0]!;
  // Summed per proposal first, and group 0's Σ (Σ r)² in a local: a running sum over every score,
  // or through memory, waits for each addition before the next.
  let ss = 0;
  let u0 = 0;
  uG.fill(0);
  let lo = start[0]!;
  for (let p = 0; p < P; p++) {
    const hi = start[p + 1]!;
    let sp = 0;
    let sq = 0;
    for (let i = lo; i < hi; i++) {
      const r = y[i]! - mu - (B > 0 ? x[1 + aOf[i]!]! : 0);
      sp += r;
      sq += r * r;
    }
    ss += sq;
    resSum[p] = sp;
    const g = kGroup[p]!;
    if (g === 0) u0 += sp * sp;
    else uG[g]! += sp * sp;
    lo = hi;
  }
  uG[0]! += u0;
  return ss;
}

/**
 * Draws every θ_p from its normal full conditional N(Σr_p / (σ² d_p), 1 / d_p), storing μ + θ_p
 * into `store` at `at` + p when given.
 */
function drawTheta(
  rng: FastRng,
  d: Prepared,
  x: Float64Array,
  resSum: Float64Array,
  is2: number,
  tauP2: number,
  store: Float32Array | null,
  at: number,
  /** When given, each assessor's Σ (y − μ − θ_p) over their scores (for JointLeniency). */
  byAssessor: Float64Array | null,
  /** Work space, one per k group: the conditional mean's factor and standard deviation. */
  scaleG: Float64Array,
  sdG: Float64Array,
  /** Work space: θ, one per proposal. */
  theta: Float64Array,
): void {
  const { P, B, kValues, kGroup, yA, nA, byAssessorStart, proposalOfScore } = d;
  const mu = x[0]!;
  const priorP = 1 / tauP2;
  // d_p = k_p/σ² + 1/τ_p² takes one value per k group.
  for (let g = 0; g < kValues.length; g++) {
    const prec = kValues[g]! * is2 + priorP;
    scaleG[g] = is2 / prec;
    sdG[g] = 1 / Math.sqrt(prec);
  }
  for (let p = 0; p < P; p++) {
    const g = kGroup[p]!;
    const t = resSum[p]! * scaleG[g]! + rng.normal() * sdG[g]!;
    theta[p] = t;
    if (store) store[at + p] = mu + t;
  }
  // Σ (y − μ − θ_p) over each assessor's scores, from yA and Σ θ_p gathered assessor by assessor
  // (a gather into a local sum, rather than a scatter, whose additions to one place wait on each other).
  if (byAssessor) {
    for (let a = 0; a < B; a++) {
      // Two running sums, so that each addition waits on half as many before it.
      let even = 0;
      let odd = 0;
      const end = byAssessorStart[a + 1]!;
      let j = byAssessorStart[a]!;
      for (; j + 1 < end; j += 2) {
        even += theta[proposalOfScore[j]!]!;
        odd += theta[proposalOfScore[j + 1]!]!;
      }
      if (j < end) even += theta[proposalOfScore[j]!]!;
      byAssessor[a] = yA[a]! - nA[a]! * mu - (even + odd);
    }
  }
}

/**
 * τ_a and every b_a drawn as one block given μ, θ and σ: first τ_a from its conditional with b
 * integrated out (assessor a's summed residual r_a = Σ (y − μ − θ_p) over their n_a scores is
 * N(0, n_a² τ_a² + n_a σ²), independently across assessors), by slice sampling on log τ_a
 * against the half-normal prior; then each b_a from its normal conditional given τ_a. Drawing
 * τ_a given b (and b given τ_a) creeps when the assessors hardly differ: the b shrink towards 0
 * with τ_a and hold it there (the funnel of a variance component near zero; Gelman, "Prior
 * distributions for variance parameters in hierarchical models", Bayesian Analysis 1(3), 2006),
 * and interweaving did not cure it: with τ_a = 0 simulated calls of 200–2,000 proposals missed
 * bulk-ESS 400 in 6 of 8 fits. Integrating b out removes the funnel. Returns the new τ_a².
 */
class JointLeniency {
  /**
   * Assessors grouped by their number of scores n_a (most designs have a few distinct n_a): the
   * likelihood of τ_a needs only, per group, its size and Σ r_a², so each of the slice sampler's
   * evaluations costs one logarithm per group instead of one per assessor.
   */
  private readonly groupOf: Int32Array;
  private readonly n: Float64Array;
  private readonly size: Float64Array;
  private readonly sumSq: Float64Array;
  private sigma2 = 1;
  private priorScaleSq = 1;

  constructor(counts: Float64Array) {
    const values = [...new Set(counts)].filter((n) => n > 0).sort((a, b) => a - b);
    const index = new Map(values.map((n, g) => [n, g]));
    this.groupOf = Int32Array.from(counts, (n) => index.get(n) ?? -1);
    this.n = Float64Array.from(values);
    this.size = new Float64Array(values.length);
    for (const g of this.groupOf) if (g >= 0) this.size[g]!++;
    this.sumSq = new Float64Array(values.length);
  }

  readonly f = (u: number) => {
    const t2 = Math.exp(2 * u);
    let log = u - t2 / (2 * this.priorScaleSq);
    const { n, size, sumSq } = this;
    for (let g = 0; g < n.length; g++) {
      const v = n[g]! * n[g]! * t2 + n[g]! * this.sigma2;
      log -= 0.5 * size[g]! * Math.log(v) + sumSq[g]! / (2 * v);
    }
    return log;
  };

  draw(rng: FastRng, x: Float64Array, sums: Float64Array, counts: Float64Array, sigma2: number, tauA2: number, priorScaleSq: number, drawB: boolean): number {
    const { groupOf, sumSq } = this;
    sumSq.fill(0);
    for (let a = 0; a < sums.length; a++) if (groupOf[a]! >= 0) sumSq[groupOf[a]!]! += sums[a]! * sums[a]!;
    this.sigma2 = sigma2;
    this.priorScaleSq = priorScaleSq;
    const tau2 = Math.exp(2 * sliceStep(rng, 0.5 * Math.log(tauA2), this.f));
    if (!drawB) return tau2;
    const is2 = 1 / sigma2;
    for (let a = 0; a < sums.length; a++) {
      const prec = counts[a]! * is2 + 1 / tau2;
      x[1 + a] = (sums[a]! * is2) / prec + rng.normal() / Math.sqrt(prec);
    }
    return tau2;
  }
}

/** out[c · rows + r] = values[r · cols + c], in cache-sized blocks. */
function transpose<T extends Float32Array | Uint16Array | Uint32Array>(values: T, rows: number, cols: number, out: T): T {
  const block = 64;
  for (let r0 = 0; r0 < rows; r0 += block) {
    const r1 = Math.min(rows, r0 + block);
    for (let c0 = 0; c0 < cols; c0 += block) {
      const c1 = Math.min(cols, c0 + block);
      for (let r = r0; r < r1; r++) {
        const from = r * cols;
        for (let c = c0; c < c1; c++) out[c * rows + r] = values[from + c]!;
      }
    }
  }
  return out;
}

/**
 * Conjugate gradients for the (μ, b) system S·x = rhs, S = [[qMuMu, qMuBᵀ], [qMuB, diag(diagB) +
 * sparse(vals)]], preconditioned by symmetric Gauss–Seidel, M = (D + L) D⁻¹ (D + Lᵀ) with D the
 * diagonal and L the strictly lower part of S (unknowns ordered b_0 … b_{B−1}, then μ), in
 * Eisenstat's form: CG runs on (D + L)⁻¹ S (D + Lᵀ)⁻¹ with preconditioner D, whose product
 * with a vector costs one forward and one backward triangular sweep, about one product with S
 * (Eisenstat, "Efficient implementation of a class of preconditioned conjugate gradient
 * methods", SIAM J. Sci. Stat. Comput. 2(1), 1981; Saad, "Iterative methods for sparse linear
 * systems", 2nd ed., 2003, §9.2). On the bench's sparse designs it needs about half the
 * iterations of Jacobi preconditioning. It stops when the Jacobi-scaled residual of S·x = rhs
 * itself (not of the transformed system) is below CG_TOLERANCE.
 */
class ConjugateGradients {
  /** S's diagonal, set by the caller each sweep (index 0: μ). */
  readonly diag: Float64Array;
  private readonly res: Float64Array; // residual of the transformed system
  private readonly dir: Float64Array;
  private readonly t: Float64Array;
  private readonly w: Float64Array;
  private readonly trueRes: Float64Array;

  constructor(
    n: number,
    private readonly tolerance: number,
  ) {
    this.diag = new Float64Array(n);
    this.res = new Float64Array(n);
    this.dir = new Float64Array(n);
    this.t = new Float64Array(n);
    this.w = new Float64Array(n);
    this.trueRes = new Float64Array(n);
  }

  /** Solves from the starting point x, which it overwrites. Returns the number of iterations. */
  solve(x: Float64Array, rhs: Float64Array, qMuMu: number, qMuB: Float64Array, rowStart: Int32Array, col: Int32Array, vals: Float64Array, diagAt: Int32Array): number {
    const { diag, res, dir, t, w } = this;
    const n = x.length;
    // res = (D + L)⁻¹ (rhs − (strict upper part of S) x) − x, the transformed residual at y = (D + Lᵀ) x.
    strictUpperMultiply(x, t, qMuB, rowStart, col, vals, diagAt);
    for (let j = 0; j < n; j++) t[j] = rhs[j]! - t[j]!;
    forwardSolve(t, w, diag, qMuMu, qMuB, rowStart, col, vals, diagAt);
    let rz = 0;
    for (let j = 0; j < n; j++) {
      const r = w[j]! - x[j]!;
      res[j] = r;
      const z = diag[j]! * r;
      dir[j] = z;
      rz += r * z;
    }
    const stop = this.tolerance * this.tolerance * n;
    const limit = 10 * n + 100;
    let it = 0;
    for (; it < limit; it++) {
      if (rz <= stop && this.converged(res, qMuMu, qMuB, rowStart, col, vals, diagAt, stop)) break;
      // q = (D + L)⁻¹ S (D + Lᵀ)⁻¹ dir = t + (D + L)⁻¹ (dir − D t), t = (D + Lᵀ)⁻¹ dir.
      backwardSolve(dir, t, diag, qMuMu, qMuB, rowStart, col, vals, diagAt);
      for (let j = 0; j < n; j++) w[j] = dir[j]! - diag[j]! * t[j]!;
      forwardSolve(w, w, diag, qMuMu, qMuB, rowStart, col, vals, diagAt);
      let dq = 0;
      for (let j = 0; j < n; j++) {
        const q = t[j]! + w[j]!;
        w[j] = q;
        dq += dir[j]! * q;
      }
      const alpha = rz / dq;
      let rzNew = 0;
      for (let j = 0; j < n; j++) {
        x[j]! += alpha * t[j]!; // x = (D + Lᵀ)⁻¹ y, and y moves by α·dir
        const r = res[j]! - alpha * w[j]!;
        res[j] = r;
        rzNew += r * r * diag[j]!;
      }
      const beta = rzNew / rz;
      rz = rzNew;
      for (let j = 0; j < n; j++) dir[j] = diag[j]! * res[j]! + beta * dir[j]!;
    }
    return it;
  }

  /** Whether S·x = rhs's own Jacobi-scaled residual, (D + L)·res, is below the tolerance. */
  private converged(res: Float64Array, qMuMu: number, qMuB: Float64Array, rowStart: Int32Array, col: Int32Array, vals: Float64Array, diagAt: Int32Array, stop: number): boolean {
    const { diag, trueRes } = this;
    lowerMultiply(res, trueRes, diag, qMuMu, qMuB, rowStart, col, vals, diagAt);
    let scaled = 0;
    for (let j = 0; j < res.length; j++) scaled += (trueRes[j]! * trueRes[j]!) / diag[j]!;
    return scaled <= stop;
  }
}

// The triangular parts of S, unknowns ordered b_0 … b_{B−1}, then μ (index 0). Row a of the CSR
// pattern holds its columns in ascending order with the diagonal at diagAt[a] (−1: the assessor
// scored nothing, so the row is empty): entries before it are the lower part, after it the upper.

/** Solves (D + L) out = v (out may be v). */
function forwardSolve(v: Float64Array, out: Float64Array, diag: Float64Array, qMuMu: number, qMuB: Float64Array, rowStart: Int32Array, col: Int32Array, vals: Float64Array, diagAt: Int32Array): void {
  const B = v.length - 1;
  let muSum = 0;
  for (let a = 0; a < B; a++) {
    let s = v[1 + a]!;
    const end = diagAt[a]! >= 0 ? diagAt[a]! : rowStart[a]!;
    for (let j = rowStart[a]!; j < end; j++) s -= vals[j]! * out[1 + col[j]!]!;
    const o = s / diag[1 + a]!;
    out[1 + a] = o;
    muSum += qMuB[a]! * o;
  }
  out[0] = (v[0]! - muSum) / qMuMu;
}

/** Solves (D + Lᵀ) out = v. */
function backwardSolve(v: Float64Array, out: Float64Array, diag: Float64Array, qMuMu: number, qMuB: Float64Array, rowStart: Int32Array, col: Int32Array, vals: Float64Array, diagAt: Int32Array): void {
  const B = v.length - 1;
  const mu = v[0]! / qMuMu;
  out[0] = mu;
  for (let a = B - 1; a >= 0; a--) {
    let s = v[1 + a]! - qMuB[a]! * mu;
    const end = rowStart[a + 1]!;
    if (diagAt[a]! >= 0) for (let j = diagAt[a]! + 1; j < end; j++) s -= vals[j]! * out[1 + col[j]!]!;
    out[1 + a] = s / diag[1 + a]!;
  }
}

/** out = (strictly upper part of S) v. */
function strictUpperMultiply(v: Float64Array, out: Float64Array, qMuB: Float64Array, rowStart: Int32Array, col: Int32Array, vals: Float64Array, diagAt: Int32Array): void {
  const B = v.length - 1;
  const mu = v[0]!;
  for (let a = 0; a < B; a++) {
    let s = qMuB[a]! * mu;
    const end = rowStart[a + 1]!;
    if (diagAt[a]! >= 0) for (let j = diagAt[a]! + 1; j < end; j++) s += vals[j]! * v[1 + col[j]!]!;
    out[1 + a] = s;
  }
  out[0] = 0;
}

/** out = (D + L) v. */
function lowerMultiply(v: Float64Array, out: Float64Array, diag: Float64Array, qMuMu: number, qMuB: Float64Array, rowStart: Int32Array, col: Int32Array, vals: Float64Array, diagAt: Int32Array): void {
  const B = v.length - 1;
  let mu = qMuMu * v[0]!;
  for (let a = 0; a < B; a++) {
    let s = diag[1 + a]! * v[1 + a]!;
    const end = diagAt[a]! >= 0 ? diagAt[a]! : rowStart[a]!;
    for (let j = rowStart[a]!; j < end; j++) s += vals[j]! * v[1 + col[j]!]!;
    out[1 + a] = s;
    mu += qMuB[a]! * v[1 + a]!;
  }
  out[0] = mu;
}

/**
 * Each proposal's rank (1 = best: one more than the number of proposals with a strictly higher
 * value) in each draw. Each value's 32-bit float pattern is mapped to an unsigned integer that
 * orders like the value; the proposals are then ordered by it, by one native sort of those
 * integers times 2²⁰ plus the proposal's index (exact doubles below 2⁵²) for small calls, or by
 * a least-significant-digit radix sort (three passes of 11 bits; Knuth, TAOCP vol. 3, §5.2.5) for
 * large ones, where it is several times faster.
 */
function ranksOf(byDraw: Float32Array, P: number, draws: number): Uint16Array | Uint32Array {
  if (P >= 1 << 20) throw new Error("Too many proposals to rank");
  const ranks = P < 65536 ? new Uint16Array(P * draws) : new Uint32Array(P * draws);
  const byDrawRanks = P < 65536 ? new Uint16Array(P * draws) : new Uint32Array(P * draws);
  const bits = new Uint32Array(byDraw.buffer, byDraw.byteOffset, byDraw.length);
  const radix = P >= RADIX_FROM;
  const keys = new Float64Array(radix ? 0 : P);
  let uA = new Uint32Array(radix ? P : 0);
  let uB = new Uint32Array(radix ? P : 0);
  let iA = new Int32Array(radix ? P : 0);
  let iB = new Int32Array(radix ? P : 0);
  const count = new Int32Array(radix ? 2048 : 0);
  const orderedBits = (u: number) => (u & 0x80000000 ? ~u >>> 0 : (u | 0x80000000) >>> 0);
  for (let s = 0; s < draws; s++) {
    const at = s * P;
    if (!radix) {
      for (let p = 0; p < P; p++) keys[p] = orderedBits(bits[at + p]!) * 1048576 + p;
      keys.sort();
      // Walk from the highest value down; equal values share the best rank.
      let j = P - 1;
      while (j >= 0) {
        const key = Math.floor(keys[j]! / 1048576);
        const rank = P - j;
        let k = j;
        while (k >= 0 && Math.floor(keys[k]! / 1048576) === key) {
          byDrawRanks[at + (keys[k]! - key * 1048576)] = rank;
          k--;
        }
        j = k;
      }
      continue;
    }
    for (let p = 0; p < P; p++) {
      uA[p] = orderedBits(bits[at + p]!);
      iA[p] = p;
    }
    for (let shift = 0; shift < 32; shift += 11) {
      count.fill(0);
      for (let p = 0; p < P; p++) count[(uA[p]! >>> shift) & 2047]!++;
      let sum = 0;
      for (let d = 0; d < 2048; d++) {
        const c = count[d]!;
        count[d] = sum;
        sum += c;
      }
      for (let p = 0; p < P; p++) {
        const u = uA[p]!;
        const to = count[(u >>> shift) & 2047]!++;
        uB[to] = u;
        iB[to] = iA[p]!;
      }
      [uA, uB] = [uB, uA];
      [iA, iB] = [iB, iA];
    }
    let j = P - 1;
    while (j >= 0) {
      const u = uA[j]!;
      const rank = P - j;
      let k = j;
      while (k >= 0 && uA[k] === u) {
        byDrawRanks[at + iA[k]!] = rank;
        k--;
      }
      j = k;
    }
  }
  return transpose(byDrawRanks, draws, P, ranks);
}

/** From this many proposals, ranksOf orders each draw by radix sort instead of the native sort. */
const RADIX_FROM = 1024;

/** Combines the chains' draws into posterior summaries and convergence diagnostics. */
export function combineChains(data: Observations, options: FitOptions, chainDraws: ChainDraws[]): FitResult {
  const warmup = options.warmup ?? DEFAULTS.warmup;
  const draws = options.draws ?? DEFAULTS.draws;
  const sorted = [...chainDraws].sort((a, b) => a.chain - b.chain);
  const chains = sorted.length;
  const S = chains * draws;
  const scratch = new Float64Array(S);
  const muDraws = new Float64Array(S);
  // One parameter's draws from every chain, chain after chain (a native typed-array copy).
  const gather = (key: "calibrated" | "leniency" | "scalars" | "ranks", offset: number, into: Float64Array = scratch) => {
    for (let c = 0; c < chains; c++) into.set(sorted[c]![key]!.subarray(offset, offset + draws), c * draws);
    return into;
  };
  gather("scalars", 0, muDraws);

  // Rank-normalised split R-hat, bulk- and tail-ESS of every parameter kept (./diagnostics.ts).
  const diagnose = new RankDiagnostics(chains, draws);
  let maxRhat = 0;
  let minBulkEss = Infinity;
  let minTailEss = Infinity;
  let worst = "";
  const check = (values: Float64Array, name: string, float32: boolean) => {
    const d: ParameterDiagnostics = diagnose.of(values, 0, float32);
    if (d.rhat > maxRhat || Number.isNaN(d.rhat)) {
      maxRhat = Number.isNaN(d.rhat) ? Infinity : d.rhat;
      worst = name;
    }
    if (!(d.essBulk >= minBulkEss)) minBulkEss = Number.isNaN(d.essBulk) ? 0 : d.essBulk;
    if (!(d.essTail >= minTailEss)) minTailEss = Number.isNaN(d.essTail) ? 0 : d.essTail;
  };
  // With an even number of draws per chain the split draws are all the draws, so the sort the
  // diagnostics did also gives the interval.
  const sortedAfterCheck = draws % 2 === 0 ? diagnose.sorted : null;
  const mean = (values: Float64Array) => {
    let sum = 0;
    for (let s = 0; s < S; s++) sum += values[s]!;
    return sum / S;
  };
  const interval = (values: Float64Array, level: number): Interval => {
    const [low, high] = quantilesInPlace(values, [(1 - level) / 2, 1 - (1 - level) / 2]);
    return { low: low!, high: high! };
  };

  // With keep "scalars" there are no proposal or assessor draws: only μ, τ_p, τ_a, σ are summarised and checked.
  const P = options.keep === "scalars" ? 0 : data.proposals;
  const A = options.keep === "scalars" ? 0 : data.assessors;
  const proposals: ProposalPosterior[] = [];
  const interval90 = (values: Float64Array): Interval =>
    sortedAfterCheck ? { low: quantileSorted(sortedAfterCheck, 0.05), high: quantileSorted(sortedAfterCheck, 0.95) } : interval(values, 0.9);
  for (let p = 0; p < P; p++) {
    const values = gather("calibrated", p * draws);
    check(values, `proposal ${p}`, true);
    const calibratedMean = mean(values);
    const calibrated90 = interval90(values);
    if (options.quality) {
      gather("calibrated", p * draws);
      for (let s = 0; s < S; s++) scratch[s]! -= muDraws[s]!;
      proposals.push({ calibrated: calibratedMean, calibrated90, quality: mean(scratch), quality90: interval(scratch, 0.9) });
    } else proposals.push({ calibrated: calibratedMean, calibrated90 });
  }
  const assessors: AssessorPosterior[] = [];
  for (let a = 0; a < A; a++) {
    const values = gather("leniency", a * draws);
    if (data.assessors > 1) {
      check(values, `assessor ${a}`, true);
      assessors.push({ leniency: mean(values), leniency90: interval90(values) });
    } else assessors.push({ leniency: mean(values), leniency90: interval(values, 0.9) });
  }
  const scalar = (index: number, name: string | null): ScalarPosterior => {
    const values = gather("scalars", index * draws);
    if (name) check(values, name, false);
    return { mean: mean(values), interval90: name ? interval90(values) : interval(values, 0.9) };
  };
  const mu = scalar(0, "μ");
  const tauProposal = scalar(1, "τ_p");
  const tauAssessor = scalar(2, data.assessors > 1 ? "τ_a" : null);
  const sigma = scalar(3, "σ");

  if (options.ranks && P > 0) {
    // Ranks are integers 1 … P: each proposal's mean and type-7 quantiles from a histogram of its
    // ranks over their range (one pass, no sort).
    const values = sorted[0]!.ranks instanceof Uint16Array ? new Uint16Array(S) : new Uint32Array(S);
    const histogram = new Int32Array(P + 2);
    const probabilities = [0.05, 0.25, 0.75, 0.95];
    const at = new Float64Array(8);
    const orderStats = new Float64Array(8);
    for (let i = 0; i < 4; i++) {
      const h = (S - 1) * probabilities[i]!;
      at[2 * i] = Math.floor(h);
      at[2 * i + 1] = Math.min(S - 1, Math.floor(h) + 1);
    }
    const quantile = (i: number) => {
      const h = (S - 1) * probabilities[i]!;
      const lo = orderStats[2 * i]!;
      return lo + (h - Math.floor(h)) * (orderStats[2 * i + 1]! - lo);
    };
    for (let p = 0; p < P; p++) {
      for (let c = 0; c < chains; c++) values.set(sorted[c]!.ranks!.subarray(p * draws, (p + 1) * draws), c * draws);
      let sum = 0;
      let low = P + 1;
      let high = 0;
      for (let s = 0; s < S; s++) {
        const r = values[s]!;
        sum += r;
        histogram[r]!++;
        if (r < low) low = r;
        if (r > high) high = r;
      }
      // The k-th smallest rank for each wanted k (ascending), walking the histogram once.
      let seen = 0;
      let next = 0;
      for (let r = low; r <= high && next < 8; r++) {
        seen += histogram[r]!;
        while (next < 8 && at[next]! < seen) orderStats[next++] = r;
      }
      histogram.fill(0, low, high + 1);
      const post = proposals[p]!;
      post.expectedRank = sum / S;
      post.rank50 = { low: quantile(1), high: quantile(2) };
      post.rank90 = { low: quantile(0), high: quantile(3) };
    }
  }

  return {
    proposals,
    assessors,
    mu,
    tauProposal,
    tauAssessor,
    sigma,
    diagnostics: {
      chains,
      warmup,
      draws,
      maxRhat,
      minEss: minBulkEss,
      minTailEss,
      worst,
      converged: maxRhat <= RHAT_LIMIT && minBulkEss >= ESS_PER_CHAIN * chains,
    },
  };
}

/** Fits the model: every chain in this thread, one after the other. */
export function fitAdditiveModel(data: Observations, options: FitOptions): FitResult {
  const chains = options.chains ?? DEFAULTS.chains;
  const prepared = prepare(data);
  const all: ChainDraws[] = [];
  // Chain c's draws depend only on the data, the options and c (see runChain).
  for (let c = 0; c < chains; c++) {
    const report = options.progress ? (f: number) => options.progress!((c + f) / chains) : undefined;
    all.push(sampleChain(prepared, options, c, report));
  }
  return combineChains(data, options, all);
}

/**
 * Type-7 quantiles (R's default, as `quantileSorted`) of `values`, reordering them in place:
 * Hoare's FIND (selection, expected linear time) instead of a full sort. Probabilities ascending.
 */
export function quantilesInPlace(values: Float64Array, probabilities: number[]): number[] {
  const n = values.length;
  if (n === 0) return probabilities.map(() => Number.NaN);
  const out: number[] = [];
  let left = 0;
  for (const q of probabilities) {
    const h = (n - 1) * q;
    const lo = Math.floor(h);
    select(values, lo, left, n - 1);
    left = lo;
    let next = values[lo]!;
    if (lo + 1 < n) {
      next = Infinity;
      for (let i = lo + 1; i < n; i++) if (values[i]! < next) next = values[i]!;
    }
    out.push(values[lo]! + (h - lo) * (next - values[lo]!));
  }
  return out;
}

/** Puts the k-th smallest of values[left … right] at k, smaller ones before it, larger after. */
function select(a: Float64Array, k: number, left: number, right: number): void {
  let l = left;
  let r = right;
  while (l < r) {
    // Median of three as the pivot value.
    const m = (l + r) >>> 1;
    const x1 = a[l]!;
    const x2 = a[m]!;
    const x3 = a[r]!;
    const x = x1 < x2 ? (x2 < x3 ? x2 : x1 < x3 ? x3 : x1) : x1 < x3 ? x1 : x2 < x3 ? x3 : x2;
    let i = l;
    let j = r;
    do {
      while (a[i]! < x) i++;
      while (x < a[j]!) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < k) l = i;
    if (k < i) r = j;
  }
}


/**
 * σ² and τ_p² by two rounds of slice sampling of log σ² then log τ_p² (θ integrated out). One per
 * chain, with its two log densities made once: closures made afresh in every sweep were four
 * allocations a sweep, and a closure over the sampler's locals would keep them in slow heap slots.
 */
class VarianceSlices {
  readonly values = new Float64Array(2);
  private logSigma2 = 0;
  private logTau2 = 0;
  private ss = 0;
  constructor(
    private readonly uG: Float64Array,
    private readonly kValues: Float64Array,
    private readonly nG: Float64Array,
    private readonly halfNormalScaleSq: number,
    private readonly floor: number,
  ) {}

  private readonly ofSigma = (u: number) => varianceLogPosterior(u, this.logTau2, this.ss, this.uG, this.kValues, this.nG, this.halfNormalScaleSq, this.floor);
  private readonly ofTau = (u: number) => varianceLogPosterior(this.logSigma2, u, this.ss, this.uG, this.kValues, this.nG, this.halfNormalScaleSq, this.floor);

  /** Updates `values` (σ², τ_p²) given Σ r² (and uG, read in place). */
  draw(rng: Rng, sigma2: number, tauP2: number, ss: number): Float64Array {
    this.ss = ss;
    this.logSigma2 = Math.log(sigma2);
    this.logTau2 = Math.log(tauP2);
    for (let round = 0; round < 2; round++) {
      this.logSigma2 = sliceStep(rng, this.logSigma2, this.ofSigma);
      this.logTau2 = sliceStep(rng, this.logTau2, this.ofTau);
    }
    this.values[0] = Math.exp(this.logSigma2);
    this.values[1] = Math.exp(this.logTau2);
    return this.values;
  }
}

/**
 * The log posterior density of (log σ², log τ_p²) given μ and b, with θ integrated out, up to a
 * constant. A proposal's k residuals r have covariance V = σ²I + τ²11ᵀ, so
 * log|V| = (k − 1) log σ² + log(σ² + kτ²) and rᵀV⁻¹r = (Σr² − τ²(Σr)² / (σ² + kτ²)) / σ².
 * Prior: σ and τ_p half-normal(s), i.e. p(v) ∝ v^(−1/2) exp(−v / 2s²) for a variance v, times
 * the Jacobian v of the log scale. Variances below `floor` (on the log scale) are ruled out,
 * which only matters when every score is identical.
 */
function varianceLogPosterior(
  logSigma2: number,
  logTau2: number,
  ss: number,
  uG: Float64Array,
  kValues: Float64Array,
  nG: Float64Array,
  halfNormalScaleSq: number,
  floor: number,
): number {
  if (logSigma2 < floor || logTau2 < floor) return -Infinity;
  const s2 = Math.exp(logSigma2);
  const t2 = Math.exp(logTau2);
  let logDet = 0;
  let quad = ss;
  for (let g = 0; g < kValues.length; g++) {
    const k = kValues[g]!;
    const m = s2 + k * t2;
    logDet += nG[g]! * ((k - 1) * logSigma2 + Math.log(m));
    quad -= (t2 * uG[g]!) / m;
  }
  const prior = 0.5 * logSigma2 - s2 / (2 * halfNormalScaleSq) + 0.5 * logTau2 - t2 / (2 * halfNormalScaleSq);
  return -0.5 * logDet - (0.5 * quad) / s2 + prior;
}

/**
 * One univariate slice-sampling update of x0 for the log density f: stepping out with width w
 * (at most m steps) and shrinkage (Neal, "Slice sampling", Annals of Statistics 31(3), 2003,
 * figures 3 and 5). Exact for any w; w only affects speed.
 */
function sliceStep(rng: Rng, x0: number, f: (x: number) => number, w = 0.5, m = 32): number {
  const level = f(x0) + Math.log(1 - rng.next()); // log(u · f(x0)), u in (0, 1]
  let left = x0 - w * rng.next();
  let right = left + w;
  let j = Math.floor(m * rng.next());
  let k = m - 1 - j;
  while (j-- > 0 && f(left) > level) left -= w;
  while (k-- > 0 && f(right) > level) right += w;
  for (;;) {
    const x1 = left + rng.next() * (right - left);
    if (f(x1) > level) return x1;
    if (x1 < x0) left = x1;
    else right = x1;
  }
}

