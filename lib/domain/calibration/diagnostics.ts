/**
 * Convergence diagnostics for several MCMC chains of one parameter, laid out as `chains`
 * consecutive runs of `draws` values, following Vehtari, Gelman, Simpson, Carpenter & Bürkner,
 * "Rank-normalization, folding, and localization: An improved R-hat for assessing convergence of
 * MCMC", Bayesian Analysis 16(2):667–718, 2021 (as in Stan and the R package posterior):
 *
 * - Every chain is split in two halves (an odd chain's middle draw is left out), giving m = 2·chains
 *   sequences of n = ⌊draws/2⌋ draws, S = m·n in all.
 * - Rank-normalisation (their eq. 14): each draw's rank r among all S (ties get their average
 *   rank) becomes z = Φ⁻¹((r − 3/8) / (S + 1/4)).
 * - Bulk R-hat: the basic split R-hat (below) of z. Folded (tail) R-hat: the same of the
 *   rank-normalised |x − median(x)|, which differs between chains that agree in location but not in
 *   scale, which the classic split R-hat of x cannot see. The rank-normalised R-hat is the larger of
 *   the two (their §4.2); a parameter counts as converged at R-hat ≤ 1.01.
 * - Bulk-ESS: the effective sample size of z. Tail-ESS: the smaller of the effective sample sizes
 *   of the indicators I(x ≤ q₀.₀₅) and I(x ≤ q₀.₉₅) (their §4.3, quantile ESS). Both should be at
 *   least 100 per chain (their §5).
 *
 * Basic split R-hat (Gelman et al., Bayesian Data Analysis, 3rd ed., 2013, §11.4):
 * sqrt(var⁺ / W), var⁺ = (n − 1)/n · W + B/n. Basic ESS (BDA3 §11.5): S / (1 + 2 Σ ρ̂_t),
 * ρ̂_t = 1 − V_t / (2 var⁺) from the variogram V_t, the sum taken as −1 + 2 Σ_k Γ_k over the pairs
 * Γ_k = ρ̂_2k + ρ̂_2k+1 (ρ̂_0 = 1) while they stay positive, each capped at the one before (Geyer's
 * initial monotone sequence: Geyer, "Practical Markov chain Monte Carlo", Statistical Science 7(4),
 * 1992, §3.3; Vehtari et al. 2021, eq. 10). Pairing from lag 0 is what makes it right for
 * antithetic chains too (ESS above the number of draws). Capped at S·log10(S), as Stan does.
 */

/** The diagnostics of one parameter. */
export interface ParameterDiagnostics {
  /** Rank-normalised split R-hat: the larger of the bulk and the folded (tail) R-hat. */
  rhat: number;
  bulkRhat: number;
  tailRhat: number;
  essBulk: number;
  essTail: number;
}

/**
 * The classic split R-hat and ESS of the values themselves (no rank-normalisation): BDA3's, and
 * the building block of the rank-normalised ones. On its own it misses chains that differ only in
 * scale, or that have heavy tails; `rankNormalized` is what the model's convergence rule uses.
 */
export function splitRhatEss(values: ArrayLike<number>, offset: number, chains: number, draws: number): { rhat: number; ess: number } {
  const n = Math.floor(draws / 2);
  const m = chains * 2;
  if (n < 2) return { rhat: Number.NaN, ess: Number.NaN };
  const split = new Float64Array(m * n);
  for (let j = 0; j < m; j++) {
    const start = offset + Math.floor(j / 2) * draws + (j % 2) * (draws - n);
    for (let t = 0; t < n; t++) split[j * n + t] = values[start + t]!;
  }
  return basicRhatEss(split, m, n);
}

/** Basic R-hat and ESS of m sequences of n values each, sequence j at j·n … j·n + n − 1. */
export function basicRhatEss(values: ArrayLike<number>, m: number, n: number): { rhat: number; ess: number } {
  if (n < 2) return { rhat: Number.NaN, ess: Number.NaN };
  const means = new Float64Array(m);
  let W = 0;
  let grand = 0;
  for (let j = 0; j < m; j++) {
    const start = j * n;
    let s = 0;
    for (let t = 0; t < n; t++) s += values[start + t]!;
    const mean = s / n;
    means[j] = mean;
    let ss = 0;
    for (let t = 0; t < n; t++) ss += (values[start + t]! - mean) ** 2;
    W += ss / (n - 1);
    grand += mean;
  }
  W /= m;
  grand /= m;
  let B = 0;
  for (let j = 0; j < m; j++) B += (means[j]! - grand) ** 2;
  B = (B * n) / (m - 1);
  const varPlus = ((n - 1) / n) * W + B / n;
  if (!(W > 1e-24)) return { rhat: 1, ess: m * n };
  const rhat = Math.sqrt(varPlus / W);

  const rho = (t: number) => {
    let v = 0;
    for (let j = 0; j < m; j++) {
      const start = j * n;
      for (let i = start + t; i < start + n; i++) {
        const d = values[i]! - values[i - t]!;
        v += d * d;
      }
    }
    v /= m * (n - t);
    return 1 - v / (2 * varPlus);
  };
  return { rhat, ess: geyerEss(m * n, n, rho) };
}

/**
 * S / (1 + 2 Σ ρ̂_t) with Geyer's initial monotone sequence: Γ_k = ρ̂_2k + ρ̂_2k+1 (k ≥ 0,
 * ρ̂_0 = 1), summed while positive, each capped at the one before; then 1 + 2 Σ_t ρ̂_t =
 * −1 + 2 Σ_k Γ_k. Capped at S·log10(S). `rho(t)` for lags 1 … n − 1.
 */
function geyerEss(S: number, n: number, rho: (t: number) => number): number {
  let sumGamma = 0;
  const maxLag = Math.min(n - 1, 251);
  let previous = Infinity;
  let rhoEven = 1;
  for (let t = 1; t <= maxLag; t += 2) {
    const gamma = Math.min(previous, rhoEven + rho(t));
    if (gamma < 0) break;
    sumGamma += gamma;
    previous = gamma;
    if (t + 1 > maxLag) break;
    rhoEven = rho(t + 1);
  }
  const ess = S / Math.max(1e-9, -1 + 2 * sumGamma);
  return Math.min(ess, S * Math.log10(S));
}

/**
 * Φ⁻¹(p), the standard normal quantile, by Acklam's rational approximations (relative error below
 * 1.15·10⁻⁹ on (0, 1); P. J. Acklam, "An algorithm for computing the inverse normal cumulative
 * distribution function", 2003). Ample for rank-normalisation, where only the order and the
 * rough shape of the z values matter.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : Number.NaN;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/**
 * Rank-normalised diagnostics for many parameters of the same shape (chains × draws), reusing its
 * work space; it also hands back each parameter's sorted draws, so the caller reads its quantiles
 * without sorting again.
 */
export class RankDiagnostics {
  readonly chains: number;
  readonly draws: number;
  /** Sequences (m) and draws per sequence (n) after splitting; S = m·n. */
  private readonly m: number;
  private readonly n: number;
  /** The S draws in split order (sequence j at j·n …), their sorted copy, and their order. */
  readonly split: Float64Array;
  readonly sorted: Float64Array;
  private readonly order: Int32Array;
  private readonly foldedOrder: Int32Array;
  private readonly keys: Float64Array;
  private readonly z: Float64Array;
  private readonly zFolded: Float64Array;
  /** For the tail-ESS: which split draws are on the rarer side of a quantile, and how many per sequence. */
  private readonly marked: Uint8Array;
  private readonly counts: Float64Array;
  /** zOfTwiceRank[2r] = Φ⁻¹((r − 3/8) / (S + 1/4)) for every rank r (a multiple of 1/2 with ties). */
  private readonly zOfTwiceRank: Float64Array;
  /** Work space of the float32 sort, made on first use. */
  private radix: { floats: Float32Array; low: Uint32Array; lowTo: Uint32Array; high: Uint32Array; highTo: Uint32Array; indexTo: Int32Array; count: Int32Array } | undefined;

  constructor(chains: number, draws: number) {
    this.chains = chains;
    this.draws = draws;
    this.n = Math.floor(draws / 2);
    this.m = chains * 2;
    const S = this.m * this.n;
    this.split = new Float64Array(S);
    this.sorted = new Float64Array(S);
    this.order = new Int32Array(S);
    this.foldedOrder = new Int32Array(S);
    this.keys = new Float64Array(S);
    this.z = new Float64Array(S);
    this.zFolded = new Float64Array(S);
    this.marked = new Uint8Array(S);
    this.counts = new Float64Array(this.m);
    this.zOfTwiceRank = new Float64Array(2 * S + 2);
    for (let k = 2; k <= 2 * S; k++) this.zOfTwiceRank[k] = normalQuantile((k / 2 - 0.375) / (S + 0.25));
  }

  /**
   * The diagnostics of one parameter, its values at values[offset + c·draws + t]. With
   * `float32`, the values must all be exactly representable as 32-bit floats (as the sampler
   * stores proposal and assessor draws), which allows one native sort to order them.
   * Afterwards `sorted` holds the S split draws in ascending order.
   */
  of(values: ArrayLike<number>, offset: number, float32 = false): ParameterDiagnostics {
    const { m, n, draws, split, sorted, order, foldedOrder, z, zFolded } = this;
    const S = m * n;
    if (n < 2) return { rhat: Number.NaN, bulkRhat: Number.NaN, tailRhat: Number.NaN, essBulk: Number.NaN, essTail: Number.NaN };
    for (let j = 0; j < m; j++) {
      const start = offset + Math.floor(j / 2) * draws + (j % 2) * (draws - n);
      for (let t = 0; t < n; t++) split[j * n + t] = values[start + t]!;
    }
    this.sortWithOrder(float32);

    // Bulk: rank-normalise the draws themselves.
    this.rankNormalise(sorted, order, z);
    const bulk = basicRhatEss(z, m, n);

    // Folded: |x − median|, ordered from the median outwards by merging the two sides of `sorted`.
    const median = quantileSorted(sorted, 0.5);
    let right = lowerBound(sorted, median);
    let left = right - 1;
    const folded = this.keys; // reused: the folded distances in ascending order
    for (let k = 0; k < S; k++) {
      const dl = left >= 0 ? median - sorted[left]! : Infinity;
      const dr = right < S ? sorted[right]! - median : Infinity;
      if (dl <= dr) {
        folded[k] = dl;
        foldedOrder[k] = order[left--]!;
      } else {
        folded[k] = dr;
        foldedOrder[k] = order[right++]!;
      }
    }
    this.rankNormalise(folded, foldedOrder, zFolded);
    const tail = basicRhatEss(zFolded, m, n);

    // Tail-ESS: the ESS of I(x ≤ q) at the 5 % and 95 % quantiles. The draws at or below q are
    // the first ones in `order`; the ESS is computed from the rarer side's positions alone.
    let essTail = Infinity;
    for (const q of [0.05, 0.95]) {
      const below = upperBound(sorted, quantileSorted(sorted, q));
      essTail = Math.min(essTail, below <= S - below ? this.indicatorEss(0, below) : this.indicatorEss(below, S));
    }
    return { rhat: Math.max(bulk.rhat, tail.rhat), bulkRhat: bulk.rhat, tailRhat: tail.rhat, essBulk: bulk.ess, essTail };
  }

  /**
   * The basic ESS of the indicator that is 1 at the split draws order[from … to − 1] and 0
   * elsewhere (the same as of its complement), from those positions alone: at lag t, the pairs
   * that differ are the marked draws with a partner t later or earlier in their sequence, less
   * twice the pairs marked at both ends.
   */
  private indicatorEss(from: number, to: number): number {
    const { m, n, order, marked, counts } = this;
    const S = m * n;
    const c = to - from;
    if (c === 0) return S;
    counts.fill(0);
    for (let k = from; k < to; k++) {
      const e = order[k]!;
      marked[e] = 1;
      counts[Math.floor(e / n)]!++;
    }
    let W = 0;
    let grand = 0;
    for (let j = 0; j < m; j++) {
      const p = counts[j]! / n;
      W += (counts[j]! * (1 - p)) / (n - 1);
      grand += p;
    }
    W /= m;
    grand /= m;
    let B = 0;
    for (let j = 0; j < m; j++) B += (counts[j]! / n - grand) ** 2;
    B = (B * n) / (m - 1);
    const varPlus = ((n - 1) / n) * W + B / n;
    let ess = S;
    if (W > 1e-24) {
      const rho = (t: number) => {
        let differ = 0;
        for (let k = from; k < to; k++) {
          const e = order[k]!;
          const u = e % n;
          if (u >= t) differ++;
          if (u < n - t) {
            differ++;
            if (marked[e + t] === 1) differ -= 2;
          }
        }
        return 1 - differ / (m * (n - t)) / (2 * varPlus);
      };
      ess = geyerEss(S, n, rho);
    }
    for (let k = from; k < to; k++) marked[order[k]!] = 0;
    return ess;
  }

  /**
   * Sorts `split` into `sorted`, with order[k] = the index in `split` of sorted[k] (equal values in
   * index order), by a stable least-significant-digit radix sort (passes of 11 bits; Knuth, TAOCP
   * vol. 3, §5.2.5) of each value's bit pattern mapped to unsigned integers that order like the
   * values: with `float32`, the 32-bit float pattern (three passes), else the 64-bit double's low
   * then high word (six). Several times faster than a native sort by comparator, or of packed keys.
   */
  private sortWithOrder(float32: boolean): void {
    const { split, sorted, order } = this;
    const S = split.length;
    const radix = (this.radix ??= {
      floats: new Float32Array(S),
      low: new Uint32Array(S),
      lowTo: new Uint32Array(S),
      high: new Uint32Array(S),
      highTo: new Uint32Array(S),
      indexTo: new Int32Array(S),
      count: new Int32Array(2048),
    });
    const { count } = radix;
    let low = radix.low;
    let lowTo = radix.lowTo;
    let high = radix.high;
    let highTo = radix.highTo;
    let index = order;
    let indexTo = radix.indexTo;
    if (float32) {
      radix.floats.set(split);
      const bits = new Uint32Array(radix.floats.buffer, 0, S);
      for (let i = 0; i < S; i++) {
        const u = bits[i]!;
        low[i] = u & 0x80000000 ? ~u >>> 0 : (u | 0x80000000) >>> 0;
        index[i] = i;
      }
    } else {
      const words = new Uint32Array(split.buffer, split.byteOffset, 2 * S); // little-endian: low word first
      for (let i = 0; i < S; i++) {
        const l = words[2 * i]!;
        const h = words[2 * i + 1]!;
        const negative = (h & 0x80000000) !== 0;
        low[i] = negative ? ~l >>> 0 : l;
        high[i] = negative ? ~h >>> 0 : (h | 0x80000000) >>> 0;
        index[i] = i;
      }
    }
    const passes = float32 ? 3 : 6;
    for (let pass = 0; pass < passes; pass++) {
      const shift = (pass % 3) * 11;
      const digits = pass < 3 ? low : high;
      count.fill(0);
      for (let i = 0; i < S; i++) count[(digits[i]! >>> shift) & 2047]!++;
      let sum = 0;
      for (let digit = 0; digit < 2048; digit++) {
        const c = count[digit]!;
        count[digit] = sum;
        sum += c;
      }
      for (let i = 0; i < S; i++) {
        const to = count[(digits[i]! >>> shift) & 2047]!++;
        lowTo[to] = low[i]!;
        if (!float32) highTo[to] = high[i]!;
        indexTo[to] = index[i]!;
      }
      [low, lowTo] = [lowTo, low];
      [high, highTo] = [highTo, high];
      [index, indexTo] = [indexTo, index];
    }
    if (index !== order) order.set(index);
    for (let k = 0; k < S; k++) sorted[k] = split[order[k]!]!;
  }

  /** Rank-normalises into z: the draw order[k] has the k-th smallest value ascending[k]; ties share their average rank. */
  private rankNormalise(ascending: Float64Array, order: Int32Array, z: Float64Array): void {
    const S = ascending.length;
    const table = this.zOfTwiceRank;
    let k = 0;
    while (k < S) {
      let end = k + 1;
      while (end < S && ascending[end] === ascending[k]) end++;
      // Ranks k + 1 … end share their average (k + 1 + end) / 2, i.e. twice it is k + 1 + end.
      const value = table[k + 1 + end]!;
      for (let i = k; i < end; i++) z[order[i]!] = value;
      k = end;
    }
  }
}

/** The first index whose value is at least x, in ascending values. */
function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index whose value is above x, in ascending values. */
function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The q-quantile (0–1) of sorted values, linearly interpolated (type 7, as R's default). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
