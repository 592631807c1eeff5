import { quantileSorted } from "./diagnostics";
import { FastRng } from "./prng";

/**
 * Inter-rater reliability of a call's scores, one-way random effects (each proposal scored by its
 * own set of assessors): Shrout & Fleiss, "Intraclass correlations: uses in assessing rater
 * reliability", Psychological Bulletin 86(2), 1979, cases ICC(1) and ICC(1,k); the unequal-k
 * average n₀ as in Jayasinghe, Marsh & Bond, "A multilevel cross-classified modelling approach to
 * peer review of grant proposals", JRSS A 166(3), 2003, who report single-rater reliabilities of
 * about 0.2–0.5 for grant review.
 *
 * With P proposals, k_i scores of proposal i, N = Σ k_i, ȳ_i the proposal's mean and ȳ the grand
 * mean:
 *   MSB = Σ k_i (ȳ_i − ȳ)² / (P − 1),   MSW = ΣΣ (y − ȳ_i)² / (N − P),
 *   n₀ = (N − Σ k_i² / N) / (P − 1),
 *   ICC(1) = (MSB − MSW) / (MSB + (n₀ − 1) MSW),   ICC(1,k) = (MSB − MSW) / MSB.
 * ICC(1) is how well one assessor's score agrees with another's on the same proposal; ICC(1,k)
 * is the reliability of the mean of the panel (k ≈ n₀ assessors), i.e. roughly the correlation
 * between this panel's means and another such panel's.
 *
 * Assessors needed for a target reliability ρ* (Spearman–Brown prophecy):
 *   k = ρ*(1 − ρ) / (ρ (1 − ρ*)), with ρ = ICC(1).
 */

export interface Icc {
  icc1: number;
  icck: number;
  n0: number;
  proposals: number;
  scores: number;
}

/**
 * What ICC needs of each proposal's scores: their number k_i, mean ȳ_i and within-proposal sum of
 * squares Σ (y − ȳ_i)², so that a bootstrap resample is one pass over the proposals.
 */
interface GroupStats {
  k: Float64Array;
  mean: Float64Array;
  within: Float64Array;
}

function groupStats(groups: readonly (readonly number[])[]): GroupStats {
  const P = groups.length;
  const k = new Float64Array(P);
  const mean = new Float64Array(P);
  const within = new Float64Array(P);
  groups.forEach((g, i) => {
    let m = 0;
    for (const v of g) m += v;
    m /= g.length;
    let ss = 0;
    for (const v of g) ss += (v - m) ** 2;
    k[i] = g.length;
    mean[i] = m;
    within[i] = ss;
  });
  return { k, mean, within };
}

/** ICC over the proposals `pick` (indices into `stats`, repeats allowed), or all of them. */
function iccOfStats(stats: GroupStats, pick: Int32Array | null): Icc | null {
  const P = pick ? pick.length : stats.k.length;
  const { k, mean, within } = stats;
  let N = 0;
  let sumK2 = 0;
  let grand = 0;
  let ssw = 0;
  for (let j = 0; j < P; j++) {
    const i = pick ? pick[j]! : j;
    const ki = k[i]!;
    N += ki;
    sumK2 += ki * ki;
    grand += ki * mean[i]!;
    ssw += within[i]!;
  }
  if (P < 2 || N <= P) return null;
  grand /= N;
  let ssb = 0;
  for (let j = 0; j < P; j++) {
    const i = pick ? pick[j]! : j;
    ssb += k[i]! * (mean[i]! - grand) ** 2;
  }
  const msb = ssb / (P - 1);
  const msw = ssw / (N - P);
  const n0 = (N - sumK2 / N) / (P - 1);
  if (msb === 0) return { icc1: msw === 0 ? 1 : 0, icck: msw === 0 ? 1 : 0, n0, proposals: P, scores: N };
  return { icc1: (msb - msw) / (msb + (n0 - 1) * msw), icck: (msb - msw) / msb, n0, proposals: P, scores: N };
}

/** `groups[i]` holds the scores of proposal i (each needs at least one). */
export function icc(groups: readonly (readonly number[])[]): Icc | null {
  return iccOfStats(groupStats(groups), null);
}

/** Spearman–Brown: the number of assessors whose mean would reach reliability `target`, given single-assessor reliability `rho`. */
export function assessorsNeeded(rho: number, target = 0.7): number | null {
  if (!(rho > 0) || rho >= 1) return rho >= 1 ? 1 : null;
  return (target * (1 - rho)) / (rho * (1 - target));
}

export interface IccWithIntervals extends Icc {
  icc1Ci95: { low: number; high: number } | null;
  icckCi95: { low: number; high: number } | null;
  /** Assessors needed for 0.7 (null when ICC(1) ≤ 0: no number of assessors would do). */
  neededFor07: number | null;
}

/**
 * ICC with percentile bootstrap 95 % intervals, resampling proposals with replacement (B
 * resamples, seeded). Always computed over all ranked proposals, never a top slice.
 */
export function iccWithBootstrap(groups: readonly (readonly number[])[], options: { seed: number; resamples?: number }): IccWithIntervals | null {
  const stats = groupStats(groups);
  const point = iccOfStats(stats, null);
  if (!point) return null;
  const B = options.resamples ?? 500;
  const rng = new FastRng(options.seed); // the same stream as seededRng(seed), faster
  const ones: number[] = [];
  const ks: number[] = [];
  const P = groups.length;
  const pick = new Int32Array(P);
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < P; i++) pick[i] = Math.floor(rng.next() * P); // uniformInt(rng, P)
    const r = iccOfStats(stats, pick);
    if (r && Number.isFinite(r.icc1)) {
      ones.push(r.icc1);
      ks.push(r.icck);
    }
  }
  const ci = (values: number[]) => {
    if (values.length < 10) return null;
    const sorted = Float64Array.from(values).sort();
    return { low: quantileSorted(sorted, 0.025), high: quantileSorted(sorted, 0.975) };
  };
  return { ...point, icc1Ci95: ci(ones), icckCi95: ci(ks), neededFor07: assessorsNeeded(point.icc1, 0.7) };
}
