/**
 * Exact 0–1 programs by reduced-cost fixing. Pure: the solver is passed in (HiGHS in production).
 *
 * Branch-and-cut on a whole selection model (thousands of binaries, most of them obviously in or
 * out) spends its time on cuts and heuristics over columns that cannot matter. The classical
 * remedy is reduced-cost fixing (Dantzig, Fulkerson & Johnson 1954; Nemhauser & Wolsey, "Integer
 * and Combinatorial Optimization", 1988, §II.5.1; Crowder, Johnson & Padberg, Operations Research
 * 31(5), 1983): with row multipliers y and reduced costs d = c − yᵀA, every point of the model
 * satisfies (for a maximisation, by Lagrangian relaxation of the rows)
 *
 *   cᵀx ≤ B(y) − Σ_j |d_j|·[x_j is not at the bound d_j prefers],
 *   B(y) = Σ_r (y_r > 0 ? y_r·U_r : y_r·L_r) + Σ_j max(d_j·l_j, d_j·u_j),
 *
 * for ANY y whose signs match the finite row bounds (y_r > 0 needs U_r, y_r < 0 needs L_r). So once
 * a plan of value z is known, a binary with |d_j| > B − z − δ cannot leave its preferred bound in
 * any plan better than z, where δ is the step of the grid every objective value lies on (0 when
 * there is none). This module computes B and d itself from the LP relaxation's duals, so the
 * fixings are proven by weak duality whatever the LP solver's tolerances were, then solves the
 * small MIP over the columns that are left:
 *
 * 1. solve the LP relaxation (or reuse the duals of a related model with the same rows: any y
 *    gives a valid bound, only a weaker one);
 * 2. fix every binary whose |d_j| exceeds a threshold Δ, solve the restricted MIP;
 * 3. the restricted optimum is a feasible plan z; if Δ ≥ B − z − δ, no fixed column could have
 *    done better and the plan is optimal; otherwise set Δ = B − z − δ and solve again (now proven).
 * The first Δ comes from a known plan (a start) when there is one, else a guess that frees the
 * columns closest to their bound's cost; an infeasible restricted model widens the guess.
 */
import type { LinearModel, LinearSolution, LinearSolveOptions, LinearSolver } from "./linear-model";

export interface BinaryProgramOptions {
  /** Step of the grid every feasible objective value lies on (see qualityResolution); 0 if none. */
  grid: number;
  timeLimitSeconds?: number;
  /** A point believed feasible (checked here): its value seeds the proof. */
  start?: ArrayLike<number>;
  /** Row multipliers of a related model with the same rows (e.g. the same model with more rows bounded). */
  dualHint?: ArrayLike<number>;
  /** Binaries freed in the first restricted MIP when no start proves more (default: the LP's basic ones and 1 % more, at least 20). */
  initialFreeColumns?: number;
}

export interface BinaryProgramSolution extends LinearSolution {
  /** The row multipliers the proof used (reuse them as a dualHint). */
  rowDuals: Float64Array | null;
  /** Reduced costs c − yᵀA under those multipliers, in the maximisation sense (positive: the column prefers its upper bound). */
  reducedCosts: Float64Array | null;
  /** The proven upper bound B (for a maximisation; a lower bound for a minimisation). */
  bound: number | null;
  /** Columns left free in the last restricted MIP. */
  freeColumns: number;
  lpSolves: number;
  mipSolves: number;
}

/** Row activities are compared with this slack (rows are in the model's units). */
const FEASIBILITY = 1e-6;

interface Bound {
  value: number;
  /** Reduced cost per column, in the maximisation sense. */
  reduced: Float64Array;
  y: Float64Array;
}

/**
 * The Lagrangian bound B(y) for a maximisation of sign·c (see the module comment). Signs that the
 * row's bounds do not allow are set to 0. Both y and −y are tried (solvers differ in their sign
 * convention for a maximisation) and the smaller, still valid, bound is kept.
 */
export function lagrangianBound(model: LinearModel, rowDuals: ArrayLike<number>): Bound {
  const sign = model.sense === "maximize" ? 1 : -1;
  const numRows = model.rowLower.length;
  const numCols = model.colCost.length;
  let best: Bound | null = null;
  for (const flip of [1, -1]) {
    const y = new Float64Array(numRows);
    const reduced = new Float64Array(numCols);
    for (let j = 0; j < numCols; j++) reduced[j] = sign * model.colCost[j]!;
    let value = 0;
    for (let r = 0; r < numRows; r++) {
      let yr = flip * (rowDuals[r] ?? 0);
      if (!Number.isFinite(yr) || (yr > 0 && !Number.isFinite(model.rowUpper[r]!)) || (yr < 0 && !Number.isFinite(model.rowLower[r]!))) yr = 0;
      if (yr === 0) continue;
      y[r] = yr;
      value += yr > 0 ? yr * model.rowUpper[r]! : yr * model.rowLower[r]!;
      for (let k = model.rowStarts[r]!; k < model.rowStarts[r + 1]!; k++) reduced[model.rowIndices[k]!]! -= yr * model.rowValues[k]!;
    }
    for (let j = 0; j < numCols; j++) {
      const d = reduced[j]!;
      value += d > 0 ? d * model.colUpper[j]! : d * model.colLower[j]!;
    }
    if (!best || value < best.value) best = { value, reduced, y };
  }
  return best!;
}

/** Whether a point meets every row and column bound (within FEASIBILITY) and is integral where required. */
function isFeasible(model: LinearModel, x: ArrayLike<number>): boolean {
  const numCols = model.colCost.length;
  if (x.length !== numCols) return false;
  for (let j = 0; j < numCols; j++) {
    const v = x[j]!;
    if (v < model.colLower[j]! - FEASIBILITY || v > model.colUpper[j]! + FEASIBILITY) return false;
    if (model.integer?.[j] && Math.abs(v - Math.round(v)) > FEASIBILITY) return false;
  }
  for (let r = 0; r < model.rowLower.length; r++) {
    let activity = 0;
    for (let k = model.rowStarts[r]!; k < model.rowStarts[r + 1]!; k++) activity += model.rowValues[k]! * x[model.rowIndices[k]!]!;
    if (activity < model.rowLower[r]! - FEASIBILITY || activity > model.rowUpper[r]! + FEASIBILITY) return false;
  }
  return true;
}

const objectiveOf = (model: LinearModel, x: ArrayLike<number>) => {
  let z = 0;
  for (let j = 0; j < x.length; j++) z += model.colCost[j]! * x[j]!;
  return z;
};

/** Rounds integer columns of a solver's point to whole numbers. */
function rounded(model: LinearModel, x: ArrayLike<number>): Float64Array {
  return Float64Array.from(x, (v, j) => (model.integer?.[j] ? Math.round(v) : v));
}

/**
 * The model with every column outside `free` fixed at `fixedValue`, its rows shifted by the fixed
 * activity; null when a row left without free columns is broken by the fixings.
 */
function restrict(model: LinearModel, free: Int32Array, fixedValue: Float64Array): { model: LinearModel; offset: number } | null {
  const numCols = model.colCost.length;
  const position = new Int32Array(numCols).fill(-1);
  free.forEach((j, k) => (position[j] = k));
  let offset = 0;
  for (let j = 0; j < numCols; j++) if (position[j] === -1) offset += model.colCost[j]! * fixedValue[j]!;
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  for (let r = 0; r < model.rowLower.length; r++) {
    let fixedActivity = 0;
    const before = indices.length;
    for (let k = model.rowStarts[r]!; k < model.rowStarts[r + 1]!; k++) {
      const j = model.rowIndices[k]!;
      const p = position[j]!;
      if (p === -1) fixedActivity += model.rowValues[k]! * fixedValue[j]!;
      else {
        indices.push(p);
        values.push(model.rowValues[k]!);
      }
    }
    const lo = model.rowLower[r]! - fixedActivity;
    const hi = model.rowUpper[r]! - fixedActivity;
    if (indices.length === before) {
      if (lo > FEASIBILITY || hi < -FEASIBILITY) return null;
      continue;
    }
    starts.push(indices.length);
    lower.push(lo);
    upper.push(hi);
  }
  const pick = <T>(values: ArrayLike<T>) => Array.from(free, (j) => values[j]!);
  return {
    offset,
    model: {
      sense: model.sense,
      colCost: pick(model.colCost),
      colLower: pick(model.colLower),
      colUpper: pick(model.colUpper),
      integer: model.integer ? pick(model.integer) : undefined,
      rowStarts: starts,
      rowIndices: indices,
      rowValues: values,
      rowLower: lower,
      rowUpper: upper,
    },
  };
}

/**
 * Solves a model whose integer columns are binaries (upper − lower ≤ 1) exactly, by reduced-cost
 * fixing around its LP relaxation (see the module comment). Falls back to one plain MIP solve when
 * the LP gives no duals.
 */
export async function solveBinaryProgram(model: LinearModel, solve: LinearSolver, options: BinaryProgramOptions): Promise<BinaryProgramSolution> {
  const numCols = model.colCost.length;
  const sign = model.sense === "maximize" ? 1 : -1;
  const mipOptions: LinearSolveOptions = {
    timeLimitSeconds: options.timeLimitSeconds,
    mipAbsoluteGap: options.grid > 0 ? options.grid / 2 : 0,
  };
  const stats = { lpSolves: 0, mipSolves: 0 };
  const plainMip = async (): Promise<BinaryProgramSolution> => {
    const result = await solve(model, { ...mipOptions, initialSolution: options.start });
    stats.mipSolves += 1;
    return { ...result, rowDuals: null, reducedCosts: null, bound: null, freeColumns: numCols, ...stats };
  };

  // A known plan: its value seeds the proof.
  let incumbent: Float64Array | null = options.start && isFeasible(model, options.start) ? rounded(model, options.start) : null;
  let incumbentValue = incumbent ? sign * objectiveOf(model, incumbent) : -Infinity;

  // The bound: from the hint when it leaves few columns free, else from this model's LP relaxation.
  let bound: Bound | null = options.dualHint ? lagrangianBound(model, options.dualHint) : null;
  const freeAt = (b: Bound, delta: number) => {
    let count = 0;
    for (let j = 0; j < numCols; j++) if (isFixable(model, j) && Math.abs(b.reduced[j]!) <= delta) count += 1;
    return count;
  };
  if (bound && (!incumbent || freeAt(bound, bound.value - incumbentValue) > Math.max(100, numCols / 8))) bound = null;
  if (!bound) {
    const relaxation = await solve({ ...model, integer: undefined }, { timeLimitSeconds: options.timeLimitSeconds, presolve: false });
    stats.lpSolves += 1;
    if (relaxation.status === "infeasible") {
      return { status: "infeasible", objective: null, colValues: [], rowDuals: null, reducedCosts: null, bound: null, freeColumns: 0, ...stats };
    }
    if (relaxation.status !== "optimal" || !relaxation.rowDuals) return plainMip();
    bound = lagrangianBound(model, relaxation.rowDuals);
  }
  const { value: B, reduced, y } = bound;
  const finish = (status: LinearSolution["status"], point: ArrayLike<number> | null, freeColumns: number): BinaryProgramSolution => ({
    status,
    objective: point ? sign * incumbentValue : null,
    colValues: point ?? [],
    rowDuals: y,
    reducedCosts: reduced,
    bound: sign * B,
    freeColumns,
    ...stats,
  });
  // Float safety: B and plan values are sums of thousands of terms; far below any grid step.
  const slack = Math.min(options.grid > 0 ? options.grid / 4 : Infinity, 1e-7 * Math.max(1, Math.abs(B)));
  const proofThreshold = () => B - incumbentValue - options.grid + slack;

  const fixable: number[] = [];
  for (let j = 0; j < numCols; j++) if (isFixable(model, j)) fixable.push(j);
  const magnitudes = Float64Array.from(fixable, (j) => Math.abs(reduced[j]!)).sort();
  // Without a plan, a guess: the columns at zero reduced cost (basic in the LP) and a few more.
  const guess = (freeCount: number) => magnitudes[Math.min(magnitudes.length - 1, Math.max(0, freeCount - 1))] ?? 0;
  let zeroCount = magnitudes.findIndex((m) => m > 1e-9);
  if (zeroCount === -1) zeroCount = magnitudes.length;
  let guessCount = options.initialFreeColumns ?? zeroCount + Math.max(20, Math.ceil(numCols / 100));
  // A poor start (say the rank-order line) proves little: never free more than the guess at first.
  let delta = incumbent ? Math.min(proofThreshold(), guess(guessCount)) : guess(guessCount);

  const preferred = new Float64Array(numCols);
  for (let j = 0; j < numCols; j++) preferred[j] = reduced[j]! > 0 ? model.colUpper[j]! : model.colLower[j]!;

  for (;;) {
    const freeList: number[] = [];
    for (let j = 0; j < numCols; j++) {
      if (!isFixable(model, j) || Math.abs(reduced[j]!) <= delta) freeList.push(j);
    }
    const free = Int32Array.from(freeList);
    const everything = free.length === numCols;
    const restricted = restrict(model, free, preferred);
    let result: LinearSolution | null = null;
    if (restricted && free.length > 0) {
      const start = incumbent && agreesWithFixings(incumbent, free, preferred) ? Array.from(free, (j) => incumbent![j]!) : undefined;
      result = await solve(restricted.model, { ...mipOptions, initialSolution: start, smallModel: free.length < numCols });
      stats.mipSolves += 1;
    } else if (restricted) {
      result = { status: "optimal", objective: restricted.offset, colValues: [] };
    }
    const proven = incumbent !== null && delta >= proofThreshold();
    if (!result || result.status === "infeasible") {
      if (proven || everything) {
        return incumbent ? finish("optimal", incumbent, free.length) : finish("infeasible", null, free.length);
      }
      guessCount = Math.max(guessCount, free.length) * 4;
      const wider = guessCount >= numCols ? Infinity : guess(guessCount);
      delta = wider > delta ? wider : Infinity;
      continue;
    }
    if ((result.status !== "optimal" && result.status !== "time-limit") || result.colValues.length !== free.length) {
      return finish(result.status, null, free.length);
    }
    const x = Float64Array.from(preferred);
    free.forEach((j, k) => (x[j] = result.colValues[k]!));
    const point = rounded(model, x);
    const value = sign * objectiveOf(model, point);
    if (isFeasible(model, point) && value > incumbentValue) {
      incumbent = point;
      incumbentValue = value;
    }
    if (result.status === "time-limit") {
      return finish("time-limit", incumbent, free.length);
    }
    if (incumbent && (everything || delta >= proofThreshold())) {
      return finish("optimal", incumbent, free.length);
    }
    // Not proven yet. Free every column the proof needs, unless that is far more than now: then a
    // plan found on twice the columns usually narrows the proof more cheaply.
    const needed = proofThreshold();
    const neededCount = incumbent ? freeAt(bound, needed) : Infinity;
    if (neededCount <= 2 * free.length) {
      delta = needed;
    } else {
      guessCount = Math.max(guessCount, free.length) * 2;
      const wider = guessCount >= numCols ? Infinity : Math.min(needed, guess(guessCount));
      delta = wider > delta ? wider : needed;
    }
  }
}

function isFixable(model: LinearModel, j: number): boolean {
  return Boolean(model.integer?.[j]) && model.colUpper[j]! > model.colLower[j]! && model.colUpper[j]! - model.colLower[j]! <= 1;
}

function agreesWithFixings(x: Float64Array, free: Int32Array, preferred: Float64Array): boolean {
  const isFree = new Uint8Array(x.length);
  for (const j of free) isFree[j] = 1;
  for (let j = 0; j < x.length; j++) if (!isFree[j] && x[j] !== preferred[j]) return false;
  return true;
}
