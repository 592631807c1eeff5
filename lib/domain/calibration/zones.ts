import { rankOrder, rankProposals, type RankedProposal, type RankingConfig, type RankingProposal } from "../ranking";
import type { Interval } from "./gibbs";

/**
 * Funding-line zones, the SNSF rule (Heyard et al. 2022, §3; DESIGN.md "How sure the ranking
 * is"): walk the passing proposals in expected-rank order, adding up their grants, and stop at
 * the first that no longer fits the budget. The funding line is the expected rank of the last
 * one that fitted. A proposal whose 50 % rank interval lies wholly above the line (every rank in
 * it better, i.e. smaller) is "fund"; wholly below, "do not fund"; otherwise "too close to call".
 * A proposal that fails a threshold is never fundable, so it is "do not fund" whatever its rank.
 * When every passing proposal fits, the line is below them all (all passing are "fund").
 */
export const ZONES = ["fund", "close", "reject"] as const;
export type Zone = (typeof ZONES)[number];
export const ZONE_LABELS: Record<Zone, string> = { fund: "Fund", close: "Too close to call", reject: "Do not fund" };

export interface ZoneInput {
  id: number;
  expectedRank: number;
  rank50: Interval;
  grantRequested: number;
  passes: boolean;
}

export function fundingLineZones(items: readonly ZoneInput[], budget: number): { line: number; allFit: boolean; zones: Map<number, Zone> } {
  const passing = items.filter((i) => i.passes).sort((a, b) => a.expectedRank - b.expectedRank || a.id - b.id);
  let used = 0;
  let line = 0;
  let allFit = true;
  for (const item of passing) {
    if (used + item.grantRequested > budget) {
      allFit = false;
      break;
    }
    used += item.grantRequested;
    line = item.expectedRank;
  }
  if (allFit) line = Infinity;
  const zones = new Map<number, Zone>();
  for (const item of items) {
    if (!item.passes) zones.set(item.id, "reject");
    else if (item.rank50.high < line) zones.set(item.id, "fund");
    else if (item.rank50.low > line) zones.set(item.id, "reject");
    else zones.set(item.id, "close");
  }
  return { line, allFit, zones };
}

/**
 * Fragility: a ranked proposal is fragile when dropping any one of its submitted assessments
 * (and re-scoring it from the rest, everything else unchanged) flips whether it is within budget
 * in the raw ranking of DESIGN.md. Only the proposal's own position can move, so instead of
 * re-ranking the call for every dropped assessment, its new position among the others is found
 * and the budget walk redone from its old position (identical results, far faster).
 */
export function fragileProposals(config: RankingConfig, proposals: readonly RankingProposal[], ranked: readonly RankedProposal[]): Set<number> {
  const order = rankOrder(config);
  const byId = new Map(proposals.map((p) => [p.id, p]));
  const fragile = new Set<number>();
  const anyConfig = { ...config, assessorsRequired: 0 };
  ranked.forEach((row, index) => {
    const proposal = byId.get(row.id);
    if (!proposal) return;
    const assessmentIds = [...new Set(proposal.scores.map((s) => s.assessmentId))];
    if (assessmentIds.length < 2) return;
    const before = row.cumulativeGrant - (row.withinBudget ? row.grantRequested : 0);
    for (const dropped of assessmentIds) {
      const rescored = rankProposals(anyConfig, [
        { ...proposal, scores: proposal.scores.filter((s) => s.assessmentId !== dropped), submittedAssessments: proposal.submittedAssessments - 1 },
      ]).ranked[0]!;
      let within: boolean;
      if (!rescored.passes) within = false;
      else if (order(rescored, row) <= 0) {
        // Moves up (or stays): the walk before its new place is the original walk's prefix.
        let j = index;
        while (j > 0 && order(rescored, ranked[j - 1]!) < 0) j--;
        const cumulativeBefore = j === 0 ? 0 : ranked[j - 1]!.cumulativeGrant;
        within = cumulativeBefore + row.grantRequested <= config.budget;
      } else {
        // Moves down: redo the walk without it from its old place to its new one.
        let cumulative = before;
        let j = index + 1;
        while (j < ranked.length && order(ranked[j]!, rescored) < 0) {
          const other = ranked[j]!;
          if (other.passes && cumulative + other.grantRequested <= config.budget) cumulative += other.grantRequested;
          j++;
        }
        within = cumulative + row.grantRequested <= config.budget;
      }
      if (within !== row.withinBudget) {
        fragile.add(row.id);
        return;
      }
    }
  });
  return fragile;
}
