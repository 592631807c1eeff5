import "server-only";
import type { Db } from "@/db/client";
import { auditLog } from "@/db/schema";

export type AuditAction =
  | "proposal.submitted"
  | "proposal.reopened"
  | "assessment.submitted"
  | "assessment.reopened"
  | "assignment.added"
  | "assignment.removed"
  | "conflict.declared"
  | "call.created"
  | "call.updated"
  | "rubric.updated"
  | "decision.recorded"
  | "decisions.released";

/** Records who did what; call inside the transaction of the change it describes. */
export function recordAudit(
  db: Pick<Db, "insert">,
  entry: { at?: Date; actorId: number; action: AuditAction; callId?: number; proposalId?: number; detail?: Record<string, unknown> },
): void {
  db.insert(auditLog)
    .values({
      at: entry.at ?? new Date(),
      actorId: entry.actorId,
      action: entry.action,
      callId: entry.callId ?? null,
      proposalId: entry.proposalId ?? null,
      detail: entry.detail ?? {},
    })
    .run();
}
