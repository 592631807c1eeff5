import { describe, expect, it } from "vitest";
import { basicRhatEss, normalQuantile, quantileSorted, RankDiagnostics, splitRhatEss } from "@/lib/domain/calibration/diagnostics";
import { FastRng, normal, seededRng } from "@/lib/domain/calibration/prng";

/** `chains` stationary AR(1) chains x_t = φ x_{t−1} + √(1 − φ²) ε_t, laid out one after another. */
function ar1Chains(phi: number, chains: number, draws: number, seed: number, shift: (chain: number) => number = () => 0): Float64Array {
  const rng = seededRng(seed);
  const values = new Float64Array(chains * draws);
  const innovation = Math.sqrt(1 - phi * phi);
  for (let c = 0; c < chains; c++) {
    let x = normal(rng);
    for (let t = 0; t < draws; t++) {
      x = phi * x + innovation * normal(rng);
      values[c * draws + t] = x + shift(c);
    }
  }
  return values;
}

describe("convergence diagnostics against known truth (rank-normalised split R-hat, bulk- and tail-ESS; Vehtari et al. 2021)", () => {
  // An AR(1) chain with coefficient φ has integrated autocorrelation time (1 + φ)/(1 − φ), so
  // N draws are worth N(1 − φ)/(1 + φ) independent ones (e.g. Geyer 1992, §3.1). Rank-normalising
  // normal draws barely changes them, so the bulk-ESS has the same truth.
  it.each([0.9, 0.5, 0, -0.5])("estimates the effective sample size of AR(1) chains with φ = %s", (phi) => {
    const chains = 4;
    const draws = 10_000;
    const truth = (chains * draws * (1 - phi)) / (1 + phi);
    const diagnose = new RankDiagnostics(chains, draws);
    for (const seed of [1, 2]) {
      const values = ar1Chains(phi, chains, draws, seed);
      const classic = splitRhatEss(values, 0, chains, draws);
      expect(classic.ess / truth).toBeGreaterThan(0.85);
      expect(classic.ess / truth).toBeLessThan(1.15);
      expect(classic.rhat).toBeLessThan(1.01);
      const d = diagnose.of(values, 0);
      expect(d.essBulk / truth).toBeGreaterThan(0.85);
      expect(d.essBulk / truth).toBeLessThan(1.15);
      expect(d.rhat).toBeLessThan(1.01);
      expect(d.rhat).toBeGreaterThan(0.99);
    }
  });

  it("gives R-hat about 1.00 and tail-ESS about the number of draws for independent chains from one distribution", () => {
    const chains = 4;
    const draws = 1000;
    const diagnose = new RankDiagnostics(chains, draws);
    for (const seed of [5, 6, 7]) {
      const d = diagnose.of(ar1Chains(0, chains, draws, seed), 0);
      expect(Math.abs(d.rhat - 1)).toBeLessThan(0.01);
      expect(d.bulkRhat).toBeLessThanOrEqual(d.rhat);
      expect(d.tailRhat).toBeLessThanOrEqual(d.rhat);
      // The indicators I(x ≤ q) of independent draws are independent: ESS ≈ S.
      expect(d.essTail / (chains * draws)).toBeGreaterThan(0.75);
      expect(d.essTail / (chains * draws)).toBeLessThan(1.25);
    }
    // Heavy tails (Cauchy draws: no mean, no variance) do not upset the rank-normalised R-hat.
    const rng = seededRng(8);
    const cauchy = Float64Array.from({ length: chains * draws }, () => Math.tan(Math.PI * (rng.next() - 0.5)));
    expect(Math.abs(diagnose.of(cauchy, 0).rhat - 1)).toBeLessThan(0.01);
  });

  it("flags chains whose means differ, and a chain that drifts within itself, above 1.01", () => {
    const chains = 4;
    const draws = 1000;
    const diagnose = new RankDiagnostics(chains, draws);
    const apart = ar1Chains(0.5, chains, draws, 3, (c) => (c === 0 ? 0.5 : 0));
    expect(diagnose.of(apart, 0).bulkRhat).toBeGreaterThan(1.01);
    expect(diagnose.of(apart, 0).rhat).toBeGreaterThan(1.01);
    // A chain that drifts within itself is caught by splitting it in halves.
    const drifting = ar1Chains(0, chains, draws, 4).map((v, i) => v + ((i % draws) / draws) * 1.5);
    expect(diagnose.of(drifting, 0).rhat).toBeGreaterThan(1.01);
  });

  it("flags a chain with the same mean but twice the spread, which the classic split R-hat misses", () => {
    const chains = 4;
    const draws = 1000;
    const diagnose = new RankDiagnostics(chains, draws);
    for (const seed of [9, 10]) {
      const wider = ar1Chains(0, chains, draws, seed).map((v, i) => (i < draws ? 2 * v : v));
      expect(splitRhatEss(wider, 0, chains, draws).rhat).toBeLessThan(1.01);
      const d = diagnose.of(wider, 0);
      expect(d.tailRhat).toBeGreaterThan(1.01);
      expect(d.rhat).toBeGreaterThan(1.01);
    }
  });

  it("reads the values at an offset, sorts 32-bit draws natively with the same result, and gives tied values their average rank", () => {
    const chains = 4;
    const draws = 500;
    const diagnose = new RankDiagnostics(chains, draws);
    const values = Float64Array.from(ar1Chains(0.3, chains, draws, 11), Math.fround);
    const padded = new Float64Array(7 + chains * draws);
    padded.set(values, 7);
    const plain = diagnose.of(values, 0);
    expect(diagnose.of(padded, 7)).toEqual(plain);
    expect(diagnose.of(values, 0, true)).toEqual(plain);
    expect(diagnose.sorted[0]).toBe(Math.min(...values));
    // Integers 0–3 (many ties) from the same distribution in every chain: R-hat about 1.
    const rng = seededRng(12);
    const ties = Float64Array.from({ length: chains * draws }, () => Math.floor(rng.next() * 4));
    expect(Math.abs(diagnose.of(ties, 0).rhat - 1)).toBeLessThan(0.01);
    // Every draw equal: nothing to compare, R-hat 1.
    expect(diagnose.of(new Float64Array(chains * draws).fill(3), 0).rhat).toBe(1);
  });

  it("computes the tail-ESS from the rarer side's positions exactly as from the whole indicator", () => {
    for (const [phi, draws] of [
      [0, 1000],
      [0.9, 2000],
      [-0.3, 401],
    ] as const) {
      const values = ar1Chains(phi, 4, draws, 14);
      const n = Math.floor(draws / 2);
      const split = new Float64Array(8 * n);
      for (let j = 0; j < 8; j++) split.set(values.subarray(Math.floor(j / 2) * draws + (j % 2) * (draws - n), Math.floor(j / 2) * draws + (j % 2) * (draws - n) + n), j * n);
      const sorted = Float64Array.from(split).sort();
      const dense = Math.min(
        ...[0.05, 0.95].map((q) => {
          const cut = quantileSorted(sorted, q);
          return basicRhatEss(split.map((v) => (v <= cut ? 1 : 0)), 8, n).ess;
        }),
      );
      expect(new RankDiagnostics(4, draws).of(values, 0).essTail).toBeCloseTo(dense, 6);
    }
  });

  it("computes the standard normal quantile", () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(0.8413447460685429)).toBeCloseTo(1, 8);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 8);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 7);
    expect(normalQuantile(0.02)).toBeCloseTo(-2.053748910631823, 8);
  });
});

describe("the sampler's normal generator (ziggurat)", () => {
  it("matches the standard normal's moments, tails and distribution function", () => {
    const rng = new FastRng(42);
    const n = 400_000;
    const values = new Float64Array(n);
    let sum = 0;
    let sumSq = 0;
    let sum4 = 0;
    let beyondR = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.normal();
      values[i] = x;
      sum += x;
      sumSq += x * x;
      sum4 += x ** 4;
      if (Math.abs(x) > 3.442619855899) beyondR++;
    }
    expect(Math.abs(sum / n)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    expect(Math.abs(sum4 / n - 3)).toBeLessThan(4 * Math.sqrt(96 / n));
    // P(|Z| > 3.4426) = 5.76e-4: the tail past the base layer is sampled too.
    expect(Math.abs(beyondR / n - 5.76e-4)).toBeLessThan(4 * Math.sqrt(5.76e-4 / n));
    // Kolmogorov–Smirnov against Φ (erf by Abramowitz & Stegun 7.1.26, error < 1.5e-7).
    const erf = (z: number) => {
      const t = 1 / (1 + 0.3275911 * Math.abs(z));
      const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
      return z < 0 ? -y : y;
    };
    values.sort();
    let d = 0;
    for (let i = 0; i < n; i++) {
      const f = 0.5 * (1 + erf(values[i]! / Math.SQRT2));
      d = Math.max(d, Math.abs(f - i / n), Math.abs(f - (i + 1) / n));
    }
    expect(d * Math.sqrt(n)).toBeLessThan(1.63); // the 1 % critical value
  });
});
