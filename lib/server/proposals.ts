import "server-only";
import { and, desc, eq, isNotNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { calls, decisions, proposals, type DecisionOutcome } from "@/db/schema";
import { callPhase, isCallOpen } from "@/lib/domain/calls";
import { normaliseAnswers, proposalFacts } from "@/lib/domain/proposal/normalise";
import type { ProposalAnswers } from "@/lib/domain/proposal/questions";
import { proposalStatuses, type SectionStatus } from "@/lib/domain/proposal/completeness";
import { strategicFit, type StrategicFitResult } from "@/lib/domain/report/strategic-fit";
import {
  proposalRefInput,
  saveDraftInput,
  startProposalInput,
  submitProposalInput,
} from "@/lib/validation/proposal";
import { ActionError, runAction } from "./action";
import { recordAudit } from "./audit";
import type { Actor } from "./users";

const NOT_FOUND = "We could not find that proposal.";
/** Field errors are keyed by the form's paths, without the "answers." wrapper. */
const ANSWER_FIELDS = { fieldsWithin: "answers" };

export interface ProposalForOwner {
  id: number;
  status: "draft" | "submitted";
  version: number;
  answers: ProposalAnswers;
  submittedAt: Date | null;
  updatedAt: Date;
  call: { id: number; title: string; closesAt: Date; phase: "upcoming" | "open" | "closed" };
  sections: { key: string; title: string; number: number; status: SectionStatus }[];
  fit: StrategicFitResult;
}

function loadOwned(actor: Actor, proposalId: number) {
  return getDb()
    .select({ proposal: proposals, call: calls })
    .from(proposals)
    .innerJoin(calls, eq(calls.id, proposals.callId))
    .where(and(eq(proposals.id, proposalId), eq(proposals.ownerId, actor.id)))
    .get();
}

/** A bidder's own proposal, or null for anyone else's (pages show "not found"). */
export function getOwnProposal(actor: Actor, proposalId: number, now = new Date()): ProposalForOwner | null {
  if (actor.role !== "bidder" || !Number.isInteger(proposalId)) return null;
  const row = loadOwned(actor, proposalId);
  if (!row) return null;
  const answers = normaliseAnswers(row.proposal.answers);
  const facts = proposalFacts(answers);
  return {
    id: row.proposal.id,
    status: row.proposal.status,
    version: row.proposal.version,
    answers,
    submittedAt: row.proposal.submittedAt,
    updatedAt: row.proposal.updatedAt,
    call: { id: row.call.id, title: row.call.title, closesAt: row.call.closesAt, phase: callPhase(row.call, now) },
    sections: proposalStatuses(answers).map(({ section, status }) => ({
      key: section.key,
      title: section.title,
      number: section.number,
      status,
    })),
    fit: strategicFit(facts.domainId, facts.partnerCountries),
  };
}

export interface ProposalListItem {
  id: number;
  title: string;
  status: "draft" | "submitted";
  callTitle: string;
  closesAt: Date;
  updatedAt: Date;
  completeSections: number;
  totalSections: number;
}

export function listOwnProposals(actor: Actor): ProposalListItem[] {
  if (actor.role !== "bidder") return [];
  return getDb()
    .select({ proposal: proposals, call: calls })
    .from(proposals)
    .innerJoin(calls, eq(calls.id, proposals.callId))
    .where(eq(proposals.ownerId, actor.id))
    .orderBy(desc(proposals.updatedAt))
    .all()
    .map(({ proposal, call }) => {
      const answers = normaliseAnswers(proposal.answers);
      const statuses = proposalStatuses(answers);
      return {
        id: proposal.id,
        title: proposalFacts(answers).title || "Untitled proposal",
        status: proposal.status,
        callTitle: call.title,
        closesAt: call.closesAt,
        updatedAt: proposal.updatedAt,
        completeSections: statuses.filter((s) => s.status === "complete").length,
        totalSections: statuses.length,
      };
    });
}

function requireEditable(actor: Actor, proposalId: number, now: Date) {
  const row = loadOwned(actor, proposalId);
  if (!row) throw new ActionError("not_found", NOT_FOUND);
  if (row.proposal.status === "submitted") {
    throw new ActionError("locked", "This proposal has been submitted. Reopen it to make changes.");
  }
  if (!isCallOpen(row.call, now)) {
    throw new ActionError("closed", "The call has closed, so this proposal can no longer be changed.");
  }
  return row;
}

export function startProposal(actor: Actor | null, raw: unknown, now = new Date()) {
  return runAction(actor, "proposal:create", startProposalInput, raw, ({ callId }, me) => {
    const call = getDb().select().from(calls).where(eq(calls.id, callId)).get();
    if (!call) throw new ActionError("not_found", "We could not find that call.");
    if (!isCallOpen(call, now)) throw new ActionError("closed", "This call is not open for proposals.");
    const created = getDb()
      .insert(proposals)
      .values({ callId, ownerId: me.id, answers: {}, updatedAt: now })
      .returning({ id: proposals.id })
      .get();
    return { id: created.id };
  });
}

export interface SavedDraft {
  version: number;
  savedAt: string;
}

/**
 * Saves a draft. A save based on an older version than the stored one is refused as a conflict,
 * so the bidder chooses (keep theirs with `overwrite`, or reload the stored version) rather than
 * silently overwriting another tab's work.
 */
export function saveProposalDraft(actor: Actor | null, raw: unknown, now = new Date()) {
  return runAction(actor, "proposal:edit-own", saveDraftInput, raw, (input, me): SavedDraft => {
    return getDb().transaction((tx) => {
      const row = requireEditable(me, input.proposalId, now);
      if (row.proposal.version !== input.baseVersion && !input.overwrite) {
        throw conflict();
      }
      const version = row.proposal.version + 1;
      tx.update(proposals)
        .set({ answers: input.answers, version, updatedAt: now })
        .where(eq(proposals.id, row.proposal.id))
        .run();
      return { version, savedAt: now.toISOString() };
    });
  }, ANSWER_FIELDS);
}

function conflict(): ActionError {
  return new ActionError("conflict", "This proposal was changed in another tab or window since you opened it.");
}

export function submitProposal(actor: Actor | null, raw: unknown, now = new Date()) {
  return runAction(actor, "proposal:edit-own", submitProposalInput, raw, (input, me) => {
    return getDb().transaction((tx) => {
      const row = requireEditable(me, input.proposalId, now);
      if (row.proposal.version !== input.baseVersion) {
        throw conflict();
      }
      const version = row.proposal.version + 1;
      tx.update(proposals)
        .set({ answers: input.answers, version, status: "submitted", submittedAt: now, updatedAt: now })
        .where(eq(proposals.id, row.proposal.id))
        .run();
      recordAudit(tx, { at: now, actorId: me.id, action: "proposal.submitted", callId: row.call.id, proposalId: row.proposal.id });
      return { version };
    });
  }, ANSWER_FIELDS);
}

export function reopenProposal(actor: Actor | null, raw: unknown, now = new Date()) {
  return runAction(actor, "proposal:edit-own", proposalRefInput, raw, ({ proposalId }, me) => {
    return getDb().transaction((tx) => {
      const row = loadOwned(me, proposalId);
      if (!row) throw new ActionError("not_found", NOT_FOUND);
      if (row.proposal.status !== "submitted") throw new ActionError("invalid", "This proposal is already open for editing.");
      if (!isCallOpen(row.call, now)) {
        throw new ActionError("closed", "The call has closed, so this proposal can no longer be reopened.");
      }
      const version = row.proposal.version + 1;
      tx.update(proposals)
        .set({ status: "draft", submittedAt: null, version, updatedAt: now })
        .where(eq(proposals.id, proposalId))
        .run();
      recordAudit(tx, { at: now, actorId: me.id, action: "proposal.reopened", callId: row.call.id, proposalId });
      return { version };
    });
  });
}

export interface ReleasedDecision {
  outcome: DecisionOutcome;
  /** The manager's feedback; it never says who assessed the proposal. */
  feedback: string;
  releasedAt: Date;
}

/**
 * The decision on a bidder's own submitted proposal, once the call's decisions are released;
 * null before that, and for anyone else's proposal. Who decided or assessed is never included.
 */
export function getReleasedDecision(actor: Actor, proposalId: number): ReleasedDecision | null {
  if (actor.role !== "bidder" || !Number.isInteger(proposalId)) return null;
  const row = getDb()
    .select({ outcome: decisions.outcome, feedback: decisions.feedback, releasedAt: calls.decisionsReleasedAt })
    .from(decisions)
    .innerJoin(proposals, eq(proposals.id, decisions.proposalId))
    .innerJoin(calls, eq(calls.id, proposals.callId))
    .where(
      and(
        eq(proposals.id, proposalId),
        eq(proposals.ownerId, actor.id),
        eq(proposals.status, "submitted"),
        isNotNull(calls.decisionsReleasedAt),
      ),
    )
    .get();
  if (!row?.releasedAt) return null;
  return { outcome: row.outcome, feedback: row.feedback, releasedAt: row.releasedAt };
}
