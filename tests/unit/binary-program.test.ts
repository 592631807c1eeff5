import { describe, expect, it } from "vitest";
import { lagrangianBound, solveBinaryProgram } from "../../lib/domain/binary-program";
import type { LinearModel } from "../../lib/domain/linear-model";
import { mulberry32 } from "../../lib/domain/mulberry32";
import { solveSparseModel } from "../../lib/server/solver/highs";

/** A random 0–1 program: n binaries (some fixed), a few rows of whole coefficients with lower and/or upper bounds. */
function randomModel(seed: number, grid: number): LinearModel {
  const random = mulberry32(seed);
  const n = 3 + Math.floor(random() * 10);
  const m = 1 + Math.floor(random() * 4);
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  for (let r = 0; r < m; r++) {
    let total = 0;
    for (let j = 0; j < n; j++) {
      if (random() < 0.6) {
        const a = 1 + Math.floor(random() * 9);
        indices.push(j);
        values.push(a);
        total += a;
      }
    }
    starts.push(indices.length);
    const kind = random();
    lower.push(kind < 0.3 ? Math.floor(total * random() * 0.5) : -Infinity);
    upper.push(kind < 0.15 ? Infinity : Math.floor(total * (0.3 + random() * 0.5)));
  }
  const colLower = Array.from({ length: n }, () => (random() < 0.08 ? 1 : 0));
  const colUpper = colLower.map((l) => (l === 1 || random() > 0.08 ? 1 : 0));
  return {
    sense: random() < 0.75 ? "maximize" : "minimize",
    colCost: Array.from({ length: n }, () => (grid > 0 ? Math.round((random() * 20 - 4) / grid) * grid : random() * 20 - 4)),
    colLower,
    colUpper,
    integer: new Array<boolean>(n).fill(true),
    rowStarts: starts,
    rowIndices: indices,
    rowValues: values,
    rowLower: lower,
    rowUpper: upper,
  };
}

/** Every 0–1 point, checked exactly: the best objective, or null when none is feasible. */
function bruteForce(model: LinearModel): number | null {
  const n = model.colCost.length;
  let best: number | null = null;
  for (let mask = 0; mask < 1 << n; mask++) {
    const x = Array.from({ length: n }, (_, j) => (mask >> j) & 1);
    if (x.some((v, j) => v < model.colLower[j]! || v > model.colUpper[j]!)) continue;
    let ok = true;
    for (let r = 0; r < model.rowLower.length && ok; r++) {
      let activity = 0;
      for (let k = model.rowStarts[r]!; k < model.rowStarts[r + 1]!; k++) activity += model.rowValues[k]! * x[model.rowIndices[k]!]!;
      ok = activity >= model.rowLower[r]! && activity <= model.rowUpper[r]!;
    }
    if (!ok) continue;
    const z = x.reduce((s, v, j) => s + v * model.colCost[j]!, 0);
    if (best === null || (model.sense === "maximize" ? z > best : z < best)) best = z;
  }
  return best;
}

describe("0–1 programs by reduced-cost fixing", () => {
  it("matches enumeration from a tiny first guess, with and without a grid, starts and unrelated duals", async () => {
    let feasible = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const grid = seed % 3 === 0 ? 0 : 0.1;
      const model = randomModel(seed, grid);
      const best = bruteForce(model);
      const n = model.colCost.length;
      const random = mulberry32(seed * 7);
      const variants = [
        { initialFreeColumns: 1 },
        { initialFreeColumns: 2, dualHint: Array.from(model.rowLower, () => random() * 4 - 2) },
        { start: Array.from({ length: n }, () => (random() < 0.5 ? 1 : 0)) },
      ];
      for (const variant of variants) {
        const result = await solveBinaryProgram(model, solveSparseModel, { grid, ...variant });
        if (best === null) {
          expect(result.status, `seed ${seed}`).toBe("infeasible");
          continue;
        }
        expect(result.status, `seed ${seed}`).toBe("optimal");
        expect(result.objective!, `seed ${seed} ${JSON.stringify(variant)}`).toBeCloseTo(best, 6);
        expect(bruteForce({ ...model, colLower: result.colValues, colUpper: result.colValues })).toBeCloseTo(best, 6);
      }
      if (best !== null) feasible += 1;
    }
    expect(feasible).toBeGreaterThan(30);
  }, 60_000);

  it("bounds every feasible point by B(y) for any row multipliers y", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const model = randomModel(seed, 0.1);
      const best = bruteForce(model);
      if (best === null) continue;
      const random = mulberry32(seed);
      const { value } = lagrangianBound(model, Array.from(model.rowLower, () => random() * 6 - 3));
      if (model.sense === "maximize") expect(value).toBeGreaterThanOrEqual(best - 1e-9);
      else expect(-value).toBeLessThanOrEqual(best + 1e-9);
    }
  });
});
