/**
 * Where the money goes, for the balance charts (issue 10): for each dimension, each group's grant
 * and number of awards on the rank-order line and in the scenario's plan, side by side, with the
 * bounds of every rule on that group. Pure.
 */
import type { OptimiserInstance } from "./model";
import { EACH_GROUP, fixedGroupOptions, groupLabel, groupsOf, inGroup, ruleLabel, ruleLimit, type RuleDimension } from "./rules";

export const CHART_DIMENSIONS = ["theme", "rd-category", "country", "trl-band", "fit"] as const satisfies readonly RuleDimension[];
export type ChartDimension = (typeof CHART_DIMENSIONS)[number];

export interface GroupBound {
  bound: "min" | "max";
  measure: "share" | "count";
  /** Pounds for a share, awards for a count. */
  limit: number;
  rule: string;
  /** Rule number (1-based), as the scenario lists them. */
  ruleNumber: number;
}

export interface BalanceGroup {
  key: string;
  label: string;
  rankOrder: { grant: number; awards: number };
  plan: { grant: number; awards: number };
  bounds: GroupBound[];
}

export interface BalanceDimension {
  dimension: ChartDimension;
  groups: BalanceGroup[];
}

export function balanceByDimension(instance: OptimiserInstance, planIds: readonly number[], rankOrderIds: readonly number[]): BalanceDimension[] {
  const plan = new Set(planIds);
  const line = new Set(rankOrderIds);
  const eligible = instance.candidates.filter((c) => c.passes);
  return CHART_DIMENSIONS.map((dimension) => {
    // Fixed groups always show (a gap is worth seeing); countries are those of the call's eligible proposals.
    const keys = new Map<string, string>(fixedGroupOptions(dimension).map((o) => [o.value, o.label]));
    for (const c of eligible) for (const key of groupsOf(dimension, c.facts)) if (!keys.has(key)) keys.set(key, groupLabel(dimension, key));
    for (const rule of instance.rules) {
      if (rule.dimension === dimension && rule.group !== EACH_GROUP && !keys.has(rule.group)) keys.set(rule.group, groupLabel(dimension, rule.group));
    }
    const groups = [...keys].map(([key, label]): BalanceGroup => {
      const members = eligible.filter((c) => inGroup(dimension, key, c.facts));
      const tally = (chosen: ReadonlySet<number>) => {
        const inside = members.filter((c) => chosen.has(c.id));
        return { grant: inside.reduce((s, c) => s + c.grant, 0), awards: inside.length };
      };
      const bounds = instance.rules.flatMap((rule, i): GroupBound[] =>
        rule.dimension === dimension && (rule.group === EACH_GROUP || rule.group === key)
          ? [{ bound: rule.bound, measure: rule.measure, limit: ruleLimit(rule, instance.budget), rule: ruleLabel(rule, instance.budget), ruleNumber: i + 1 }]
          : [],
      );
      return { key, label, rankOrder: tally(line), plan: tally(plan), bounds };
    });
    return { dimension, groups };
  });
}
