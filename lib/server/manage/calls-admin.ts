import "server-only";
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { copyRubricToCall, loadCallRubric } from "@/db/rubrics";
import { assignments, calls, proposals, type CallRow } from "@/db/schema";
import { DEFAULT_RUBRIC, type RubricCriterion } from "@/lib/domain/rubric";
import {
  callFormSchema,
  callRefInput,
  toLondonInput,
  updateCallInput,
  type CallFormOutput,
  type CallFormValues,
} from "@/lib/validation/manage";
import { ActionError, fieldErrorsFrom, runAction } from "../action";
import { recordAudit } from "../audit";
import type { Actor } from "../users";
import {
  callHeading,
  countsTowardRanking,
  hasDeclaredConflict,
  isActive,
  loadCallData,
  rankCall,
  requireCall,
  type CallHeading,
} from "./call-data";
import { rubricView, saveRubricSettings, withSettings, type RubricCriterionView, type RubricSettings } from "./rubric-admin";

// --- Lists and overview -------------------------------------------------------------------------

export interface ManagedCall extends CallHeading {
  opensAt: Date;
  submittedProposals: number;
  draftProposals: number;
  assessmentsSubmitted: number;
  assessmentsRequired: number;
  decisionsRecorded: number;
}

export function listManagedCalls(actor: Actor | null, now = new Date()) {
  return runAction(actor, "call:manage", z.object({}), {}, (): ManagedCall[] => {
    const db = getDb();
    return db
      .select()
      .from(calls)
      .orderBy(desc(calls.closesAt), desc(calls.id))
      .all()
      .map((call) => {
        const data = loadCallData(db, call);
        return {
          ...callHeading(call, now),
          opensAt: call.opensAt,
          submittedProposals: data.proposals.length,
          draftProposals: data.draftProposals,
          assessmentsSubmitted: data.assignments.filter(countsTowardRanking).length,
          assessmentsRequired: data.proposals.length * call.assessorsRequired,
          decisionsRecorded: data.decisions.size,
        };
      });
  });
}

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
}

export function getCallOverview(actor: Actor | null, raw: unknown, now = new Date()) {
  return runAction(actor, "call:manage", callRefInput, raw, ({ callId }): CallOverview => {
    const db = getDb();
    const call = requireCall(db, callId);
    const data = loadCallData(db, call);
    const titleOf = new Map(data.proposals.map((p) => [p.id, p.title]));
    const active = data.assignments.filter(isActive);
    const scoring = active.filter((a) => !hasDeclaredConflict(a));
    const overdueNow = now.getTime() > call.assessmentDueAt.getTime();

    const unfilled = data.proposals.reduce((sum, p) => {
      const have = scoring.filter((a) => a.proposalId === p.id).length;
      return sum + Math.max(0, call.assessorsRequired - have);
    }, 0);
    const ranking = rankCall(data);
    const outcomes = [...data.decisions.values()].map((d) => d.outcome);

    return {
      call: { ...callHeading(call, now), description: call.description, opensAt: call.opensAt, createdAt: call.createdAt },
      proposals: { submitted: data.proposals.length, draft: data.draftProposals },
      assessments: {
        notStarted: scoring.filter((a) => a.assessment === null).length,
        draft: scoring.filter((a) => a.assessment?.status === "draft").length,
        submitted: scoring.filter((a) => a.assessment?.status === "submitted").length,
        conflictDeclared: active.filter(hasDeclaredConflict).length,
        required: data.proposals.length * call.assessorsRequired,
        unfilled,
      },
      ranking: { ranked: ranking.ranked.length, awaiting: ranking.awaiting.length },
      assessmentsOverdue: overdueNow,
      overdue: overdueNow
        ? scoring
            .filter((a) => a.assessment?.status !== "submitted")
            .map((a) => ({
              proposalId: a.proposalId,
              proposalTitle: titleOf.get(a.proposalId) ?? "",
              assessorName: a.assessorName,
              status: a.assessment ? ("draft" as const) : ("not started" as const),
            }))
        : [],
      conflicts: data.assignments.filter(hasDeclaredConflict).map((a) => ({
        proposalId: a.proposalId,
        proposalTitle: titleOf.get(a.proposalId) ?? "",
        assessorName: a.assessorName,
        details: a.conflictDetails,
        declaredAt: a.declaredAt,
      })),
      decisions: {
        recorded: data.decisions.size,
        fund: outcomes.filter((o) => o === "fund").length,
        reserve: outcomes.filter((o) => o === "reserve").length,
        reject: outcomes.filter((o) => o === "reject").length,
        undecided: data.proposals.filter((p) => !data.decisions.has(p.id)).length,
        releasedAt: call.decisionsReleasedAt,
      },
    };
  });
}

// --- The call form --------------------------------------------------------------------------------

export interface CallFormData {
  values: CallFormValues;
  criteria: RubricCriterionView[];
  /** Once scoring has started, criteria and scales are fixed (weights and thresholds are not). */
  scoringStarted: boolean;
}

function formValues(call: Pick<CallRow, "title" | "description" | "opensAt" | "closesAt" | "assessmentDueAt" | "budget" | "assessorsRequired" | "overallThreshold">, rubric: readonly RubricCriterion[]): CallFormValues {
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
  };
}

/** A new call's form: the default rubric from the report, blank dates. */
export function newCallForm(): CallFormData {
  const values = formValues(
    { title: "", description: "", opensAt: new Date(), closesAt: new Date(), assessmentDueAt: new Date(), budget: 0, assessorsRequired: 3, overallThreshold: 50 },
    DEFAULT_RUBRIC,
  );
  return {
    values: { ...values, opensAt: "", closesAt: "", assessmentDueAt: "", budget: "" },
    criteria: rubricView(DEFAULT_RUBRIC),
    scoringStarted: false,
  };
}

export function getCallForm(actor: Actor | null, raw: unknown, now = new Date()) {
  return runAction(actor, "call:manage", callRefInput, raw, ({ callId }): CallFormData & { callId: number; call: CallHeading } => {
    const db = getDb();
    const call = requireCall(db, callId);
    const rubric = loadCallRubric(db, call.id);
    const data = loadCallData(db, call);
    return {
      callId: call.id,
      call: callHeading(call, now),
      values: formValues(call, rubric),
      criteria: rubricView(rubric),
      scoringStarted: data.assignments.some((a) => a.assessment !== null),
    };
  });
}

function settingsOf(values: CallFormOutput): RubricSettings {
  return values.rubric as RubricSettings;
}

const callColumns = (v: CallFormOutput) => ({
  title: v.title,
  description: v.description,
  opensAt: v.opensAt,
  closesAt: v.closesAt,
  assessmentDueAt: v.assessmentDueAt,
  budget: v.budget,
  assessorsRequired: v.assessorsRequired,
  overallThreshold: v.overallThreshold,
});

export function createCall(actor: Actor | null, raw: unknown, now = new Date()) {
  return runAction(actor, "call:manage", callFormSchema(DEFAULT_RUBRIC), raw, (values, me) => {
    const rubric = withSettings(DEFAULT_RUBRIC, settingsOf(values));
    return getDb().transaction((tx) => {
      const created = tx.insert(calls).values(callColumns(values)).returning({ id: calls.id }).get();
      copyRubricToCall(tx, created.id, rubric);
      recordAudit(tx, { at: now, actorId: me.id, action: "call.created", callId: created.id, detail: { title: values.title } });
      return { id: created.id };
    });
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
function refuseReopeningAssessedCall(tx: Pick<Db, "select">, call: CallRow, closesAt: Date, now: Date): void {
  if (call.closesAt.getTime() > now.getTime() || closesAt.getTime() <= now.getTime()) return;
  const assigned = tx
    .select({ id: assignments.id })
    .from(assignments)
    .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
    .where(eq(proposals.callId, call.id))
    .limit(1)
    .get();
  if (assigned || call.decisionsReleasedAt) {
    throw new ActionError("invalid", "There is a problem with what you entered.", {
      closesAt: "The call cannot reopen: assessors have already been assigned to its proposals",
    });
  }
}

/** Saves the call's details and the rubric's weights and thresholds in one transaction. */
export function updateCall(actor: Actor | null, raw: unknown, now = new Date()) {
  return runAction(actor, "call:manage", updateCallInput, raw, ({ callId, values: rawValues }, me) => {
    return getDb().transaction((tx) => {
      const call = requireCall(tx, callId);
      const before = loadCallRubric(tx, call.id);
      // The rubric is the call's own, so the form's schema is built from it here, on the server.
      const parsed = callFormSchema(before).safeParse(rawValues);
      if (!parsed.success) throw new ActionError("invalid", "There is a problem with what you entered.", fieldErrorsFrom(parsed.error));
      const values = parsed.data;
      const after = withSettings(before, settingsOf(values));

      const next = callColumns(values);
      refuseReopeningAssessedCall(tx, call, next.closesAt as Date, now);
      const changes: Record<string, { from: string | number; to: string | number }> = {};
      for (const [field, to] of Object.entries(next) as [keyof typeof next, Comparable][]) {
        const from = call[field] as Comparable;
        if (!same(from, to)) changes[field] = { from: auditValue(from), to: auditValue(to) };
      }
      if (Object.keys(changes).length > 0) {
        const changed = Object.fromEntries(Object.keys(changes).map((field) => [field, next[field as keyof typeof next]]));
        tx.update(calls).set(changed).where(eq(calls.id, call.id)).run();
        recordAudit(tx, { at: now, actorId: me.id, action: "call.updated", callId: call.id, detail: { changes } });
      }
      const rubricChanged = saveRubricSettings(tx, { at: now, actorId: me.id, callId: call.id }, before, after);
      return { id: call.id, changed: Object.keys(changes).length > 0 || rubricChanged };
    });
  });
}
