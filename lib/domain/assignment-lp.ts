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
 * Rules (the same as the greedy `autoAssign` in assignment.ts, which stays as a reference):
 * - Only fill gaps: existing assignments count toward a proposal's total and an assessor's load,
 *   unless the assessor is conflicted on the proposal.
 * - Conflicts are hard constraints (no column): a declared conflict, an organisation match
 *   (`conflictReason`), and pairs passed in `conflicts` (the caller adds pairs a manager
 *   unassigned, so they are never re-added).
 * - need_p = min(required − have, eligible assessors): a proposal the pool cannot cover gets
 *   everyone eligible and is reported short.
 * - Weights, lexicographic: a domain match (the assessor's expertise includes the proposal's
 *   technology domain) is worth more than any number of theme matches (expertise in another
 *   domain of the same Table 4.1 theme): w = S + 1 for a domain match, 1 for a theme match,
 *   0 otherwise, where S is the number of places to fill.
 * - Loads: within ±1 of balanced (every total load is ⌊T/A⌋ or ⌈T/A⌉, so the spread is at most
 *   1), capped by an assessor's own maximum when one is given. When that is infeasible (for
 *   example conflicts leave an assessor too few proposals), the bounds are relaxed step by step
 *   (LOAD_STEPS) and the result says which step was used. When even the last step cannot fill every
 *   place (the maximums leave too little capacity), as many places as possible are filled
 *   (SHORTFALL_RULE) and the rest are reported short.
 * - Pruning: each proposal starts with its best K candidates (by weight, then a rotation that
 *   spreads ties across the pool). After each solve, every pruned pair's reduced cost
 *   d_pa = w_pa − y_p − y_a is checked against the row duals y; a pair with d > 0 could improve
 *   the optimum, so those pairs are added and the LP solved again, from the previous optimal
 *   basis (still primal feasible with the new columns at 0, so the primal simplex only has the
 *   new columns to work on: column generation, Dantzig & Wolfe 1960). When none is left, the
 *   pruned optimum is the optimum of the full problem (LP duality). An infeasible pruned model
 *   doubles K before relaxing the loads.
 */
import { conflictReason, normaliseOrganisation, shortReason, type AutoAssignInput, type ExistingAssignment, type ShortProposal } from "./assignment";
import { findDomain } from "./report/technology-domains";

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

/** The solves did not finish within the time limit given (`OptimalAssignInput.timeLimitSeconds`). */
export class AssignmentTimeLimitError extends Error {
  constructor(readonly seconds: number) {
    super(`The assignment LP was not solved within ${seconds} s`);
    this.name = "AssignmentTimeLimitError";
  }
}

/**
 * A time limit for the whole run (every solve), suited to the size: HiGHS solves 5,000 × 3 from 500
 * in a few seconds on a quiet machine, so this leaves room for a loaded one without letting a run
 * hang: 15 s plus 1 s per 400 places to fill, at most 120 s.
 */
export function assignmentTimeLimitSeconds(places: number): number {
  return Math.min(120, 15 + Math.ceil(places / 400));
}

export interface OptimalAssignInput extends AutoAssignInput {
  /** Assessors' own maximum number of assignments in the call (from their invitations); others get balanced loads. */
  maxLoads?: readonly { assessorId: number; max: number }[];
  /** Candidates per proposal in the first solve (default 8 × places, at least 24). */
  initialCandidates?: number;
  /** Wall-clock limit for all solves together; past it, `AssignmentTimeLimitError` (default: none). */
  timeLimitSeconds?: number;
}

export interface OptimalAssignStats {
  domainMatches: number;
  themeMatches: number;
  /** Highest minus lowest total load over the pool (existing assignments included). */
  loadSpread: number;
  /** Which load rule held: 0 = within ±1 of balanced; higher = relaxed (see LOAD_STEPS). */
  loadStep: number;
  loadRule: string;
  solves: number;
  /** Columns in the last model, and the eligible pairs it was pruned from. */
  columns: number;
  eligiblePairs: number;
  /** Pairs the reduced-cost check added back after pruning. */
  pricedIn: number;
}

export interface OptimalAssignResult {
  added: ExistingAssignment[];
  short: ShortProposal[];
  stats: OptimalAssignStats;
}

export type ProgressReporter = (fraction: number, message: string) => void;

export const DOMAIN_MATCH = "domain";
export const THEME_MATCH = "theme";

/** The load rules tried in turn; `lower`/`upper` are total loads given the balanced ⌊T/A⌋..⌈T/A⌉. */
export const LOAD_STEPS: readonly { rule: string; lower: (lo: number) => number; upper: (hi: number) => number }[] = [
  { rule: "every load within ±1 of balanced", lower: (lo) => lo, upper: (hi) => hi },
  { rule: "no load above the balanced maximum", lower: () => 0, upper: (hi) => hi },
  { rule: "loads up to 1 above the balanced maximum", lower: () => 0, upper: (hi) => hi + 1 },
  { rule: "loads up to 3 above the balanced maximum", lower: () => 0, upper: (hi) => hi + 3 },
  { rule: "loads limited only by assessors' own maximums", lower: () => 0, upper: () => Number.POSITIVE_INFINITY },
];

/**
 * When the places cannot all be filled even under the last load step (the assessors' own maximums
 * leave too little capacity), each proposal takes at most its need, and the LP fills as many
 * places as it can first, then maximises expertise among those fillings: every pair is worth
 * 1 + w / B, with B greater than the largest total expertise weight, so one more place outweighs
 * any expertise (exact in theory; the expertise part is then only as exact as the solver's
 * tolerances for very large calls). The LP stays a transportation problem, so it stays integral.
 */
export const SHORTFALL_RULE = "as many places as the assessors' own maximums allow";

function shortfallWeights(prep: PreparedAssignment, places: number): PreparedAssignment {
  const scale = prep.domainWeight * places + 1;
  return { ...prep, weight: Float64Array.from(prep.weight, (w) => 1 + w / scale) };
}

const TOLERANCE = 1e-6;

/** Everything the model needs, computed once: eligibility, weights, needs, existing loads. */
export interface PreparedAssignment {
  proposalIds: number[];
  assessorIds: number[];
  /** Places to fill per proposal. */
  need: Int32Array;
  /** Counted existing assignments per proposal and per assessor. */
  have: Int32Array;
  existingLoad: Int32Array;
  /** Eligible assessor indices per proposal, best first (CSR: eligibleStart[p]..eligibleStart[p+1]). */
  eligibleStart: Int32Array;
  eligible: Int32Array;
  /** Weight of each eligible pair, aligned with `eligible`. */
  weight: Float64Array;
  /** Assessor's own maximum total load, or Infinity. */
  maxLoad: Float64Array;
  domainWeight: number;
  /** Counts per proposal for the "short" reason. */
  declared: Int32Array;
  organisation: Int32Array;
}

/** Builds eligibility and weights in one pass over the pairs, with organisations as integers. */
export function prepareAssignment(input: OptimalAssignInput): PreparedAssignment {
  const { proposals, assessors, existing, conflicts, required } = input;
  const P = proposals.length;
  const A = assessors.length;
  const orgIds = new Map<string, number>();
  const orgId = (name: string) => {
    const key = normaliseOrganisation(name);
    if (key === "") return -1;
    let id = orgIds.get(key);
    if (id === undefined) orgIds.set(key, (id = orgIds.size));
    return id;
  };
  const assessorIndex = new Map(assessors.map((a, i) => [a.id, i]));
  const proposalIndex = new Map(proposals.map((p, i) => [p.id, i]));
  const assessorOrg = Int32Array.from(assessors, (a) => orgId(a.organisation));
  const assessorDomains = assessors.map((a) => new Set(a.expertise));
  const assessorThemes = assessors.map((a) => new Set(a.expertise.map((d) => findDomain(d)?.theme).filter((t) => t !== undefined)));

  const pairKey = (p: number, a: number) => p * A + a;
  // Declared conflicts and the caller's exclusions (pairs a manager unassigned): never a column.
  const declaredPairs = new Set<number>();
  const conflictKeys = new Set(conflicts.map((c) => `${c.proposalId}:${c.assessorId}`));
  for (const c of conflicts) {
    const p = proposalIndex.get(c.proposalId);
    const a = assessorIndex.get(c.assessorId);
    if (p !== undefined && a !== undefined) declaredPairs.add(pairKey(p, a));
  }

  const have = new Int32Array(P);
  const existingLoad = new Int32Array(A);
  const assigned = new Set<number>();
  const seen = new Set<string>();
  for (const e of existing) {
    const key = `${e.proposalId}:${e.assessorId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const p = proposalIndex.get(e.proposalId);
    const a = assessorIndex.get(e.assessorId);
    if (p !== undefined && a !== undefined) assigned.add(pairKey(p, a));
    // Counts unless conflicted (the same rule as autoAssign's countsFor).
    if (conflictKeys.has(key)) continue;
    if (p !== undefined && a !== undefined && conflictReason(assessors[a]!, proposals[p]!, []) !== null) continue;
    if (p !== undefined) have[p]!++;
    if (a !== undefined) existingLoad[a]!++;
  }

  const placesBound = proposals.reduce((sum, _, p) => sum + Math.max(0, required - have[p]!), 0);
  const domainWeight = placesBound + 1;

  const need = new Int32Array(P);
  const declared = new Int32Array(P);
  const organisation = new Int32Array(P);
  const eligibleStart = new Int32Array(P + 1);
  const lists: Int32Array[] = [];
  const weights: Float64Array[] = [];
  const buffer = new Int32Array(A);
  const bufferWeight = new Float64Array(A);
  let total = 0;
  for (let p = 0; p < P; p++) {
    const proposal = proposals[p]!;
    const orgs = new Set(proposal.organisations.map(orgId).filter((id) => id >= 0));
    const theme = findDomain(proposal.domainId)?.theme;
    // Three classes (domain, theme, none), each walked from a per-proposal offset so that ties
    // spread over the pool instead of every proposal preferring the lowest ids.
    const classes: number[][] = [[], [], []];
    const offset = (p * 7919) % Math.max(1, A);
    for (let k = 0; k < A; k++) {
      const a = (offset + k) % A;
      const key = pairKey(p, a);
      if (declaredPairs.has(key)) {
        declared[p]!++;
        continue;
      }
      if (assessorOrg[a]! >= 0 && orgs.has(assessorOrg[a]!)) {
        organisation[p]!++;
        continue;
      }
      if (assigned.has(key)) continue;
      const cls = proposal.domainId !== null && assessorDomains[a]!.has(proposal.domainId) ? 0 : theme !== undefined && assessorThemes[a]!.has(theme) ? 1 : 2;
      classes[cls]!.push(a);
    }
    let n = 0;
    for (let cls = 0; cls < 3; cls++) {
      for (const a of classes[cls]!) {
        buffer[n] = a;
        bufferWeight[n] = cls === 0 ? domainWeight : cls === 1 ? 1 : 0;
        n++;
      }
    }
    lists.push(buffer.slice(0, n));
    weights.push(bufferWeight.slice(0, n));
    need[p] = Math.min(Math.max(0, required - have[p]!), n);
    total += n;
    eligibleStart[p + 1] = total;
  }
  const eligible = new Int32Array(total);
  const weight = new Float64Array(total);
  lists.forEach((list, p) => eligible.set(list, eligibleStart[p]!));
  weights.forEach((list, p) => weight.set(list, eligibleStart[p]!));

  const maxById = new Map((input.maxLoads ?? []).map((m) => [m.assessorId, m.max]));
  const maxLoad = Float64Array.from(assessors, (a) => maxById.get(a.id) ?? Number.POSITIVE_INFINITY);
  return {
    proposalIds: proposals.map((p) => p.id),
    assessorIds: assessors.map((a) => a.id),
    need,
    have,
    existingLoad,
    eligibleStart,
    eligible,
    weight,
    maxLoad,
    domainWeight,
    declared,
    organisation,
  };
}

/** Per-assessor bounds on the number of NEW assignments, for a load step. */
export function loadBounds(prep: PreparedAssignment, step: number): { lower: Float64Array; upper: Float64Array } {
  const A = prep.assessorIds.length;
  const places = prep.need.reduce((s, n) => s + n, 0);
  const existingTotal = prep.existingLoad.reduce((s, n) => s + n, 0);
  const total = places + existingTotal;
  const lo = A === 0 ? 0 : Math.floor(total / A);
  const hi = A === 0 ? 0 : Math.ceil(total / A);
  const rule = LOAD_STEPS[step]!;
  const lower = new Float64Array(A);
  const upper = new Float64Array(A);
  for (let a = 0; a < A; a++) {
    const cap = Math.min(rule.upper(hi), prep.maxLoad[a]!);
    upper[a] = Math.max(0, cap - prep.existingLoad[a]!);
    lower[a] = Math.min(upper[a]!, Math.max(0, rule.lower(lo) - prep.existingLoad[a]!));
  }
  return { lower, upper };
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
  const A = prep.assessorIds.length;
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
      const model = shortfall ? shortfallWeights(prep, places) : prep;
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
  const added: ExistingAssignment[] = [];
  const got = Int32Array.from(prep.have);
  const load = Int32Array.from(prep.existingLoad);
  let domainMatches = 0;
  let themeMatches = 0;
  for (let j = 0; j < chosenPairs.length; j++) {
    if (Math.round(values[j]!) !== 1) continue;
    const pair = chosenPairs[j]!;
    const p = owner[pair]!;
    const a = prep.eligible[pair]!;
    added.push({ proposalId: prep.proposalIds[p]!, assessorId: prep.assessorIds[a]! });
    got[p]!++;
    load[a]!++;
    if (prep.weight[pair] === prep.domainWeight) domainMatches++;
    else if (prep.weight[pair] === 1) themeMatches++;
  }
  added.sort((x, y) => x.proposalId - y.proposalId || x.assessorId - y.assessorId);

  const short: ShortProposal[] = [];
  for (let p = 0; p < P; p++) {
    if (got[p]! >= input.required) continue;
    const eligibleCount = prep.eligibleStart[p + 1]! - prep.eligibleStart[p]! + prep.have[p]!;
    short.push({ proposalId: prep.proposalIds[p]!, have: got[p]!, required: input.required, reason: shortReason(eligibleCount, prep.declared[p]!, prep.organisation[p]!) });
  }
  short.sort((x, y) => x.proposalId - y.proposalId);

  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (let a = 0; a < A; a++) {
    min = Math.min(min, load[a]!);
    max = Math.max(max, load[a]!);
  }
  progress(1, "Done");
  return {
    added,
    short,
    stats: {
      domainMatches,
      themeMatches,
      loadSpread: A === 0 ? 0 : max - min,
      loadStep: Math.max(0, loadStep),
      loadRule: loadStep >= LOAD_STEPS.length ? SHORTFALL_RULE : LOAD_STEPS[Math.max(0, loadStep)]!.rule,
      solves,
      columns: lastColumns,
      eligiblePairs: prep.eligible.length,
      pricedIn,
    },
  };
}

/** What a run of automatic assignment came to: solved, or stopped by its time limit (not a crash). */
export type OptimalAssignOutcome =
  | ({ status: "solved"; seconds: number } & OptimalAssignResult)
  | { status: "time-limit"; seconds: number; limitSeconds: number };

/** `optimalAssign`, with running out of time as an outcome the caller can explain. */
export async function optimalAssignOutcome(input: OptimalAssignInput, solve: LpSolver, progress: ProgressReporter = () => {}): Promise<OptimalAssignOutcome> {
  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1000;
  try {
    return { status: "solved", ...(await optimalAssign(input, solve, progress)), seconds: seconds() };
  } catch (error) {
    if (error instanceof AssignmentTimeLimitError) return { status: "time-limit", seconds: seconds(), limitSeconds: error.seconds };
    throw error;
  }
}
