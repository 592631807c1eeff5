import "server-only";
import { and, eq, inArray, ne } from "drizzle-orm";
import type { z } from "zod";
import { agencies, calls, decisions, proposals, releaseConfirmations, type DecisionOutcome, type DecisionRow } from "@/db/schema";
import { transaction, type Tx } from "@/db/transaction";
import { callStage } from "@/lib/domain/call-stage";
import { confirmationsWithdrawn } from "@/lib/domain/joint";
import type { callRefInput, recordDecisionInput } from "@/lib/validation/manage";
import { ActionError } from "../action-error";
import { recordAudit } from "../audit";
import type { Actor } from "../users";
import { countsTowardRanking, decidingAgencySql, requireCall, requireSubmittedProposalWithCall, type CallData } from "./call-data";

/**
 * The feedback a decision starts from: each counted assessment's feedback for the bidder, in the
 * order they were submitted, under a neutral "Feedback 1", "Feedback 2"… (never the assessor).
 */
export function prefilledFeedback(data: Pick<CallData, "assignments">, proposalId: number): string {
  return data.assignments
    .filter((a) => a.proposalId === proposalId && countsTowardRanking(a))
    .sort((a, b) => (a.assessment?.submittedAt?.getTime() ?? 0) - (b.assessment?.submittedAt?.getTime() ?? 0) || a.id - b.id)
    .map((a) => a.assessment?.values.bidderFeedback.trim() ?? "")
    .filter((text) => text !== "")
    .map((text, i) => `Feedback ${i + 1}:\n${text}`)
    .join("\n\n");
}

/**
 * Writes one agency's decision on a proposal (insert or replace) and its "decision.recorded"
 * audit entry, inside the caller's transaction. On a joint call whose release has been confirmed,
 * it withdraws the confirmations the change affects (lib/domain/joint.ts confirmationsWithdrawn:
 * both when a joint outcome changes, the deciding agency's own when only its position or feedback
 * does, none when nothing changes), audited with the reason. `lotteryId` marks a decision a
 * lottery draw pre-filled, `scenarioId` one an adopted portfolio scenario pre-filled.
 */
export async function writeDecision(
  tx: Tx,
  me: Actor,
  d: { callId: number; proposalId: number; agencyId: number; outcome: DecisionOutcome; feedback: string; previous?: DecisionRow; now: Date; lotteryId?: number; scenarioId?: number },
): Promise<void> {
  const values = { outcome: d.outcome, feedback: d.feedback, decidedBy: me.id, decidedAt: d.now };
  await withdrawAffectedConfirmations(tx, me, d);
  await tx
    .insert(decisions)
    .values({ proposalId: d.proposalId, agencyId: d.agencyId, ...values })
    .onConflictDoUpdate({ target: [decisions.proposalId, decisions.agencyId], set: values });
  await recordAudit(tx, {
    at: d.now,
    actorId: me.id,
    action: "decision.recorded",
    callId: d.callId,
    proposalId: d.proposalId,
    detail: {
      outcome: d.outcome,
      ...(d.previous ? { previousOutcome: d.previous.outcome } : {}),
      ...(d.scenarioId !== undefined ? { source: "scenario" as const, scenarioId: d.scenarioId } : {}),
      ...(d.lotteryId !== undefined ? { lotteryId: d.lotteryId } : {}),
    },
  });
}

/** The release confirmations a decision about to be written withdraws, with their audit entry. */
async function withdrawAffectedConfirmations(
  tx: Tx,
  me: Actor,
  d: { callId: number; proposalId: number; agencyId: number; outcome: DecisionOutcome; feedback: string; previous?: DecisionRow; now: Date },
): Promise<void> {
  const confirmed = await tx.select({ agencyId: releaseConfirmations.agencyId }).from(releaseConfirmations).where(eq(releaseConfirmations.callId, d.callId));
  if (confirmed.length === 0) return;
  const [other] = await tx
    .select({ outcome: decisions.outcome })
    .from(decisions)
    .where(and(eq(decisions.proposalId, d.proposalId), ne(decisions.agencyId, d.agencyId)))
    .limit(1);
  const withdrawn = confirmationsWithdrawn(
    {
      agency: d.agencyId,
      before: d.previous ? { outcome: d.previous.outcome, feedback: d.previous.feedback } : null,
      after: { outcome: d.outcome, feedback: d.feedback },
      other: other?.outcome ?? null,
    },
    confirmed.map((c) => c.agencyId),
  );
  if (!withdrawn) return;
  await tx
    .delete(releaseConfirmations)
    .where(and(eq(releaseConfirmations.callId, d.callId), inArray(releaseConfirmations.agencyId, withdrawn.agencies)));
  const names = await tx.select({ name: agencies.name }).from(agencies).where(inArray(agencies.id, withdrawn.agencies)).orderBy(agencies.id);
  await recordAudit(tx, {
    at: d.now,
    actorId: me.id,
    action: "release.confirmations-withdrawn",
    callId: d.callId,
    proposalId: d.proposalId,
    detail: { agencyIds: withdrawn.agencies, agencyNames: names.map((a) => a.name), reason: withdrawn.reason },
  });
}

/** Releases a call's decisions to bidders and records how many of each outcome went out. */
export async function markReleased(tx: Tx, me: Actor, callId: number, outcomes: (DecisionOutcome | null)[], now: Date): Promise<void> {
  await tx.update(calls).set({ decisionsReleasedAt: now }).where(eq(calls.id, callId));
  await recordAudit(tx, {
    at: now,
    actorId: me.id,
    action: "decisions.released",
    callId,
    detail: {
      decisions: outcomes.length,
      fund: outcomes.filter((o) => o === "fund").length,
      reserve: outcomes.filter((o) => o === "reserve").length,
      reject: outcomes.filter((o) => o === "reject").length,
    },
  });
}

const LOCKED = "Decisions for this call have been released to bidders, so they can no longer be changed.";

export async function recordDecision(
  me: Actor,
  { proposalId, outcome, feedback }: z.output<typeof recordDecisionInput>,
  now = new Date(),
): Promise<{ callId: number }> {
  return transaction(async (tx) => {
    const row = await requireSubmittedProposalWithCall(tx, proposalId, me);
    const stage = callStage(row.call, now);
    if (stage === "released") throw new ActionError("locked", LOCKED);
    if (stage !== "closed") throw new ActionError("closed", "Decisions can be recorded once the call has closed.");

    const agencyId = me.agency?.id;
    if (agencyId === undefined) throw new ActionError("forbidden", "You are not allowed to do that.");
    const [previous] = await tx
      .select()
      .from(decisions)
      .where(and(eq(decisions.proposalId, proposalId), eq(decisions.agencyId, agencyId)))
      .limit(1);
    await writeDecision(tx, me, { callId: row.call.id, proposalId, agencyId, outcome, feedback, previous, now });
    return { callId: row.call.id };
  });
}

/** Releases the call's decisions: from now on each bidder sees their outcome and feedback. */
export async function releaseDecisions(me: Actor, { callId }: z.output<typeof callRefInput>, now = new Date()): Promise<{ callId: number; releasedAt: Date }> {
  return transaction(async (tx) => {
    const call = await requireCall(tx, callId, me);
    if (call.partnerAgencyId !== null) {
      throw new ActionError("invalid", "This is a joint call: each agency confirms the release, and decisions are released once both have.");
    }
    const stage = callStage(call, now);
    if (stage === "released") throw new ActionError("locked", "Decisions for this call have already been released.");
    if (stage !== "closed") throw new ActionError("closed", "Decisions can be released once the call has closed.");
    // Each submitted proposal with this agency's decision, if any: the check needs nothing else
    // (reading the whole call's answers here held the write lock for a second at 5,000 proposals).
    const submitted = await tx
      .select({ outcome: decisions.outcome })
      .from(proposals)
      .leftJoin(decisions, and(eq(decisions.proposalId, proposals.id), eq(decisions.agencyId, decidingAgencySql(me))))
      .where(and(eq(proposals.callId, call.id), eq(proposals.status, "submitted")));
    if (submitted.length === 0) throw new ActionError("invalid", "This call has no submitted proposals, so there is nothing to release.");
    const undecided = submitted.filter((p) => p.outcome === null).length;
    if (undecided > 0) {
      throw new ActionError(
        "invalid",
        `Record a decision for every submitted proposal before releasing: ${undecided} ${undecided === 1 ? "proposal still needs" : "proposals still need"} one.`,
      );
    }
    await markReleased(tx, me, call.id, submitted.map((p) => p.outcome), now);
    return { callId: call.id, releasedAt: now };
  });
}
