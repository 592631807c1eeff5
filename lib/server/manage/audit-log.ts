import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { agencies, auditLog, proposals, users, type Role } from "@/db/schema";
import { formatSize } from "@/lib/domain/appendices";
import { DECLINE_REASON_LABELS } from "@/lib/domain/invitations";
import { normaliseAnswers, proposalFacts } from "@/lib/domain/proposal/normalise";
import { formatDateTime, formatPounds } from "@/lib/format";
import { OUTCOME_LABELS } from "@/lib/validation/manage";
import { AUDIT_ACTIONS, decodeAuditEntry, isAuditAction, type AuditAction, type AuditEvent, type DecodedAuditEntry } from "../audit";
import { guardedRead } from "../guard";
import { callHeading, requireCall, UNTITLED, type CallHeading } from "./call-data";

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  "proposal.submitted": "Proposal submitted",
  "proposal.reopened": "Proposal reopened",
  "assessment.submitted": "Assessment submitted",
  "assessment.reopened": "Assessment reopened",
  "assignment.added": "Assessor assigned",
  "assignment.automatic": "Automatic assignment run",
  "assignment.removed": "Assessor unassigned",
  "conflict.declared": "Conflict of interest declared",
  "call.created": "Call created",
  "call.updated": "Call changed",
  "rubric.updated": "Rubric weights or minimum scores changed",
  "decision.recorded": "Decision recorded",
  "decisions.released": "Decisions released to bidders",
  "scenario.created": "Portfolio scenario created",
  "scenario.updated": "Portfolio scenario changed",
  "scenario.adopted": "Portfolio scenario adopted",
  "lottery.setting": "Lottery turned on or off",
  "lottery.committed": "Lottery seed committed (SHA-256 published)",
  "lottery.drawn": "Lottery drawn (seed revealed)",
  "lottery.redone": "Lottery redone",
  "user.disabled": "Account disabled",
  "user.enabled": "Account enabled",
  "invitation.sent": "Assessor invited",
  "invitation.accepted": "Invitation accepted",
  "invitation.declined": "Invitation declined",
  "appendices.updated": "Appendices changed",
  "appendix.uploaded": "Appendix file uploaded",
  "appendix.removed": "Appendix file removed",
  "agency.created": "Partner agency created",
  "release.confirmed": "Release confirmed by an agency",
  "release.confirmations-withdrawn": "Release confirmations withdrawn",
};

export interface AuditEntry {
  id: number;
  at: Date;
  actorName: string;
  actorRole: Role | null;
  /** The actor's agency when the entry was written (null for bidders). */
  actorAgency: string | null;
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

function callValue(field: string, value: string | number): string {
  if (value === "") return "blank";
  if (field.endsWith("At") && typeof value === "string") return formatDateTime(value);
  if (field === "budget" && typeof value === "number") return formatPounds(value);
  return String(value);
}

const minimum = (value: number | null) => (value === null ? "none" : String(value));

/** One line a manager can read, for each kind of entry (exhaustive over the union). */
export function describeAuditEntry(entry: AuditEvent): string {
  switch (entry.action) {
    case "proposal.submitted":
    case "proposal.reopened":
      return "";
    case "assessment.submitted":
      return `assessmentId: ${entry.detail.assessmentId}; assignmentId: ${entry.detail.assignmentId}`;
    case "assessment.reopened": {
      const { assessmentId, assignmentId, assessorId, reason } = entry.detail;
      return [`assessmentId: ${assessmentId}`, `assignmentId: ${assignmentId}`, `assessorId: ${assessorId}`, ...(reason !== undefined ? [`reason: ${reason}`] : [])].join("; ");
    }
    case "conflict.declared":
      return `assignmentId: ${entry.detail.assignmentId}; details: ${entry.detail.details}`;
    case "assignment.added":
      return [entry.detail.assessorName, entry.detail.automatic ? "assigned automatically" : "", entry.detail.reinstated ? "reinstated" : ""]
        .filter(Boolean)
        .join(", ");
    case "assignment.automatic": {
      const d = entry.detail;
      const pool = `pool of ${d.pool} (${d.usesInvitations ? "accepted invitations" : "all the agency's assessors: no invitations sent"})`;
      if (d.outcome === "failed") return `failed after ${d.seconds.toFixed(1)} s, nothing changed: ${d.message ?? "no reason given"}; ${pool}`;
      const matches = d.domainMatches !== undefined ? `; ${d.domainMatches} domain and ${d.themeMatches ?? 0} theme matches` : "";
      return `${d.added} added, ${d.short} proposals still short; ${pool}${matches}; ${d.loadRule ?? ""}; ${d.seconds.toFixed(1)} s`;
    }
    case "assignment.removed":
      return entry.detail.assessmentStatus
        ? `${entry.detail.assessorName}; their ${entry.detail.assessmentStatus} assessment is kept on record`
        : entry.detail.assessorName;
    case "call.created":
      return `“${entry.detail.title}”`;
    case "user.disabled":
    case "user.enabled":
      return entry.detail.userName;
    case "call.updated":
      return Object.entries(entry.detail.changes)
        .map(([field, c]) =>
          field === "description" ? "Description changed" : `${CALL_FIELDS[field] ?? field}: ${callValue(field, c.from)} → ${callValue(field, c.to)}`,
        )
        .join("; ");
    case "rubric.updated":
      return Object.entries(entry.detail.changes)
        .map(([key, c]) => {
          const parts: string[] = [];
          if (c.weight) parts.push(`weight ${c.weight.from}% → ${c.weight.to}%`);
          if (c.threshold) parts.push(`minimum ${minimum(c.threshold.from)} → ${minimum(c.threshold.to)}`);
          return `${c.title || key}: ${parts.join(", ")}`;
        })
        .join("; ");
    case "decision.recorded": {
      const { outcome, previousOutcome, source, lotteryId } = entry.detail;
      const was = previousOutcome ? ` (was ${OUTCOME_LABELS[previousOutcome]})` : "";
      const prefilled = source === "scenario" ? ", pre-filled from an adopted portfolio scenario" : lotteryId ? `, pre-filled by lottery ${lotteryId}` : "";
      return `${OUTCOME_LABELS[outcome]}${was}${prefilled}`;
    }
    case "scenario.created":
    case "scenario.updated": {
      const d = entry.detail;
      return [
        `“${d.name}”`,
        `budget ${formatPounds(d.budget)}`,
        d.rules.length > 0 ? `rules: ${d.rules.join("; ")}` : "no rules",
        d.pins.length > 0 ? `${d.pins.length} pinned` : "",
        d.exclusions.length > 0 ? `${d.exclusions.length} excluded` : "",
      ]
        .filter(Boolean)
        .join(", ");
    }
    case "scenario.adopted": {
      const d = entry.detail;
      return `“${d.name}”: decisions pre-filled, ${d.fund} fund, ${d.reserve} reserve list, ${d.reject} do not fund`;
    }
    case "lottery.setting":
      return entry.detail.enabled ? "Lottery on for proposals too close to call" : "Lottery off";
    case "lottery.committed": {
      const d = entry.detail;
      return `Lottery ${d.lotteryId}: seed SHA-256 ${d.seedSha256}; ${d.proposalIds.length} proposals (ids ${d.proposalIds.join(", ")}); ${formatPounds(d.remainingBudget)} left to allocate`;
    }
    case "lottery.drawn": {
      const d = entry.detail;
      return `Lottery ${d.lotteryId}: seed ${d.seed}; drawn order ${d.order.join(", ")}; funded ${d.funded.join(", ") || "none"}; reserve ${d.reserve.join(", ") || "none"}`;
    }
    case "lottery.redone":
      return `Lottery ${entry.detail.lotteryId} set aside: ${entry.detail.reason}`;
    case "decisions.released": {
      const d = entry.detail;
      return `${d.decisions} decisions: ${d.fund} fund, ${d.reserve} reserve list, ${d.reject} do not fund`;
    }
    case "appendices.updated": {
      const d = entry.detail;
      return "added" in d ? `Added “${d.added}”` : `Removed “${d.removed}”`;
    }
    case "appendix.uploaded": {
      const d = entry.detail;
      return `${d.slotName}: “${d.filename}”, ${formatSize(d.sizeBytes)}, SHA-256 ${d.sha256}${d.replaced ? " (replaced the earlier file)" : ""}`;
    }
    case "appendix.removed": {
      const d = entry.detail;
      return `${d.slotName}: “${d.filename}”, SHA-256 ${d.sha256}`;
    }
    case "invitation.sent":
      return entry.detail.assessorName ?? "";
    case "invitation.accepted":
      return entry.detail.maxProposals === null ? "No maximum" : `At most ${entry.detail.maxProposals} proposals`;
    case "invitation.declined": {
      const d = entry.detail;
      const reason = DECLINE_REASON_LABELS[d.reason];
      return d.details ? `${reason}: ${d.details}` : reason;
    }
    case "agency.created":
      return `${entry.detail.name} (${entry.detail.country}, ${entry.detail.currency})`;
    case "release.confirmed":
      return `agencyId: ${entry.detail.agencyId}`;
    case "release.confirmations-withdrawn": {
      const d = entry.detail;
      const who = (d.agencyNames ?? d.agencyIds.map((id) => `agency ${id}`)).join(" and ");
      if (d.reason === "joint-outcome-changed") return `The joint outcome changed, so ${who} must confirm the release again`;
      if (d.reason === "own-decision-changed") return `${who} changed its decision or feedback, so it must confirm the release again`;
      return `A decision changed after ${who} confirmed; confirm again`;
    }
  }
}

/** Entries about a bidder's own work in progress, shown to managers only once the proposal is submitted. */
const DRAFT_PRIVATE = new Set<string>(["appendix.uploaded", "appendix.removed"]);

/** The summary of a stored entry; one whose detail does not match its action says so plainly. */
function summarise(entry: DecodedAuditEntry): string {
  return entry.detail === null ? "(details not recorded in a known form)" : describeAuditEntry(entry as AuditEvent);
}

/** The call's audit trail, newest first; `action` filters it (an unknown one shows everything). */
export const getCallAuditLog = guardedRead(
  "audit:read",
  async (actor, callId: number, action?: string, now: Date = new Date()): Promise<CallAuditLog> => {
    const db = getDb();
    const call = await requireCall(db, callId, actor);
    const filter = typeof action === "string" && isAuditAction(action) ? action : null;
    const rows = await db
      .select({
        entry: auditLog,
        actorName: users.name,
        actorRole: users.role,
        agencyName: agencies.name,
        answers: proposals.answers,
        proposalStatus: proposals.status,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .leftJoin(agencies, eq(agencies.id, auditLog.actorAgencyId))
      .leftJoin(proposals, eq(proposals.id, auditLog.proposalId))
      .where(filter ? and(eq(auditLog.callId, call.id), eq(auditLog.action, filter)) : eq(auditLog.callId, call.id))
      .orderBy(desc(auditLog.at), desc(auditLog.id));
    return {
      call: callHeading(call, now, actor),
      action: filter,
      actions: AUDIT_ACTIONS.map((value) => ({ value, label: AUDIT_ACTION_LABELS[value] })),
      // A bidder's uploads and removals are shown once the proposal is submitted: drafts stay private to their bidder.
      entries: rows.filter(({ entry, proposalStatus }) => !DRAFT_PRIVATE.has(entry.action) || proposalStatus === "submitted").map(({ entry, actorName, actorRole, agencyName, answers }) => {
        // Another agency's assessors stay anonymous: their names, and the assessor names in that
        // agency's assignment entries, are not shown (a joint call's log is read by both agencies).
        const otherAgency = entry.actorAgencyId !== null && entry.actorAgencyId !== actor.agency?.id;
        const namesAssessor = ["assignment.added", "assignment.removed", "conflict.declared", "assessment.reopened"].includes(entry.action);
        return {
          id: entry.id,
          at: entry.at,
          actorName: otherAgency && actorRole === "assessor" ? `An assessor of ${agencyName ?? "another agency"}` : (actorName ?? "Unknown"),
          actorRole: actorRole ?? null,
          actorAgency: agencyName ?? null,
          action: entry.action,
          actionLabel: isAuditAction(entry.action) ? AUDIT_ACTION_LABELS[entry.action] : entry.action,
          proposal: entry.proposalId === null ? null : { id: entry.proposalId, title: proposalFacts(normaliseAnswers(answers)).title || UNTITLED },
          summary: otherAgency && namesAssessor ? `an assessor of ${agencyName ?? "another agency"}` : summarise(decodeAuditEntry(entry.action, entry.detail)),
        };
      }),
    };
  },
);
