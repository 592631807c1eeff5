import { describe, expect, it } from "vitest";
import { analyseCalibration, type CalibrationResult } from "@/lib/domain/calibration/analyse";
import { combineChains, fitAdditiveModel, quantilesInPlace, runChain } from "@/lib/domain/calibration/gibbs";
import { quantileSorted } from "@/lib/domain/calibration/diagnostics";
import { seededRng } from "@/lib/domain/calibration/prng";
import { analyseCalibrationInParallel } from "@/lib/server/jobs/calibration-parallel";
import { simulateCall, simulateCalibrationInput } from "../support/simulate-call";

const withoutTimings = ({ seconds: _s, fitSeconds: _f, ...rest }: CalibrationResult) => rest;

describe("calibration chains in parallel", { timeout: 60_000 }, () => {
  it("gives the same fit whatever order its chains ran in", () => {
    const sim = simulateCall({ seed: 8, proposals: 40, assessors: 10 });
    const options = { seed: 3, warmup: 30, draws: 40, ranks: true };
    const serial = fitAdditiveModel(sim.observations, options);
    const chains = [3, 1, 0, 2].map((c) => runChain(sim.observations, options, c));
    expect(combineChains(sim.observations, options, chains)).toEqual(serial);
  });

  it("gives the same analysis with its chains run in helper threads as in one thread", async () => {
    const { input } = simulateCalibrationInput(60, 12, 5);
    const sampled = { ...input, sampler: { warmup: 30, draws: 60, criterionWarmup: 30, criterionDraws: 40 } };
    const serial = analyseCalibration(sampled);
    const shared = await analyseCalibrationInParallel(sampled, () => {}, { helpers: 1 });
    expect(withoutTimings(shared)).toEqual(withoutTimings(serial));
    // Every chain in a helper thread (none in this one).
    const parallel = await analyseCalibrationInParallel(sampled, () => {}, { helpers: 2, local: false });
    expect(withoutTimings(parallel)).toEqual(withoutTimings(serial));
    expect(parallel.fitSeconds.map((f) => f.key)).toEqual(["total", ...input.config.criteria.map((c) => c.key)]);
  });
});

describe("quantiles by selection", () => {
  it("match sorting and interpolating (type 7), ties included", () => {
    const rng = seededRng(4);
    for (const n of [1, 2, 7, 100, 1001]) {
      const values = Float64Array.from({ length: n }, () => Math.floor(rng.next() * 20));
      const sorted = Float64Array.from(values).sort();
      const qs = [0.05, 0.25, 0.5, 0.75, 0.95];
      expect(quantilesInPlace(Float64Array.from(values), qs)).toEqual(qs.map((q) => quantileSorted(sorted, q)));
    }
  });
});

describe("ranks and their summaries", { timeout: 60_000 }, () => {
  // Each proposal's rank in a draw is one more than the number of proposals with a higher value;
  // its expected rank and rank intervals are the mean and type-7 quantiles over every draw.
  it.each([50, 1100])("ranks %s proposals in every draw and summarises them as sorting would (native sort below 1,024, radix sort above)", (P) => {
    const sim = simulateCall({ seed: 9, proposals: P, assessors: Math.round(P / 5) });
    const options = { seed: 4, warmup: 5, draws: 12, ranks: true };
    const chains = [0, 1, 2, 3].map((c) => runChain(sim.observations, options, c));
    const { draws } = options;
    for (const chain of chains.slice(0, 2)) {
      for (const s of [0, draws - 1]) {
        const values = Array.from({ length: P }, (_, p) => chain.calibrated[p * draws + s]!);
        const expected = values.map((v) => 1 + values.filter((other) => other > v).length);
        expect(Array.from({ length: P }, (_, p) => chain.ranks![p * draws + s]!)).toEqual(expected);
      }
    }
    const fit = combineChains(sim.observations, options, chains);
    for (const p of [0, 1, Math.floor(P / 2), P - 1]) {
      const ranks = Float64Array.from(chains.flatMap((c) => Array.from(c.ranks!.subarray(p * draws, (p + 1) * draws)))).sort();
      const post = fit.proposals[p]!;
      expect(post.expectedRank).toBeCloseTo(ranks.reduce((a, b) => a + b, 0) / ranks.length, 9);
      expect(post.rank50).toEqual({ low: quantileSorted(ranks, 0.25), high: quantileSorted(ranks, 0.75) });
      expect(post.rank90).toEqual({ low: quantileSorted(ranks, 0.05), high: quantileSorted(ranks, 0.95) });
    }
  });
});

describe("a fit that keeps only the scalars", { timeout: 60_000 }, () => {
  it("gives the same posterior for μ, τ_p, τ_a and σ as the full fit, within Monte Carlo error", () => {
    const sim = simulateCall({ seed: 13, proposals: 60, assessors: 12, mu: 6, tauP: 1.2, tauA: 0.8, sigma: 1 });
    const options = { seed: 2, warmup: 50, draws: 600 };
    const full = fitAdditiveModel(sim.observations, options);
    const scalars = fitAdditiveModel(sim.observations, { ...options, keep: "scalars" });
    expect(scalars.diagnostics.converged).toBe(true);
    for (const key of ["mu", "tauProposal", "tauAssessor", "sigma"] as const) {
      // The posterior SD from the 90 % interval; two means from ≥ 400 effective draws each differ by about 0.07 SD.
      const sd = (full[key].interval90.high - full[key].interval90.low) / 3.29;
      expect(Math.abs(full[key].mean - scalars[key].mean)).toBeLessThan(0.25 * sd);
    }
  });
});

describe("step 1's two exact draws of (μ, b)", { timeout: 60_000 }, () => {
  it("direct (sparse Cholesky) and iterative (conjugate gradients) give the same posterior, within Monte Carlo error", () => {
    const sim = simulateCall({ seed: 21, proposals: 90, assessors: 18 });
    const options = { seed: 4, warmup: 100, draws: 800, ranks: true };
    const direct = fitAdditiveModel(sim.observations, { ...options, solver: "direct" });
    const iterative = fitAdditiveModel(sim.observations, { ...options, solver: "iterative" });
    expect(direct.diagnostics.converged).toBe(true);
    expect(iterative.diagnostics.converged).toBe(true);
    const sdOf = (i: { low: number; high: number }) => (i.high - i.low) / 3.29;
    // Two means from ≥ 400 effective draws each differ by about 0.07 posterior SD; allow 0.3.
    for (const key of ["mu", "tauProposal", "tauAssessor", "sigma"] as const) {
      expect(Math.abs(direct[key].mean - iterative[key].mean)).toBeLessThan(0.3 * sdOf(iterative[key].interval90));
    }
    let worst = 0;
    direct.assessors.forEach((a, i) => (worst = Math.max(worst, Math.abs(a.leniency - iterative.assessors[i]!.leniency) / sdOf(iterative.assessors[i]!.leniency90))));
    direct.proposals.forEach((p, i) => (worst = Math.max(worst, Math.abs(p.calibrated - iterative.proposals[i]!.calibrated) / sdOf(iterative.proposals[i]!.calibrated90))));
    // The largest of 108 such differences: about 0.07 · 3.5 SD.
    expect(worst).toBeLessThan(0.4);
  });

  it("stops conjugate gradients where a draw is off by far less than the Monte Carlo error", () => {
    // Assessors at random, least loaded first (as on the bench's SQLite call): step 1 takes
    // conjugate gradients. The same chain solved to 10⁻¹² uses the same random numbers, so its
    // draws differ from the default's only by the solver's error.
    const rng = seededRng(9);
    const A = 60;
    const load = new Array<number>(A).fill(0);
    const proposal: number[] = [];
    const assessor: number[] = [];
    const y: number[] = [];
    for (let p = 0; p < 600; p++) {
      const start = Math.floor(rng.next() * A);
      const chosen: number[] = [];
      for (let target = Math.min(...load); chosen.length < 3; target++) {
        for (let k = 0; k < A && chosen.length < 3; k++) if (load[(start + k) % A] === target && !chosen.includes((start + k) % A)) chosen.push((start + k) % A);
      }
      const quality = 20 * rng.next();
      for (const a of chosen) {
        load[a]!++;
        proposal.push(p);
        assessor.push(a);
        y.push(40 + quality + (a % 7) + 10 * rng.next());
      }
    }
    const data = { y, proposal, assessor, proposals: 600, assessors: A, scale: { min: 0, max: 100 } };
    const options = { seed: 6, warmup: 10, draws: 60, solver: "iterative" as const };
    const loose = runChain(data, options, 0);
    const tight = runChain(data, { ...options, cgTolerance: 1e-12 }, 0);
    const sd = (values: ArrayLike<number>) => {
      const v = Array.from(values);
      const mean = v.reduce((s, x) => s + x, 0) / v.length;
      return Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (v.length - 1));
    };
    let worst = 0;
    const compare = (a: ArrayLike<number>, b: ArrayLike<number>, count: number, draws: number) => {
      for (let i = 0; i < count; i++) {
        const at = i * draws;
        const spread = sd(Array.from({ length: draws }, (_, s) => b[at + s]!));
        for (let s = 0; s < draws; s++) worst = Math.max(worst, Math.abs(a[at + s]! - b[at + s]!) / spread);
      }
    };
    compare(loose.scalars, tight.scalars, 4, options.draws);
    compare(loose.leniency, tight.leniency, A, options.draws);
    compare(loose.calibrated, tight.calibrated, 600, options.draws);
    // Every draw within 10⁻³ posterior SD (Float32 storage alone rounds to about 10⁻⁶ of it).
    expect(worst).toBeGreaterThan(0);
    expect(worst).toBeLessThan(1e-3);
  });

  it("is chosen by its cost for the design, and the same data and seed give the same draws", () => {
    const sim = simulateCall({ seed: 22, proposals: 60, assessors: 12 });
    const options = { seed: 5, warmup: 20, draws: 40, ranks: true };
    expect(fitAdditiveModel(sim.observations, options)).toEqual(fitAdditiveModel(sim.observations, { ...options, solver: "direct" }));
    expect(fitAdditiveModel(sim.observations, { ...options, solver: "direct" })).toEqual(fitAdditiveModel(sim.observations, { ...options, solver: "direct" }));
    // A rotation's assessor graph is a ring: its factor stays sparse at any size.
    const ring = simulateCall({ seed: 23, proposals: 300, assessors: 60 });
    expect(fitAdditiveModel(ring.observations, options)).toEqual(fitAdditiveModel(ring.observations, { ...options, solver: "direct" }));
    // Three assessors drawn at random for each proposal: the graph is an expander, whose factor
    // fills in (about 2.5 million multiply–adds a sweep here), so conjugate gradients are cheaper.
    const rng = seededRng(3);
    const proposal: number[] = [];
    const assessor: number[] = [];
    const y: number[] = [];
    for (let p = 0; p < 2000; p++) {
      const panel = new Set<number>();
      while (panel.size < 3) panel.add(Math.floor(rng.next() * 300));
      for (const a of panel) {
        proposal.push(p);
        assessor.push(a);
        y.push(50 + 20 * rng.next());
      }
    }
    const random = { y, proposal, assessor, proposals: 2000, assessors: 300, scale: { min: 0, max: 100 } };
    const short = { seed: 5, warmup: 5, draws: 10, chains: 2 };
    expect(fitAdditiveModel(random, short)).toEqual(fitAdditiveModel(random, { ...short, solver: "iterative" }));
  });
});
