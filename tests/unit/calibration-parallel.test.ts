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
