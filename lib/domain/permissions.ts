import type { Role } from "@/db/schema";
import type { AgencyKind } from "./agencies";

/**
 * What each role may do, in one table (checked by runAction and requirePageActor on every
 * action and page). Record-level checks (ownership, assignment, conflicts) come after this.
 */
export const PERMISSIONS = {
  "proposal:create": ["bidder"],
  "proposal:edit-own": ["bidder"],
  "proposal:read-own": ["bidder"],
  "call:read-open": ["bidder", "assessor", "manager"],
  "assessment:score": ["assessor"],
  "call:manage": ["manager"],
  /**
   * Creating a call and changing its set-up (dates, budgets, partner, rubric, appendix slots): the
   * home agency runs calls, so a partner agency's managers never change a joint call's set-up. Every
   * action that changes a call's configuration uses this permission, and the data layer checks it
   * again (lib/server/agencies.ts requireMayConfigure).
   */
  "call:configure": ["manager"],
  /** Creating partner agencies and their first managers. */
  "agency:manage": ["manager"],
  "assignment:manage": ["manager"],
  "assessment:reopen": ["manager"],
  "ranking:read": ["manager"],
  /** Refreshing the calibration, turning the lottery on, committing, drawing and redoing it. */
  "lottery:run": ["manager"],
  "decision:record": ["manager"],
  "user:manage": ["manager"],
  "audit:read": ["manager"],
  "export:csv": ["manager"],
  "portfolio:manage": ["manager"],
  /** Signing out, which ends every session of one's own account. */
  "session:end": ["bidder", "assessor", "manager"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/**
 * Permissions only staff of some kinds of agency have (on top of the role). Everything else a
 * partner agency's staff may do is further limited, record by record, to the joint calls of their
 * own agency (lib/domain/agencies.ts agencyMaySeeCall), in the data layer.
 */
export const AGENCY_KIND_PERMISSIONS = {
  "call:configure": ["home"],
  "agency:manage": ["home"],
} as const satisfies Partial<Record<Permission, readonly AgencyKind[]>>;

export function roleMay(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** The role table, then the agency-kind table: what this person's role and agency allow. */
export function actorMay(actor: { role: Role; agency: { kind: AgencyKind } | null }, permission: Permission): boolean {
  if (!roleMay(actor.role, permission)) return false;
  const kinds = (AGENCY_KIND_PERMISSIONS as Partial<Record<Permission, readonly AgencyKind[]>>)[permission];
  if (!kinds) return true;
  return actor.agency !== null && kinds.includes(actor.agency.kind);
}

/** Where each role lands after signing in. */
export const HOME_BY_ROLE: Record<Role, string> = {
  bidder: "/proposals",
  assessor: "/assessments",
  manager: "/manage",
};
