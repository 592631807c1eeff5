import "server-only";
import { and, asc, count, desc, eq, inArray, or, sql, type AnyColumn } from "drizzle-orm";
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

/** Accounts per page of the accounts page: thousands of bidders register for a large call. */
export const ACCOUNTS_PAGE_SIZE = 50;

export interface AccountsPage {
  /** One page of the accounts that match the search, by role then name. */
  accounts: AccountRow[];
  /** How many accounts match the search (all pages). */
  total: number;
  page: number;
  pages: number;
  /** The 1-based position of the page's first account among those that match. */
  first: number;
  search: string;
  changes: AccountChange[];
}

/**
 * The accounts this manager may manage, for the accounts page (never a password hash): one page of
 * those whose name, email or organisation contains `search` (case-insensitive; instr rather than
 * LIKE so that % and _ in the search are plain characters), and recent changes to any of them.
 * `page` is 1-based and clamped to the pages there are.
 */
export const listAccounts = guardedRead("user:manage", async (actor, { search = "", page = 1 }: { search?: string; page?: number } = {}): Promise<AccountsPage> => {
  const db = getDb();
  const needle = search.trim().toLowerCase();
  const contains = (column: AnyColumn) => sql`instr(lower(${column}), ${needle}) > 0`;
  const where = and(manageableBy(actor), needle ? or(contains(users.name), contains(users.email), contains(users.organisation)) : undefined);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(users).where(where);
  const pages = Math.max(1, Math.ceil(total / ACCOUNTS_PAGE_SIZE));
  const number = Math.min(pages, Math.max(1, Math.floor(page)));
  const accounts: AccountRow[] = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, organisation: users.organisation, disabledAt: users.disabledAt })
    .from(users)
    .where(where)
    .orderBy(asc(users.role), asc(users.name), asc(users.id))
    .limit(ACCOUNTS_PAGE_SIZE)
    .offset((number - 1) * ACCOUNTS_PAGE_SIZE);
  return { accounts, total, page: number, pages, first: (number - 1) * ACCOUNTS_PAGE_SIZE + 1, search: search.trim(), changes: await recentAccountChanges(actor) };
});

/** The last 50 disables and enables, those of accounts this manager may manage only. */
async function recentAccountChanges(actor: Actor): Promise<AccountChange[]> {
  const db = getDb();
  const rows = await db
    .select({ at: auditLog.at, action: auditLog.action, actorName: users.name, detail: auditLog.detail })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.actorId))
    .where(inArray(auditLog.action, ["user.disabled", "user.enabled"]))
    .orderBy(desc(auditLog.id))
    .limit(50);
  const decoded = rows.flatMap((r) => {
    const entry = decodeAuditEntry(r.action, r.detail);
    return (entry.action === "user.disabled" || entry.action === "user.enabled") && entry.detail ? [{ r, action: entry.action, detail: entry.detail }] : [];
  });
  const ids = [...new Set(decoded.map((d) => d.detail.userId))];
  const visible = new Set(
    ids.length === 0
      ? []
      : (await db.select({ id: users.id }).from(users).where(and(inArray(users.id, ids), manageableBy(actor)))).map((u) => u.id),
  );
  return decoded
    .filter((d) => visible.has(d.detail.userId))
    .map((d) => ({ at: d.r.at, action: d.action, actorName: d.r.actorName, userName: d.detail.userName ?? "" }));
}

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
