// The HiGHS solver (https://highs.dev, Huangfu & Hall, "Parallelizing the dual revised simplex
// method", Math. Prog. Comp. 10, 2018; the MIP solver is branch-and-cut) compiled to WebAssembly by
// the npm package `highs`. This module loads it once per thread, solves one sparse linear or
// mixed-integer model and always frees the solver's native memory afterwards.
//
// Deliberately no `import "server-only"`: it also runs inside worker threads and under vitest,
// where that guard would throw. Nothing here touches the database or the session.
import loadHighsRuntime, { type Highs, type ModelData } from "highs";
import type { LinearModel, LinearSolveStatus } from "../../domain/linear-model";

/** The model shape (compressed sparse rows); defined with the pure model builders in lib/domain. */
export type SparseLinearModel = LinearModel;

export type SolveStatus = LinearSolveStatus;

export interface SolveResult {
  status: SolveStatus;
  /** HiGHS' own model status name, for logs. */
  detail: string;
  /** Objective value when a solution is available. */
  objective: number | null;
  /** Primal value per column (empty when no solution is available). */
  colValues: Float64Array;
  /** Row activity Ax per row (empty when no solution is available). */
  rowValues: Float64Array;
  /** Reduced cost per column; LP only (HiGHS gives no duals for a MIP), otherwise null. */
  reducedCosts: Float64Array | null;
  /** Dual value per row; LP only, otherwise null. */
  rowDuals: Float64Array | null;
  /** Solver wall time in seconds. */
  seconds: number;
  /** The optimal basis of an LP (a warm start for a related LP); null for a MIP or without a solution. */
  basis: LpBasis | null;
}

/** A simplex basis: HiGHS' status codes (0 lower, 1 basic, 2 upper, 3 zero, 4 nonbasic) per column and per row. */
export interface LpBasis {
  colStatus: Int32Array;
  rowStatus: Int32Array;
}

export interface SolveOptions {
  /** Stop after this many seconds (status "time-limit"); default 60. */
  timeLimitSeconds?: number;
  /** Relative MIP gap accepted as optimal; default 0 (exact, up to HiGHS' feasibility tolerances). */
  mipRelativeGap?: number;
  /**
   * Absolute MIP gap accepted as optimal; default 0. When every feasible objective value lies on a
   * grid of step δ, any gap below δ already proves optimality (see the portfolio optimiser).
   */
  mipAbsoluteGap?: number;
  /** A starting point for a MIP (for example the optimum of a tighter model); HiGHS checks it. */
  initialSolution?: ArrayLike<number>;
  /** Let HiGHS presolve (default true). */
  presolve?: boolean;
  /**
   * An LP's starting basis, e.g. the optimal basis of the same LP with fewer columns (the new ones at
   * their lower bound). That basis is still primal feasible, so the primal simplex goes on from it.
   */
  basis?: LpBasis;
  /** A small MIP, typically with a good start: search it without primal heuristics, restarts or symmetry detection. */
  smallModel?: boolean;
}

let runtime: Promise<Highs> | null = null;

/** The solver runtime, loaded once per thread (the WebAssembly instance is reused between solves). */
export function loadHighs(): Promise<Highs> {
  if (!runtime) {
    runtime = loadHighsRuntime().catch((error: unknown) => {
      runtime = null;
      throw error;
    });
  }
  return runtime;
}

const EMPTY = new Float64Array(0);

/** Solves a model exactly with HiGHS; the model's native memory is freed before returning. */
export async function solveSparseModel(model: SparseLinearModel, options: SolveOptions = {}): Promise<SolveResult> {
  const highs = await loadHighs();
  const numCols = model.colCost.length;
  const numRows = model.rowLower.length;
  checkShape(model, numCols, numRows);
  const infinity = highs.infinity;
  const isMip = model.integer !== undefined && Array.from(model.integer).some(Boolean);

  const data: ModelData = {
    numCols,
    numRows,
    sense: model.sense === "maximize" ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
    colCost: Float64Array.from(model.colCost),
    colLower: Float64Array.from(model.colLower, (v) => clampInfinity(v, infinity)),
    colUpper: Float64Array.from(model.colUpper, (v) => clampInfinity(v, infinity)),
    rowLower: Float64Array.from(model.rowLower, (v) => clampInfinity(v, infinity)),
    rowUpper: Float64Array.from(model.rowUpper, (v) => clampInfinity(v, infinity)),
    matrix: {
      format: "csr",
      numRows,
      numCols,
      starts: Int32Array.from(model.rowStarts),
      indices: Int32Array.from(model.rowIndices),
      values: Float64Array.from(model.rowValues),
    },
    ...(isMip && model.integer
      ? {
          integrality: Int32Array.from(model.integer, (integer) =>
            integer ? highs.constants.variableType.integer : highs.constants.variableType.continuous,
          ),
        }
      : {}),
  };

  const started = performance.now();
  return highs.withModel(data, (solver) => {
    solver.options.set({
      output_flag: false,
      time_limit: options.timeLimitSeconds ?? 60,
      mip_rel_gap: options.mipRelativeGap ?? 0,
      mip_abs_gap: options.mipAbsoluteGap ?? 0,
      presolve: options.presolve === false ? "off" : "choose",
      // A small restricted model (binary-program.ts): primal heuristics, restarts and symmetry
      // detection cost more than they save there (measured: a 322-column proof 0.55 s instead of 1.1 s).
      ...(options.smallModel ? { mip_heuristic_effort: 0, mip_allow_restart: false, mip_detect_symmetry: false } : {}),
    });
    if (isMip && options.initialSolution && options.initialSolution.length === numCols) {
      solver.setSolution({ colValue: Float64Array.from(options.initialSolution) });
    }
    if (!isMip && options.basis && options.basis.colStatus.length === numCols && options.basis.rowStatus.length === numRows) {
      solver.setBasis(options.basis);
      // Measured on the assignment LP after pricing in 91 columns: 0.11 s instead of 0.7 s (dual simplex).
      solver.options.set({ simplex_strategy: 4 }); // 4: primal simplex
    }
    const { modelStatus } = solver.run();
    const codes = highs.constants.modelStatus;
    const status: SolveStatus =
      modelStatus === codes.optimal || modelStatus === codes.empty
        ? "optimal"
        : modelStatus === codes.infeasible
          ? "infeasible"
          : modelStatus === codes.unbounded || modelStatus === codes.unboundedOrInfeasible
            ? "unbounded"
            : modelStatus === codes.timeLimit
              ? "time-limit"
              : "error";
    const hasPrimal = status === "optimal" || (status === "time-limit" && Number(solver.info.get("primal_solution_status")) === 2);
    const solution = hasPrimal ? solver.getSolution() : null;
    return {
      status,
      detail: statusName(highs, modelStatus),
      objective: solution ? solver.getObjectiveValue() : null,
      colValues: solution ? solution.colValue : EMPTY,
      rowValues: solution ? solution.rowValue : EMPTY,
      reducedCosts: solution && !isMip ? solution.colDual : null,
      rowDuals: solution && !isMip ? solution.rowDual : null,
      basis: solution && !isMip ? copyBasis(solver.getBasis()) : null,
      seconds: (performance.now() - started) / 1000,
    };
  });
}

function copyBasis(basis: LpBasis): LpBasis {
  return { colStatus: Int32Array.from(basis.colStatus), rowStatus: Int32Array.from(basis.rowStatus) };
}

function clampInfinity(value: number, infinity: number): number {
  if (value === Infinity) return infinity;
  if (value === -Infinity) return -infinity;
  return value;
}

function statusName(highs: Highs, code: number): string {
  const entry = Object.entries(highs.constants.modelStatus).find(([, value]) => value === code);
  return entry ? entry[0] : `status ${code}`;
}

function checkShape(model: SparseLinearModel, numCols: number, numRows: number): void {
  const sameLength = (name: string, values: ArrayLike<unknown>, expected: number) => {
    if (values.length !== expected) throw new Error(`HiGHS model: ${name} has ${values.length} entries, expected ${expected}`);
  };
  sameLength("colLower", model.colLower, numCols);
  sameLength("colUpper", model.colUpper, numCols);
  if (model.integer) sameLength("integer", model.integer, numCols);
  sameLength("rowUpper", model.rowUpper, numRows);
  sameLength("rowStarts", model.rowStarts, numRows + 1);
  sameLength("rowValues", model.rowValues, model.rowIndices.length);
}
