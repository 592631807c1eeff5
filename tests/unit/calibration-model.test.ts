import { describe, expect, it } from "vitest";
import { splitRhatEss } from "@/lib/domain/calibration/diagnostics";
import { SAMPLER_DEFAULTS } from "@/lib/domain/calibration/analyse";
import { combineChains, fitAdditiveModel, runChain } from "@/lib/domain/calibration/gibbs";
import { separatePanels } from "@/lib/domain/calibration/panels";
import { icc } from "@/lib/domain/calibration/reliability";
import { simulateCall, spearman } from "../support/simulate-call";

// Short chains keep these simulations to seconds; `npm run bench` runs the full-length fits.
const QUICK = { chains: 4, warmup: 150, draws: 200, quality: true };

// A few seconds on an idle machine; the timeout allows for a busy one.
describe("calibration model (Gibbs sampler) against planted truth", { timeout: 30_000 }, () => {
  it("gives the same output for the same data and seed", () => {
    const sim = simulateCall({ seed: 1, proposals: 30, assessors: 10 });
    const a = fitAdditiveModel(sim.observations, { seed: 5, ...QUICK, warmup: 20, draws: 20 });
    const b = fitAdditiveModel(sim.observations, { seed: 5, ...QUICK, warmup: 20, draws: 20 });
    expect(a).toEqual(b);
    const c = fitAdditiveModel(sim.observations, { seed: 6, ...QUICK, warmup: 20, draws: 20 });
    expect(c.proposals[0]!.calibrated).not.toBe(a.proposals[0]!.calibrated);
  });

  it("settles when the assessors do not differ at all (τ_a = 0), where τ_a drawn given b crept", { timeout: 60_000 }, () => {
    // With the sampler's own sweeps (SAMPLER_DEFAULTS). Before τ_a and b were drawn as one block,
    // the first two of these missed bulk-ESS 400 (172 and 184) and the page said "not settled".
    for (const [proposals, assessors, seed] of [
      [200, 40, 1],
      [1000, 100, 1],
      [200, 40, 2],
    ] as const) {
      const sim = simulateCall({ seed, proposals, assessors, tauA: 0, tauP: 20, sigma: 6.7, mu: 60 });
      const fit = fitAdditiveModel(sim.observations, { seed, warmup: SAMPLER_DEFAULTS.warmup, draws: SAMPLER_DEFAULTS.draws, ranks: true });
      expect(fit.diagnostics, `${proposals} × 3, seed ${seed}`).toMatchObject({ converged: true });
      expect(fit.tauAssessor.mean).toBeLessThan(1.5);
    }
  });

  it("ranks closer to the true quality than raw means, on average across seeds, and its 90 % intervals cover the truth 80–97 % of the time", () => {
    const designs = [
      { proposals: 60, assessors: 12 }, // 15 proposals per assessor
      { proposals: 90, assessors: 18 },
      { proposals: 120, assessors: 36 }, // 10 per assessor
      { proposals: 300, assessors: 60 }, // 15 per assessor
      { proposals: 100, assessors: 50 }, // 6 per assessor
    ];
    let rawSum = 0;
    let calibratedSum = 0;
    let covered = 0;
    let total = 0;
    designs.forEach((design, i) => {
      const sim = simulateCall({ seed: 100 + i, ...design });
      const fit = fitAdditiveModel(sim.observations, { seed: 7 + i, ...QUICK });
      rawSum += spearman(sim.rawMeans, sim.theta);
      calibratedSum += spearman(
        fit.proposals.map((p) => p.calibrated),
        sim.theta,
      );
      fit.proposals.forEach((p, j) => {
        total++;
        if (p.quality90!.low <= sim.theta[j]! && sim.theta[j]! <= p.quality90!.high) covered++;
      });
    });
    expect(calibratedSum / designs.length).toBeGreaterThan(rawSum / designs.length);
    const coverage = covered / total;
    expect(coverage).toBeGreaterThanOrEqual(0.8);
    expect(coverage).toBeLessThanOrEqual(0.97);
  });

  it("estimates expected ranks that follow the true order, with rank intervals that contain the expected rank", () => {
    const sim = simulateCall({ seed: 3, proposals: 60, assessors: 12, tauA: 3 });
    const fit = fitAdditiveModel(sim.observations, { seed: 3, ...QUICK, ranks: true });
    const er = fit.proposals.map((p) => p.expectedRank!);
    expect(spearman(er, sim.theta.map((t) => -t))).toBeGreaterThan(0.8);
    for (const p of fit.proposals) {
      expect(p.rank90!.low).toBeLessThanOrEqual(p.rank50!.low);
      expect(p.rank50!.low).toBeLessThanOrEqual(p.expectedRank! + 1e-9);
      expect(p.expectedRank!).toBeLessThanOrEqual(p.rank50!.high + 1e-9);
      expect(p.rank50!.high).toBeLessThanOrEqual(p.rank90!.high);
    }
  });

  it("recovers a lenient and a harsh assessor's leniency", () => {
    const sim = simulateCall({ seed: 11, proposals: 120, assessors: 24, tauA: 8 });
    const fit = fitAdditiveModel(sim.observations, { seed: 2, ...QUICK });
    const estimated = fit.assessors.map((a) => a.leniency);
    expect(spearman(estimated, sim.leniency)).toBeGreaterThan(0.8);
    expect(fit.diagnostics.maxRhat).toBeLessThan(1.1);
  });

  it("estimates ICC(1) within 0.1 of the planted value on a large call", () => {
    // Planted ICC(1) = τ_p² / (τ_p² + τ_a² + σ²) = 100 / (100 + 49 + 64) ≈ 0.469
    // (assessors are random per proposal, so leniency is part of the within-proposal error).
    const planted = 100 / (100 + 49 + 64);
    for (const seed of [21, 22]) {
      const sim = simulateCall({ seed, proposals: 300, assessors: 60 });
      expect(Math.abs(icc(sim.groups)!.icc1 - planted)).toBeLessThan(0.1);
    }
  });

  it("judges convergence by the rank-normalised R-hat: a chain with the right centre but twice the spread is not converged", () => {
    const sim = simulateCall({ seed: 5, proposals: 40, assessors: 10 });
    const options = { seed: 9, warmup: 100, draws: 1000, keep: "scalars" as const };
    const chains = [0, 1, 2, 3].map((c) => runChain(sim.observations, options, c));
    expect(combineChains(sim.observations, options, chains).diagnostics.converged).toBe(true);
    // Chain 0's σ draws spread twice as far around their mean: the classic split R-hat hardly
    // moves, the folded R-hat (Vehtari et al. 2021) sees it.
    const sigma = chains[0]!.scalars.subarray(3 * 1000, 4 * 1000);
    const mean = sigma.reduce((s, v) => s + v, 0) / sigma.length;
    for (let t = 0; t < sigma.length; t++) sigma[t] = mean + 2 * (sigma[t]! - mean);
    const all = new Float64Array(4000);
    chains.forEach((c, i) => all.set(c.scalars.subarray(3 * 1000, 4 * 1000), i * 1000));
    expect(splitRhatEss(all, 0, 4, 1000).rhat).toBeLessThan(1.01);
    const widened = combineChains(sim.observations, options, chains).diagnostics;
    expect(widened.worst).toBe("σ");
    expect(widened.maxRhat).toBeGreaterThan(1.01);
    expect(widened.converged).toBe(false);
  });

  it("detects a split-panel design and finds one panel in a connected design", () => {
    const split = simulateCall({ seed: 4, proposals: 60, assessors: 12, split: true });
    const panels = separatePanels(split.edges);
    expect(panels).toHaveLength(2);
    expect(panels.map((p) => p.proposalIds.length)).toEqual([30, 30]);
    expect(panels[0]!.assessorIds.every((a) => a < 6) || panels[0]!.assessorIds.every((a) => a >= 6)).toBe(true);

    const connected = simulateCall({ seed: 4, proposals: 60, assessors: 12 });
    expect(separatePanels(connected.edges)).toHaveLength(1);
  });
});
