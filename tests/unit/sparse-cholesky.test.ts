import { describe, expect, it } from "vitest";
import { backwardSolveLt, factorNumeric, forwardSolveL, symbolicFactor } from "@/lib/domain/calibration/sparse-cholesky";
import { seededRng } from "@/lib/domain/calibration/prng";

describe("step 1's sparse Cholesky factor", () => {
  it("factors a (μ, b) system on a ring of assessors exactly, and solves with it", () => {
    // Assessors 0 … 9 on a ring (each linked to the next two), μ linked to all: Q = M Mᵀ + I.
    const B = 10;
    const n = B + 1;
    const linked = (a: number, c: number) => a === c || (a - c + B) % B <= 2 || (c - a + B) % B <= 2;
    const rowStart = new Int32Array(B + 1);
    const col: number[] = [];
    for (let a = 0; a < B; a++) {
      for (let c = 0; c < B; c++) if (linked(a, c)) col.push(c);
      rowStart[a + 1] = col.length;
    }
    const s = symbolicFactor(B, rowStart, Int32Array.from(col), Infinity)!;
    expect(s.flops).toBeLessThan(n ** 3 / 6); // sparser than a dense factor
    const rng = seededRng(1);
    // Q[i][j], i and j in the original order (0 … B − 1 the assessors, B is μ), positive definite.
    const Q = Array.from({ length: n }, () => new Float64Array(n));
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < i; j++) {
        if (i < B && !linked(i, j)) continue;
        Q[i]![j] = Q[j]![i] = rng.next() - 0.5;
      }
      Q[i]![i] = n;
    }
    const at = (i: number) => (i === B ? B : s.position[i]!);
    const L = new Float64Array(s.rowOf.length);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const row = at(i);
        const column = at(j);
        if (row < column || Q[i]![j] === 0) continue;
        let p = s.colStart[column]!;
        while (s.rowOf[p] !== row) p++;
        L[p] = Q[i]![j]!;
      }
    }
    factorNumeric(s, L);
    // L Lᵀ = P Q Pᵀ.
    const dense = Array.from({ length: n }, () => new Float64Array(n));
    for (let c = 0; c < n; c++) for (let p = s.colStart[c]!; p < s.colStart[c + 1]!; p++) dense[s.rowOf[p]!]![c] = L[p]!;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let k = 0; k < n; k++) sum += dense[at(i)]![k]! * dense[at(j)]![k]!;
        expect(sum).toBeCloseTo(Q[i]![j]!, 12);
      }
    }
    // Q x = r through the two triangular solves.
    const r = Array.from({ length: n }, (_, i) => i - 3);
    const v = new Float64Array(n);
    r.forEach((value, i) => (v[at(i)] = value));
    forwardSolveL(s, L, v);
    backwardSolveLt(s, L, v);
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < n; j++) sum += Q[i]![j]! * v[at(j)]!;
      expect(sum).toBeCloseTo(r[i]!, 10);
    }
  });

  it("gives up when the factor would cost more than the budget", () => {
    const B = 30;
    const rowStart = Int32Array.from({ length: B + 1 }, (_, a) => a * B);
    const col = Int32Array.from({ length: B * B }, (_, j) => j % B); // every assessor linked to every other
    expect(symbolicFactor(B, rowStart, col, 1000)).toBeNull();
    expect(symbolicFactor(B, rowStart, col, Infinity)!.flops).toBeGreaterThan(1000);
  });
});
