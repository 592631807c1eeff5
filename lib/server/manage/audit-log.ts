import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { auditLog, proposals, users, type Role } from "@/db/schema";
import { normaliseAnswers, proposalFacts } from "@/lib/domain/proposal/normalise";
import { formatDateTime, formatPounds } from "@/lib/format";
import { callRefInput, OUTCOME_LABELS } from "@/lib/validation/manage";
import { runAction } from "../action";
import type { AuditAction } from "../audit";
import type { Actor } from "../users";
import { callHeading, requireCall, UNTITLED, type CallHeading } from "./call-data";

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  "proposal.submitted": "Proposal submitted",
  "proposal.reopened": "Proposal reopened",
  "assessment.submitted": "Assessment submitted",
  "assessment.reopened": "Assessment reopened",
  "assignment.added": "Assessor assigned",
  "assignment.removed": "Assessor unassigned",
  "conflict.declared": "Conflict of interest declared",
  "call.created": "Call created",
  "call.updated": "Call changed",
  "rubric.updated": "Rubric weights or minimum scores changed",
  "decision.recorded": "Decision recorded",
  "decisions.released": "Decisions released to bidders",
};

const isAuditAction = (value: string): value is AuditAction => Object.hasOwn(AUDIT_ACTION_LABELS, value);

export interface AuditEntry {
  id: number;
  at: Date;
  actorName: string;
  actorRole: Role | null;
  action: string;
  actionLabel: string;
  proposal: { id: number; title: string } | null;
  summary: string;
}

export interface CallAuditLog {
  call: CallHeading;
  entries: AuditEntry[];
  action: AuditAction | null;
  actions: { value: AuditAction; label: string }[];
}

const CALL_FIELDS: Record<string, string> = {
  title: "Title",
  description: "Description",
  opensAt: "Opens",
  closesAt: "Closes",
  assessmentDueAt: "Assessments due",
  budget: "Budget",
  assessorsRequired: "Assessors per proposal",
  overallThreshold: "Overall minimum score",
};

const record = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const text = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : "");

function callValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "blank";
  if (field.endsWith("At") && typeof value === "string") return formatDateTime(value);
  if (field === "budget" && typeof value === "number") return formatPounds(value);
  if (field === "overallThreshold") return `${text(value)}`;
  return text(value);
}

function generic(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .filter(([, v]) => ["string", "number", "boolean"].includes(typeof v))
    .map(([k, v]) => `${k}: ${text(v)}`)
    .join("; ");
}

/** One line a manager can read, for each kind of entry. */
export function describeAuditEntry(action: string, detail: Record<string, unknown>): string {
  switch (action) {
    case "assignment.added":
      return [text(detail.assessorName), detail.automatic ? "assigned automatically" : "", detail.reinstated ? "reinstated" : ""]
        .filter(Boolean)
        .join(", ");
    case "assignment.removed":
      return detail.assessmentStatus
        ? `${text(detail.assessorName)}; their ${text(detail.assessmentStatus)} assessment is kept on record`
        : text(detail.assessorName);
    case "call.created":
      return `“${text(detail.title)}”`;
    case "call.updated":
      return Object.entries(record(detail.changes))
        .map(([field, change]) => {
          const c = record(change);
          if (field === "description") return "Description changed";
          return `${CALL_FIELDS[field] ?? field}: ${callValue(field, c.from)} → ${callValue(field, c.to)}`;
        })
        .join("; ");
    case "rubric.updated":
      return Object.entries(record(detail.changes))
        .map(([key, change]) => {
          const c = record(change);
          const parts: string[] = [];
          const w = record(c.weight);
          const t = record(c.threshold);
          if ("to" in w) parts.push(`weight ${text(w.from)}% → ${text(w.to)}%`);
          if ("to" in t) parts.push(`minimum ${t.from === null ? "none" : text(t.from)} → ${t.to === null ? "none" : text(t.to)}`);
          return `${text(c.title) || key}: ${parts.join(", ")}`;
        })
        .join("; ");
    case "decision.recorded": {
      const label = (v: unknown) => OUTCOME_LABELS[text(v) as keyof typeof OUTCOME_LABELS] ?? text(v);
      return detail.previousOutcome ? `${label(detail.outcome)} (was ${label(detail.previousOutcome)})` : label(detail.outcome);
    }
    case "decisions.released":
      return `${text(detail.decisions)} decisions: ${text(detail.fund)} fund, ${text(detail.reserve)} reserve list, ${text(detail.reject)} do not fund`;
    default:
      return generic(detail);
  }
}

// A filter link with an unknown action shows everything rather than failing.
const auditQuery = callRefInput.extend({ action: z.string().max(100).optional().catch(undefined) });

export function getCallAuditLog(actor: Actor | null, raw: unknown, now = new Date()) {
  return runAction(actor, "audit:read", auditQuery, raw, ({ callId, action }): CallAuditLog => {
    const db = getDb();
    const call = requireCall(db, callId);
    const filter = typeof action === "string" && isAuditAction(action) ? action : null;
    const rows = db
      .select({ entry: auditLog, actorName: users.name, actorRole: users.role, answers: proposals.answers })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .leftJoin(proposals, eq(proposals.id, auditLog.proposalId))
      .where(filter ? and(eq(auditLog.callId, call.id), eq(auditLog.action, filter)) : eq(auditLog.callId, call.id))
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .all();
    return {
      call: callHeading(call, now),
      action: filter,
      actions: (Object.keys(AUDIT_ACTION_LABELS) as AuditAction[]).map((value) => ({ value, label: AUDIT_ACTION_LABELS[value] })),
      entries: rows.map(({ entry, actorName, actorRole, answers }) => ({
        id: entry.id,
        at: entry.at,
        actorName: actorName ?? "Unknown",
        actorRole: actorRole ?? null,
        action: entry.action,
        actionLabel: isAuditAction(entry.action) ? AUDIT_ACTION_LABELS[entry.action] : entry.action,
        proposal: entry.proposalId === null ? null : { id: entry.proposalId, title: proposalFacts(normaliseAnswers(answers)).title || UNTITLED },
        summary: describeAuditEntry(entry.action, record(entry.detail)),
      })),
    };
  });
}
