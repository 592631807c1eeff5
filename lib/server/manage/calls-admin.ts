import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { transaction, type Tx } from "@/db/transaction";
import { copySlotsToCall } from "@/db/appendix-slots";
import { copyRubricToCall, loadCallRubric } from "@/db/rubrics";
import { agencies, assignments, calls, proposals, type CallRow } from "@/db/schema";
import { agencyMaySeeCall } from "@/lib/domain/agencies";
import { hasClosed } from "@/lib/domain/call-stage";
import { DEFAULT_RUBRIC, type RubricCriterion } from "@/lib/domain/rubric";
import {
  callFormOutputWithJoint,
  callFormSchema,
  toLondonInput,
  type CallFormOutput,
  type CallFormValues,
  type updateCallInput,
} from "@/lib/validation/manage";
import { readyToRank } from "@/lib/domain/ranking";
import { ActionError, fieldErrorsFrom, INVALID_MESSAGE } from "../action-error";
import { recordAudit } from "../audit";
import { loadJointAgencies, requireMayConfigure } from "../agencies";
import { guardedRead } from "../guard";
import type { Actor } from "../users";
import {
  assessorsRequiredFor,
  callHeading,
  loadRankingData,
  rankCall,
  requireCall,
  type CallHeading,
} from "./call-data";
import { loadOverviewCounts, loadOverviewLists } from "./overview";
import { loadCallFormLocks } from "./portfolio-data";
import { agencyNames } from "./joint";
import { rubricView, saveRubricSettings, withSettings, type RubricCriterionView, type RubricSettings } from "./rubric-admin";

// --- Lists and overview -------------------------------------------------------------------------

export interface ManagedCall extends CallHeading {
  opensAt: Date;
  submittedProposals: number;
  draftProposals: number;
  assessmentsSubmitted: number;
  assessmentsRequired: number;
  decisionsRecorded: number;
  /** A joint call's partner agency, null for a home-only call. */
  partnerAgencyName: string | null;
}

/** The calls of the manager's agency: every call for the home agency, its joint calls for a partner. */
export const listManagedCalls = guardedRead("call:manage", async (actor, now: Date = new Date()): Promise<ManagedCall[]> => {
    const db = getDb();
    const rows = (await db.select().from(calls).orderBy(desc(calls.closesAt), desc(calls.id))).filter(
      (call) => actor.agency !== null && agencyMaySeeCall(actor.agency, call),
    );
    const all = await Promise.all(rows.map(async (call) => ({ call, counts: await loadOverviewCounts(db, call, actor) })));
    const agencyName = await agencyNames(db);
    return all.map(({ call, counts }) => ({
      ...callHeading(call, now, actor),
      opensAt: call.opensAt,
      submittedProposals: counts.perProposal.length,
      draftProposals: counts.draft,
      // The agency's own panel: its assessors, its requirement.
      assessmentsSubmitted: counts.assessments.submitted,
      assessmentsRequired: counts.perProposal.length * assessorsRequiredFor(call, actor),
      decisionsRecorded: counts.decisions.fund + counts.decisions.reserve + counts.decisions.reject,
      partnerAgencyName: call.partnerAgencyId === null ? null : (agencyName.get(call.partnerAgencyId) ?? null),
    }));
});

export interface OverdueAssessment {
  proposalId: number;
  proposalTitle: string;
  assessorName: string;
  status: "not started" | "draft";
}

export interface DeclaredConflict {
  proposalId: number;
  proposalTitle: string;
  assessorName: string;
  details: string;
  declaredAt: Date | null;
}

export interface CallOverview {
  call: CallHeading & { description: string; opensAt: Date; createdAt: Date };
  proposals: { submitted: number; draft: number };
  assessments: { notStarted: number; draft: number; submitted: number; conflictDeclared: number; required: number; unfilled: number };
  ranking: { ranked: number; awaiting: number };
  assessmentsOverdue: boolean;
  overdue: OverdueAssessment[];
  conflicts: DeclaredConflict[];
  decisions: { recorded: number; fund: number; reserve: number; reject: number; undecided: number; releasedAt: Date | null };
  /** A joint call's two agencies, each with its budget in its own currency and its assessors per proposal. */
  joint: {
    home: { name: string; currency: string; budget: number; assessorsRequired: number };
    partner: { name: string; currency: string; budget: number; assessorsRequired: number };
    /** Partner currency units per pound, for rough equivalents only. */
    exchangeRate: number;
    /** Which of the two the viewer works for. */
    side: "home" | "partner";
  } | null;
}

export const getCallOverview = guardedRead("call:manage", async (actor, callId: number, now: Date = new Date()): Promise<CallOverview> => {
    const db = getDb();
    const call = await requireCall(db, callId, actor);
    const counts = await loadOverviewCounts(db, call, actor);
    const required = assessorsRequiredFor(call, actor);
    const submitted = counts.perProposal.length;
    const unfilled = counts.perProposal.reduce((sum, p) => sum + Math.max(0, required - p.scoring), 0);
    // A home-only call is ranked by rule 1 (readyToRank) on each proposal's counted assessments; a
    // joint call's rules (both panels' requirements) need its joint ranking.
    const rankedCount =
      call.partnerAgencyId !== null
        ? rankCall(await loadRankingData(db, call, actor)).ranked.length
        : counts.perProposal.filter((p) => readyToRank(p.counted, call.assessorsRequired)).length;
    const overdueNow = now.getTime() > call.assessmentDueAt.getTime();
    const lists = await loadOverviewLists(db, call, actor, overdueNow);

    const both = await loadJointAgencies(db, call);
    return {
      joint: both
        ? {
            home: { name: both.home.name, currency: both.home.currency, budget: call.budget, assessorsRequired: call.assessorsRequired },
            partner: { name: both.partner.name, currency: both.partner.currency, budget: call.partnerBudget ?? 0, assessorsRequired: call.partnerAssessorsRequired ?? 0 },
            exchangeRate: call.exchangeRate ?? 0,
            side: actor.agency?.kind === "partner" ? "partner" : "home",
          }
        : null,
      call: { ...callHeading(call, now, actor), description: call.description, opensAt: call.opensAt, createdAt: call.createdAt },
      proposals: { submitted, draft: counts.draft },
      assessments: { ...counts.assessments, required: submitted * required, unfilled },
      ranking: { ranked: rankedCount, awaiting: submitted - rankedCount },
      assessmentsOverdue: overdueNow,
      overdue: lists.overdue,
      conflicts: lists.conflicts,
      decisions: {
        recorded: counts.decisions.fund + counts.decisions.reserve + counts.decisions.reject,
        ...counts.decisions,
        undecided: submitted - (counts.decisions.fund + counts.decisions.reserve + counts.decisions.reject),
        releasedAt: call.decisionsReleasedAt,
      },
    };
});

// --- The call form --------------------------------------------------------------------------------

export interface CallFormData {
  values: CallFormValues;
  criteria: RubricCriterionView[];
  /** Once scoring has started, criteria and scales are fixed (weights and thresholds are not). */
  scoringStarted: boolean;
}

type FormCall = Pick<
  CallRow,
  | "title"
  | "description"
  | "opensAt"
  | "closesAt"
  | "assessmentDueAt"
  | "budget"
  | "assessorsRequired"
  | "overallThreshold"
  | "partnerAgencyId"
  | "partnerBudget"
  | "partnerAssessorsRequired"
  | "exchangeRate"
>;
const blankOrString = (v: number | null) => (v === null ? "" : String(v));

function formValues(call: FormCall, rubric: readonly RubricCriterion[]): CallFormValues {
  return {
    title: call.title,
    description: call.description,
    opensAt: toLondonInput(call.opensAt),
    closesAt: toLondonInput(call.closesAt),
    assessmentDueAt: toLondonInput(call.assessmentDueAt),
    budget: String(call.budget),
    assessorsRequired: String(call.assessorsRequired),
    overallThreshold: String(call.overallThreshold),
    rubric: Object.fromEntries(rubric.map((c) => [c.key, { weight: String(c.weight), threshold: c.threshold === null ? "" : String(c.threshold) }])),
    partnerAgencyId: blankOrString(call.partnerAgencyId),
    partnerBudget: blankOrString(call.partnerBudget),
    partnerAssessorsRequired: blankOrString(call.partnerAssessorsRequired),
    exchangeRate: blankOrString(call.exchangeRate),
  };
}

/** A new call's form: the default rubric from the report, blank dates. */
export function newCallForm(): CallFormData {
  const values = formValues(
    {
      title: "",
      description: "",
      opensAt: new Date(),
      closesAt: new Date(),
      assessmentDueAt: new Date(),
      budget: 0,
      assessorsRequired: 3,
      overallThreshold: 50,
      partnerAgencyId: null,
      partnerBudget: null,
      partnerAssessorsRequired: null,
      exchangeRate: null,
    },
    DEFAULT_RUBRIC,
  );
  return {
    values: { ...values, opensAt: "", closesAt: "", assessmentDueAt: "", budget: "" },
    criteria: rubricView(DEFAULT_RUBRIC),
    scoringStarted: false,
  };
}

export const getCallForm = guardedRead(
  "call:configure",
  async (actor, callId: number, now: Date = new Date()): Promise<CallFormData & { callId: number; call: CallHeading; partnerLocked: boolean }> => {
    const db = getDb();
    const call = await requireCall(db, callId, actor);
    const [rubric, locks] = await Promise.all([loadCallRubric(db, call.id), loadCallFormLocks(db, call.id)]);
    return {
      callId: call.id,
      call: callHeading(call, now, actor),
      values: formValues(call, rubric),
      criteria: rubricView(rubric),
      ...locks,
    };
  },
);

function settingsOf(values: CallFormOutput): RubricSettings {
  return values.rubric as RubricSettings;
}

const callColumns = (v: CallFormOutput) => ({
  ...jointColumns(v),
  title: v.title,
  description: v.description,
  opensAt: v.opensAt,
  closesAt: v.closesAt,
  assessmentDueAt: v.assessmentDueAt,
  budget: v.budget,
  assessorsRequired: v.assessorsRequired,
  overallThreshold: v.overallThreshold,
});

/** The joint-call columns of the form's output (all null for a home-only call). */
function jointColumns(v: CallFormOutput) {
  const { joint } = callFormOutputWithJoint(v);
  return joint;
}

/** A joint call's partner must be an existing partner agency. */
async function requirePartnerAgency(tx: Tx, partnerAgencyId: number | null): Promise<void> {
  if (partnerAgencyId === null) return;
  const [row] = await tx.select({ kind: agencies.kind }).from(agencies).where(eq(agencies.id, partnerAgencyId)).limit(1);
  if (row?.kind !== "partner") throw new ActionError("invalid", INVALID_MESSAGE, { partnerAgencyId: "Select a partner agency from the list" });
}

export async function createCall(me: Actor, values: CallFormOutput, now = new Date()): Promise<{ id: number }> {
  requireMayConfigure(me);
  const rubric = withSettings(DEFAULT_RUBRIC, settingsOf(values));
  return transaction(async (tx) => {
    await requirePartnerAgency(tx, jointColumns(values).partnerAgencyId);
    const [created] = await tx.insert(calls).values(callColumns(values)).returning({ id: calls.id });
    const id = created!.id;
    await copyRubricToCall(tx, id, rubric);
    await copySlotsToCall(tx, id);
    await recordAudit(tx, { at: now, actorId: me.id, action: "call.created", callId: id, detail: { title: values.title } });
    return { id };
  });
}

type Comparable = string | number | Date;
const MINUTE_MS = 60_000;
/** The form works in whole minutes, so a stored time with seconds is unchanged if the minute is. */
const same = (a: Comparable, b: Comparable) =>
  a instanceof Date && b instanceof Date ? Math.floor(a.getTime() / MINUTE_MS) === Math.floor(b.getTime() / MINUTE_MS) : a === b;
const auditValue = (v: Comparable) => (v instanceof Date ? v.toISOString() : v);

/**
 * Once a closed call has assessors assigned (or its decisions are out), moving the closing time
 * into the future would let bidders rewrite proposals that are being, or have been, assessed.
 */
async function refuseReopeningAssessedCall(tx: Tx, call: CallRow, closesAt: Date, now: Date): Promise<void> {
  if (!hasClosed(call, now) || closesAt.getTime() <= now.getTime()) return;
  const [assigned] = await tx
    .select({ id: assignments.id })
    .from(assignments)
    .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
    .where(eq(proposals.callId, call.id))
    .limit(1);
  if (assigned || call.decisionsReleasedAt) {
    throw new ActionError("invalid", INVALID_MESSAGE, {
      closesAt: "The call cannot reopen: assessors have already been assigned to its proposals",
    });
  }
}

/** Saves the call's details and the rubric's weights and thresholds in one transaction. */
export async function updateCall(
  me: Actor,
  { callId, values: rawValues }: z.output<typeof updateCallInput>,
  now = new Date(),
): Promise<{ id: number; changed: boolean }> {
  requireMayConfigure(me);
  return transaction(async (tx) => {
    const call = await requireCall(tx, callId, me);
    const before = await loadCallRubric(tx, call.id);
    // The rubric is the call's own, so the form's schema is built from it here, on the server.
    const parsed = callFormSchema(before).safeParse(rawValues);
    if (!parsed.success) throw new ActionError("invalid", INVALID_MESSAGE, fieldErrorsFrom(parsed.error));
    const values = parsed.data;
    const after = withSettings(before, settingsOf(values));

    const next = callColumns(values);
    await refuseReopeningAssessedCall(tx, call, next.closesAt as Date, now);
    await requirePartnerAgency(tx, next.partnerAgencyId);
    if (next.partnerAgencyId !== call.partnerAgencyId) {
      const [submitted] = await tx
        .select({ id: proposals.id })
        .from(proposals)
        .where(and(eq(proposals.callId, call.id), eq(proposals.status, "submitted")))
        .limit(1);
      if (submitted) {
        throw new ActionError("invalid", INVALID_MESSAGE, {
          partnerAgencyId: "Proposals have been submitted, so the call cannot change its partner agency",
        });
      }
    }
    const changes: Record<string, { from: string | number; to: string | number }> = {};
    for (const [field, to] of Object.entries(next) as [keyof typeof next, Comparable | null][]) {
      const from = call[field] as Comparable | null;
      if (from === null || to === null) {
        if (from !== to) changes[field] = { from: from === null ? "" : auditValue(from), to: to === null ? "" : auditValue(to) };
      } else if (!same(from, to)) changes[field] = { from: auditValue(from), to: auditValue(to) };
    }
    if (Object.keys(changes).length > 0) {
      const changed = Object.fromEntries(Object.keys(changes).map((field) => [field, next[field as keyof typeof next]]));
      await tx.update(calls).set(changed).where(eq(calls.id, call.id));
      await recordAudit(tx, { at: now, actorId: me.id, action: "call.updated", callId: call.id, detail: { changes } });
    }
    const rubricChanged = await saveRubricSettings(tx, { at: now, actorId: me.id, callId: call.id }, before, after);
    return { id: call.id, changed: Object.keys(changes).length > 0 || rubricChanged };
  });
}
