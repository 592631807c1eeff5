import { describe, expect, it } from "vitest";
import { loadHighs, solveSparseModel, type SparseLinearModel } from "../../lib/server/solver/highs";

// The README example of the `highs` package: max 30c + 50t, c + 2t ≤ 40, 2c + t ≤ 50; optimum 1100 at (20, 10).
const workshop = (integer: boolean): SparseLinearModel => ({
  sense: "maximize",
  colCost: [30, 50],
  colLower: [0, 0],
  colUpper: [Infinity, Infinity],
  ...(integer ? { integer: [true, true] } : {}),
  rowStarts: [0, 2, 4],
  rowIndices: [0, 1, 0, 1],
  rowValues: [1, 2, 2, 1],
  rowLower: [-Infinity, -Infinity],
  rowUpper: [40, 50],
});

describe("HiGHS wrapper", () => {
  it("solves a small integer program to its known optimum", async () => {
    const result = await solveSparseModel(workshop(true));
    expect(result.status).toBe("optimal");
    expect(result.objective).toBeCloseTo(1100, 6);
    expect(Array.from(result.colValues)).toEqual([20, 10]);
    expect(result.reducedCosts).toBeNull();
  });

  it("gives duals and reduced costs for a linear program", async () => {
    // LP: both rows bind; duals solve [1 2; 2 1]ᵀ y = (30, 50): y = (70/3, 10/3).
    const result = await solveSparseModel(workshop(false));
    expect(result.status).toBe("optimal");
    expect(result.rowDuals?.[0]).toBeCloseTo(70 / 3, 6);
    expect(result.rowDuals?.[1]).toBeCloseTo(10 / 3, 6);
    expect(Array.from(result.reducedCosts ?? []).map((v) => Math.abs(v))).toEqual([0, 0]);
  });

  it("reports an infeasible model with no solution", async () => {
    const result = await solveSparseModel({
      sense: "maximize",
      colCost: [1],
      colLower: [0],
      colUpper: [1],
      integer: [true],
      rowStarts: [0, 1],
      rowIndices: [0],
      rowValues: [1],
      rowLower: [2],
      rowUpper: [Infinity],
    });
    expect(result.status).toBe("infeasible");
    expect(result.objective).toBeNull();
    expect(result.colValues).toHaveLength(0);
  });

  it("refuses a model whose arrays disagree in length", async () => {
    await expect(solveSparseModel({ ...workshop(true), colUpper: [1] })).rejects.toThrow(/colUpper/);
  });

  it("frees each model's memory, so repeated solves do not grow the runtime", async () => {
    const highs = await loadHighs();
    await solveSparseModel(workshop(true));
    const before = highs.memoryBytes;
    for (let i = 0; i < 12; i++) await solveSparseModel(workshop(i % 2 === 0));
    expect(highs.memoryBytes).toBe(before);
  }, 30_000);
});
