/**
 * A linear or mixed-integer program in the shape every solver call in Tandem uses. Pure type: the
 * model is built in lib/domain (testable without a solver) and solved in lib/server/solver.
 *
 *   maximise or minimise  Σ colCost_j · x_j
 *   subject to            rowLower_r ≤ Σ_j A_rj · x_j ≤ rowUpper_r   (A given as compressed sparse rows)
 *                         colLower_j ≤ x_j ≤ colUpper_j, x_j integer where integer_j
 */
export interface LinearModel {
  sense: "maximize" | "minimize";
  /** Objective coefficient per column. */
  colCost: ArrayLike<number>;
  colLower: ArrayLike<number>;
  colUpper: ArrayLike<number>;
  /** true for an integer column (a binary is an integer column with bounds 0..1). */
  integer?: ArrayLike<boolean>;
  /** Row r holds the entries rowStarts[r] .. rowStarts[r+1]-1 of rowIndices/rowValues. */
  rowStarts: ArrayLike<number>;
  rowIndices: ArrayLike<number>;
  rowValues: ArrayLike<number>;
  /** Use -Infinity / Infinity for a missing bound. */
  rowLower: ArrayLike<number>;
  rowUpper: ArrayLike<number>;
}

export type LinearSolveStatus = "optimal" | "infeasible" | "unbounded" | "time-limit" | "error";

export interface LinearSolution {
  status: LinearSolveStatus;
  objective: number | null;
  /** Primal value per column; empty when there is no solution. */
  colValues: ArrayLike<number>;
  /** Dual value per row, for an LP (no integer columns) solved to optimality; otherwise absent or null. */
  rowDuals?: ArrayLike<number> | null;
}

export interface LinearSolveOptions {
  /** A feasible starting point (a MIP start); the solver may ignore it. */
  initialSolution?: ArrayLike<number>;
  timeLimitSeconds?: number;
  /** Stop once the best bound is within this of the incumbent (see objectiveResolution). */
  mipAbsoluteGap?: number;
  /** Let the solver presolve (default true); a plain LP relaxation is often faster without. */
  presolve?: boolean;
  /** A small MIP (a restricted model with a good start): the solver may skip heavy search machinery. */
  smallModel?: boolean;
}

/** Anything that solves a LinearModel exactly: HiGHS in production, enumeration in tests. */
export type LinearSolver = (model: LinearModel, options?: LinearSolveOptions) => Promise<LinearSolution>;

/** Builds compressed sparse rows one row at a time. */
export class RowBuilder {
  readonly starts: number[] = [0];
  readonly indices: number[] = [];
  readonly values: number[] = [];
  readonly lower: number[] = [];
  readonly upper: number[] = [];

  add(entries: readonly (readonly [column: number, value: number])[], lower: number, upper: number): number {
    for (const [column, value] of entries) {
      if (value === 0) continue;
      this.indices.push(column);
      this.values.push(value);
    }
    this.starts.push(this.indices.length);
    this.lower.push(lower);
    this.upper.push(upper);
    return this.lower.length - 1;
  }

  get count(): number {
    return this.lower.length;
  }
}
