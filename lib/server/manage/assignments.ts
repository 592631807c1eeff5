import "server-only";
import { and, asc, count, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { transaction, type Tx } from "@/db/transaction";
import { assessments, assignments, invitations, proposals, users, type CallRow } from "@/db/schema";
import type { ActionResult } from "@/lib/action-result";
import {
  conflictReason,
  rankSuggestions,
  shortReason,
  type AssignmentProposal,
  type ExistingAssignment,
  type Suggestion,
} from "@/lib/domain/assignment";
import { assignmentTimeLimitSeconds, type OptimalAssignInput, type OptimalAssignOutcome } from "@/lib/domain/assignment-model";
import { callStage, isClosedUnreleased } from "@/lib/domain/call-stage";
import { findDomain } from "@/lib/domain/report/technology-domains";
import { parseRouteId } from "@/lib/route-id";
import { suggestionsQuery } from "@/lib/validation/assignments";
import type { assignInput, callRefInput, unassignInput } from "@/lib/validation/manage";
import { ActionError, failure, FORBIDDEN_MESSAGE, INVALID_MESSAGE, UNAUTHENTICATED_MESSAGE } from "../action-error";
import { recordAudit, recordAudits } from "../audit";
import { guardedRead, may } from "../guard";
import { jobVersion, jobView, startJob, type JobDefinition } from "../jobs";
import type { JobOutcome } from "../jobs/runner";
import type { Actor } from "../users";
import {
  assessorsRequiredFor,
  CALL_NOT_FOUND,
  callHeading,
  requireCall,
  requireSubmittedProposalWithCall,
  UNTITLED,
  type CallHeading,
  type Reader,
  type Viewer,
} from "./call-data";

/*
 * Assigning assessors to a closed call's submitted proposals: by hand (with ranked suggestions) and
 * automatically (the optimal min-cost flow of lib/domain/assignment-flow.ts, run as a background job).
 *
 * The pool, for each agency (on a joint call each agency assigns only its own assessors to its
 * own quota): when the agency has invited anyone to the call, its assessors who accepted, each up
 * to the maximum they set; when it has invited nobody, all its assessors (as before invitations
 * existed), loads balanced within ±1. Disabled accounts are never in the pool. Manual assignment,
 * suggestions and automatic assignment all use this one pool.
 *
 * Everything here reads what its screen shows with narrow queries (json_extract for the few
 * answer fields), not the whole call: at 5,000 proposals the board and the suggestions stay fast.
 */

// --- reading the call ------------------------------------------------------------------------------

/** A submitted proposal as assignment sees it: its title, domain and consortium organisations. */
interface AssignmentProposalRow extends AssignmentProposal {
  title: string;
  leadOrganisation: string;
}

/** What matching needs: the domain and the consortium's organisations. */
const matchFields = {
  id: proposals.id,
  domainId: sql<string | null>`json_extract(${proposals.answers}, '$.project.domainId')`,
  lead: sql<string | null>`json_extract(${proposals.answers}, '$.consortium.leadName')`,
  partners: sql<string>`(select json_group_array(json_extract(value, '$.organisation')) from json_each(${proposals.answers}, '$.consortium.partners'))`,
};

const proposalFields = {
  ...matchFields,
  title: sql<string | null>`json_extract(${proposals.answers}, '$.project.title')`,
};

const text = (value: unknown): string => (typeof value === "string" ? value : "");

function toMatchProposal(row: { id: number; domainId: string | null; lead: string | null; partners: string }): AssignmentProposal {
  const lead = text(row.lead).trim();
  const partners = (JSON.parse(row.partners) as unknown[]).map((o) => text(o).trim());
  return {
    id: row.id,
    domainId: typeof row.domainId === "string" && row.domainId !== "" ? row.domainId : null,
    organisations: [lead, ...partners].filter((o) => o !== ""),
  };
}

function toAssignmentProposal(row: { id: number; title: string | null; domainId: string | null; lead: string | null; partners: string }): AssignmentProposalRow {
  return { ...toMatchProposal(row), title: text(row.title).trim() || UNTITLED, leadOrganisation: text(row.lead).trim() };
}

const submittedIn = (callId: number) => and(eq(proposals.callId, callId), eq(proposals.status, "submitted"));

async function loadProposals(db: Reader, callId: number, page?: { offset: number; limit: number }): Promise<AssignmentProposalRow[]> {
  const query = db.select(proposalFields).from(proposals).where(submittedIn(callId)).orderBy(asc(proposals.submittedAt), asc(proposals.id));
  return (page ? await query.limit(page.limit).offset(page.offset) : await query).map(toAssignmentProposal);
}

async function loadProposal(db: Reader, callId: number, proposalId: number): Promise<AssignmentProposalRow | null> {
  const [row] = await db.select(proposalFields).from(proposals).where(and(submittedIn(callId), eq(proposals.id, proposalId))).limit(1);
  return row ? toAssignmentProposal(row) : null;
}

const agencyOf = (me: Viewer) => me.agency?.id ?? -1;

/** The viewer's agency's assignments on the call's submitted proposals (optionally only some proposals). */
async function loadAssignmentRows(db: Reader, callId: number, me: Viewer, proposalIds?: number[]) {
  return db
    .select({
      proposalId: assignments.proposalId,
      assessorId: assignments.assessorId,
      assessorName: users.name,
      removedAt: assignments.removedAt,
      conflict: assignments.conflictDeclaration,
      assessment: assessments.status,
    })
    .from(assignments)
    .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
    .innerJoin(users, eq(users.id, assignments.assessorId))
    .leftJoin(assessments, eq(assessments.assignmentId, assignments.id))
    .where(and(submittedIn(callId), eq(users.agencyId, agencyOf(me)), proposalIds ? inArray(assignments.proposalId, proposalIds) : undefined))
    .orderBy(asc(assignments.id));
}

type AssignmentRowOf = Awaited<ReturnType<typeof loadAssignmentRows>>[number];
const declaredConflict = (a: AssignmentRowOf) => a.conflict === "conflict";
const activeRow = (a: AssignmentRowOf) => a.removedAt === null;
/** Unassigned by a manager (a declared conflict is its own reason). */
const removedRow = (a: AssignmentRowOf) => a.removedAt !== null && !declaredConflict(a);

export interface PoolAssessor {
  id: number;
  name: string;
  organisation: string;
  expertise: string[];
  /** The most proposals of this call they accepted to take (null: no limit). */
  maxProposals: number | null;
  /** Proposals of this call they have now (not unassigned, no conflict declared). */
  load: number;
}

export interface AssignmentPool {
  /** The agency invited assessors to this call, so only those who accepted are in the pool. */
  usesInvitations: boolean;
  assessors: PoolAssessor[];
}

/** The assignment pool of the viewer's agency for a call (see the comment at the top). */
export async function loadAssignmentPool(db: Reader, callId: number, me: Viewer): Promise<AssignmentPool> {
  const [people, loads] = await Promise.all([
    db
      .select({
        id: users.id,
        name: users.name,
        organisation: users.organisation,
        expertise: users.expertise,
        disabledAt: users.disabledAt,
        status: invitations.status,
        maxProposals: invitations.maxProposals,
      })
      .from(users)
      .leftJoin(invitations, and(eq(invitations.assessorId, users.id), eq(invitations.callId, callId)))
      .where(and(eq(users.role, "assessor"), eq(users.agencyId, agencyOf(me))))
      .orderBy(asc(users.name), asc(users.id)),
    db
      .select({ assessorId: assignments.assessorId, load: count() })
      .from(assignments)
      .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
      .where(and(submittedIn(callId), isNull(assignments.removedAt), or(isNull(assignments.conflictDeclaration), ne(assignments.conflictDeclaration, "conflict"))))
      .groupBy(assignments.assessorId),
  ]);
  const loadOf = new Map(loads.map((l) => [l.assessorId, l.load]));
  const usesInvitations = people.some((p) => p.status !== null);
  return {
    usesInvitations,
    assessors: people
      .filter((p) => p.disabledAt === null && (!usesInvitations || p.status === "accepted"))
      .map((p) => ({
        id: p.id,
        name: p.name,
        organisation: p.organisation,
        expertise: p.expertise,
        maxProposals: usesInvitations ? p.maxProposals : null,
        load: loadOf.get(p.id) ?? 0,
      })),
  };
}

// --- the board -------------------------------------------------------------------------------------

export type AssignmentState = "not started" | "draft" | "submitted" | "conflict declared";

export interface BoardAssignment {
  assessorId: number;
  assessorName: string;
  state: AssignmentState;
  /** The assessor has a draft or submitted assessment: unassigning needs a confirmation. */
  started: boolean;
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
  /** Assessors of the pool who may not assess this proposal, and why. */
  excluded: { name: string; reason: string }[];
}

export interface AutoAssignState {
  /** The progress route's key for this agency's runs. */
  key: string;
  running: { id: number; progress: number; message: string } | null;
  /** The newest finished run's report, and when it finished. */
  last: { at: Date; report: AutoAssignReport } | null;
  /** The newest run failed (after `last`, if any), and why. */
  failure: { at: Date; message: string } | null;
}

/** Proposals per page of the board. */
export const BOARD_PAGE_SIZE = 25;

export interface AssignmentBoard {
  /** The page shown (1-based) and how many there are; `proposals` holds that page only. */
  page: { number: number; pages: number; total: number };
  call: CallHeading;
  /** Assessors are assigned after the call closes (proposals no longer change) and until decisions are released. */
  canAssign: boolean;
  /** Assessors each proposal needs from the viewer's agency. */
  required: number;
  proposals: BoardProposal[];
  usesInvitations: boolean;
  /** The pool, with each assessor's load and maximum. */
  assessors: (PoolAssessor & { expertiseNames: string })[];
  /** Places still to fill over the whole call. */
  gaps: number;
  automatic: AutoAssignState;
}

const CONFLICT_TEXT = {
  declared: "Declared a conflict of interest",
  organisation: "Works at an organisation in the consortium",
} as const;

/** Places still to fill over the whole call: Σ max(0, required − scoring assignments), in SQL. */
async function countGaps(db: Reader, callId: number, me: Viewer, required: number): Promise<{ total: number; gaps: number }> {
  const [[{ total } = { total: 0 }], scoring] = await Promise.all([
    db.select({ total: count() }).from(proposals).where(submittedIn(callId)),
    db
      .select({ n: sql<number>`min(${required}, count(*))` })
      .from(assignments)
      .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
      .innerJoin(users, eq(users.id, assignments.assessorId))
      .where(
        and(
          submittedIn(callId),
          eq(users.agencyId, agencyOf(me)),
          isNull(assignments.removedAt),
          or(isNull(assignments.conflictDeclaration), ne(assignments.conflictDeclaration, "conflict")),
        ),
      )
      .groupBy(assignments.proposalId),
  ]);
  return { total, gaps: total * required - scoring.reduce((s, r) => s + r.n, 0) };
}

export const getAssignmentBoard = guardedRead("assignment:manage", async (actor, callId: number, now: Date = new Date(), pageNumber: number = 1): Promise<AssignmentBoard> => {
  const db = getDb();
  const call = await requireCall(db, callId, actor);
  const required = assessorsRequiredFor(call, actor);
  const [{ total, gaps }, pool, automatic] = await Promise.all([countGaps(db, callId, actor, required), loadAssignmentPool(db, callId, actor), autoAssignState(callId, actor)]);
  const pages = Math.max(1, Math.ceil(total / BOARD_PAGE_SIZE));
  const number = Math.min(Math.max(1, pageNumber), pages);
  const shown = await loadProposals(db, callId, { offset: (number - 1) * BOARD_PAGE_SIZE, limit: BOARD_PAGE_SIZE });
  const rows = shown.length === 0 ? [] : await loadAssignmentRows(db, callId, actor, shown.map((p) => p.id));

  const boardProposals = shown.map((p): BoardProposal => {
    const mine = rows.filter((a) => a.proposalId === p.id);
    const active = mine.filter(activeRow);
    const declared = mine.filter(declaredConflict).map((a) => ({ proposalId: a.proposalId, assessorId: a.assessorId }));
    const assignedIds = new Set(active.map((a) => a.assessorId));
    const excluded: { name: string; reason: string }[] = [];
    for (const assessor of pool.assessors) {
      if (assignedIds.has(assessor.id)) continue;
      const reason = conflictReason(assessor, p, declared);
      if (reason) excluded.push({ name: assessor.name, reason: CONFLICT_TEXT[reason] });
    }
    return {
      id: p.id,
      title: p.title,
      leadOrganisation: p.leadOrganisation,
      domain: findDomain(p.domainId)?.shortName ?? "Not given",
      assigned: active.map((a) => ({
        assessorId: a.assessorId,
        assessorName: a.assessorName,
        state: declaredConflict(a) ? "conflict declared" : (a.assessment ?? "not started"),
        started: a.assessment !== null,
      })),
      scoring: active.filter((a) => !declaredConflict(a)).length,
      required,
      excluded,
    };
  });

  return {
    call: callHeading(call, now, actor),
    canAssign: isClosedUnreleased(call, now),
    required,
    proposals: boardProposals,
    usesInvitations: pool.usesInvitations,
    assessors: pool.assessors.map((a) => ({ ...a, expertiseNames: a.expertise.map((d) => findDomain(d)?.shortName ?? d).join(", ") })),
    gaps,
    page: { number, pages, total },
    automatic,
  };
});

// --- suggestions -----------------------------------------------------------------------------------

export interface AssessorSuggestions {
  proposalId: number;
  /** Eligible assessors matching the search, before the limit. */
  total: number;
  suggestions: Suggestion[];
}

/**
 * Ranked assessors a manager may add to one proposal (lib/domain/assignment.ts `rankSuggestions`),
 * filtered by `q` (name or organisation) and cut to `limit`. A route handler's answer, so refusals
 * keep their code: 401 signed out, 403 not a manager, 404 a call or proposal the agency takes no
 * part in, or a query that does not parse.
 */
export async function suggestAssessors(actor: Actor | null, raw: { callId: string; query: Record<string, string> }): Promise<ActionResult<AssessorSuggestions>> {
  if (!actor) return failure("unauthenticated", UNAUTHENTICATED_MESSAGE);
  if (!may(actor, "assignment:manage")) return failure("forbidden", FORBIDDEN_MESSAGE);
  const callId = parseRouteId(raw.callId);
  const parsed = suggestionsQuery.safeParse(raw.query);
  if (callId === null || !parsed.success) return failure("not_found", CALL_NOT_FOUND);
  const { proposalId, q, limit } = parsed.data;
  const db = getDb();
  try {
    await requireCall(db, callId, actor);
  } catch (error) {
    if (error instanceof ActionError) return failure("not_found", error.message);
    throw error;
  }
  const [proposal, pool, rows] = await Promise.all([loadProposal(db, callId, proposalId), loadAssignmentPool(db, callId, actor), loadAssignmentRows(db, callId, actor, [proposalId])]);
  if (!proposal) return failure("not_found", "We could not find that submitted proposal.");
  const ranked = rankSuggestions(proposal, pool.assessors, {
    declared: rows.filter(declaredConflict).map((a) => ({ proposalId: a.proposalId, assessorId: a.assessorId })),
    assigned: new Set(rows.filter(activeRow).map((a) => a.assessorId)),
    removed: new Set(rows.filter(removedRow).map((a) => a.assessorId)),
  });
  const needle = q.trim().toLocaleLowerCase("en-GB");
  const matching = needle === "" ? ranked : ranked.filter((s) => `${s.name}\n${s.organisation}`.toLocaleLowerCase("en-GB").includes(needle));
  return { ok: true, data: { proposalId, total: matching.length, suggestions: matching.slice(0, limit) } };
}

// --- assigning by hand -----------------------------------------------------------------------------

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

const pickError = (message: string) => new ActionError("invalid", INVALID_MESSAGE, { assessorId: message });

/** One of the manager's own agency's assessors (another agency's assessor is not on the list). */
async function loadAssessor(db: Reader, assessorId: number, me: Actor) {
  const [assessor] = await db
    .select({ id: users.id, name: users.name, organisation: users.organisation, expertise: users.expertise, role: users.role })
    .from(users)
    .where(and(eq(users.id, assessorId), eq(users.agencyId, agencyOf(me))))
    .limit(1);
  if (!assessor || assessor.role !== "assessor") throw pickError("Select an assessor from the list");
  return assessor;
}

/** Adds (or reinstates) an assignment; refuses an assessor already on it. */
async function addAssignment(tx: Tx, proposalId: number, assessor: { id: number }, by: number): Promise<{ reinstated: boolean }> {
  const [existing] = await tx
    .select()
    .from(assignments)
    .where(and(eq(assignments.proposalId, proposalId), eq(assignments.assessorId, assessor.id)))
    .limit(1);
  if (existing && existing.removedAt === null) throw pickError("This assessor is already assigned to this proposal");
  if (existing) {
    // Reinstated: a draft they had started is theirs again.
    await tx.update(assignments).set({ removedAt: null, assignedBy: by }).where(eq(assignments.id, existing.id));
    return { reinstated: true };
  }
  await tx.insert(assignments).values({ proposalId, assessorId: assessor.id, assignedBy: by });
  return { reinstated: false };
}

/**
 * Assigns one assessor by hand. Refused (as a field error): someone conflicted on the proposal,
 * and, when the agency uses invitations on this call, someone who has not accepted its invitation
 * or has reached the maximum they accepted: the same pool automatic assignment uses.
 */
export async function assignAssessor(me: Actor, { proposalId, assessorId }: z.output<typeof assignInput>, now = new Date()): Promise<{ callId: number }> {
  return transaction(async (tx) => {
    const { call } = await requireSubmittedProposalWithCall(tx, proposalId, me);
    requireAssignable(call, now);
    const assessor = await loadAssessor(tx, assessorId, me);
    const [proposal, declared] = await Promise.all([
      loadProposal(tx, call.id, proposalId),
      tx
        .select({ proposalId: assignments.proposalId, assessorId: assignments.assessorId })
        .from(assignments)
        .where(and(eq(assignments.proposalId, proposalId), eq(assignments.conflictDeclaration, "conflict"))),
    ]);
    const reason = conflictReason(assessor, proposal!, declared);
    if (reason) {
      throw pickError(
        reason === "declared"
          ? `${assessor.name} has declared a conflict of interest with this proposal`
          : `${assessor.name} works at an organisation in this proposal’s consortium`,
      );
    }
    const pool = await loadAssignmentPool(tx, call.id, me);
    const member = pool.assessors.find((a) => a.id === assessor.id);
    if (!member) {
      throw pickError(
        pool.usesInvitations
          ? `${assessor.name} has not accepted an invitation to this call. Invite them from the call’s Invitations page first`
          : `${assessor.name}’s account is disabled`,
      );
    }
    if (member.maxProposals !== null && member.load >= member.maxProposals) {
      throw pickError(`${assessor.name} has reached the ${member.maxProposals} proposals they agreed to take in this call`);
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
      .where(and(eq(assignments.proposalId, proposalId), eq(assignments.assessorId, assessorId), eq(users.agencyId, agencyOf(me))))
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

// --- assigning automatically -----------------------------------------------------------------------

export interface ShortProposalReport {
  proposalId: number;
  title: string;
  have: number;
  required: number;
  reason: string;
}

/** What a finished run did (stored as the job's result; the page shows it). */
export interface AutoAssignReport {
  added: number;
  short: ShortProposalReport[];
  pool: number;
  usesInvitations: boolean;
  domainMatches: number;
  themeMatches: number;
  loadSpread: number;
  loadRule: string;
  seconds: number;
}

/**
 * The job: always started on request (never by viewing a page), so its data version is constant;
 * the run checks itself that nothing changed before it writes (see `finishAutoAssign`).
 */
const ON_REQUEST = "on-request";
export const autoAssignJob: JobDefinition<"autoAssignment"> = {
  kind: "autoAssignment",
  permission: "assignment:manage",
  dataVersion: async () => ON_REQUEST,
  input: async () => {
    throw new Error("Automatic assignment is started by startAutoAssign, with the manager's pool");
  },
};

/** Each agency's runs are their own: on a joint call both may run, each for its own panel. */
const jobKey = (me: Viewer) => `agency-${agencyOf(me)}`;

/**
 * What a run reads that can change while it runs (and must not have changed when it writes): the
 * pool, the agency's assignment rows and the submitted proposals' versions. Narrow columns only,
 * so the check before writing is cheap.
 */
interface AssessorState {
  pool: AssignmentPool;
  rows: AssignmentRowOf[];
  versions: { id: number; version: number }[];
  required: number;
}

async function loadAssessorState(db: Reader, call: CallRow, me: Viewer): Promise<AssessorState> {
  const [pool, rows, versions] = await Promise.all([
    loadAssignmentPool(db, call.id, me),
    loadAssignmentRows(db, call.id, me),
    db.select({ id: proposals.id, version: proposals.version }).from(proposals).where(submittedIn(call.id)).orderBy(asc(proposals.id)),
  ]);
  return { pool, rows, versions, required: assessorsRequiredFor(call, me) };
}

/** Changes whenever the assignment a run computed could differ (assessment progress does not count). */
const stateVersion = (state: AssessorState) =>
  jobVersion(
    state.required,
    state.versions,
    state.pool.assessors.map(({ id, organisation, expertise, maxProposals, load }) => [id, organisation, expertise, maxProposals, load]),
    state.rows.map((r) => [r.proposalId, r.assessorId, r.removedAt?.getTime() ?? null, r.conflict]),
  );

const pairOf = (a: AssignmentRowOf) => ({ proposalId: a.proposalId, assessorId: a.assessorId });

/** The solver's input, for the viewer's agency. */
function autoAssignInput(matchProposals: AssignmentProposal[], state: AssessorState): OptimalAssignInput {
  const { pool, rows, required } = state;
  return {
    proposals: matchProposals,
    assessors: pool.assessors.map(({ id, organisation, expertise, maxProposals }) => ({ id, organisation, expertise, maxProposals })),
    existing: rows.filter(activeRow).map(pairOf),
    // Pairs a manager unassigned are excluded exactly like declared conflicts: never re-added.
    conflicts: [...rows.filter(declaredConflict), ...rows.filter(removedRow)].map(pairOf),
    required,
    maxLoads: pool.assessors.flatMap((a) => (a.maxProposals === null ? [] : [{ assessorId: a.id, max: a.maxProposals }])),
  };
}

/** Why each proposal is still short after the run: who in the pool could not take it, and why. */
function shortReport(proposalRows: AssignmentProposalRow[], state: AssessorState, added: readonly ExistingAssignment[]): ShortProposalReport[] {
  const { pool, rows, required } = state;
  const counts = (a: AssignmentRowOf) => activeRow(a) && !declaredConflict(a);
  const load = new Map(pool.assessors.map((a) => [a.id, a.load]));
  const scoring = new Map<number, number>();
  const assigned = new Set<string>();
  for (const a of rows) if (activeRow(a)) assigned.add(`${a.proposalId}:${a.assessorId}`);
  for (const a of rows) if (counts(a)) scoring.set(a.proposalId, (scoring.get(a.proposalId) ?? 0) + 1);
  for (const a of added) {
    load.set(a.assessorId, (load.get(a.assessorId) ?? 0) + 1);
    scoring.set(a.proposalId, (scoring.get(a.proposalId) ?? 0) + 1);
    assigned.add(`${a.proposalId}:${a.assessorId}`);
  }
  const declared = rows.filter(declaredConflict).map(pairOf);
  const removed = new Set(rows.filter(removedRow).map((a) => `${a.proposalId}:${a.assessorId}`));
  const short: ShortProposalReport[] = [];
  for (const p of proposalRows) {
    const have = scoring.get(p.id) ?? 0;
    if (have >= required) continue;
    let eligible = 0;
    let declaredCount = 0;
    let organisation = 0;
    let full = 0;
    let removedCount = 0;
    for (const a of pool.assessors) {
      const reason = conflictReason(a, p, declared);
      const key = `${p.id}:${a.id}`;
      if (reason === "declared") declaredCount++;
      else if (reason === "organisation") organisation++;
      else if (removed.has(key)) removedCount++;
      else if (!assigned.has(key) && a.maxProposals !== null && load.get(a.id)! >= a.maxProposals) full++;
      else eligible++;
    }
    short.push({ proposalId: p.id, title: p.title, have, required, reason: shortReason(eligible, declaredCount, organisation, full, removedCount) });
  }
  return short;
}

/** The current state of the agency's automatic assignment on the call (for the board). */
async function autoAssignState(callId: number, me: Viewer): Promise<AutoAssignState> {
  const key = jobKey(me);
  const view = await jobView(autoAssignJob, callId, key);
  const report = view.result as unknown as AutoAssignReport | null;
  return {
    key,
    running: view.running ? { id: view.running.id, progress: view.running.progress, message: view.running.message } : null,
    last: report && view.computedAt ? { at: view.computedAt, report } : null,
    failure: view.failure ? { at: view.failure.at, message: view.failure.message } : null,
  };
}

/**
 * "Assign automatically": checks the manager may, loads the pool, and starts the solver as a
 * background job (lib/server/jobs; the board shows its progress). When the worker is done,
 * `finishAutoAssign` writes the assignments in the transaction that marks the job done. A run
 * already going for the same call and agency is not started twice.
 */
export async function startAutoAssign(me: Actor, { callId }: z.output<typeof callRefInput>, now = new Date()): Promise<{ jobId: number; started: boolean }> {
  const db = getDb();
  const call = await requireCall(db, callId, me);
  requireAssignable(call, now);
  const [matchRows, state] = await Promise.all([db.select(matchFields).from(proposals).where(submittedIn(call.id)).orderBy(asc(proposals.submittedAt), asc(proposals.id)), loadAssessorState(db, call, me)]);
  const input = autoAssignInput(matchRows.map(toMatchProposal), state);
  const places = input.proposals.length * input.required;
  // An administrator may set the limit (seconds) for a slow or busy machine.
  const timeLimitSeconds = Number(process.env.TANDEM_ASSIGNMENT_TIME_LIMIT_S) || assignmentTimeLimitSeconds(places);
  const fingerprint = stateVersion(state);
  const clock = Date.now();
  const { id, started } = await startJob(autoAssignJob, call.id, { ...input, timeLimitSeconds }, {
    key: jobKey(me),
    requestedBy: me.id,
    // The caller's clock moved on by the time the run took (tests pass their own `now`).
    finalize: (tx, reported) => finishAutoAssign(tx, me, call.id, fingerprint, reported, new Date(now.getTime() + Date.now() - clock)),
  });
  return { jobId: id, started };
}

const NOTHING_CHANGED = "Nothing was changed.";

/** Writes a finished run's assignments and audits the run; or refuses, saying why and what to do. */
async function finishAutoAssign(tx: Tx, me: Actor, callId: number, fingerprint: string, reported: JobOutcome, now: Date): Promise<JobOutcome> {
  const call = await requireCall(tx, callId, me);
  const state = await loadAssessorState(tx, call, me);
  const base = { pool: state.pool.assessors.length, usesInvitations: state.pool.usesInvitations };
  const fail = async (message: string, seconds: number): Promise<JobOutcome> => {
    await recordAudit(tx, {
      at: now,
      actorId: me.id,
      action: "assignment.automatic",
      callId,
      detail: { outcome: "failed", added: 0, short: 0, seconds, message, ...base },
    });
    return { status: "failed", error: message };
  };

  if (reported.status === "failed") return fail(`${reported.error} ${NOTHING_CHANGED} Try again; if it fails again, assign by hand and tell your administrator.`, 0);
  const outcome = reported.result as OptimalAssignOutcome;
  if (outcome.status === "time-limit") {
    return fail(
      `The optimiser did not finish within its time limit of ${outcome.limitSeconds} s, so it was stopped. ${NOTHING_CHANGED} The server may be busy: try again in a few minutes. If it keeps happening, assign the remaining proposals by hand and tell your administrator (who can raise the limit with TANDEM_ASSIGNMENT_TIME_LIMIT_S).`,
      outcome.seconds,
    );
  }
  const stage = callStage(call, now);
  if (stage !== "closed") {
    return fail(`${stage === "released" ? "Decisions were released" : "The call reopened"} while the assignment was being worked out. ${NOTHING_CHANGED}`, outcome.seconds);
  }
  if (stateVersion(state) !== fingerprint) {
    return fail(
      `The assessors of this call changed while the assignment was being worked out (someone assigned or unassigned an assessor, declared a conflict, or answered an invitation). ${NOTHING_CHANGED} Run it again.`,
      outcome.seconds,
    );
  }

  const names = new Map(state.pool.assessors.map((a) => [a.id, a.name]));
  // One prepared insert, run per pair (drizzle builds the statement once; 15,000 rows in a few
  // hundred ms, where multi-row inserts spent seconds building SQL).
  const insert = tx
    .insert(assignments)
    .values({ proposalId: sql.placeholder("proposalId"), assessorId: sql.placeholder("assessorId"), assignedBy: me.id })
    .prepare();
  for (const { proposalId, assessorId } of outcome.added) await insert.run({ proposalId, assessorId });
  await recordAudits(
    tx,
    outcome.added.map((pair) => ({
      at: now,
      actorId: me.id,
      action: "assignment.added" as const,
      callId,
      proposalId: pair.proposalId,
      detail: { assessorId: pair.assessorId, assessorName: names.get(pair.assessorId) ?? "", automatic: true as const },
    })),
  );
  const report: AutoAssignReport = {
    added: outcome.added.length,
    // The solver lists the proposals still short; only then are their titles and reasons read.
    short: outcome.short.length === 0 ? [] : shortReport(await loadProposals(tx, call.id), state, outcome.added),
    ...base,
    domainMatches: outcome.stats.domainMatches,
    themeMatches: outcome.stats.themeMatches,
    loadSpread: outcome.stats.loadSpread,
    loadRule: outcome.stats.loadRule,
    seconds: outcome.seconds,
  };
  await recordAudit(tx, {
    at: now,
    actorId: me.id,
    action: "assignment.automatic",
    callId,
    detail: {
      outcome: "completed",
      added: report.added,
      short: report.short.length,
      seconds: report.seconds,
      domainMatches: report.domainMatches,
      themeMatches: report.themeMatches,
      loadRule: report.loadRule,
      ...base,
    },
  });
  return { status: "done", result: report };
}
