/**
 * Convergence diagnostics for several MCMC chains of one parameter, laid out as `chains`
 * consecutive runs of `draws` values. Both use split chains (each chain cut in two halves), as in
 * Gelman et al., Bayesian Data Analysis, 3rd ed. (2013), §11.4–11.5:
 * - split R-hat: sqrt(var⁺ / W), var⁺ = (n − 1)/n · W + B/n;
 * - effective sample size: m·n / (1 + 2 Σ ρ̂_t), ρ̂_t = 1 − V_t / (2 var⁺) from the variogram V_t,
 *   the sum taken as −1 + 2 Σ_k Γ_k over the pairs Γ_k = ρ̂_2k + ρ̂_2k+1 (ρ̂_0 = 1) while they stay
 *   positive, each capped at the one before (Geyer's initial monotone sequence: Geyer,
 *   "Practical Markov chain Monte Carlo", Statistical Science 7(4), 1992, §3.3; as in Vehtari et
 *   al., Bayesian Analysis 16(2), 2021, eq. 10, and Stan). Pairing from lag 0 is what makes it
 *   right for antithetic chains too (ESS above the number of draws). Without the cap, noise in the
 *   many small autocorrelations of nearly independent draws could add up and report a fraction of
 *   the true ESS. Capped at m·n·log10(m·n), as Stan does.
 */
export function splitRhatEss(values: ArrayLike<number>, offset: number, chains: number, draws: number): { rhat: number; ess: number } {
  const n = Math.floor(draws / 2);
  const m = chains * 2;
  if (n < 2) return { rhat: Number.NaN, ess: Number.NaN };
  const seqStart = (j: number) => offset + Math.floor(j / 2) * draws + (j % 2) * (draws - n);
  const means = new Float64Array(m);
  let W = 0;
  for (let j = 0; j < m; j++) {
    const start = seqStart(j);
    let s = 0;
    for (let t = 0; t < n; t++) s += values[start + t]!;
    const mean = s / n;
    means[j] = mean;
    let ss = 0;
    for (let t = 0; t < n; t++) ss += (values[start + t]! - mean) ** 2;
    W += ss / (n - 1);
  }
  W /= m;
  let grand = 0;
  for (let j = 0; j < m; j++) grand += means[j]!;
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
      const start = seqStart(j);
      for (let i = t; i < n; i++) v += (values[start + i]! - values[start + i - t]!) ** 2;
    }
    v /= m * (n - t);
    return 1 - v / (2 * varPlus);
  };
  // Geyer's initial monotone sequence: Γ_k = ρ̂_2k + ρ̂_2k+1 (k ≥ 0, ρ̂_0 = 1), summed while
  // positive, each capped at the one before; then 1 + 2 Σ_t ρ̂_t = −1 + 2 Σ_k Γ_k.
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
  const ess = (m * n) / Math.max(1e-9, -1 + 2 * sumGamma);
  return { rhat, ess: Math.min(ess, m * n * Math.log10(m * n)) };
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
