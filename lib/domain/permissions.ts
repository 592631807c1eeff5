import type { Role } from "@/db/schema";

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

export function roleMay(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Where each role lands after signing in. */
export const HOME_BY_ROLE: Record<Role, string> = {
  bidder: "/proposals",
  assessor: "/assessments",
  manager: "/manage",
};
