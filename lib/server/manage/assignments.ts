import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { transaction, type Tx } from "@/db/transaction";
import { assessments, assignments, proposals, users, type CallRow } from "@/db/schema";
import {
  autoAssign,
  conflictReason,
  type AssignmentAssessor,
  type AssignmentProposal,
  type Conflict,
} from "@/lib/domain/assignment";
import type { z } from "zod";
import { callStage, isClosedUnreleased } from "@/lib/domain/call-stage";
import { findDomain } from "@/lib/domain/report/technology-domains";
import type { assignInput, callRefInput, unassignInput } from "@/lib/validation/manage";
import { ActionError, INVALID_MESSAGE } from "../action-error";
import { loadAcceptedAssessors } from "../invitations";
import { recordAudit } from "../audit";
import { guardedRead } from "../guard";
import type { Actor } from "../users";
import {
  callHeading,
  hasDeclaredConflict,
  isActive,
  loadCallData,
  requireCall,
  requireSubmittedProposalWithCall,
  assessorsRequiredFor,
  toCallProposal,
  type CallHeading,
  type CallProposal,
  type Reader,
} from "./call-data";

export type AssignmentState = "not started" | "draft" | "submitted" | "conflict declared";

export interface BoardAssignment {
  assessorId: number;
  assessorName: string;
  organisation: string;
  state: AssignmentState;
  /** The assessor has a draft or submitted assessment: unassigning needs a confirmation. */
  started: boolean;
}

export interface BoardCandidate {
  id: number;
  name: string;
  organisation: string;
  load: number;
  hasExpertise: boolean;
}

export interface BoardProposal {
  id: number;
  title: string;
  leadOrganisation: string;
  domain: string;
  assigned: BoardAssignment[];
  /** Assignments that can produce a counted assessment (no conflict declared). */
  scoring: number;
  required: number;
  candidates: BoardCandidate[];
  /** Assessors who may not assess this proposal, and why. */
  excluded: { name: string; reason: string }[];
}

export interface BoardAssessor {
  id: number;
  name: string;
  organisation: string;
  expertise: string[];
  load: number;
}

/** Proposals per page of the board: candidates are worked out only for the page shown. */
export const BOARD_PAGE_SIZE = 25;

export interface AssignmentBoard {
  /** The page shown (1-based) and how many there are; `proposals` holds that page only. */
  page: { number: number; pages: number; total: number };
  call: CallHeading;
  /** Assessors are assigned after the call closes (proposals no longer change) and until decisions are released. */
  canAssign: boolean;
  proposals: BoardProposal[];
  assessors: BoardAssessor[];
  gaps: number;
}

/** The assessors of the manager's own agency: each agency assigns only its own assessors. */
function loadAssessors(db: Reader, me: Actor) {
  return db
    .select({ id: users.id, name: users.name, organisation: users.organisation, expertise: users.expertise })
    .from(users)
    .where(and(eq(users.role, "assessor"), eq(users.agencyId, me.agency?.id ?? -1)))
    .orderBy(asc(users.name), asc(users.id));
}

const asAssignmentProposal = (p: CallProposal): AssignmentProposal => ({
  id: p.id,
  domainId: p.facts.domainId,
  organisations: p.organisations,
});

const CONFLICT_TEXT = {
  declared: "Declared a conflict of interest",
  organisation: "Works at an organisation in the consortium",
} as const;

export const getAssignmentBoard = guardedRead("assignment:manage", async (actor, callId: number, now: Date = new Date(), pageNumber: number = 1): Promise<AssignmentBoard> => {
    const db = getDb();
    const call = await requireCall(db, callId, actor);
    const [data, pool] = await Promise.all([loadCallData(db, call, actor), loadAssessors(db, actor)]);
    // Only the manager's own agency's assessors: another agency's assessors are never shown.
    const own = data.assignments.filter((a) => a.sameAgency);
    const declared: Conflict[] = own.filter(hasDeclaredConflict).map((a) => ({ proposalId: a.proposalId, assessorId: a.assessorId }));
    const active = own.filter(isActive);
    const load = new Map<number, number>();
    for (const a of active) if (!hasDeclaredConflict(a)) load.set(a.assessorId, (load.get(a.assessorId) ?? 0) + 1);

    // Grouped once; the page's proposals only get their candidate lists (every eligible assessor
    // for every proposal was 2.4 million rows at 5,000 proposals).
    const activeBy = new Map<number, typeof active>();
    for (const a of active) {
      const list = activeBy.get(a.proposalId);
      if (list) list.push(a);
      else activeBy.set(a.proposalId, [a]);
    }
    const scoringOf = (proposalId: number) => (activeBy.get(proposalId) ?? []).filter((a) => !hasDeclaredConflict(a)).length;
    const gaps = data.proposals.reduce((sum, p) => sum + Math.max(0, call.assessorsRequired - scoringOf(p.id)), 0);
    const pages = Math.max(1, Math.ceil(data.proposals.length / BOARD_PAGE_SIZE));
    const number = Math.min(Math.max(1, pageNumber), pages);
    const shown = data.proposals.slice((number - 1) * BOARD_PAGE_SIZE, number * BOARD_PAGE_SIZE);

    const boardProposals = shown.map((p): BoardProposal => {
      const mine = activeBy.get(p.id) ?? [];
      const assignedIds = new Set(mine.map((a) => a.assessorId));
      const candidates: BoardCandidate[] = [];
      const excluded: { name: string; reason: string }[] = [];
      for (const assessor of pool) {
        if (assignedIds.has(assessor.id)) continue;
        const reason = conflictReason(assessor, asAssignmentProposal(p), declared);
        if (reason) excluded.push({ name: assessor.name, reason: CONFLICT_TEXT[reason] });
        else
          candidates.push({
            id: assessor.id,
            name: assessor.name,
            organisation: assessor.organisation,
            load: load.get(assessor.id) ?? 0,
            hasExpertise: p.facts.domainId !== null && assessor.expertise.includes(p.facts.domainId),
          });
      }
      return {
        id: p.id,
        title: p.title,
        leadOrganisation: p.leadOrganisation,
        domain: findDomain(p.facts.domainId)?.shortName ?? "Not given",
        assigned: mine.map((a) => ({
          assessorId: a.assessorId,
          assessorName: a.assessorName,
          organisation: a.assessorOrganisation,
          state: hasDeclaredConflict(a) ? "conflict declared" : a.assessment?.status ?? "not started",
          started: a.assessment !== null,
        })),
        scoring: mine.filter((a) => !hasDeclaredConflict(a)).length,
        required: assessorsRequiredFor(call, actor),
        candidates,
        excluded,
      };
    });

    return {
      call: callHeading(call, now, actor),
      canAssign: isClosedUnreleased(call, now),
      proposals: boardProposals,
      assessors: pool.map((a) => ({ ...a, load: load.get(a.id) ?? 0 })),
      gaps,
      page: { number, pages, total: data.proposals.length },
    };
});

/** Assignments change only between the call closing and its decisions being released. */
function requireAssignable(call: CallRow, now: Date): void {
  const stage = callStage(call, now);
  if (stage === "released") {
    throw new ActionError("locked", "Decisions on this call have been released, so its assessors can no longer change.");
  }
  if (stage !== "closed") {
    throw new ActionError("closed", "Assessors can be assigned once the call has closed, when proposals can no longer change.");
  }
}


/** One of the manager's own agency's assessors (another agency's assessor is not on the list). */
async function loadAssessor(db: Reader, assessorId: number, me: Actor) {
  const [assessor] = await db
    .select({ id: users.id, name: users.name, organisation: users.organisation, expertise: users.expertise, role: users.role })
    .from(users)
    .where(and(eq(users.id, assessorId), eq(users.agencyId, me.agency?.id ?? -1)))
    .limit(1);
  if (!assessor || assessor.role !== "assessor") {
    throw new ActionError("invalid", INVALID_MESSAGE, { assessorId: "Select an assessor from the list" });
  }
  return assessor;
}

/** Adds (or reinstates) an assignment; refuses an assessor already on it. */
async function addAssignment(tx: Tx, proposalId: number, assessor: { id: number }, by: number): Promise<{ reinstated: boolean }> {
  const [existing] = await tx
    .select()
    .from(assignments)
    .where(and(eq(assignments.proposalId, proposalId), eq(assignments.assessorId, assessor.id)))
    .limit(1);
  if (existing && existing.removedAt === null) {
    throw new ActionError("invalid", INVALID_MESSAGE, { assessorId: "This assessor is already assigned to this proposal" });
  }
  if (existing) {
    // Reinstated: a draft they had started is theirs again.
    await tx.update(assignments).set({ removedAt: null, assignedBy: by }).where(eq(assignments.id, existing.id));
    return { reinstated: true };
  }
  await tx.insert(assignments).values({ proposalId, assessorId: assessor.id, assignedBy: by });
  return { reinstated: false };
}

export async function assignAssessor(me: Actor, { proposalId, assessorId }: z.output<typeof assignInput>, now = new Date()): Promise<{ callId: number }> {
    return transaction(async (tx) => {
      const { proposal, call } = await requireSubmittedProposalWithCall(tx, proposalId, me);
      requireAssignable(call, now);
      const assessor = await loadAssessor(tx, assessorId, me);
      const declared: Conflict[] = await tx
        .select({ proposalId: assignments.proposalId, assessorId: assignments.assessorId })
        .from(assignments)
        .where(and(eq(assignments.proposalId, proposalId), eq(assignments.conflictDeclaration, "conflict")));
      const reason = conflictReason(assessor, asAssignmentProposal(toCallProposal(proposal)), declared);
      if (reason) {
        throw new ActionError("invalid", INVALID_MESSAGE, {
          assessorId:
            reason === "declared"
              ? `${assessor.name} has declared a conflict of interest with this proposal`
              : `${assessor.name} works at an organisation in this proposal’s consortium`,
        });
      }
      const { reinstated } = await addAssignment(tx, proposalId, assessor, me.id);
      await recordAudit(tx, {
        at: now,
        actorId: me.id,
        action: "assignment.added",
        callId: call.id,
        proposalId,
        detail: { assessorId: assessor.id, assessorName: assessor.name, ...(reinstated ? { reinstated: true as const } : {}) },
      });
      return { callId: call.id };
    });
}

export async function unassignAssessor(
  me: Actor,
  { proposalId, assessorId, confirmed }: z.output<typeof unassignInput>,
  now = new Date(),
): Promise<{ callId: number }> {
    return transaction(async (tx) => {
      const [row] = await tx
        .select({ assignment: assignments, assessment: assessments, assessorName: users.name, callId: proposals.callId })
        .from(assignments)
        .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
        .innerJoin(users, eq(users.id, assignments.assessorId))
        .leftJoin(assessments, eq(assessments.assignmentId, assignments.id))
        .where(and(eq(assignments.proposalId, proposalId), eq(assignments.assessorId, assessorId), eq(users.agencyId, me.agency?.id ?? -1)))
        .limit(1);
      if (!row || row.assignment.removedAt !== null) {
        throw new ActionError("not_found", "This assessor is not assigned to this proposal.");
      }
      if ((await requireCall(tx, row.callId, me)).decisionsReleasedAt) {
        throw new ActionError("locked", "Decisions on this call have been released, so its assessors can no longer change.");
      }
      if (row.assessment && !confirmed) {
        throw new ActionError(
          "conflict",
          `${row.assessorName} has started scoring this proposal. Confirm that you want to unassign them: their ${row.assessment.status} assessment stays on record but no longer counts.`,
        );
      }
      await tx.update(assignments).set({ removedAt: now }).where(eq(assignments.id, row.assignment.id));
      await recordAudit(tx, {
        at: now,
        actorId: me.id,
        action: "assignment.removed",
        callId: row.callId,
        proposalId,
        detail: { assessorId, assessorName: row.assessorName, ...(row.assessment ? { assessmentStatus: row.assessment.status } : {}) },
      });
      return { callId: row.callId };
    });
}

export interface ShortProposalReport {
  proposalId: number;
  title: string;
  have: number;
  required: number;
  reason: string;
}

export interface AutoAssignReport {
  added: { proposalId: number; title: string; assessorName: string }[];
  short: ShortProposalReport[];
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Why a proposal is short when a manager had unassigned someone from it: those assessors are not
 * put back automatically (the manager took them off on purpose), so the reason names them too.
 */
function reasonWithRemovals(assessors: readonly AssignmentAssessor[], proposal: AssignmentProposal, declared: readonly Conflict[], removed: ReadonlySet<number>): string {
  let eligible = 0;
  let declaredCount = 0;
  let organisation = 0;
  let removedCount = 0;
  for (const a of assessors) {
    const reason = conflictReason(a, proposal, declared);
    if (reason === "declared") declaredCount++;
    else if (reason === "organisation") organisation++;
    else if (removed.has(a.id)) removedCount++;
    else eligible++;
  }
  const head = eligible === 0 ? "No eligible assessors" : `Only ${plural(eligible, "eligible assessor", "eligible assessors")}`;
  const parts: string[] = [];
  if (declaredCount > 0) parts.push(`${declaredCount} declared a conflict`);
  if (organisation > 0) parts.push(`${organisation} ${organisation === 1 ? "works" : "work"} at a consortium organisation`);
  parts.push(`${removedCount} ${removedCount === 1 ? "was" : "were"} unassigned from it by a manager`);
  return `${head}: ${parts.join(", ")}`;
}

/**
 * Gives every submitted proposal of a closed call the required number of assessors (see
 * lib/domain/assignment.ts for the rules). Existing assignments count, so re-running only fills
 * gaps. An assessor a manager unassigned from a proposal is not put back on it.
 */
export async function autoAssignCall(me: Actor, { callId }: z.output<typeof callRefInput>, now = new Date()): Promise<AutoAssignReport> {
    return transaction(async (tx) => {
      const call = await requireCall(tx, callId, me);
      requireAssignable(call, now);
      const data = await loadCallData(tx, call, me);
      // Only assessors of the manager's own agency who accepted the call's invitation, each up to the
      // maximum they set: each agency fills its own panel, to its own requirement.
      const pool = await loadAcceptedAssessors(tx, call.id, me);
      const own = data.assignments.filter((a) => a.sameAgency);
      const declared: Conflict[] = own.filter(hasDeclaredConflict).map((a) => ({ proposalId: a.proposalId, assessorId: a.assessorId }));
      const removed = own.filter((a) => !isActive(a) && !hasDeclaredConflict(a));
      const removedFor = (proposalId: number) => new Set(removed.filter((a) => a.proposalId === proposalId).map((a) => a.assessorId));

      const byId = new Map(data.proposals.map((p) => [p.id, p]));
      const assessorName = new Map(pool.map((a) => [a.id, a.name]));
      const result = autoAssign({
        proposals: data.proposals.map(asAssignmentProposal),
        assessors: pool,
        existing: own.filter(isActive).map((a) => ({ proposalId: a.proposalId, assessorId: a.assessorId })),
        // Unassigned pairs are excluded the same way as declared conflicts.
        conflicts: [...declared, ...removed.map((a) => ({ proposalId: a.proposalId, assessorId: a.assessorId }))],
        required: assessorsRequiredFor(call, me),
      });

      for (const pair of result.added) {
        await addAssignment(tx, pair.proposalId, { id: pair.assessorId }, me.id);
        await recordAudit(tx, {
          at: now,
          actorId: me.id,
          action: "assignment.added",
          callId: call.id,
          proposalId: pair.proposalId,
          detail: { assessorId: pair.assessorId, assessorName: assessorName.get(pair.assessorId) ?? "", automatic: true as const },
        });
      }

      return {
        added: result.added.map((pair) => ({
          proposalId: pair.proposalId,
          title: byId.get(pair.proposalId)?.title ?? "",
          assessorName: assessorName.get(pair.assessorId) ?? "",
        })),
        short: result.short.map((s) => {
          const proposal = byId.get(s.proposalId)!;
          const removedHere = removedFor(s.proposalId);
          return {
            proposalId: s.proposalId,
            title: proposal.title,
            have: s.have,
            required: s.required,
            reason: removedHere.size === 0 ? s.reason : reasonWithRemovals(pool, asAssignmentProposal(proposal), declared, removedHere),
          };
        }),
      };
    });
}
