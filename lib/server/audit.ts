import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { auditLog, users, ASSESSMENT_STATUSES, DECISION_OUTCOMES } from "@/db/schema";
import { DECLINE_REASONS } from "@/lib/domain/invitations";
import type { Tx } from "@/db/transaction";

/**
 * The audit trail's entries, as one discriminated union: each action has its own typed detail.
 * To add an action: add its detail schema to AUDIT_DETAIL below (the type follows), a label in
 * lib/server/manage/audit-log.ts (the compiler asks for it) and a case in describeAuditEntry.
 * Stored rows are decoded with `decodeAuditEntry`, which checks the detail against the schema
 * rather than coercing it: a row that does not match (an older shape, a hand edit) decodes to
 * `{ action, detail: null }` and is shown as such, never misread.
 */
const change = <T extends z.ZodType>(value: T) => z.object({ from: value, to: value });

/** A portfolio scenario as saved: its rules in words, pins and exclusions with their reasons. */
const scenarioDetail = z.object({
  scenarioId: z.number(),
  name: z.string(),
  budget: z.number(),
  qualityMeasure: z.string(),
  rules: z.array(z.string()),
  pins: z.array(z.object({ proposalId: z.number(), reason: z.string() })),
  exclusions: z.array(z.object({ proposalId: z.number(), reason: z.string() })),
});

export const AUDIT_DETAIL = {
  "proposal.submitted": z.object({}),
  "proposal.reopened": z.object({}),
  "assessment.submitted": z.object({ assessmentId: z.number(), assignmentId: z.number() }),
  "assessment.reopened": z.object({
    assessmentId: z.number(),
    assignmentId: z.number(),
    assessorId: z.number(),
    reason: z.string().optional(),
  }),
  "assignment.added": z.object({
    assessorId: z.number(),
    assessorName: z.string(),
    automatic: z.literal(true).optional(),
    reinstated: z.literal(true).optional(),
  }),
  /** One run of "assign automatically" (the pairs it added are each an `assignment.added`). */
  "assignment.automatic": z.object({
    outcome: z.enum(["completed", "failed"]),
    added: z.number(),
    short: z.number(),
    pool: z.number(),
    usesInvitations: z.boolean(),
    seconds: z.number(),
    domainMatches: z.number().optional(),
    themeMatches: z.number().optional(),
    loadRule: z.string().optional(),
    message: z.string().optional(),
  }),
  "assignment.removed": z.object({
    assessorId: z.number(),
    assessorName: z.string(),
    assessmentStatus: z.enum(ASSESSMENT_STATUSES).optional(),
  }),
  "conflict.declared": z.object({ assignmentId: z.number(), details: z.string() }),
  "call.created": z.object({ title: z.string() }),
  "call.updated": z.object({ changes: z.record(z.string(), change(z.union([z.string(), z.number()]))) }),
  "rubric.updated": z.object({
    changes: z.record(
      z.string(),
      z.object({ title: z.string(), weight: change(z.number()).optional(), threshold: change(z.number().nullable()).optional() }),
    ),
  }),
  "decision.recorded": z.object({
    outcome: z.enum(DECISION_OUTCOMES),
    previousOutcome: z.enum(DECISION_OUTCOMES).optional(),
    /** Set when an adopted portfolio scenario pre-filled it. */
    source: z.literal("scenario").optional(),
    scenarioId: z.number().optional(),
    /** Set when a lottery draw pre-filled the decision. */
    lotteryId: z.number().optional(),
  }),
  "decisions.released": z.object({ decisions: z.number(), fund: z.number(), reserve: z.number(), reject: z.number() }),
  "scenario.created": scenarioDetail,
  "scenario.updated": scenarioDetail,
  "scenario.adopted": z.object({
    scenarioId: z.number(),
    name: z.string(),
    reserves: z.number(),
    fund: z.number(),
    reserve: z.number(),
    reject: z.number(),
    quality: z.number(),
    grant: z.number(),
  }),
  "lottery.setting": z.object({ enabled: z.boolean() }),
  "lottery.committed": z.object({
    lotteryId: z.number(),
    seedSha256: z.string(),
    proposalIds: z.array(z.number()),
    remainingBudget: z.number(),
  }),
  "lottery.drawn": z.object({
    lotteryId: z.number(),
    seed: z.string(),
    order: z.array(z.number()),
    funded: z.array(z.number()),
    reserve: z.array(z.number()),
  }),
  "lottery.redone": z.object({ lotteryId: z.number(), reason: z.string() }),
  "user.disabled": z.object({ userId: z.number(), userName: z.string() }),
  "user.enabled": z.object({ userId: z.number(), userName: z.string() }),
  "invitation.sent": z.object({ assessorId: z.number(), assessorName: z.string().optional() }),
  "invitation.accepted": z.object({ invitationId: z.number().optional(), maxProposals: z.number().nullable() }),
  "invitation.declined": z.object({
    invitationId: z.number().optional(),
    reason: z.enum(DECLINE_REASONS),
    details: z.string(),
  }),
  "appendices.updated": z.union([z.object({ added: z.string() }), z.object({ removed: z.string() })]),
  /** A bidder uploaded a file to one of their proposal's appendices (replacing the slot's one file when `replaced`). */
  "appendix.uploaded": z.object({
    slotKey: z.string(),
    slotName: z.string(),
    filename: z.string(),
    sizeBytes: z.number(),
    sha256: z.string(),
    replaced: z.boolean(),
  }),
  /** A bidder removed a file from one of their proposal's appendices. */
  "appendix.removed": z.object({ slotKey: z.string(), slotName: z.string(), filename: z.string(), sha256: z.string() }),
  "agency.created": z.object({ agencyId: z.number(), name: z.string(), country: z.string(), currency: z.string(), managerId: z.number() }),
  /** One agency of a joint call confirmed the release (decisions are released once both have). */
  "release.confirmed": z.object({ agencyId: z.number() }),
  /**
   * A decision changed after a release confirmation, so the confirmations it affects were
   * withdrawn (lib/domain/joint.ts confirmationsWithdrawn): both when a joint outcome changed, the
   * deciding agency's own when only its position or feedback did. Older entries have ids only.
   */
  "release.confirmations-withdrawn": z.object({
    agencyIds: z.array(z.number()),
    agencyNames: z.array(z.string()).optional(),
    reason: z.enum(["joint-outcome-changed", "own-decision-changed"]).optional(),
  }),
} as const satisfies Record<string, z.ZodType>;

export type AuditAction = keyof typeof AUDIT_DETAIL;
export type AuditDetail<A extends AuditAction> = z.output<(typeof AUDIT_DETAIL)[A]>;

/** One entry: the action and its typed detail. Narrow on `action` to read `detail`. */
export type AuditEvent = { [A in AuditAction]: { action: A; detail: AuditDetail<A> } }[AuditAction];

export const AUDIT_ACTIONS = Object.keys(AUDIT_DETAIL) as AuditAction[];

export const isAuditAction = (value: string): value is AuditAction => Object.hasOwn(AUDIT_DETAIL, value);

/** A stored row's action and detail, checked; `detail: null` when it does not match its action. */
export type DecodedAuditEntry = AuditEvent | { action: string; detail: null };

export function decodeAuditEntry(action: string, detail: unknown): DecodedAuditEntry {
  if (!isAuditAction(action)) return { action, detail: null };
  const parsed = AUDIT_DETAIL[action].safeParse(detail);
  return parsed.success ? ({ action, detail: parsed.data } as AuditEvent) : { action, detail: null };
}

type AuditRecord = AuditEvent & { at?: Date; actorId: number; callId?: number; proposalId?: number };

const auditRow = (entry: AuditRecord) => ({
  at: entry.at ?? new Date(),
  actorId: entry.actorId,
  // The actor's agency as it is now, so the log keeps it if the account changes later.
  actorAgencyId: sql<number | null>`(select ${users.agencyId} from ${users} where ${users.id} = ${entry.actorId})`,
  action: entry.action,
  callId: entry.callId ?? null,
  proposalId: entry.proposalId ?? null,
  detail: entry.detail,
});

/**
 * Many entries at once (e.g. every pair automatic assignment added): one prepared insert, run per
 * entry (drizzle builds the statement once; multi-row inserts spent seconds building SQL at 15,000).
 */
export async function recordAudits(tx: Pick<Tx, "insert">, entries: readonly AuditRecord[]): Promise<void> {
  if (entries.length === 0) return;
  const insert = tx
    .insert(auditLog)
    .values({
      at: sql.placeholder("at"),
      actorId: sql.placeholder("actorId"),
      actorAgencyId: sql<number | null>`(select ${users.agencyId} from ${users} where ${users.id} = ${sql.placeholder("actorId")})`,
      action: sql.placeholder("action"),
      callId: sql.placeholder("callId"),
      proposalId: sql.placeholder("proposalId"),
      detail: sql.placeholder("detail"),
    })
    .prepare();
  for (const entry of entries) {
    await insert.run({ at: entry.at ?? new Date(), actorId: entry.actorId, action: entry.action, callId: entry.callId ?? null, proposalId: entry.proposalId ?? null, detail: entry.detail });
  }
}

/** Records who did what; call it with the `tx` of the change it describes, inside its transaction. */
export async function recordAudit(tx: Pick<Tx, "insert">, entry: AuditRecord): Promise<void> {
  await tx.insert(auditLog).values(auditRow(entry));
}
