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
import { EACH_GROUP, groupsOf, inGroup, ruleLimit, type BalanceRule, type CandidateFacts } from "./rules";

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

  instance.rules.forEach((rule, ruleIndex) => {
    const limit = ruleLimit(rule, instance.budget);
    for (const group of ruleGroups(rule, columns)) {
      const members: number[] = [];
      columns.forEach((c, j) => {
        if (inGroup(rule.dimension, group.key, c.facts)) members.push(j);
      });
      rows.push({
        ruleIndex,
        group: group.name,
        columns: members,
        coefficients: members.map((j) => (rule.measure === "share" ? columns[j]!.grant : 1)),
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
 * The groups a rule limits: its one named group, or each group of the dimension that an eligible
 * proposal belongs to. A lead organisation is named as the first proposal in rank order gives it.
 */
function ruleGroups(rule: BalanceRule, columns: readonly Candidate[]): { key: string; name: string }[] {
  if (rule.group !== EACH_GROUP) return [{ key: rule.group, name: rule.group }];
  const seen = new Map<string, string>();
  for (const c of columns) {
    for (const key of groupsOf(rule.dimension, c.facts)) {
      if (!seen.has(key)) seen.set(key, rule.dimension === "lead-organisation" ? c.leadOrganisation.trim() : key);
    }
  }
  return [...seen].map(([key, name]) => ({ key, name }));
}

/** A set of dropped units, by unitKey. */
export type Dropped = ReadonlySet<string>;

const NONE: Dropped = new Set();

/**
 * The selection MIP with some units dropped. With `feasibilityOnly` the objective is zero, which
 * is all an infeasibility test needs and lets the solver stop at the first feasible point.
 */
export function selectionModel(model: PortfolioModel, dropped: Dropped = NONE, feasibilityOnly = false): LinearModel {
  const n = model.columns.length;
  const colLower = new Array<number>(n).fill(0);
  const colUpper = new Array<number>(n).fill(1);
  for (const [id, j] of model.pinned) if (!dropped.has(unitKey({ kind: "pin", proposalId: id }))) colLower[j] = 1;
  for (const [id, j] of model.excluded) if (!dropped.has(unitKey({ kind: "exclusion", proposalId: id }))) colUpper[j] = 0;

  const builder = new RowBuilder();
  for (const row of model.rows) {
    if (row.ruleIndex !== null && dropped.has(unitKey({ kind: "rule", index: row.ruleIndex }))) continue;
    builder.add(
      row.columns.map((j, k) => [j, row.coefficients[k]!] as const),
      row.lower,
      row.upper,
    );
  }
  return {
    sense: "maximize",
    colCost: feasibilityOnly ? new Array<number>(n).fill(0) : model.columns.map((c) => c.quality),
    colLower,
    colUpper,
    integer: new Array<boolean>(n).fill(true),
    rowStarts: builder.starts,
    rowIndices: builder.indices,
    rowValues: builder.values,
    rowLower: builder.lower,
    rowUpper: builder.upper,
  };
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
