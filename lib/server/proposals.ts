import "server-only";
import { jointProposalContext } from "./agencies";
import { and, count, desc, eq, isNotNull } from "drizzle-orm";
import type { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { agencies, calls, decisions, proposals, type DecisionOutcome } from "@/db/schema";
import { jointOutcome } from "@/lib/domain/joint";
import { transaction } from "@/db/transaction";
import { acceptsProposals, callStage, type CallStage } from "@/lib/domain/call-stage";
import { normaliseAnswers, proposalFacts } from "@/lib/domain/proposal/normalise";
import type { JointProposalContext, ProposalAnswers } from "@/lib/domain/proposal/questions";
import { proposalProblems, proposalStatuses, sectionProblems, type SectionStatus } from "@/lib/domain/proposal/completeness";
import { findSection, type SectionAnswers } from "@/lib/domain/proposal/questions";
import { appendixProblems, buildTaskList, type TaskList } from "@/lib/domain/proposal/tasks";
import { NOT_COMPLETE_YET } from "@/lib/validation/tasks";
import { strategicFit, type StrategicFitResult } from "@/lib/domain/report/strategic-fit";
import { proposalDraftSchema, type completeSectionInput, type proposalRefInput, type saveDraftEnvelope, type startProposalInput, type submitProposalInput } from "@/lib/validation/proposal";
import { ActionError, fieldErrorsFrom } from "./action-error";
import { loadSlotFiles, slotCounts, type SlotFiles } from "./appendices";
import { salvageAnswers, saveBase } from "./autosave";
import { recordAudit } from "./audit";
import { guardedRead } from "./guard";
import { loadOwnedProposal } from "./own-proposal";
import type { Actor } from "./users";

const NOT_FOUND = "We could not find that proposal.";
/** Far more than any real consortium writes for one call; stops a script filling the database. */
export const MAX_PROPOSALS_PER_CALL = 50;

export interface ProposalForOwner {
  id: number;
  status: "draft" | "submitted";
  version: number;
  answers: ProposalAnswers;
  /** Tasks the bidder answered "Yes, I've completed this section" for. */
  completedTasks: string[];
  /** The call's appendix slots with this proposal's files (metadata only). */
  slots: SlotFiles[];
  tasks: TaskList;
  submittedAt: Date | null;
  updatedAt: Date;
  call: { id: number; title: string; closesAt: Date; stage: CallStage };
  sections: { key: string; title: string; number: number; status: SectionStatus }[];
  fit: StrategicFitResult;
  /** Set on a joint call: the partner agency the bidder also asks for a grant. */
  joint: JointProposalContext | null;
}

/** A bidder's own proposal, or null for anyone else's (pages show "not found"). */
export const getOwnProposal = guardedRead("proposal:read-own", async (actor, proposalId: number, now: Date = new Date()): Promise<ProposalForOwner | null> => {
  const row = await loadOwnedProposal(getDb(), actor, proposalId);
  if (!row) return null;
  const answers = normaliseAnswers(row.proposal.answers);
  const facts = proposalFacts(answers);
  const slots = await loadSlotFiles(getDb(), row.call.id, row.proposal.id);
  const completedTasks = row.proposal.completedTasks;
  const joint = await jointProposalContext(getDb(), row.call);
  return {
    id: row.proposal.id,
    status: row.proposal.status,
    version: row.proposal.version,
    answers,
    completedTasks,
    slots,
    tasks: buildTaskList({ answers, completedTasks, slots: slotCounts(slots), joint }),
    submittedAt: row.proposal.submittedAt,
    updatedAt: row.proposal.updatedAt,
    call: { id: row.call.id, title: row.call.title, closesAt: row.call.closesAt, stage: callStage(row.call, now) },
    sections: proposalStatuses(answers, joint).map(({ section, status }) => ({
      key: section.key,
      title: section.title,
      number: section.number,
      status,
    })),
    fit: strategicFit(facts.domainId, facts.partnerCountries),
    joint,
  };
});

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

export const listOwnProposals = guardedRead("proposal:read-own", async (actor): Promise<ProposalListItem[]> => {
  const rows = await getDb()
    .select({ proposal: proposals, call: calls })
    .from(proposals)
    .innerJoin(calls, eq(calls.id, proposals.callId))
    .where(eq(proposals.ownerId, actor.id))
    .orderBy(desc(proposals.updatedAt));
  return Promise.all(
    rows.map(async ({ proposal, call }) => {
      const answers = normaliseAnswers(proposal.answers);
      const slots = slotCounts(await loadSlotFiles(getDb(), call.id, proposal.id));
      const tasks = buildTaskList({ answers, completedTasks: proposal.completedTasks, slots, joint: await jointProposalContext(getDb(), call) });
      return {
        id: proposal.id,
        title: proposalFacts(answers).title || "Untitled proposal",
        status: proposal.status,
        callTitle: call.title,
        closesAt: call.closesAt,
        updatedAt: proposal.updatedAt,
        completeSections: tasks.completed,
        totalSections: tasks.total,
      };
    }),
  );
});

async function requireEditable(db: Pick<Db, "select">, actor: Actor, proposalId: number, now: Date) {
  const row = await loadOwnedProposal(db, actor, proposalId);
  if (!row) throw new ActionError("not_found", NOT_FOUND);
  if (row.proposal.status === "submitted") {
    throw new ActionError("locked", "This proposal has been submitted. Reopen it to make changes.");
  }
  if (!acceptsProposals(row.call, now)) {
    throw new ActionError("closed", "The call has closed, so this proposal can no longer be changed.");
  }
  return row;
}

/** Starts a draft on an open call. */
export async function startProposal(actor: Actor, { callId }: z.output<typeof startProposalInput>, now = new Date()): Promise<{ id: number }> {
  return transaction(async (tx) => {
    const [call] = await tx.select().from(calls).where(eq(calls.id, callId)).limit(1);
    if (!call) throw new ActionError("not_found", "We could not find that call.");
    if (!acceptsProposals(call, now)) throw new ActionError("closed", "This call is not open for proposals.");
    const [mine] = await tx
      .select({ n: count() })
      .from(proposals)
      .where(and(eq(proposals.callId, callId), eq(proposals.ownerId, actor.id), eq(proposals.status, "draft")));
    if ((mine?.n ?? 0) >= MAX_PROPOSALS_PER_CALL) {
      throw new ActionError(
        "invalid",
        `You already have ${MAX_PROPOSALS_PER_CALL} draft proposals in this call. Continue one of them instead of starting another.`,
      );
    }
    const [created] = await tx
      .insert(proposals)
      .values({ callId, ownerId: actor.id, answers: {}, updatedAt: now })
      .returning({ id: proposals.id });
    return { id: created!.id };
  });
}

export interface SavedDraft {
  version: number;
  savedAt: string;
  /** Answers that were not saved, by the form's field path, with the reason (the rest were). */
  notSaved?: Record<string, string>;
}

/** A saved draft's answer with its strategic fit, worked out here so the report's tables stay off the browser. */
export interface SavedProposalDraft extends SavedDraft {
  fit?: StrategicFitResult;
}

/**
 * Saves a draft. A save based on an older version than the stored one is refused as a conflict,
 * so the bidder chooses (keep theirs with `overwrite`, or reload the stored version) rather than
 * silently overwriting another tab's work; a retried or carried-on save from the same browser is
 * not a conflict (lib/server/autosave.ts). An invalid answer does not block the others: they are
 * saved and the invalid one is named in `notSaved`.
 */
export async function saveProposalDraft(actor: Actor, input: z.output<typeof saveDraftEnvelope>, now = new Date()): Promise<SavedProposalDraft> {
  return transaction(async (tx) => {
    const row = await requireEditable(tx, actor, input.proposalId, now);
    const base = saveBase(row.proposal, input);
    if (base.kind === "already-applied") return { version: row.proposal.version, savedAt: row.proposal.updatedAt.toISOString() };
    if (base.kind === "conflict") throw conflict();
    const salvaged = salvageAnswers(proposalDraftSchema, input.answers, row.proposal.answers);
    if (!salvaged) {
      const parsed = proposalDraftSchema.safeParse(input.answers);
      throw new ActionError(
        "invalid",
        "Nothing was saved: the answers were not in the form's shape.",
        parsed.success ? { _form: "Nothing was saved" } : fieldErrorsFrom(parsed.error),
      );
    }
    const version = row.proposal.version + 1;
    await tx
      .update(proposals)
      .set({ answers: salvaged.answers, version, updatedAt: now, lastSaveId: input.saveId ?? null })
      .where(eq(proposals.id, row.proposal.id));
    const saved: SavedProposalDraft = { version, savedAt: now.toISOString() };
    if (Object.keys(salvaged.notSaved).length > 0) saved.notSaved = salvaged.notSaved;
    const facts = proposalFacts(normaliseAnswers(salvaged.answers));
    saved.fit = strategicFit(facts.domainId, facts.partnerCountries);
    return saved;
  });
}

function conflict(): ActionError {
  return new ActionError("conflict", "This proposal was changed in another tab or window since you opened it.");
}

export async function submitProposal(actor: Actor, input: z.output<typeof submitProposalInput>, now = new Date()): Promise<{ version: number }> {
  return transaction(async (tx) => {
    const row = await requireEditable(tx, actor, input.proposalId, now);
    if (row.proposal.version !== input.baseVersion) throw conflict();
    // Without answers (the check-your-answers page), the stored ones are checked by the same rules;
    // a joint call adds its rules either way (the partner grant, a partner in the partner agency's country).
    const answers = input.answers ?? normaliseAnswers(row.proposal.answers);
    const joint = await jointProposalContext(tx, row.call);
    const missing = [
      ...(input.answers && !joint ? [] : proposalProblems(answers, joint)),
      ...appendixProblems(slotCounts(await loadSlotFiles(tx, row.call.id, row.proposal.id)), answers),
    ];
    if (missing.length > 0) {
      throw new ActionError("invalid", "Your proposal is not complete yet.", Object.fromEntries(missing.map((p) => [p.field, p.message])));
    }
    const version = row.proposal.version + 1;
    await tx
      .update(proposals)
      .set({ answers, version, status: "submitted", submittedAt: now, updatedAt: now, lastSaveId: null })
      .where(eq(proposals.id, row.proposal.id));
    await recordAudit(tx, { at: now, actorId: actor.id, action: "proposal.submitted", detail: {}, callId: row.call.id, proposalId: row.proposal.id });
    return { version };
  });
}

/**
 * The answer to "Have you completed this section?", saved with the section's answers (one write,
 * like a save). "Yes" is refused while the section has problems, naming each of them; "No, I'll
 * come back later" saves and removes any earlier "Yes".
 */
export async function completeSection(actor: Actor, input: z.output<typeof completeSectionInput>, now = new Date()): Promise<SavedDraft> {
  return transaction(async (tx) => {
    const row = await requireEditable(tx, actor, input.proposalId, now);
    if (row.proposal.version !== input.baseVersion) throw conflict();
    const section = findSection(input.sectionKey)!;
    if (input.completed === "yes") {
      const problems = sectionProblems(section, input.answers[section.key] as SectionAnswers | undefined, await jointProposalContext(tx, row.call));
      if (problems.length > 0) {
        throw new ActionError("invalid", "This section is not complete yet.", {
          ...Object.fromEntries(problems.map((p) => [`${section.key}.${p.field}`, p.message])),
          completed: NOT_COMPLETE_YET,
        });
      }
    }
    const others = row.proposal.completedTasks.filter((k) => k !== section.key);
    const version = row.proposal.version + 1;
    await tx
      .update(proposals)
      .set({
        answers: input.answers,
        completedTasks: input.completed === "yes" ? [...others, section.key] : others,
        version,
        updatedAt: now,
        lastSaveId: null,
      })
      .where(eq(proposals.id, row.proposal.id));
    return { version, savedAt: now.toISOString() };
  });
}

export async function reopenProposal(actor: Actor, { proposalId }: z.output<typeof proposalRefInput>, now = new Date()): Promise<{ version: number }> {
  return transaction(async (tx) => {
    const row = await loadOwnedProposal(tx, actor, proposalId);
    if (!row) throw new ActionError("not_found", NOT_FOUND);
    if (row.proposal.status !== "submitted") throw new ActionError("invalid", "This proposal is already open for editing.");
    if (!acceptsProposals(row.call, now)) {
      throw new ActionError("closed", "The call has closed, so this proposal can no longer be reopened.");
    }
    const version = row.proposal.version + 1;
    await tx
      .update(proposals)
      .set({ status: "draft", submittedAt: null, version, updatedAt: now, lastSaveId: null })
      .where(eq(proposals.id, proposalId));
    await recordAudit(tx, { at: now, actorId: actor.id, action: "proposal.reopened", detail: {}, callId: row.call.id, proposalId });
    return { version };
  });
}

export interface ReleasedDecision {
  outcome: DecisionOutcome;
  /** The manager's feedback; it never says who assessed the proposal. */
  feedback: string;
  releasedAt: Date;
  /**
   * A joint call: each agency's decision and feedback. `outcome` is then the joint outcome (fund
   * only when both fund, do not fund when either does not, reserve list otherwise).
   */
  agencies?: { name: string; outcome: DecisionOutcome; feedback: string }[];
}

/**
 * The decision on a bidder's own submitted proposal, once the call's decisions are released;
 * null before that, and for anyone else's proposal. Who decided or assessed is never included.
 */
export const getReleasedDecision = guardedRead("proposal:read-own", async (actor, proposalId: number): Promise<ReleasedDecision | null> => {
  const db = getDb();
  const rows = await db
    .select({
      outcome: decisions.outcome,
      feedback: decisions.feedback,
      releasedAt: calls.decisionsReleasedAt,
      partnerAgencyId: calls.partnerAgencyId,
      agencyId: decisions.agencyId,
      agencyName: agencies.name,
      agencyKind: agencies.kind,
    })
    .from(decisions)
    .innerJoin(agencies, eq(agencies.id, decisions.agencyId))
    .innerJoin(proposals, eq(proposals.id, decisions.proposalId))
    .innerJoin(calls, eq(calls.id, proposals.callId))
    .where(and(eq(proposals.id, proposalId), eq(proposals.ownerId, actor.id), eq(proposals.status, "submitted"), isNotNull(calls.decisionsReleasedAt)));
  const home = rows.find((r) => r.agencyKind === "home");
  if (!home?.releasedAt) return null;
  if (home.partnerAgencyId === null) return { outcome: home.outcome, feedback: home.feedback, releasedAt: home.releasedAt };
  const partner = rows.find((r) => r.agencyId === home.partnerAgencyId);
  if (!partner) return null;
  return {
    outcome: jointOutcome(home.outcome, partner.outcome)!,
    feedback: "",
    releasedAt: home.releasedAt,
    agencies: [home, partner].map((r) => ({ name: r.agencyName, outcome: r.outcome, feedback: r.feedback })),
  };
});
