import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { calls, decisions, lotteries } from "@/db/schema";
import { getDb } from "@/db/client";
import { transaction, type Tx } from "@/db/transaction";
import { callStage } from "@/lib/domain/call-stage";
import { drawLottery } from "@/lib/domain/calibration/lottery";
import type { callRefInput } from "@/lib/validation/manage";
import type { lotteryDrawSchema, lotteryRedoSchema, lotterySettingSchema, retryCalibrationSchema } from "@/lib/validation/calibration";
import { ActionError } from "../action-error";
import { recordAudit } from "../audit";
import { ensureJob } from "../jobs";
import type { Actor } from "../users";
import { calibrationJob, calibrationKey, freshCalibration, JOINT_KEY } from "./calibration";
import { requireCall } from "./call-data";
import { writeDecision } from "./decisions";
import { loadPrefilledFeedback } from "./portfolio-data";

/**
 * The funding lottery's steps (method in lib/domain/calibration/lottery.ts):
 * 1. commit: a fresh random seed is stored unrevealed and its SHA-256 goes into the audit log,
 *    with the group ("too close to call" in the current calibration) and the budget left;
 * 2. draw: the order is drawn from that seed, the seed revealed in the audit log, and the
 *    group's decisions pre-filled (fund, or reserve), each audited;
 * 3. redo: sets the current lottery aside with a reason (audited) and commits a new seed.
 * `npm run verify-draw -- <call id>` recomputes a draw from the revealed seed.
 */

const DECIDED_MESSAGE = "Decisions for this call have been released to bidders, so the lottery can no longer change them.";

const JOINT_MESSAGE = "The lottery is not available on a joint call: each agency records its own decisions.";

/** A home-only call of the manager's agency (a joint call has two budgets and two sets of decisions). */
async function requireLotteryCall(tx: Tx, me: Actor, callId: number) {
  const call = await requireCall(tx, callId, me);
  if (call.partnerAgencyId !== null) throw new ActionError("invalid", JOINT_MESSAGE);
  return call;
}

async function requireOpenForDecisions(tx: Tx, me: Actor, callId: number, now: Date) {
  const call = await requireLotteryCall(tx, me, callId);
  const stage = callStage(call, now);
  if (stage === "released") throw new ActionError("locked", DECIDED_MESSAGE);
  if (stage !== "closed") throw new ActionError("closed", "The lottery can be used once the call has closed.");
  return call;
}

export async function setLottery(me: Actor, { callId, enabled }: z.output<typeof lotterySettingSchema>, now = new Date()) {
  return transaction(async (tx) => {
    const call = await requireLotteryCall(tx, me, callId);
    if (call.lotteryEnabled === enabled) return { callId };
    await tx.update(calls).set({ lotteryEnabled: enabled }).where(eq(calls.id, callId));
    await recordAudit(tx, { at: now, actorId: me.id, action: "lottery.setting", callId, detail: { enabled } });
    return { callId };
  });
}

/** Commits a new seed for the group "too close to call" (refused when one is already committed or drawn). */
export async function commitLottery(me: Actor, { callId }: z.output<typeof callRefInput>, now = new Date()) {
  const calibration = await freshCalibration(callId);
  return transaction(async (tx) => {
    const call = await requireOpenForDecisions(tx, me, callId, now);
    if (!call.lotteryEnabled) throw new ActionError("invalid", "Turn the lottery on for this call first.");
    const [existing] = await tx
      .select({ id: lotteries.id })
      .from(lotteries)
      .where(and(eq(lotteries.callId, callId), inArray(lotteries.status, ["committed", "drawn"])))
      .limit(1);
    if (existing) throw new ActionError("conflict", "This call already has a lottery. To draw again, redo it and give the reason.");
    return commitIn(tx, me, call.id, call.budget, calibration, now);
  });
}

async function commitIn(
  tx: Tx,
  me: Actor,
  callId: number,
  budget: number,
  calibration: Awaited<ReturnType<typeof freshCalibration>>,
  now: Date,
) {
  if (!calibration) throw new ActionError("conflict", "The calibration is out of date or still computing. Wait for it to finish, then try again.");
  if (!calibration.model?.diagnostics.converged) {
    throw new ActionError("invalid", "The model has not converged for this call, so its zones are not reliable enough for a lottery.");
  }
  const group = calibration.proposals.filter((p) => p.zone === "close").map((p) => ({ id: p.id, grantRequested: p.grantRequested }));
  if (group.length === 0) throw new ActionError("invalid", "No proposal is too close to call, so there is nothing to draw.");
  group.sort((a, b) => a.id - b.id);
  const fundZone = calibration.proposals.filter((p) => p.zone === "fund").reduce((sum, p) => sum + p.grantRequested, 0);
  const remainingBudget = Math.max(0, budget - fundZone);
  const seed = randomBytes(32).toString("hex");
  const seedSha256 = createHash("sha256").update(seed).digest("hex");
  const [row] = await tx
    .insert(lotteries)
    .values({ callId, seed, seedSha256, entries: group, remainingBudget, createdBy: me.id, createdAt: now })
    .returning({ id: lotteries.id });
  await recordAudit(tx, {
    at: now,
    actorId: me.id,
    action: "lottery.committed",
    callId,
    detail: { lotteryId: row!.id, seedSha256, proposalIds: group.map((g) => g.id), remainingBudget },
  });
  return { callId, lotteryId: row!.id, seedSha256 };
}

/** Draws the committed lottery, reveals its seed, and pre-fills the group's decisions. */
export async function drawCommittedLottery(me: Actor, { callId, lotteryId }: z.output<typeof lotteryDrawSchema>, now = new Date()) {
  return transaction(async (tx) => {
    const call = await requireOpenForDecisions(tx, me, callId, now);
    const [lottery] = await tx
      .select()
      .from(lotteries)
      .where(and(eq(lotteries.id, lotteryId), eq(lotteries.callId, callId)))
      .limit(1);
    if (!lottery) throw new ActionError("not_found", "We could not find that lottery.");
    if (lottery.status !== "committed") throw new ActionError("conflict", "This lottery has already been drawn or set aside.");
    const draw = drawLottery(lottery.seed, lottery.entries, lottery.remainingBudget);
    await tx
      .update(lotteries)
      .set({ status: "drawn", drawOrder: draw.order, funded: draw.funded, reserve: draw.reserve, drawnAt: now })
      .where(eq(lotteries.id, lottery.id));
    await recordAudit(tx, {
      at: now,
      actorId: me.id,
      action: "lottery.drawn",
      callId,
      detail: { lotteryId: lottery.id, seed: lottery.seed, ...draw },
    });

    // Pre-fill the group's decisions: funded → fund, the rest → reserve. Each change is audited.
    // Only the group's feedback is read (portfolio-data.ts), not the whole call.
    const prefilled = await loadPrefilledFeedback(tx, call, draw.order, me);
    const agencyId = me.agency?.id;
    if (agencyId === undefined) throw new ActionError("forbidden", "You are not allowed to do that.");
    const funded = new Set(draw.funded);
    for (const proposalId of draw.order) {
      const outcome = funded.has(proposalId) ? "fund" : "reserve";
      const [previous] = await tx
        .select()
        .from(decisions)
        .where(and(eq(decisions.proposalId, proposalId), eq(decisions.agencyId, agencyId)))
        .limit(1);
      if (previous?.outcome === outcome) continue;
      const feedback =
        previous?.feedback ||
        prefilled.get(proposalId) ||
        "This proposal was among those too close to the funding line to call; a lottery decided the outcome.";
      await writeDecision(tx, me, { callId, proposalId, agencyId, outcome, feedback, previous, now, lotteryId: lottery.id });
    }
    return { callId, ...draw };
  });
}

/** Sets the current lottery aside with a reason (audited) and commits a new seed. */
export async function redoLottery(me: Actor, { callId, reason }: z.output<typeof lotteryRedoSchema>, now = new Date()) {
  const calibration = await freshCalibration(callId);
  return transaction(async (tx) => {
    const call = await requireOpenForDecisions(tx, me, callId, now);
    if (!call.lotteryEnabled) throw new ActionError("invalid", "Turn the lottery on for this call first.");
    const current = await tx
      .select({ id: lotteries.id })
      .from(lotteries)
      .where(and(eq(lotteries.callId, callId), inArray(lotteries.status, ["committed", "drawn"])));
    if (current.length === 0) throw new ActionError("invalid", "There is no lottery to redo yet.");
    for (const l of current) {
      await tx.update(lotteries).set({ status: "superseded", supersededAt: now, redoReason: reason }).where(eq(lotteries.id, l.id));
      await recordAudit(tx, { at: now, actorId: me.id, action: "lottery.redone", callId, detail: { lotteryId: l.id, reason } });
    }
    return commitIn(tx, me, call.id, call.budget, calibration, now);
  });
}

/** Starts a new fit after a failure ("Try again"): the viewer's own, or a joint call's joint ranking. */
export async function retryCalibration(me: Actor, { callId, joint }: z.output<typeof retryCalibrationSchema>) {
  const call = await requireCall(getDb(), callId, me);
  if (joint && call.partnerAgencyId === null) throw new ActionError("not_found", "This call has no joint ranking.");
  await ensureJob(calibrationJob, callId, { key: joint ? JOINT_KEY : calibrationKey(call, me), requestedBy: me.id, retry: true });
  return { callId };
}
