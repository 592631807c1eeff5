/**
 * Where a call is in its life, the one rule every page and data-layer check uses:
 * - "upcoming": before it opens;
 * - "open": accepting proposals (opensAt ≤ now < closesAt);
 * - "closed": past its deadline, decisions not yet released (assessment, ranking, decisions);
 * - "released": decisions released to bidders (results frozen).
 * Times are compared on the server's clock.
 */
export type CallStage = "upcoming" | "open" | "closed" | "released";

export interface CallTimes {
  opensAt: Date;
  closesAt: Date;
  /** Absent (undefined) for callers that only care about the proposal window. */
  decisionsReleasedAt?: Date | null;
}

export function callStage(call: CallTimes, now: Date): CallStage {
  if (call.decisionsReleasedAt) return "released";
  const t = now.getTime();
  if (t < call.opensAt.getTime()) return "upcoming";
  if (t < call.closesAt.getTime()) return "open";
  return "closed";
}

/** Bidders may start, edit, submit and reopen proposals. */
export function acceptsProposals(call: CallTimes, now: Date): boolean {
  return callStage(call, now) === "open";
}

/** Past the deadline and not yet released: assign assessors, record decisions. */
export function isClosedUnreleased(call: CallTimes, now: Date): boolean {
  return callStage(call, now) === "closed";
}

/** Past the deadline, released or not. */
export function hasClosed(call: CallTimes, now: Date): boolean {
  const stage = callStage(call, now);
  return stage === "closed" || stage === "released";
}
