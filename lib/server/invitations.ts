import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { transaction } from "@/db/transaction";
import { assignments, calls, invitations, proposals, users, type InvitationRow } from "@/db/schema";
import type { DeclineReason, InvitationStatus } from "@/lib/domain/invitations";
import { callStage } from "@/lib/domain/call-stage";
import type { z } from "zod";
import type { inviteAssessorsInput, respondInvitationInput } from "@/lib/validation/invitations";
import { ActionError, INVALID_MESSAGE } from "./action-error";
import { guardedRead } from "./guard";
import { recordAudit } from "./audit";
import { callHeading, requireCall, type CallHeading } from "./manage/call-data";
import type { Actor } from "./users";

/**
 * Assessor invitations. A manager invites assessors to a call, before or after it closes; each
 * invited assessor accepts (optionally with the most proposals they will take) or declines with a
 * reason. Once an agency has invited anyone to a call, its assignment pool is the assessors who
 * accepted (`loadAssignmentPool` in lib/server/manage/assignments.ts).
 * Every invitation and answer is audited.
 */

export interface InvitationState {
  id: number;
  status: InvitationStatus;
  maxProposals: number | null;
  declineReason: DeclineReason | null;
  declineDetails: string;
  invitedAt: Date;
  respondedAt: Date | null;
}

const toState = (row: InvitationRow): InvitationState => ({
  id: row.id,
  status: row.status,
  maxProposals: row.maxProposals,
  declineReason: row.declineReason,
  declineDetails: row.declineDetails,
  invitedAt: row.invitedAt,
  respondedAt: row.respondedAt,
});

export interface InvitationBoardRow {
  assessorId: number;
  name: string;
  email: string;
  organisation: string;
  expertise: string[];
  invitation: InvitationState | null;
  /** Proposals of this call assigned to them now. */
  assigned: number;
}

export interface InvitationBoard {
  call: CallHeading;
  /** Invitations are sent until the call's decisions are released. */
  canInvite: boolean;
  rows: InvitationBoardRow[];
  counts: Record<InvitationStatus | "notInvited", number>;
}

/** The manager's own agency's assessors (each agency invites and assigns only its own). */
const ofAgency = (me: Actor) => eq(users.agencyId, me.agency?.id ?? -1);

export const getInvitationBoard = guardedRead("assignment:manage", async (actor, callId: number, now: Date = new Date()): Promise<InvitationBoard> => {
    const db = getDb();
    const call = await requireCall(db, callId, actor);
    const pool = await db
      .select({ id: users.id, name: users.name, email: users.email, organisation: users.organisation, expertise: users.expertise })
      .from(users)
      .where(and(eq(users.role, "assessor"), ofAgency(actor)))
      .orderBy(asc(users.name), asc(users.id));
    const sent = new Map((await db.select().from(invitations).where(eq(invitations.callId, callId))).map((i) => [i.assessorId, toState(i)]));
    const assigned = new Map<number, number>();
    for (const a of await db
      .select({ assessorId: assignments.assessorId, removedAt: assignments.removedAt, declaration: assignments.conflictDeclaration })
      .from(assignments)
      .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
      .where(eq(proposals.callId, callId))) {
      if (a.removedAt === null && a.declaration !== "conflict") assigned.set(a.assessorId, (assigned.get(a.assessorId) ?? 0) + 1);
    }
    const rows = pool.map((a) => ({ assessorId: a.id, ...a, invitation: sent.get(a.id) ?? null, assigned: assigned.get(a.id) ?? 0 }));
    const counts = { invited: 0, accepted: 0, declined: 0, notInvited: 0 };
    for (const r of rows) counts[r.invitation?.status ?? "notInvited"]++;
    return { call: callHeading(call, now, actor), canInvite: callStage(call, now) !== "released", rows, counts };
});

/** Invites assessors to a call. Anyone already invited (whatever their answer) is left as they are. */
export async function inviteAssessors(me: Actor, { callId, assessorIds }: z.output<typeof inviteAssessorsInput>, now = new Date()) {
    return transaction(async (tx) => {
      const call = await requireCall(tx, callId, me);
      if (callStage(call, now) === "released") {
        throw new ActionError("locked", "Decisions on this call have been released, so no more assessors can be invited.");
      }
      const wanted = [...new Set(assessorIds)];
      const people = await tx
        .select({ id: users.id, name: users.name, role: users.role })
        .from(users)
        .where(and(inArray(users.id, wanted), ofAgency(me)));
      if (people.length !== wanted.length || people.some((p) => p.role !== "assessor")) {
        throw new ActionError("invalid", INVALID_MESSAGE, { assessorIds: "Select assessors from the list" });
      }
      const already = new Set(
        (
          await tx
            .select({ assessorId: invitations.assessorId })
            .from(invitations)
            .where(and(eq(invitations.callId, callId), inArray(invitations.assessorId, wanted)))
        ).map((i) => i.assessorId),
      );
      const invited: string[] = [];
      for (const person of people) {
        if (already.has(person.id)) continue;
        await tx.insert(invitations).values({ callId, assessorId: person.id, invitedBy: me.id, invitedAt: now });
        await recordAudit(tx, { at: now, actorId: me.id, action: "invitation.sent", callId, detail: { assessorId: person.id, assessorName: person.name } });
        invited.push(person.name);
      }
      return { invited, alreadyInvited: people.length - invited.length };
    });
}

// --- the assessor's side --------------------------------------------------------------------------

export interface MyInvitation extends InvitationState {
  call: { id: number; title: string; description: string; closesAt: Date; assessmentDueAt: Date; stage: CallHeading["stage"] };
  /** Submitted proposals in the call so far (what accepting may mean in work). */
  proposals: number;
}

function myInvitationRows(actor: Actor, invitationId?: number) {
  return getDb()
    .select({ invitation: invitations, call: calls })
    .from(invitations)
    .innerJoin(calls, eq(calls.id, invitations.callId))
    .where(and(eq(invitations.assessorId, actor.id), invitationId === undefined ? undefined : eq(invitations.id, invitationId)))
    .orderBy(desc(invitations.invitedAt), desc(invitations.id));
}

async function toMine(row: Awaited<ReturnType<typeof myInvitationRows>>[number], now: Date): Promise<MyInvitation> {
  const proposalCount = (
    await getDb()
      .select({ id: proposals.id })
      .from(proposals)
      .where(and(eq(proposals.callId, row.call.id), eq(proposals.status, "submitted")))
  ).length;
  return {
    ...toState(row.invitation),
    call: {
      id: row.call.id,
      title: row.call.title,
      description: row.call.description,
      closesAt: row.call.closesAt,
      assessmentDueAt: row.call.assessmentDueAt,
      stage: callHeading(row.call, now).stage,
    },
    proposals: proposalCount,
  };
}

/** The assessor's own invitations, newest first. */
export const listMyInvitations = guardedRead("assessment:score", async (actor, now: Date = new Date()): Promise<MyInvitation[]> => {
  return Promise.all((await myInvitationRows(actor)).map((row) => toMine(row, now)));
});

/** One of the assessor's own invitations, or null for any other id (the page shows "not found"). */
export const getMyInvitation = guardedRead("assessment:score", async (actor, invitationId: number, now: Date = new Date()): Promise<MyInvitation | null> => {
  const [row] = await myInvitationRows(actor, invitationId);
  return row ? toMine(row, now) : null;
});

/** Accepts (with an optional maximum) or declines (with a reason) the assessor's own invitation, once. */
export async function respondToInvitation(me: Actor, { invitationId, values }: z.output<typeof respondInvitationInput>, now = new Date()) {
      return transaction(async (tx) => {
        const [row] = await tx
          .select({ invitation: invitations, call: calls })
          .from(invitations)
          .innerJoin(calls, eq(calls.id, invitations.callId))
          .where(and(eq(invitations.id, invitationId), eq(invitations.assessorId, me.id)))
          .limit(1);
        if (!row) throw new ActionError("not_found", "We could not find that invitation.");
        if (row.invitation.status !== "invited") {
          throw new ActionError("locked", "You have already answered this invitation. Contact the portfolio manager to change your answer.");
        }
        if (callStage(row.call, now) === "released") throw new ActionError("closed", "Decisions on this call have been released, so it needs no more assessors.");
        if (values.response === "accept") {
          const maxProposals = values.maxProposals.trim() === "" ? null : Number(values.maxProposals.trim());
          await tx.update(invitations).set({ status: "accepted", maxProposals, respondedAt: now }).where(eq(invitations.id, invitationId));
          await recordAudit(tx, { at: now, actorId: me.id, action: "invitation.accepted", callId: row.call.id, detail: { invitationId, maxProposals } });
          return { status: "accepted" as const };
        }
        const declineReason = values.declineReason as DeclineReason;
        const declineDetails = values.declineDetails.trim();
        await tx
          .update(invitations)
          .set({ status: "declined", declineReason, declineDetails, respondedAt: now })
          .where(eq(invitations.id, invitationId));
        await recordAudit(tx, { at: now, actorId: me.id, action: "invitation.declined", callId: row.call.id, detail: { invitationId, reason: declineReason, details: declineDetails } });
        return { status: "declined" as const };
      });
}
