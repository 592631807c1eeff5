/**
 * The portfolio selection model (DESIGN.md "Portfolio optimiser"), built sparsely. Pure: no I/O.
 *
 *   maximise    Σ_i q_i · x_i                      over the eligible (passing) proposals i
 *   subject to  Σ_i grant_i · x_i ≤ budget
 *               for each rule and each of its groups G:
 *                 L ≤ Σ_{i∈G} a_i · x_i ≤ U        a_i = grant_i (share of budget) or 1 (count)
 *               x_i = 1 for a pin, x_i = 0 for an exclusion, x_i ∈ {0, 1}
 *
 * Rules, pins and exclusions are "constraint units": a unit can be dropped as a whole (a rule on
 * each lead organisation is one unit of many rows) to price it or to explain infeasibility.
 */
import { RowBuilder, type LinearModel } from "../linear-model";
import { EACH_GROUP, groupKey, groupsOf, ruleLimit, type BalanceRule, type CandidateFacts, type RuleDimension } from "./rules";

export interface Candidate {
  id: number;
  /** Position in the call's ranking (1 = best). */
  rank: number;
  title: string;
  leadOrganisation: string;
  /** Grant requested, in whole pounds. */
  grant: number;
  /** The quality measure the scenario maximises (raw weighted total by default). */
  quality: number;
  /** Passes the call's thresholds: only these are eligible. */
  passes: boolean;
  facts: CandidateFacts;
}

export interface ProposalChoice {
  proposalId: number;
  reason: string;
}

export interface OptimiserInstance {
  budget: number;
  /** Every ranked proposal, in rank order. */
  candidates: readonly Candidate[];
  rules: readonly BalanceRule[];
  pins: readonly ProposalChoice[];
  exclusions: readonly ProposalChoice[];
}

export type ConstraintUnit = { kind: "rule"; index: number } | { kind: "pin"; proposalId: number } | { kind: "exclusion"; proposalId: number };

export const unitKey = (unit: ConstraintUnit): string => (unit.kind === "rule" ? `rule:${unit.index}` : `${unit.kind}:${unit.proposalId}`);

export interface ModelRow {
  /** null for the budget row. */
  ruleIndex: number | null;
  /** The group this row limits (a lead organisation's row carries its name as given). */
  group: string | null;
  /** Column positions and coefficients. */
  columns: number[];
  coefficients: number[];
  lower: number;
  upper: number;
}

export interface PortfolioModel {
  instance: OptimiserInstance;
  /** The eligible proposals, in rank order; column j is columns[j]. */
  columns: Candidate[];
  rows: ModelRow[];
  /** Every droppable unit: rules first (in order), then pins, then exclusions. */
  units: ConstraintUnit[];
  /** Column positions of pinned and excluded proposals (those that are eligible). */
  pinned: Map<number, number>;
  excluded: Map<number, number>;
  /** Pins and exclusions naming proposals that are not eligible, ignored with a warning. */
  ignored: { kind: "pin" | "exclusion"; proposalId: number; why: "below-threshold" | "unknown" }[];
}

export function buildPortfolioModel(instance: OptimiserInstance): PortfolioModel {
  const columns = instance.candidates.filter((c) => c.passes);
  const position = new Map(columns.map((c, j) => [c.id, j]));
  const known = new Set(instance.candidates.map((c) => c.id));

  const rows: ModelRow[] = [
    {
      ruleIndex: null,
      group: null,
      columns: columns.map((_, j) => j),
      coefficients: columns.map((c) => c.grant),
      lower: -Infinity,
      upper: instance.budget,
    },
  ];

  // Each column's groups, computed once per dimension (a rule on each of 1,700 lead organisations
  // over 5,000 proposals would otherwise test 8.5 million memberships).
  const groupsByDimension = new Map<RuleDimension, string[][]>();
  const groupsFor = (dimension: RuleDimension) => {
    let groups = groupsByDimension.get(dimension);
    if (!groups) {
      groups = columns.map((c) => groupsOf(dimension, c.facts));
      groupsByDimension.set(dimension, groups);
    }
    return groups;
  };
  instance.rules.forEach((rule, ruleIndex) => {
    const limit = ruleLimit(rule, instance.budget);
    for (const group of ruleGroups(rule, columns, groupsFor(rule.dimension))) {
      rows.push({
        ruleIndex,
        group: group.name,
        columns: group.members,
        coefficients: group.members.map((j) => (rule.measure === "share" ? columns[j]!.grant : 1)),
        lower: rule.bound === "min" ? limit : -Infinity,
        upper: rule.bound === "max" ? limit : Infinity,
      });
    }
  });

  const ignored: PortfolioModel["ignored"] = [];
  const place = (kind: "pin" | "exclusion", choices: readonly ProposalChoice[]) => {
    const out = new Map<number, number>();
    for (const { proposalId } of choices) {
      const j = position.get(proposalId);
      if (j === undefined) ignored.push({ kind, proposalId, why: known.has(proposalId) ? "below-threshold" : "unknown" });
      else out.set(proposalId, j);
    }
    return out;
  };
  const pinned = place("pin", instance.pins);
  const excluded = place("exclusion", instance.exclusions);
  for (const id of pinned.keys()) {
    if (excluded.has(id)) throw new Error(`Proposal ${id} is both pinned and excluded`);
  }

  const units: ConstraintUnit[] = [
    ...instance.rules.map((_, index): ConstraintUnit => ({ kind: "rule", index })),
    ...[...pinned.keys()].map((proposalId): ConstraintUnit => ({ kind: "pin", proposalId })),
    ...[...excluded.keys()].map((proposalId): ConstraintUnit => ({ kind: "exclusion", proposalId })),
  ];
  return { instance, columns, rows, units, pinned, excluded, ignored };
}

/**
 * The groups a rule limits, each with its member columns in rank order: its one named group, or
 * each group of the dimension that an eligible proposal belongs to, in order of first appearance.
 * A lead organisation is named as the first proposal in rank order gives it.
 */
function ruleGroups(rule: BalanceRule, columns: readonly Candidate[], columnGroups: readonly (readonly string[])[]): { name: string; members: number[] }[] {
  if (rule.group !== EACH_GROUP) {
    const wanted = groupKey(rule.dimension, rule.group);
    const members: number[] = [];
    columnGroups.forEach((keys, j) => {
      if (keys.includes(wanted)) members.push(j);
    });
    return [{ name: rule.group, members }];
  }
  const groups = new Map<string, { name: string; members: number[] }>();
  columnGroups.forEach((keys, j) => {
    for (const key of keys) {
      let group = groups.get(key);
      if (!group) {
        group = { name: rule.dimension === "lead-organisation" ? columns[j]!.leadOrganisation.trim() : key, members: [] };
        groups.set(key, group);
      }
      group.members.push(j);
    }
  });
  return [...groups.values()];
}

/** A set of dropped units, by unitKey. */
export type Dropped = ReadonlySet<string>;

const NONE: Dropped = new Set();

/**
 * The selection MIP with some units dropped. With `feasibilityOnly` the objective is zero, which
 * is all an infeasibility test needs and lets the solver stop at the first feasible point.
 *
 * Every model of one scenario has the same rows in the same order (a dropped rule's rows stay,
 * unbounded), so the row duals of one solve bound the next (binary-program.ts). A row whose
 * coefficients are whole numbers (pounds or counts) is divided by their greatest common divisor g
 * and its bounds rounded inwards to whole numbers: the activity of any plan is a multiple of g, so
 * the rounded row holds exactly the same plans (Nemhauser & Wolsey 1988, §II.1.1, integer
 * rounding), with a tighter LP relaxation and coefficients HiGHS need not rescale.
 */
export function selectionModel(model: PortfolioModel, dropped: Dropped = NONE, feasibilityOnly = false): LinearModel {
  const n = model.columns.length;
  const colLower = new Float64Array(n);
  const colUpper = new Float64Array(n).fill(1);
  for (const [id, j] of model.pinned) if (!dropped.has(unitKey({ kind: "pin", proposalId: id }))) colLower[j] = 1;
  for (const [id, j] of model.excluded) if (!dropped.has(unitKey({ kind: "exclusion", proposalId: id }))) colUpper[j] = 0;

  const numRows = model.rows.length;
  const nonzeros = model.rows.reduce((sum, row) => sum + row.columns.length, 0);
  const rowStarts = new Int32Array(numRows + 1);
  const rowIndices = new Int32Array(nonzeros);
  const rowValues = new Float64Array(nonzeros);
  const rowLower = new Float64Array(numRows);
  const rowUpper = new Float64Array(numRows);
  let k = 0;
  model.rows.forEach((row, r) => {
    const off = row.ruleIndex !== null && dropped.has(unitKey({ kind: "rule", index: row.ruleIndex }));
    const g = wholeDivisor(row.coefficients);
    for (let e = 0; e < row.columns.length; e++) {
      if (row.coefficients[e] === 0) continue;
      rowIndices[k] = row.columns[e]!;
      rowValues[k] = row.coefficients[e]! / (g || 1);
      k += 1;
    }
    rowStarts[r + 1] = k;
    rowLower[r] = off ? -Infinity : g ? Math.ceil(row.lower / g - 1e-9) : row.lower;
    rowUpper[r] = off ? Infinity : g ? Math.floor(row.upper / g + 1e-9) : row.upper;
  });
  return {
    sense: "maximize",
    colCost: feasibilityOnly ? new Float64Array(n) : Float64Array.from(model.columns, (c) => c.quality),
    colLower,
    colUpper,
    integer: new Array<boolean>(n).fill(true),
    rowStarts,
    rowIndices: rowIndices.subarray(0, k),
    rowValues: rowValues.subarray(0, k),
    rowLower,
    rowUpper,
  };
}

/** The greatest common divisor of the nonzero coefficients when all are whole; 0 otherwise or when there are none. */
function wholeDivisor(coefficients: readonly number[]): number {
  let g = 0;
  for (const a of coefficients) {
    if (a === 0) continue;
    if (!Number.isSafeInteger(a)) return 0;
    let x = Math.abs(a);
    let y = g;
    while (y) [x, y] = [y, x % y];
    g = x;
  }
  return g;
}

/**
 * The smallest set of units whose removal makes the model feasible, as one MIP (a minimum-
 * cardinality "feasibility relaxation"; compare Chinneck, "Feasibility and Infeasibility in
 * Optimization", Springer 2008, ch. 7). Each unit u gets a binary z_u, minimise Σ z_u, and z_u = 1
 * switches the unit off with a big-M term that can never bind:
 *   minimum row  Σ a·x ≥ L   becomes  Σ a·x + L·z ≥ L
 *   maximum row  Σ a·x ≤ U   becomes  Σ a·x − M·z ≤ U,  M = Σ a − U (the most the row can exceed U)
 *   pin          x = 1       becomes  x + z ≥ 1;   exclusion  x = 0  becomes  x − z ≤ 0.
 * The budget stays hard; with every unit off, funding nothing is feasible, so the MIP always has
 * a solution. Columns: x for the eligible proposals, then z per unit in model.units order.
 */
export function relaxationModel(model: PortfolioModel): LinearModel {
  const n = model.columns.length;
  const z = new Map(model.units.map((u, k) => [unitKey(u), n + k]));
  const builder = new RowBuilder();
  for (const row of model.rows) {
    const entries = row.columns.map((j, k) => [j, row.coefficients[k]!] as [number, number]);
    if (row.ruleIndex === null) {
      builder.add(entries, row.lower, row.upper);
      continue;
    }
    const zColumn = z.get(unitKey({ kind: "rule", index: row.ruleIndex }))!;
    if (row.lower > -Infinity) builder.add([...entries, [zColumn, row.lower]], row.lower, Infinity);
    if (row.upper < Infinity) {
      const most = row.coefficients.reduce((sum, a) => sum + Math.max(0, a), 0);
      builder.add([...entries, [zColumn, -Math.max(0, most - row.upper)]], -Infinity, row.upper);
    }
  }
  for (const [id, j] of model.pinned) builder.add([[j, 1], [z.get(unitKey({ kind: "pin", proposalId: id }))!, 1]], 1, Infinity);
  for (const [id, j] of model.excluded) builder.add([[j, 1], [z.get(unitKey({ kind: "exclusion", proposalId: id }))!, -1]], -Infinity, 0);

  const columns = n + model.units.length;
  return {
    sense: "minimize",
    colCost: [...new Array<number>(n).fill(0), ...new Array<number>(model.units.length).fill(1)],
    colLower: new Array<number>(columns).fill(0),
    colUpper: new Array<number>(columns).fill(1),
    integer: new Array<boolean>(columns).fill(true),
    rowStarts: builder.starts,
    rowIndices: builder.indices,
    rowValues: builder.values,
    rowLower: builder.lower,
    rowUpper: builder.upper,
  };
}

/** Tolerance for checking a plan in pounds or counts: a rounding hair, far below £1 or one award. */
const CHECK_TOLERANCE = 1e-6;

/**
 * The units a selection breaks, checked exactly in whole pounds (independent of the solver's
 * tolerances). "budget" is listed when the budget is exceeded.
 */
export function brokenConstraints(model: PortfolioModel, selected: ReadonlySet<number>, dropped: Dropped = NONE): string[] {
  const broken = new Set<string>();
  const chosen = (j: number) => selected.has(model.columns[j]!.id);
  for (const row of model.rows) {
    const key = row.ruleIndex === null ? "budget" : unitKey({ kind: "rule", index: row.ruleIndex });
    if (dropped.has(key)) continue;
    let activity = 0;
    row.columns.forEach((j, k) => {
      if (chosen(j)) activity += row.coefficients[k]!;
    });
    if (activity < row.lower - CHECK_TOLERANCE || activity > row.upper + CHECK_TOLERANCE) broken.add(key);
  }
  for (const id of model.pinned.keys()) {
    const key = unitKey({ kind: "pin", proposalId: id });
    if (!dropped.has(key) && !selected.has(id)) broken.add(key);
  }
  for (const id of model.excluded.keys()) {
    const key = unitKey({ kind: "exclusion", proposalId: id });
    if (!dropped.has(key) && selected.has(id)) broken.add(key);
  }
  const eligible = new Set(model.columns.map((c) => c.id));
  for (const id of selected) {
    if (!eligible.has(id)) broken.add(`ineligible:${id}`);
  }
  return [...broken];
}
