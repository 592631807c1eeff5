import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { auditLog, users, type Role } from "@/db/schema";
import { transaction } from "@/db/transaction";
import type { accountStateInput } from "@/lib/validation/manage";
import { ActionError } from "./action-error";
import { decodeAuditEntry, recordAudit } from "./audit";
import { guardedRead } from "./guard";
import { bumpSessionVersion, type Actor } from "./users";

export interface AccountRow {
  id: number;
  name: string;
  email: string;
  role: Role;
  organisation: string;
  disabledAt: Date | null;
}

export interface AccountChange {
  at: Date;
  action: "user.disabled" | "user.enabled";
  actorName: string;
  userName: string;
}

/**
 * The accounts a manager may disable: a home manager (who runs the service) every account; a
 * partner agency's manager only their own agency's staff, never bidders or another agency's staff.
 */
function manageableBy(actor: Actor) {
  if (actor.agency?.kind === "home") return undefined;
  return eq(users.agencyId, actor.agency?.id ?? -1);
}

/** The accounts this manager may manage, for the accounts page (never a password hash), and recent changes to them. */
export const listAccounts = guardedRead("user:manage", async (actor) => {
  const db = getDb();
  const accounts: AccountRow[] = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, organisation: users.organisation, disabledAt: users.disabledAt })
    .from(users)
    .where(manageableBy(actor))
    .orderBy(asc(users.role), asc(users.name));
  const visible = new Set(accounts.map((a) => a.id));
  const rows = await db
    .select({ at: auditLog.at, action: auditLog.action, actorName: users.name, detail: auditLog.detail })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.actorId))
    .where(inArray(auditLog.action, ["user.disabled", "user.enabled"]))
    .orderBy(desc(auditLog.id))
    .limit(50);
  const changes: AccountChange[] = [];
  for (const r of rows) {
    const entry = decodeAuditEntry(r.action, r.detail);
    if ((entry.action === "user.disabled" || entry.action === "user.enabled") && entry.detail && visible.has(entry.detail.userId)) {
      changes.push({ at: r.at, action: entry.action, actorName: r.actorName, userName: entry.detail?.userName ?? "" });
    }
  }
  return { accounts, changes };
});

/**
 * Disables or re-enables an account (audited). Disabling ends the account's sessions at once and
 * stops it signing in; re-enabling lets it sign in again with its existing password.
 */
export async function setAccountDisabled(actor: Actor, { userId, disabled }: z.output<typeof accountStateInput>, now = new Date()) {
  if (userId === actor.id) throw new ActionError("invalid", "You cannot disable your own account.");
  return transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, name: users.name, disabledAt: users.disabledAt })
      .from(users)
      .where(and(eq(users.id, userId), manageableBy(actor)))
      .limit(1);
    if (!user) throw new ActionError("not_found", "We could not find that person.");
    if (Boolean(user.disabledAt) === disabled) return { disabled };
    await tx.update(users).set({ disabledAt: disabled ? now : null }).where(eq(users.id, userId));
    if (disabled) await bumpSessionVersion(tx, userId);
    await recordAudit(tx, { at: now, actorId: actor.id, action: disabled ? "user.disabled" : "user.enabled", detail: { userId, userName: user.name } });
    return { disabled };
  });
}
