/**
 * Optimal automatic assignment of assessors to proposals, as a linear program. Pure: the LP
 * solver is passed in (lib/server/assignment runs HiGHS in a worker thread).
 *
 * The model is a transportation problem (Hitchcock 1941; as a min-cost flow: Ahuja, Magnanti &
 * Orlin, "Network Flows", 1993, ch. 9). One column x_pa ∈ [0, 1] per eligible pair:
 *   maximise   Σ w_pa · x_pa
 *   subject to Σ_a x_pa = need_p          for each proposal p (distinct assessors: x ≤ 1)
 *              L_a ≤ Σ_p x_pa ≤ U_a        for each assessor a
 * The constraint matrix is the incidence matrix of a bipartite graph, which is totally
 * unimodular, so with integer bounds every vertex of the polytope is integral and the simplex
 * optimum is an assignment (Schrijver, "Combinatorial Optimization", 2003, Thm 19.3). The caller
 * still checks integrality.
 *
 * The rules (eligibility, gaps, weights, load steps, shortfall) are those of assignment-model.ts,
 * shared with the network-simplex solver the app runs (assignment-flow.ts); this HiGHS LP is the
 * reference it is tested against (tests, and the bench's "optimum" figure).
 *
 * Pruning: each proposal starts with its best K candidates (by weight, then a rotation that
 * spreads ties across the pool). After each solve, every pruned pair's reduced cost
 * d_pa = w_pa − y_p − y_a is checked against the row duals y; a pair with d > 0 could improve
 * the optimum, so those pairs are added and the LP solved again, from the previous optimal
 * basis (still primal feasible with the new columns at 0, so the primal simplex only has the
 * new columns to work on: column generation, Dantzig & Wolfe 1960). When none is left, the
 * pruned optimum is the optimum of the full problem (LP duality). An infeasible pruned model
 * doubles K before relaxing the loads.
 */
import {
  assignmentModel,
  assignOutcome as outcomeOf,
  assignmentResult,
  AssignmentTimeLimitError,
  levelWeight,
  loadBounds,
  LOAD_STEPS,
  preferredAssessors,
  SHORTFALL_RULE,
  shortfallScale,
  type AssignmentModel,
  type OptimalAssignInput,
  type OptimalAssignOutcome,
  type OptimalAssignResult,
  type ProgressReporter,
} from "./assignment-model";

/** The LP handed to the solver: rows as compressed sparse rows (the shape lib/server/solver takes). */
export interface AssignmentLp {
  sense: "maximize";
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  rowStarts: Int32Array;
  rowIndices: Int32Array;
  rowValues: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
}

export interface LpSolution {
  status: "optimal" | "infeasible" | "unbounded" | "time-limit" | "error";
  colValues: ArrayLike<number>;
  rowDuals: ArrayLike<number> | null;
  /** The optimal simplex basis, when the solver gives one. */
  basis?: LpBasis | null;
}

/** A simplex basis as HiGHS codes it (0 at lower bound, 1 basic, 2 at upper bound, …) per column and per row. */
export interface LpBasis {
  colStatus: Int32Array;
  rowStatus: Int32Array;
}

/**
 * Solves an LP. `basis`, when given, is a starting basis: the previous optimum with the priced-in
 * columns at 0. `presolve: false`: this LP gains nothing from presolve (measured).
 */
export type LpSolver = (model: AssignmentLp, options?: { basis?: LpBasis; presolve?: boolean; timeLimitSeconds?: number }) => Promise<LpSolution>;

/** Re-exported for callers of the reference solver. */
export { AssignmentTimeLimitError, LOAD_STEPS, loadBounds, SHORTFALL_RULE, type OptimalAssignInput, type OptimalAssignResult };


function shortfallWeights(prep: PreparedAssignment): PreparedAssignment {
  const scale = shortfallScale(prep.model);
  return { ...prep, weight: Float64Array.from(prep.weight, (w) => 1 + w / scale) };
}

const TOLERANCE = 1e-6;

/** The model with every eligible pair listed (CSR), as the LP's columns need them. */
export interface PreparedAssignment {
  model: AssignmentModel;
  proposalIds: number[];
  assessorIds: number[];
  need: Int32Array;
  existingLoad: Int32Array;
  maxLoad: Float64Array;
  domainWeight: number;
  /** Eligible assessor indices per proposal, best first (CSR: eligibleStart[p]..eligibleStart[p+1]). */
  eligibleStart: Int32Array;
  eligible: Int32Array;
  /** Weight of each eligible pair, aligned with `eligible`. */
  weight: Float64Array;
}

/** Lists every eligible pair of the model (assignment-model.ts), best first per proposal. */
export function prepareAssignment(input: OptimalAssignInput): PreparedAssignment {
  const model = assignmentModel(input);
  const P = model.proposalIds.length;
  const A = model.assessorIds.length;
  const total = model.eligible.reduce((s, n) => s + n, 0);
  const eligibleStart = new Int32Array(P + 1);
  const eligible = new Int32Array(total);
  const weight = new Float64Array(total);
  let at = 0;
  for (let p = 0; p < P; p++) {
    preferredAssessors(model, p, A, (a, level) => {
      eligible[at] = a;
      weight[at++] = levelWeight(model, level);
    });
    eligibleStart[p + 1] = at;
  }
  const { proposalIds, assessorIds, need, existingLoad, maxLoad, domainWeight } = model;
  return { model, proposalIds, assessorIds, need, existingLoad, maxLoad, domainWeight, eligibleStart, eligible, weight };
}

/** The columns in a model: for each proposal, a prefix of its candidate list plus pairs priced in. */
export interface Columns {
  /** Indices into prep.eligible / prep.weight. */
  pairs: Int32Array;
}

/**
 * The first candidate pairs: each proposal's best `k` (at least its need), and each assessor's
 * best `perAssessor` pairs (domain matches first), so that every assessor can reach its minimum
 * load inside the pruned model.
 */
export function bestCandidates(prep: PreparedAssignment, k: number, perAssessor = 0): Set<number> {
  const chosen = new Set<number>();
  for (let p = 0; p < prep.proposalIds.length; p++) {
    if (prep.need[p] === 0) continue;
    const start = prep.eligibleStart[p]!;
    const end = Math.min(prep.eligibleStart[p + 1]!, start + Math.max(k, prep.need[p]!));
    for (let i = start; i < end; i++) chosen.add(i);
  }
  if (perAssessor > 0) {
    const count = new Int32Array(prep.assessorIds.length);
    for (const weight of [prep.domainWeight, 1, 0]) {
      for (let p = 0; p < prep.proposalIds.length; p++) {
        if (prep.need[p] === 0) continue;
        for (let i = prep.eligibleStart[p]!; i < prep.eligibleStart[p + 1]!; i++) {
          const a = prep.eligible[i]!;
          if (prep.weight[i] === weight && count[a]! < perAssessor && !chosen.has(i)) {
            chosen.add(i);
            count[a]!++;
          }
        }
      }
    }
  }
  return chosen;
}

/** Which proposal each eligible-pair index belongs to. */
function pairProposal(prep: PreparedAssignment): Int32Array {
  const owner = new Int32Array(prep.eligible.length);
  for (let p = 0; p < prep.proposalIds.length; p++) owner.fill(p, prep.eligibleStart[p]!, prep.eligibleStart[p + 1]!);
  return owner;
}

/**
 * The LP over the chosen pairs. Rows: one per proposal with places to fill (in proposal order),
 * then one per assessor. Returns the model and, per column, the eligible-pair index.
 */
export function buildAssignmentLp(
  prep: PreparedAssignment,
  chosen: ReadonlySet<number>,
  bounds: { lower: Float64Array; upper: Float64Array },
  proposalFill: "exact" | "at-most" = "exact",
): { model: AssignmentLp; columnPair: Int32Array; proposalRow: Int32Array } {
  const owner = pairProposal(prep);
  const columnPair = Int32Array.from([...chosen].sort((x, y) => x - y));
  const n = columnPair.length;
  const P = prep.proposalIds.length;
  const A = prep.assessorIds.length;
  const proposalRow = new Int32Array(P).fill(-1);
  let rows = 0;
  for (let p = 0; p < P; p++) if (prep.need[p]! > 0) proposalRow[p] = rows++;
  const proposalRows = rows;
  const numRows = proposalRows + A;

  // Count entries per row: each column has one entry in its proposal's row and one in its assessor's.
  const counts = new Int32Array(numRows);
  for (let j = 0; j < n; j++) {
    const pair = columnPair[j]!;
    counts[proposalRow[owner[pair]!]!]!++;
    counts[proposalRows + prep.eligible[pair]!]!++;
  }
  const rowStarts = new Int32Array(numRows + 1);
  for (let r = 0; r < numRows; r++) rowStarts[r + 1] = rowStarts[r]! + counts[r]!;
  const fill = rowStarts.slice(0, numRows);
  const rowIndices = new Int32Array(2 * n);
  for (let j = 0; j < n; j++) {
    const pair = columnPair[j]!;
    rowIndices[fill[proposalRow[owner[pair]!]!]!++] = j;
    rowIndices[fill[proposalRows + prep.eligible[pair]!]!++] = j;
  }
  const rowLower = new Float64Array(numRows);
  const rowUpper = new Float64Array(numRows);
  for (let p = 0; p < P; p++) {
    const r = proposalRow[p]!;
    if (r >= 0) {
      rowLower[r] = proposalFill === "exact" ? prep.need[p]! : 0;
      rowUpper[r] = prep.need[p]!;
    }
  }
  for (let a = 0; a < A; a++) {
    rowLower[proposalRows + a] = bounds.lower[a]!;
    rowUpper[proposalRows + a] = bounds.upper[a]!;
  }
  return {
    model: {
      sense: "maximize",
      colCost: Float64Array.from(columnPair, (pair) => prep.weight[pair]!),
      colLower: new Float64Array(n),
      colUpper: new Float64Array(n).fill(1),
      rowStarts,
      rowIndices,
      rowValues: new Float64Array(2 * n).fill(1),
      rowLower,
      rowUpper,
    },
    columnPair,
    proposalRow,
  };
}

/**
 * Pruned pairs whose reduced cost d = w − y_p − y_a is positive: adding them could raise the
 * optimum. (For a maximisation, a column at its lower bound 0 is optimal only while d ≤ 0.)
 */
export function pricePrunedPairs(prep: PreparedAssignment, chosen: ReadonlySet<number>, proposalRow: Int32Array, rowDuals: ArrayLike<number>, limitPerProposal = 8): number[] {
  const P = prep.proposalIds.length;
  const proposalRows = proposalRow.reduce((m, r) => Math.max(m, r + 1), 0);
  const out: number[] = [];
  for (let p = 0; p < P; p++) {
    const r = proposalRow[p]!;
    if (r < 0) continue;
    const yp = rowDuals[r]!;
    let added = 0;
    for (let i = prep.eligibleStart[p]!; i < prep.eligibleStart[p + 1]! && added < limitPerProposal; i++) {
      if (chosen.has(i)) continue;
      const d = prep.weight[i]! - yp - rowDuals[proposalRows + prep.eligible[i]!]!;
      if (d > TOLERANCE) {
        out.push(i);
        added++;
      }
    }
  }
  return out;
}

/** A basis over the sorted columns `before`, carried to `after` (a sorted superset): new columns at their lower bound. */
export function extendBasis(basis: LpBasis, before: Int32Array, after: Int32Array): LpBasis {
  const colStatus = new Int32Array(after.length);
  let i = 0;
  for (let j = 0; j < after.length; j++) {
    while (i < before.length && before[i]! < after[j]!) i++;
    colStatus[j] = i < before.length && before[i] === after[j] ? basis.colStatus[i]! : 0;
  }
  return { colStatus, rowStatus: Int32Array.from(basis.rowStatus) };
}

function nonIntegral(values: ArrayLike<number>): boolean {
  for (let j = 0; j < values.length; j++) {
    const v = values[j]!;
    if (Math.abs(v - Math.round(v)) > TOLERANCE) return true;
  }
  return false;
}

/** Solves the assignment to optimality with the given LP solver (see the module comment). */
export async function optimalAssign(input: OptimalAssignInput, solve: LpSolver, progress: ProgressReporter = () => {}): Promise<OptimalAssignResult> {
  progress(0.02, "Checking conflicts and expertise");
  const prep = prepareAssignment(input);
  const P = prep.proposalIds.length;
  const places = prep.need.reduce((s, n) => s + n, 0);
  let solves = 0;
  let pricedIn = 0;
  let chosenPairs: Int32Array = new Int32Array(0);
  let values: ArrayLike<number> = [];
  let loadStep = 0;
  let lastColumns = 0;
  const started = Date.now();
  const limit = input.timeLimitSeconds;
  /** The time left for the next solve; throws once it is spent. */
  const remaining = (): number | undefined => {
    if (limit === undefined) return undefined;
    const left = limit - (Date.now() - started) / 1000;
    if (left <= 0) throw new AssignmentTimeLimitError(limit);
    return left;
  };

  if (places > 0) {
    const maxNeed = prep.need.reduce((m, n) => Math.max(m, n), 0);
    const k0 = input.initialCandidates ?? Math.max(12, 4 * maxNeed);
    let maxEligible = 0;
    for (let p = 0; p < P; p++) maxEligible = Math.max(maxEligible, prep.eligibleStart[p + 1]! - prep.eligibleStart[p]!);
    let solved = false;
    // The load steps in turn; past the last, the shortfall model (SHORTFALL_RULE).
    for (loadStep = 0; loadStep <= LOAD_STEPS.length && !solved; loadStep++) {
      const shortfall = loadStep === LOAD_STEPS.length;
      const bounds = loadBounds(prep, Math.min(loadStep, LOAD_STEPS.length - 1));
      const model = shortfall ? shortfallWeights(prep) : prep;
      let k = k0;
      // Enough pairs per assessor to reach twice its balanced maximum.
      const perAssessor = 2 * Math.ceil(bounds.upper.reduce((m, u) => Math.max(m, Number.isFinite(u) ? u : 0), 0));
      let chosen = bestCandidates(prep, k, perAssessor);
      // After pricing, the previous optimum stays primal feasible with the new columns at 0: the
      // next solve starts from its basis, and only the priced-in columns need simplex steps.
      let warm: { basis: LpBasis; columnPair: Int32Array } | null = null;
      for (;;) {
        progress(Math.min(0.9, 0.1 + 0.15 * solves), `Solving (${chosen.size.toLocaleString("en-GB")} candidate pairs, ${shortfall ? SHORTFALL_RULE : LOAD_STEPS[loadStep]!.rule})`);
        const { model: lp, columnPair, proposalRow } = buildAssignmentLp(model, chosen, bounds, shortfall ? "at-most" : "exact");
        const left = remaining();
        const result = await solve(lp, {
          presolve: false,
          ...(left !== undefined ? { timeLimitSeconds: left } : {}),
          ...(warm ? { basis: extendBasis(warm.basis, warm.columnPair, columnPair) } : {}),
        });
        warm = null;
        solves++;
        lastColumns = columnPair.length;
        const complete = k >= maxEligible;
        if (result.status === "infeasible" && !shortfall) {
          if (complete) break; // truly infeasible under these loads: relax them
          k *= 2;
          chosen = bestCandidates(prep, k, perAssessor);
          continue;
        }
        if (result.status === "time-limit") throw new AssignmentTimeLimitError(limit ?? 60);
        if (result.status !== "optimal" || !result.rowDuals) throw new Error(`The assignment LP could not be solved (${result.status})`);
        const priced = pricePrunedPairs(model, chosen, proposalRow, result.rowDuals);
        if (priced.length > 0) {
          pricedIn += priced.length;
          if (result.basis) warm = { basis: result.basis, columnPair };
          for (const i of priced) chosen.add(i);
          continue;
        }
        if (nonIntegral(result.colValues)) throw new Error("The assignment LP returned a fractional solution");
        chosenPairs = columnPair;
        values = result.colValues;
        solved = true;
        break;
      }
    }
    loadStep--;
    // The shortfall model is always feasible (nobody assigned satisfies it).
    if (!solved) throw new Error("The assignment LP could not be solved");
  }

  progress(0.95, "Recording the assignments");
  const owner = pairProposal(prep);
  const chosen: { p: number; a: number }[] = [];
  for (let j = 0; j < chosenPairs.length; j++) {
    if (Math.round(values[j]!) !== 1) continue;
    const pair = chosenPairs[j]!;
    chosen.push({ p: owner[pair]!, a: prep.eligible[pair]! });
  }
  progress(1, "Done");
  return assignmentResult(prep.model, chosen, { loadStep, solves, columns: lastColumns, pricedIn });
}

/** `optimalAssign`, with running out of time as an outcome the caller can explain. */
export async function optimalAssignOutcome(input: OptimalAssignInput, solve: LpSolver, progress: ProgressReporter = () => {}): Promise<OptimalAssignOutcome> {
  return outcomeOf(() => optimalAssign(input, solve, progress));
}
