import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, asc, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { getDb } from "@/db/client";
import { passwordTokens, users, type Role } from "@/db/schema";
import type { ActionResult } from "@/lib/action-result";
import { hashPassword } from "@/lib/crypto/password";
import { paths } from "@/lib/paths";
import { personFormSchema, setPasswordSchema, userRefInput, STAFF_ROLES, type StaffRole } from "@/lib/validation/manage";
import { ActionError, failure, fieldErrorsFrom, runAction } from "../action";
import type { Actor } from "../users";

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

function issueToken(tx: Pick<Db, "insert" | "update">, userId: number, now: Date): { token: string; expiresAt: Date } {
  // Earlier links stop working: only the newest one may be used.
  tx.update(passwordTokens)
    .set({ expiresAt: now })
    .where(and(eq(passwordTokens.userId, userId), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, now)))
    .run();
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + PASSWORD_LINK_DAYS * DAY_MS);
  tx.insert(passwordTokens).values({ userId, tokenHash: hashToken(token), expiresAt, createdAt: now }).run();
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

export function listStaff(actor: Actor | null, now = new Date()) {
  return runAction(actor, "user:manage", z.object({}), {}, (): StaffMember[] => {
    const db = getDb();
    const rows = db
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
      .where(inArray(users.role, [...STAFF_ROLES]))
      .orderBy(asc(users.role), asc(users.name))
      .all();
    const pending = new Set(
      db
        .select({ userId: passwordTokens.userId })
        .from(passwordTokens)
        .where(and(isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, now)))
        .all()
        .map((t) => t.userId),
    );
    return rows.map(({ hasPassword, ...row }) => ({
      ...row,
      role: row.role as StaffRole,
      state: hasPassword ? "active" : pending.has(row.id) ? "link-pending" : "link-expired",
    }));
  });
}

/** Creates an assessor or manager account with no password, and a one-time link to set one. */
export function createPerson(actor: Actor | null, raw: unknown, now = new Date()) {
  return runAction(actor, "user:manage", personFormSchema, raw, (input): PasswordLink => {
    return getDb().transaction((tx) => {
      const email = input.email.trim().toLowerCase();
      if (tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) {
        throw new ActionError("invalid", "There is a problem with what you entered.", {
          email: "An account with this email address already exists",
        });
      }
      const user = tx
        .insert(users)
        .values({
          email,
          name: input.name,
          passwordHash: null,
          role: input.role,
          organisation: input.organisation,
          country: input.country,
          expertise: input.expertise,
        })
        .returning({ id: users.id, name: users.name, email: users.email })
        .get();
      const { token, expiresAt } = issueToken(tx, user.id, now);
      return { userId: user.id, name: user.name, email: user.email, path: paths.setPassword(token), expiresAt };
    });
  });
}

/** A fresh set-password link for an assessor or manager (a lost or expired one, or a reset). */
export function issuePasswordLink(actor: Actor | null, raw: unknown, now = new Date()) {
  return runAction(actor, "user:manage", userRefInput, raw, ({ userId }): PasswordLink => {
    return getDb().transaction((tx) => {
      const user = tx
        .select({ id: users.id, name: users.name, email: users.email, role: users.role, passwordHash: users.passwordHash })
        .from(users)
        .where(eq(users.id, userId))
        .get();
      // Bidders manage their own accounts; a manager only issues links for staff accounts.
      if (!user || !(STAFF_ROLES as readonly Role[]).includes(user.role)) {
        throw new ActionError("not_found", "We could not find that person.");
      }
      // A link for an account in use would let one manager take over another person's account.
      if (user.passwordHash) {
        throw new ActionError("invalid", `${user.name} has already set a password, so no new link can be issued.`);
      }
      const { token, expiresAt } = issueToken(tx, user.id, now);
      return { userId: user.id, name: user.name, email: user.email, path: paths.setPassword(token), expiresAt };
    });
  });
}

// --- The public set-password page ---------------------------------------------------------------------

export type PasswordLinkState = { state: "valid"; name: string; email: string } | { state: "invalid" | "used" | "expired" };

function findToken(token: string) {
  if (token.length === 0 || token.length > 200) return undefined;
  return getDb()
    .select({ token: passwordTokens, user: { name: users.name, email: users.email } })
    .from(passwordTokens)
    .innerJoin(users, eq(users.id, passwordTokens.userId))
    .where(eq(passwordTokens.tokenHash, hashToken(token)))
    .orderBy(desc(passwordTokens.id))
    .get();
}

/** What the set-password page shows for a link: the form, or why the link no longer works. */
export function passwordLinkState(token: string, now = new Date()): PasswordLinkState {
  const row = findToken(token);
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

/** Sets the password of the link's account and uses up the link. Needs no session. */
export async function setPasswordWithToken(raw: unknown, now = new Date()): Promise<ActionResult<{ email: string }>> {
  const parsed = setPasswordSchema.safeParse(raw);
  if (!parsed.success) return failure("invalid", "There is a problem with what you entered.", fieldErrorsFrom(parsed.error));
  const { token, password } = parsed.data;
  const state = passwordLinkState(token, now);
  if (state.state !== "valid") return failure(state.state === "invalid" ? "not_found" : "closed", LINK_PROBLEM[state.state]);

  const passwordHash = await hashPassword(password);
  try {
    return getDb().transaction((tx) => {
      // Checked again inside the transaction, so two tabs cannot both use one link.
      const used = tx
        .update(passwordTokens)
        .set({ usedAt: now })
        .where(and(eq(passwordTokens.tokenHash, hashToken(token)), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, now)))
        .returning({ userId: passwordTokens.userId })
        .get();
      if (!used) throw new ActionError("closed", LINK_PROBLEM.used);
      const user = tx.update(users).set({ passwordHash }).where(eq(users.id, used.userId)).returning({ email: users.email }).get();
      if (!user) throw new ActionError("not_found", LINK_PROBLEM.invalid);
      return { ok: true as const, data: { email: user.email } };
    });
  } catch (error) {
    if (error instanceof ActionError) return failure(error.code, error.message);
    console.error("[set-password] could not set a password", error);
    return failure("error", "Something went wrong and your password was not set. Try again in a moment.");
  }
}
