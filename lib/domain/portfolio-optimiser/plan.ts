/**
 * A scenario's plan row by row, as the page, plan.csv and the pre-filled decisions use it. Pure.
 */
import type { CsvCell } from "../csv";
import type { Candidate, OptimiserInstance } from "./model";
import { unitLabel, type OptimiserOutcome, type SwapCause } from "./optimise";

export type PlanReason = "rank-order" | "swapped-in" | "swapped-out" | "pinned" | "excluded" | "below-threshold";

export interface PlanRow {
  rank: number;
  proposalId: number;
  title: string;
  leadOrganisation: string;
  grantRequested: number;
  quality: number;
  selected: boolean;
  /** On the plain rank-order funding line (with this scenario's budget). */
  onRankOrderLine: boolean;
  reason: PlanReason;
  /** The rule (or pin, exclusion, budget) behind a swap, in words; null otherwise. */
  cause: string | null;
  /** The Reason column of plan.csv. */
  reasonText: string;
  /** Grant of the selected proposals up to and including this row, in rank order. */
  cumulativeGrant: number;
}

export const PLAN_CSV_HEADER = ["Rank", "Proposal", "Lead organisation", "Grant requested", "Selected", "Reason", "Cumulative grant"] as const;

function reasonText(reason: PlanReason, cause: string | null): string {
  switch (reason) {
    case "rank-order":
      return "in rank order";
    case "swapped-in":
      return `swapped in by rule ${cause}`;
    case "swapped-out":
      return `swapped out by rule ${cause}`;
    case "pinned":
      return "pinned";
    case "excluded":
      return "excluded";
    case "below-threshold":
      return "below threshold";
  }
}

/** One row per ranked proposal, in rank order; null when the outcome has no plan (see its message). */
export function planRows(instance: OptimiserInstance, outcome: OptimiserOutcome): PlanRow[] | null {
  if (!outcome.plan) return null;
  const selected = new Set(outcome.plan.ids);
  const line = new Set(outcome.rankOrder.ids);
  const pinned = new Set(instance.pins.map((p) => p.proposalId));
  const excluded = new Set(instance.exclusions.map((p) => p.proposalId));
  const swaps = new Map(outcome.swaps.map((s) => [s.proposalId, s]));
  const label = (cause: SwapCause) => `“${unitLabel(instance, cause)}”`;

  let cumulative = 0;
  return instance.candidates.map((c: Candidate): PlanRow => {
    const isSelected = selected.has(c.id);
    if (isSelected) cumulative += c.grant;
    const swap = swaps.get(c.id);
    let reason: PlanReason = "rank-order";
    let cause: string | null = null;
    if (!c.passes) reason = "below-threshold";
    else if (excluded.has(c.id) && !isSelected) reason = "excluded";
    else if (pinned.has(c.id) && isSelected) reason = "pinned";
    else if (swap) {
      reason = swap.direction === "in" ? "swapped-in" : "swapped-out";
      cause = label(swap.cause);
    }
    return {
      rank: c.rank,
      proposalId: c.id,
      title: c.title,
      leadOrganisation: c.leadOrganisation,
      grantRequested: c.grant,
      quality: c.quality,
      selected: isSelected,
      onRankOrderLine: line.has(c.id),
      reason,
      cause,
      reasonText: reasonText(reason, cause),
      cumulativeGrant: cumulative,
    };
  });
}

export function planCsvRows(rows: readonly PlanRow[]): CsvCell[][] {
  return rows.map((r) => [r.rank, r.title, r.leadOrganisation, r.grantRequested, r.selected ? "Yes" : "No", r.reasonText, r.cumulativeGrant]);
}

export type PrefilledOutcome = "fund" | "reserve" | "reject";

/**
 * Decisions an adopted plan pre-fills: fund the selected proposals; reserve the next `reserves`
 * eligible proposals in rank order that are neither selected nor excluded; reject the rest.
 */
export function prefilledOutcomes(rows: readonly PlanRow[], reserves: number): Map<number, PrefilledOutcome> {
  const out = new Map<number, PrefilledOutcome>();
  let reserved = 0;
  for (const row of rows) {
    if (row.selected) out.set(row.proposalId, "fund");
    else if (reserved < reserves && row.reason !== "below-threshold" && row.reason !== "excluded") {
      out.set(row.proposalId, "reserve");
      reserved += 1;
    } else out.set(row.proposalId, "reject");
  }
  return out;
}
