/**
 * A sparse Cholesky factor of the sampler's (μ, b) system (gibbs.ts, step 1), for drawing from
 * N(Q⁻¹r, Q⁻¹) as in Rue, "Fast sampling of Gaussian Markov random fields", JRSS B 63(2), 2001
 * (Rue & Held, "Gaussian Markov Random Fields", 2005, §2.4: reorder to keep the factor sparse,
 * factor once per draw, two triangular solves).
 *
 * The b-block is as sparse as the assessor graph (two assessors are linked when they scored the
 * same proposal); μ is linked to every assessor and goes last, so it adds one row to each column
 * and no fill. The assessors are ordered by minimum degree (Tinney & Walker, "Direct solutions of
 * sparse network equations by optimally ordered triangular factorization", Proc. IEEE 55(11),
 * 1967; George & Liu, "The evolution of the minimum degree ordering algorithm", SIAM Review
 * 31(1), 1989), eliminating the graph explicitly: the neighbours of each assessor when it is
 * eliminated are exactly the rows of its column of L, so the same pass gives the factor's pattern.
 * The pattern depends only on who scored what, so it is computed once per design; each sweep
 * refills the values and factors them left-looking (Davis, "Direct Methods for Sparse Linear
 * Systems", SIAM 2006, §4.8), each update going straight to its precomputed place.
 */
export interface SymbolicFactor {
  /** Unknowns: 0 … B − 1 the assessors, B is μ. */
  n: number;
  /** Position of assessor a in the factor's order (μ is at B). */
  position: Int32Array;
  /** Column j of L holds rows rowOf[colStart[j] … colStart[j + 1] − 1], ascending, the diagonal first. */
  colStart: Int32Array;
  rowOf: Int32Array;
  /**
   * The left-looking updates of column j: for u in updStart[j] … updStart[j + 1] − 1, the entry
   * L[j, k] of an earlier column k is at updFrom[u], and column k's rows from there to updTo[u] − 1
   * (all at or below j) update column j.
   */
  updStart: Int32Array;
  updFrom: Int32Array;
  updTo: Int32Array;
  /**
   * Where each of those entries lands in column j: the entry at p (updFrom[u] ≤ p < updTo[u])
   * updates values[target[p + targetShift[u]]]. The pattern is fixed, so this replaces a scatter
   * into a work vector and a gather back with one indexed update per multiply–add.
   */
  targetShift: Int32Array;
  target: Int32Array;
  /** Multiply–adds of one numeric factorisation. */
  flops: number;
}

/**
 * The minimum-degree order and the pattern of L for a B-assessor graph given as a CSR pattern
 * (each row's columns, the row itself allowed and ignored). Returns null as soon as the
 * factorisation would cost more than `budget` multiply–adds (then conjugate gradients are cheaper).
 */
export function symbolicFactor(B: number, rowStart: Int32Array, col: Int32Array, budget: number): SymbolicFactor | null {
  const adjacent: Set<number>[] = [];
  for (let a = 0; a < B; a++) {
    const set = new Set<number>();
    for (let j = rowStart[a]!; j < rowStart[a + 1]!; j++) if (col[j] !== a) set.add(col[j]!);
    adjacent.push(set);
  }
  const eliminated = new Uint8Array(B);
  const order = new Int32Array(B);
  const neighboursAt: number[][] = [];
  let flops = 0;
  for (let step = 0; step < B; step++) {
    // The uneliminated assessor of fewest neighbours (the lowest index among equals).
    let v = -1;
    let degree = Infinity;
    for (let a = 0; a < B; a++) {
      if (eliminated[a] === 0 && adjacent[a]!.size < degree) {
        degree = adjacent[a]!.size;
        v = a;
      }
    }
    const neighbours = [...adjacent[v]!];
    // Column v has degree + 1 entries below its diagonal (μ included); each later column it
    // touches is updated by the entries at and below that row.
    flops += ((degree + 1) * (degree + 2)) / 2;
    if (flops > budget) return null;
    for (const u of neighbours) {
      const set = adjacent[u]!;
      set.delete(v);
      for (const w of neighbours) if (w !== u) set.add(w);
    }
    adjacent[v]!.clear();
    eliminated[v] = 1;
    order[step] = v;
    neighboursAt.push(neighbours);
  }

  const n = B + 1;
  const position = new Int32Array(B);
  for (let step = 0; step < B; step++) position[order[step]!] = step;
  const colStart = new Int32Array(n + 1);
  for (let j = 0; j < B; j++) colStart[j + 1] = colStart[j]! + neighboursAt[j]!.length + 2; // diagonal, neighbours, μ
  colStart[n] = colStart[B]! + 1;
  const rowOf = new Int32Array(colStart[n]!);
  for (let j = 0; j < B; j++) {
    const rows = neighboursAt[j]!.map((a) => position[a]!).sort((x, y) => x - y);
    rowOf[colStart[j]!] = j;
    rows.forEach((r, i) => (rowOf[colStart[j]! + 1 + i] = r));
    rowOf[colStart[j + 1]! - 1] = B;
  }
  rowOf[colStart[B]!] = B;

  // The update lists, grouped by the column updated, each in ascending order of the updating column.
  const updCount = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) for (let p = colStart[k]! + 1; p < colStart[k + 1]!; p++) updCount[rowOf[p]! + 1]!++;
  const updStart = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) updStart[j + 1] = updStart[j]! + updCount[j + 1]!;
  const fill = updStart.slice(0, n);
  const updFrom = new Int32Array(updStart[n]!);
  const updTo = new Int32Array(updStart[n]!);
  for (let k = 0; k < n; k++) {
    for (let p = colStart[k]! + 1; p < colStart[k + 1]!; p++) {
      const at = fill[rowOf[p]!]!++;
      updFrom[at] = p;
      updTo[at] = colStart[k + 1]!;
    }
  }
  const targetShift = new Int32Array(updStart[n]!);
  let targets = 0;
  for (let u = 0; u < updStart[n]!; u++) targets += updTo[u]! - updFrom[u]!;
  const target = new Int32Array(targets);
  targets = 0;
  for (let j = 0; j < n; j++) {
    for (let u = updStart[j]!; u < updStart[j + 1]!; u++) {
      targetShift[u] = targets - updFrom[u]!;
      // Column k's rows from j on are a subset of column j's; both ascending.
      let q = colStart[j]!;
      for (let p = updFrom[u]!; p < updTo[u]!; p++) {
        while (rowOf[q] !== rowOf[p]) q++;
        target[targets++] = q;
      }
    }
  }
  return { n, position, colStart, rowOf, updStart, updFrom, updTo, targetShift, target, flops };
}

/**
 * Factors in place: `values` holds the lower triangle of the permuted Q on the factor's pattern
 * (zeros at fill positions) and becomes L.
 */
export function factorNumeric(s: SymbolicFactor, values: Float64Array): void {
  const { n, colStart, updStart, updFrom, updTo, targetShift, target } = s;
  for (let j = 0; j < n; j++) {
    const c0 = colStart[j]!;
    const c1 = colStart[j + 1]!;
    for (let u = updStart[j]!; u < updStart[j + 1]!; u++) {
      const from = updFrom[u]!;
      const to = updTo[u]!;
      const shift = targetShift[u]!;
      const ljk = values[from]!;
      for (let p = from; p < to; p++) values[target[p + shift]!]! -= values[p]! * ljk;
    }
    const d = values[c0]!;
    if (!(d > 0)) throw new Error("The (μ, b) system is not positive definite");
    const root = Math.sqrt(d);
    values[c0] = root;
    const inv = 1 / root;
    for (let p = c0 + 1; p < c1; p++) values[p]! *= inv;
  }
}

/** Solves L w = v in place. */
export function forwardSolveL(s: SymbolicFactor, L: Float64Array, v: Float64Array): void {
  const { n, colStart, rowOf } = s;
  for (let j = 0; j < n; j++) {
    const c0 = colStart[j]!;
    const w = v[j]! / L[c0]!;
    v[j] = w;
    for (let p = c0 + 1; p < colStart[j + 1]!; p++) v[rowOf[p]!]! -= L[p]! * w;
  }
}

/** Solves Lᵀ x = v in place. */
export function backwardSolveLt(s: SymbolicFactor, L: Float64Array, v: Float64Array): void {
  const { n, colStart, rowOf } = s;
  for (let j = n - 1; j >= 0; j--) {
    const c0 = colStart[j]!;
    let sum = v[j]!;
    for (let p = c0 + 1; p < colStart[j + 1]!; p++) sum -= L[p]! * v[rowOf[p]!]!;
    v[j] = sum / L[c0]!;
  }
}
