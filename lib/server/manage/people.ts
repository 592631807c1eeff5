import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, asc, desc, eq, gt, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { passwordTokens, users, type Role } from "@/db/schema";
import { transaction, type Tx } from "@/db/transaction";
import { hashPassword } from "@/lib/crypto/password";
import { paths } from "@/lib/paths";
import { STAFF_ROLES, type personFormSchema, type setPasswordSchema, type StaffRole, type userRefInput } from "@/lib/validation/manage";
import { ActionError, INVALID_MESSAGE } from "../action-error";
import { homeAgencyIdSql } from "../agencies";
import { guardedRead } from "../guard";
import type { Actor } from "../users";
import { clientIp } from "../client-ip";
import { recordThrottleFailure, throttledMessage, throttleKeys, throttleWait } from "../throttle";

/** How long a set-password link works. */
export const PASSWORD_LINK_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Only the SHA-256 of a token is stored; the token itself is shown once, to the manager. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export interface PasswordLink {
  userId: number;
  name: string;
  email: string;
  /** The path of the one-time link, e.g. /set-password/abc…; shown once and never stored. */
  path: string;
  expiresAt: Date;
}

export async function issueToken(tx: Tx, userId: number, now: Date): Promise<{ token: string; expiresAt: Date }> {
  // Earlier links stop working: only the newest one may be used.
  await tx
    .update(passwordTokens)
    .set({ expiresAt: now })
    .where(and(eq(passwordTokens.userId, userId), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, now)));
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + PASSWORD_LINK_DAYS * DAY_MS);
  await tx.insert(passwordTokens).values({ userId, tokenHash: hashToken(token), expiresAt, createdAt: now });
  return { token, expiresAt };
}

// --- Staff accounts --------------------------------------------------------------------------------

export type AccountState = "active" | "link-pending" | "link-expired";

export interface StaffMember {
  id: number;
  name: string;
  email: string;
  role: StaffRole;
  organisation: string;
  country: string;
  expertise: string[];
  state: AccountState;
}

/** A manager's own agency: staff accounts are managed only within it. */
function agencyOf(me: Actor): number {
  if (!me.agency) throw new ActionError("not_found", "We could not find that person.");
  return me.agency.id;
}

/** The staff of the manager's own agency (never another agency's accounts). */
export const listStaff = guardedRead("user:manage", async (actor, now: Date = new Date()): Promise<StaffMember[]> => {
    const db = getDb();
    const rows = await db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        role: users.role,
        organisation: users.organisation,
        country: users.country,
        expertise: users.expertise,
        hasPassword: sql<number>`${users.passwordHash} is not null`,
      })
      .from(users)
      .where(and(inArray(users.role, [...STAFF_ROLES]), eq(users.agencyId, agencyOf(actor))))
      .orderBy(asc(users.role), asc(users.name));
    const tokens = await db
      .select({ userId: passwordTokens.userId })
      .from(passwordTokens)
      .where(and(isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, now)));
    const pending = new Set(tokens.map((t) => t.userId));
    return rows.map(({ hasPassword, ...row }) => ({
      ...row,
      role: row.role as StaffRole,
      state: hasPassword ? "active" : pending.has(row.id) ? "link-pending" : "link-expired",
    }));
});

/** Creates an assessor or manager account in the manager's own agency, with no password and a one-time link to set one. */
export async function createPerson(me: Actor, input: z.output<typeof personFormSchema>, now = new Date()): Promise<PasswordLink> {
  return transaction(async (tx) => {
    const email = input.email.trim().toLowerCase();
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
    if (existing) {
      throw new ActionError("invalid", INVALID_MESSAGE, { email: "An account with this email address already exists" });
    }
    return insertStaff(tx, { ...input, email }, agencyOf(me), now);
  });
}

/** A staff account of the given agency (staff belong to exactly one), with a one-time set-password link. */
async function insertStaff(tx: Tx, input: z.output<typeof personFormSchema>, agencyId: number | SQL, now: Date): Promise<PasswordLink> {
  const [user] = await tx
    .insert(users)
    .values({
      email: input.email,
      name: input.name,
      passwordHash: null,
      role: input.role,
      organisation: input.organisation,
      country: input.country,
      expertise: input.expertise,
      agencyId,
    })
    .returning({ id: users.id, name: users.name, email: users.email });
  const { token, expiresAt } = await issueToken(tx, user!.id, now);
  return { userId: user!.id, name: user!.name, email: user!.email, path: paths.setPassword(token), expiresAt };
}

/**
 * For `npm run create-manager` (scripts/create-manager.ts), run by whoever operates the server: the
 * way to the first manager of a production database, which has no demo accounts and so nobody to
 * sign in and create one. Makes a manager account with no password and returns a one-time
 * set-password link (the same tokens as the people page). Run again for an account that has not set
 * its password yet, it issues a fresh link instead (the earlier one stops working); an account that
 * already has a password, or is not a manager, is refused.
 */
export async function createManagerFromCommandLine(
  input: z.output<typeof personFormSchema>,
  now = new Date(),
): Promise<PasswordLink & { created: boolean }> {
  return transaction(async (tx) => {
    const email = input.email.trim().toLowerCase();
    const [existing] = await tx
      .select({ id: users.id, name: users.name, email: users.email, role: users.role, passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.email, email))
      .limit(1);
    // The first manager of a production database works for the home agency.
    if (!existing) return { ...(await insertStaff(tx, { ...input, role: "manager", email }, homeAgencyIdSql, now)), created: true };
    if (existing.role !== "manager") {
      throw new ActionError("invalid", `${email} already has a ${existing.role} account, so it cannot be made a manager here.`);
    }
    if (existing.passwordHash) {
      throw new ActionError("invalid", `${email} is already a manager with a password: sign in, or ask another manager for help.`);
    }
    const { token, expiresAt } = await issueToken(tx, existing.id, now);
    return { userId: existing.id, name: existing.name, email: existing.email, path: paths.setPassword(token), expiresAt, created: false };
  });
}

/** A fresh set-password link for an assessor or manager (a lost or expired one, or a reset). */
export async function issuePasswordLink(me: Actor, { userId }: z.output<typeof userRefInput>, now = new Date()): Promise<PasswordLink> {
  return transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, name: users.name, email: users.email, role: users.role, passwordHash: users.passwordHash })
      .from(users)
      // Another agency's accounts are "not found", exactly like accounts that do not exist.
      .where(and(eq(users.id, userId), eq(users.agencyId, agencyOf(me))))
      .limit(1);
    // Bidders manage their own accounts; a manager only issues links for staff accounts.
    if (!user || !(STAFF_ROLES as readonly Role[]).includes(user.role)) {
      throw new ActionError("not_found", "We could not find that person.");
    }
    // A link for an account in use would let one manager take over another person's account.
    if (user.passwordHash) {
      throw new ActionError("invalid", `${user.name} has already set a password, so no new link can be issued.`);
    }
    const { token, expiresAt } = await issueToken(tx, user.id, now);
    return { userId: user.id, name: user.name, email: user.email, path: paths.setPassword(token), expiresAt };
  });
}

// --- The public set-password page ---------------------------------------------------------------------

export type PasswordLinkState = { state: "valid"; name: string; email: string } | { state: "invalid" | "used" | "expired" };

async function findToken(token: string) {
  if (token.length === 0 || token.length > 200) return undefined;
  const [row] = await getDb()
    .select({ token: passwordTokens, user: { name: users.name, email: users.email } })
    .from(passwordTokens)
    .innerJoin(users, eq(users.id, passwordTokens.userId))
    .where(eq(passwordTokens.tokenHash, hashToken(token)))
    .orderBy(desc(passwordTokens.id))
    .limit(1);
  return row;
}

/** What the set-password page shows for a link: the form, or why the link no longer works. Needs no session. */
export async function passwordLinkState(token: string, now = new Date()): Promise<PasswordLinkState> {
  const row = await findToken(token);
  if (!row) return { state: "invalid" };
  if (row.token.usedAt) return { state: "used" };
  if (row.token.expiresAt.getTime() <= now.getTime()) return { state: "expired" };
  return { state: "valid", name: row.user.name, email: row.user.email };
}

const LINK_PROBLEM: Record<"invalid" | "used" | "expired", string> = {
  invalid: "This link is not valid. Ask your portfolio manager for a new one.",
  used: "This link has already been used. Sign in with the password you set, or ask your portfolio manager for a new link.",
  expired: "This link has expired. Ask your portfolio manager for a new one.",
};

/**
 * Sets the password of the link's account and uses up the link. Needs no session: the one-time
 * token is the only credential (its action uses publicAction, not the session wrapper).
 */
export async function setPasswordWithToken({ token, password }: z.output<typeof setPasswordSchema>, now = new Date()): Promise<{ email: string }> {
  // Guessing links is throttled like sign-in: per address and per link.
  const keys = throttleKeys("set-password", { account: hashToken(token), ip: await clientIp() });
  const wait = await throttleWait(keys, now);
  if (wait > 0) throw new ActionError("throttled", throttledMessage(wait));
  const state = await passwordLinkState(token, now);
  if (state.state !== "valid") {
    await recordThrottleFailure(keys, now);
    throw new ActionError(state.state === "invalid" ? "not_found" : "closed", LINK_PROBLEM[state.state]);
  }
  const passwordHash = await hashPassword(password);
  return transaction(async (tx) => {
    // Checked again inside the transaction, so two tabs cannot both use one link.
    const [used] = await tx
      .update(passwordTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordTokens.tokenHash, hashToken(token)), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, now)))
      .returning({ userId: passwordTokens.userId });
    if (!used) throw new ActionError("closed", LINK_PROBLEM.used);
    // A new password ends every earlier session of the account.
    const [user] = await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, used.userId))
      .returning({ email: users.email });
    if (!user) throw new ActionError("not_found", LINK_PROBLEM.invalid);
    return { email: user.email };
  });
}
