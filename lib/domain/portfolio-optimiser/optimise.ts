/**
 * The portfolio optimiser's method (issue 10), independent of any solver: the solver is passed
 * in (HiGHS in production, so the answers are exact; anything else in tests). No I/O.
 *
 * 1. Plan: the optimum of the selection MIP (model.ts) over the eligible proposals.
 * 2. Rank-order line: walking the passing proposals in rank order, fund each one whose grant
 *    still fits the budget (DESIGN.md "Funding line", with this scenario's budget).
 * 3. Price of balance: the quality the plan gives up against the rank-order line, and the price of
 *    each rule, pin and exclusion = (optimum without it) − (optimum with everything), by
 *    re-solving without it, started from the plan (which stays feasible when a unit is dropped).
 *    Units the LP relaxation leaves slack are first dropped together: if even that optimum is no
 *    better than the plan, each costs nothing (the optimum without one lies between the two);
 *    otherwise the group is halved (group testing). Units the relaxation binds are priced alone.
 * 4. Swaps: a proposal in the plan but not on the rank-order line is "swapped in", one on the line
 *    but not in the plan "swapped out". The cause is the unit whose removal undoes the swap,
 *    preferring one whose group holds the proposal (a minimum for a swap in, a maximum for a swap
 *    out); when no unit's removal undoes it, the cause is the budget itself: the optimum packs
 *    the budget better than walking down the ranking does.
 * Every solve is exact by reduced-cost fixing (../binary-program.ts): the LP relaxation's duals
 * prove which proposals cannot change, and HiGHS solves the small MIP over the rest.
 * Exactness: HiGHS proves optimality when its best bound is within the MIP gap of the incumbent.
 * Raw weighted totals are means of whole scores times whole-percent weights, so every total, and
 * every sum of totals, lies on a grid of step δ = 1/D for a small D (1/30 for three assessors
 * scoring 0–10). Any bound closer than δ to the incumbent then proves no better plan exists, so
 * the solver may stop at an absolute gap of δ/2 with the exact optimum. A measure with no such grid
 * (the calibrated score) is solved to a zero gap.
 * 5. Infeasible rules: the smallest set of units whose removal makes a plan possible (one MIP,
 *    model.ts relaxationModel), and a set of units that conflict among themselves (an irreducible
 *    infeasible subset, found by re-solving without each unit in turn and keeping a unit only when
 *    the rest become feasible without it: the deletion filter of Chinneck & Dravnieks, ORSA J.
 *    Computing 3(2), 1991). Never an empty plan without a reason.
 */
import { formatPounds } from "../../format";
import { solveBinaryProgram } from "../binary-program";
import type { LinearSolver } from "../linear-model";
import {
  brokenConstraints,
  buildPortfolioModel,
  relaxationModel,
  selectionModel,
  unitKey,
  type Candidate,
  type ConstraintUnit,
  type OptimiserInstance,
  type PortfolioModel,
} from "./model";
import { ruleLabel } from "./rules";

export interface Selection {
  /** Selected proposal ids, in rank order. */
  ids: number[];
  quality: number;
  grant: number;
}

/** What caused a swap: a rule, a pin, an exclusion, or the budget (a better fit than rank order). */
export type SwapCause = ConstraintUnit | { kind: "budget" };

export interface Swap {
  proposalId: number;
  direction: "in" | "out";
  cause: SwapCause;
}

export interface UnitPrice {
  unit: ConstraintUnit;
  /** Quality given up because of this unit: optimum without it minus optimum with everything (≥ 0). */
  cost: number;
  /** The plan without this unit, when it differs from the plan. */
  changes: { added: number[]; removed: number[] };
}

export interface Infeasibility {
  /** Units that cannot all hold together (removing any one of them resolves this conflict). */
  conflicting: ConstraintUnit[];
  /** The fewest units whose removal makes a plan possible. */
  smallestRemoval: ConstraintUnit[];
  /** The plan once those are removed. */
  planWithoutRemoval: Selection | null;
}

export type OptimiserStatus = "optimal" | "time-limit" | "infeasible" | "no-eligible" | "error";

export interface OptimiserOutcome {
  status: OptimiserStatus;
  /** Why the plan is empty, infeasible or not proven optimal, in plain words; null for a normal plan. */
  message: string | null;
  budget: number;
  plan: Selection | null;
  rankOrder: Selection;
  /** The optimum with the budget, pins and exclusions but no balance rules. */
  withoutRules: Selection | null;
  prices: UnitPrice[];
  swaps: Swap[];
  infeasibility: Infeasibility | null;
  warnings: string[];
  /** Number of MIPs solved. */
  solves: number;
}

export interface OptimiseOptions {
  /** Called after each solve with (done, expected total), for progress bars. */
  onProgress?: (done: number, total: number) => void;
  /** Skip the per-unit re-solves (prices and swap causes); for quick previews and benchmarks. */
  skipPrices?: boolean;
  timeLimitSeconds?: number;
}

/**
 * The step δ of the grid every quality (and so every sum of qualities) lies on: the smallest D ≤
 * 1,000 with q·D whole for every q gives δ = 1/D; 0 when there is none.
 */
export function qualityResolution(qualities: readonly number[]): number {
  const whole = (x: number) => Math.abs(x - Math.round(x)) <= 1e-7 * Math.max(1, Math.abs(x));
  for (let d = 1; d <= 1000; d++) {
    if (qualities.every((q) => whole(q * d))) return 1 / d;
  }
  return 0;
}

/** The rank-order funding line under a budget: passing proposals in rank order, skipping any that no longer fit. */
export function rankOrderLine(candidates: readonly Candidate[], budget: number): Selection {
  let grant = 0;
  let quality = 0;
  const ids: number[] = [];
  for (const c of candidates) {
    if (!c.passes || grant + c.grant > budget) continue;
    ids.push(c.id);
    grant += c.grant;
    quality += c.quality;
  }
  return { ids, quality, grant };
}

function summarise(model: PortfolioModel, ids: ReadonlySet<number>): Selection {
  const chosen = model.instance.candidates.filter((c) => ids.has(c.id));
  return {
    ids: chosen.map((c) => c.id),
    quality: chosen.reduce((sum, c) => sum + c.quality, 0),
    grant: chosen.reduce((sum, c) => sum + c.grant, 0),
  };
}

export function unitLabel(instance: OptimiserInstance, unit: SwapCause): string {
  const titleOf = (id: number) => instance.candidates.find((c) => c.id === id)?.title ?? `proposal ${id}`;
  switch (unit.kind) {
    case "rule":
      return ruleLabel(instance.rules[unit.index]!, instance.budget);
    case "pin":
      return `Must fund “${titleOf(unit.proposalId)}” (pinned)`;
    case "exclusion":
      return `Must not fund “${titleOf(unit.proposalId)}” (excluded)`;
    case "budget":
      return `Best use of the ${formatPounds(instance.budget)} budget`;
  }
}

const quote = (text: string) => `“${text}”`;

function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export async function optimisePortfolio(instance: OptimiserInstance, solve: LinearSolver, options: OptimiseOptions = {}): Promise<OptimiserOutcome> {
  const model = buildPortfolioModel(instance);
  const rankOrder = rankOrderLine(instance.candidates, instance.budget);
  const warnings = model.ignored.map(
    ({ kind, proposalId, why }) =>
      `The ${kind === "pin" ? "pin on" : "exclusion of"} proposal ${proposalId} is ignored: ${why === "below-threshold" ? "it does not pass the thresholds, so it is not eligible" : "it is not a ranked proposal of this call"}.`,
  );
  const base = { budget: instance.budget, rankOrder, warnings, prices: [], swaps: [], infeasibility: null, withoutRules: null };
  let solves = 0;
  let expected = 2 + (options.skipPrices ? 0 : model.units.length);
  const progress = () => options.onProgress?.(solves, Math.max(expected, solves));
  const solveOpts = { timeLimitSeconds: options.timeLimitSeconds };
  const selectOpts = { timeLimitSeconds: options.timeLimitSeconds, grid: qualityResolution(model.columns.map((c) => c.quality)) };

  if (model.columns.length === 0) {
    return {
      ...base,
      status: "no-eligible",
      message: "No proposal in this call passes the thresholds, so there is nothing to fund.",
      plan: null,
      solves,
    };
  }

  /**
   * Solves with some units dropped; the selected ids, or null when infeasible. Each solve is exact
   * by reduced-cost fixing (binary-program.ts); the main solve's row duals bound every later one.
   */
  const hint: { duals?: ArrayLike<number> } = {};
  const select = async (dropped: ReadonlySet<string>, start?: ArrayLike<number>) => {
    const result = await solveBinaryProgram(selectionModel(model, dropped), solve, { ...selectOpts, start, dualHint: hint.duals });
    solves += result.lpSolves + result.mipSolves;
    progress();
    if (result.status === "infeasible") return { status: "infeasible" as const, ids: null, duals: null, reducedCosts: null };
    if ((result.status !== "optimal" && result.status !== "time-limit") || result.colValues.length === 0) {
      return { status: "error" as const, ids: null, duals: null, reducedCosts: null };
    }
    const ids = new Set(model.columns.filter((_, j) => (result.colValues[j] ?? 0) > 0.5).map((c) => c.id));
    const broken = brokenConstraints(model, ids, dropped);
    if (broken.length > 0) throw new Error(`The solver returned a plan that breaks ${broken.join(", ")}`);
    return { status: result.status, ids, duals: result.rowDuals, reducedCosts: result.reducedCosts };
  };

  // The rank-order line, when it happens to meet every rule, is a first plan to beat.
  const lineIds = new Set(rankOrder.ids);
  const main = await select(
    new Set(),
    model.columns.map((c) => (lineIds.has(c.id) ? 1 : 0)),
  );
  hint.duals = main.duals ?? undefined;
  if (main.status === "error") {
    return { ...base, status: "error", message: "The optimiser could not solve this scenario. Try again, or simplify the rules.", plan: null, solves };
  }

  if (main.status === "infeasible") {
    expected = solves + 2 + model.units.length;
    const infeasibility = await explainInfeasibility(model, solve, async (dropped) => {
      const result = await solve(selectionModel(model, dropped, true), solveOpts);
      solves += 1;
      progress();
      return result.status !== "infeasible";
    });
    solves += 1; // the relaxation MIP
    const plan = infeasibility.smallestRemoval.length > 0 ? await select(new Set(infeasibility.smallestRemoval.map(unitKey))) : null;
    infeasibility.planWithoutRemoval = plan?.ids ? summarise(model, plan.ids) : null;
    return {
      ...base,
      status: "infeasible",
      message: infeasibilityMessage(instance, infeasibility),
      plan: null,
      infeasibility,
      solves,
    };
  }

  const planIds = main.ids;
  const plan = summarise(model, planIds);
  const start = model.columns.map((c) => (planIds.has(c.id) ? 1 : 0));

  const prices: UnitPrice[] = [];
  const without = new Map<string, Set<number>>();
  let withoutRules: Selection | null = null;
  // Two plan values closer than this are equal (values lie on the grid, or are compared to rounding).
  const tie = selectOpts.grid > 0 ? selectOpts.grid / 2 : 1e-9 * Math.max(1, Math.abs(plan.quality));
  if (!options.skipPrices) {
    const cleared: Set<string>[] = [];
    const priceAlone = async (unit: ConstraintUnit) => {
      const result = await select(new Set([unitKey(unit)]), start);
      if (!result.ids) return;
      without.set(unitKey(unit), result.ids);
      const other = summarise(model, result.ids);
      prices.push({
        unit,
        cost: Math.max(0, other.quality - plan.quality),
        changes: {
          added: other.ids.filter((id) => !planIds.has(id)),
          removed: plan.ids.filter((id) => !result.ids.has(id)),
        },
      });
    };
    // Group testing: when the optimum without a whole group of units is no better than the plan,
    // each of them costs nothing (the optimum without one of them lies between the two), and the
    // plan stays optimal without it. Otherwise the group is halved. Units the LP relaxation leaves
    // slack (zero multipliers) rarely cost anything, so they are tested together first.
    const priceGroup = async (units: readonly ConstraintUnit[]): Promise<void> => {
      if (units.length <= 1) {
        for (const unit of units) await priceAlone(unit);
        return;
      }
      const result = await select(new Set(units.map(unitKey)), start);
      if (result.ids && summarise(model, result.ids).quality - plan.quality <= tie) {
        cleared.push(new Set(units.map(unitKey)));
        for (const unit of units) {
          without.set(unitKey(unit), planIds);
          prices.push({ unit, cost: 0, changes: { added: [], removed: [] } });
        }
        return;
      }
      const half = Math.ceil(units.length / 2);
      await priceGroup(units.slice(0, half));
      await priceGroup(units.slice(half));
    };
    const slack = model.units.filter((unit) => isSlackInRelaxation(model, unit, main.duals, main.reducedCosts));
    await priceGroup(slack);
    for (const unit of model.units) if (!slack.includes(unit)) await priceAlone(unit);
    const order = new Map(model.units.map((unit, k) => [unitKey(unit), k]));
    prices.sort((a, b) => order.get(unitKey(a.unit))! - order.get(unitKey(b.unit))!);
    const ruleKeys = instance.rules.map((_, index) => unitKey({ kind: "rule", index }));
    // A cleared group holding every rule already shows the optimum without rules is the plan.
    const clearedAllRules = cleared.some((group) => ruleKeys.every((key) => group.has(key)));
    const relaxed = ruleKeys.length === 0 || clearedAllRules ? { ids: planIds } : await select(new Set(ruleKeys), start);
    withoutRules = relaxed.ids ? summarise(model, relaxed.ids) : null;
  }

  const swaps = explainSwaps(model, planIds, new Set(rankOrder.ids), without, withoutRules ? new Set(withoutRules.ids) : null);
  const message =
    main.status === "time-limit"
      ? "The optimiser reached its time limit before proving this plan is the best; it is the best plan found so far."
      : plan.ids.length === 0
        ? emptyPlanMessage(model)
        : null;
  return { ...base, status: main.status, message, plan, withoutRules, prices, swaps, solves };
}

/**
 * Whether the LP relaxation leaves a unit slack: a rule whose rows all have zero multipliers, a
 * pin on a column the relaxation would fund anyway, an exclusion of one it would not fund.
 */
function isSlackInRelaxation(model: PortfolioModel, unit: ConstraintUnit, duals: ArrayLike<number> | null, reduced: ArrayLike<number> | null): boolean {
  if (!duals || !reduced) return false;
  if (unit.kind === "rule") return model.rows.every((row, r) => row.ruleIndex !== unit.index || duals[r] === 0);
  const j = unit.kind === "pin" ? model.pinned.get(unit.proposalId) : model.excluded.get(unit.proposalId);
  if (j === undefined) return false;
  return unit.kind === "pin" ? reduced[j]! >= 0 : reduced[j]! <= 0;
}

function emptyPlanMessage(model: PortfolioModel): string {
  const budget = model.instance.budget;
  if (model.columns.every((c) => c.grant > budget)) {
    return `No eligible proposal fits within the budget of ${formatPounds(budget)}, so the plan funds nothing.`;
  }
  return "Funding nothing is the only way to meet every rule: loosen a maximum (see the price of each rule) to fund proposals.";
}

/**
 * Why each proposal was swapped, in this order of preference:
 * 1. a rule that blocks undoing the swap (the proposal is in one of its groups and the plan sits
 *    at its bound: a swapped-in proposal cannot leave without breaking a minimum, a swapped-out
 *    one cannot come back without breaking a maximum) and whose removal alone undoes it;
 * 2. a blocking rule (several rules may force the same swap, so no single removal undoes it);
 * 3. any unit whose removal alone undoes the swap, rules first;
 * 4. when only dropping every rule undoes it, a rule holding the proposal, else the first rule;
 * 5. otherwise the budget: the optimum simply packs it better than rank order does.
 */
function explainSwaps(
  model: PortfolioModel,
  plan: ReadonlySet<number>,
  line: ReadonlySet<number>,
  without: ReadonlyMap<string, Set<number>>,
  withoutRules: ReadonlySet<number> | null,
): Swap[] {
  const swaps: Swap[] = [];
  const position = new Map(model.columns.map((c, j) => [c.id, j]));
  // Each proposal's rule rows, with the plan's activity on the row.
  const rowsOf = model.columns.map(() => [] as { ruleIndex: number; coefficient: number; lower: number; upper: number; activity: number }[]);
  for (const row of model.rows) {
    if (row.ruleIndex === null) continue;
    let activity = 0;
    row.columns.forEach((j, k) => {
      if (plan.has(model.columns[j]!.id)) activity += row.coefficients[k]!;
    });
    row.columns.forEach((j, k) =>
      rowsOf[j]!.push({ ruleIndex: row.ruleIndex!, coefficient: row.coefficients[k]!, lower: row.lower, upper: row.upper, activity }),
    );
  }
  const TOL = 1e-6;
  const blocking = (id: number, direction: "in" | "out"): Set<number> => {
    const rows = rowsOf[position.get(id) ?? -1] ?? [];
    return new Set(
      rows
        .filter((r) => (direction === "in" ? r.activity - r.coefficient < r.lower - TOL : r.activity + r.coefficient > r.upper + TOL))
        .map((r) => r.ruleIndex),
    );
  };
  const holding = (id: number): Set<number> => new Set((rowsOf[position.get(id) ?? -1] ?? []).map((r) => r.ruleIndex));
  const rules = model.units.filter((u): u is { kind: "rule"; index: number } => u.kind === "rule");

  const cause = (id: number, direction: "in" | "out"): SwapCause => {
    const undoneBy = (selection: ReadonlySet<number>) => (direction === "in" ? !selection.has(id) : selection.has(id));
    const undoing = model.units.filter((u) => without.has(unitKey(u)) && undoneBy(without.get(unitKey(u))!));
    const blocks = blocking(id, direction);
    const holds = holding(id);
    return (
      undoing.find((u) => u.kind === "rule" && blocks.has(u.index)) ??
      rules.find((u) => blocks.has(u.index)) ??
      undoing.find((u) => u.kind === "rule" && holds.has(u.index)) ??
      undoing.find((u) => u.kind === "rule") ??
      undoing[0] ??
      (withoutRules && undoneBy(withoutRules) ? (rules.find((u) => holds.has(u.index)) ?? rules[0]) : undefined) ?? { kind: "budget" }
    );
  };
  for (const c of model.instance.candidates) {
    if (plan.has(c.id) && !line.has(c.id)) {
      swaps.push({ proposalId: c.id, direction: "in", cause: model.pinned.has(c.id) ? { kind: "pin", proposalId: c.id } : cause(c.id, "in") });
    } else if (!plan.has(c.id) && line.has(c.id)) {
      swaps.push({ proposalId: c.id, direction: "out", cause: model.excluded.has(c.id) ? { kind: "exclusion", proposalId: c.id } : cause(c.id, "out") });
    }
  }
  return swaps;
}

async function explainInfeasibility(
  model: PortfolioModel,
  solve: LinearSolver,
  feasibleWithout: (dropped: ReadonlySet<string>) => Promise<boolean>,
): Promise<Infeasibility> {
  // Smallest removal: one minimum-cardinality relaxation MIP.
  // Its objective counts units, a whole number: a gap under 1/2 is exact.
  const relaxation = await solve(relaxationModel(model), { mipAbsoluteGap: 0.5 });
  const n = model.columns.length;
  const smallestRemoval =
    relaxation.status === "optimal" ? model.units.filter((_, k) => (relaxation.colValues[n + k] ?? 0) > 0.5) : [...model.units];

  // Conflicting units: the deletion filter. Keep a unit only if the others are feasible without it.
  const kept = new Set(model.units.map(unitKey));
  const allKeys = model.units.map(unitKey);
  for (const key of allKeys) {
    kept.delete(key);
    const dropped = new Set(allKeys.filter((k) => !kept.has(k)));
    if (await feasibleWithout(dropped)) kept.add(key);
  }
  return {
    conflicting: model.units.filter((u) => kept.has(unitKey(u))),
    smallestRemoval,
    planWithoutRemoval: null,
  };
}

function infeasibilityMessage(instance: OptimiserInstance, info: Infeasibility): string {
  const label = (u: ConstraintUnit) => quote(unitLabel(instance, u));
  const budget = formatPounds(instance.budget);
  const conflict =
    info.conflicting.length === 1
      ? `${label(info.conflicting[0]!)} cannot be met within the budget of ${budget}.`
      : `These rules cannot all be met together within the budget of ${budget}: ${listInWords(info.conflicting.map(label))}.`;
  const fix =
    info.smallestRemoval.length === 1
      ? `Removing ${label(info.smallestRemoval[0]!)} is the smallest change that makes a plan possible.`
      : `No single rule's removal is enough: the smallest change that makes a plan possible is removing ${listInWords(info.smallestRemoval.map(label))}.`;
  return `${conflict} ${fix}`;
}
