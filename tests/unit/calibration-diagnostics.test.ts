import { describe, expect, it } from "vitest";
import { splitRhatEss } from "@/lib/domain/calibration/diagnostics";
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

describe("convergence diagnostics against known truth", () => {
  // An AR(1) chain with coefficient φ has integrated autocorrelation time (1 + φ)/(1 − φ), so
  // N draws are worth N(1 − φ)/(1 + φ) independent ones (e.g. Geyer 1992, §3.1).
  it.each([0.9, 0.5, 0, -0.5])("estimates the effective sample size of AR(1) chains with φ = %s", (phi) => {
    const chains = 4;
    const draws = 10_000;
    const truth = (chains * draws * (1 - phi)) / (1 + phi);
    for (const seed of [1, 2]) {
      const { ess, rhat } = splitRhatEss(ar1Chains(phi, chains, draws, seed), 0, chains, draws);
      expect(ess / truth).toBeGreaterThan(0.85);
      expect(ess / truth).toBeLessThan(1.15);
      expect(rhat).toBeLessThan(1.01);
    }
  });

  it("flags chains that disagree with a split R-hat above 1.01, and reads the values at an offset", () => {
    const chains = 4;
    const draws = 1000;
    const apart = ar1Chains(0.5, chains, draws, 3, (c) => (c === 0 ? 0.5 : 0));
    expect(splitRhatEss(apart, 0, chains, draws).rhat).toBeGreaterThan(1.01);
    const padded = new Float64Array(7 + chains * draws);
    padded.set(apart, 7);
    expect(splitRhatEss(padded, 7, chains, draws)).toEqual(splitRhatEss(apart, 0, chains, draws));
    // A chain that drifts within itself is caught by splitting it in halves.
    const drifting = ar1Chains(0, chains, draws, 4).map((v, i) => v + ((i % draws) / draws) * 1.5);
    expect(splitRhatEss(drifting, 0, chains, draws).rhat).toBeGreaterThan(1.01);
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
