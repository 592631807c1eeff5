import "server-only";
import { eq, inArray, lt } from "drizzle-orm";
import { getDb } from "@/db/client";
import { authThrottle } from "@/db/schema";
import { transaction } from "@/db/transaction";

/**
 * Throttling of sign-in, registration and set-password attempts (OWASP ASVS 4.0 §2.2.1), stored in
 * SQLite so a restart does not reset it.
 *
 * Each attempt is counted under several keys: the account (an email, or a set-password token) and
 * the client's IP address. A key's first `free` failures cost nothing; after that every further
 * failure locks the key for a delay that doubles each time (1 s, 2 s, 4 s, …) up to `maxLockMs`.
 * A success clears the account key; failures are forgotten `forgetAfterMs` after the last one.
 * While any key of an attempt is locked, the attempt is refused before any password is hashed.
 */
export interface ThrottlePolicy {
  free: number;
  baseLockMs: number;
  maxLockMs: number;
  forgetAfterMs: number;
}

const MINUTE = 60_000;

export const POLICIES = {
  /** One account: 5 tries, then 1 s, 2 s, 4 s … up to 15 minutes between tries. */
  account: { free: 5, baseLockMs: 1_000, maxLockMs: 15 * MINUTE, forgetAfterMs: 60 * MINUTE },
  /** One address (several people may share it behind a NAT): 20 tries, then the same backoff. */
  ip: { free: 20, baseLockMs: 1_000, maxLockMs: 15 * MINUTE, forgetAfterMs: 60 * MINUTE },
} satisfies Record<string, ThrottlePolicy>;

export interface ThrottleKey {
  key: string;
  policy: ThrottlePolicy;
}

export type ThrottleScope = "signin" | "register" | "set-password";

export function throttleKeys(scope: ThrottleScope, parts: { account?: string; ip?: string }): ThrottleKey[] {
  const keys: ThrottleKey[] = [];
  if (parts.account) keys.push({ key: `${scope}:account:${parts.account.trim().toLowerCase()}`, policy: POLICIES.account });
  if (parts.ip) keys.push({ key: `${scope}:ip:${parts.ip}`, policy: POLICIES.ip });
  return keys;
}

export function lockDelayMs(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.free) return 0;
  return Math.min(policy.maxLockMs, policy.baseLockMs * 2 ** Math.min(30, failures - policy.free));
}

/** Seconds until every key allows another attempt, or 0 when an attempt may go ahead now. */
export async function throttleWait(keys: ThrottleKey[], now = new Date()): Promise<number> {
  if (keys.length === 0) return 0;
  const rows = await getDb()
    .select({ lockedUntil: authThrottle.lockedUntil })
    .from(authThrottle)
    .where(inArray(authThrottle.key, keys.map((k) => k.key)));
  let until = 0;
  for (const row of rows) until = Math.max(until, row.lockedUntil?.getTime() ?? 0);
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

/** Counts a failed attempt under every key, locking the keys that have used up their free tries. */
export async function recordThrottleFailure(keys: ThrottleKey[], now = new Date()): Promise<void> {
  await transaction(async (tx) => {
    for (const { key, policy } of keys) {
      const [row] = await tx.select().from(authThrottle).where(eq(authThrottle.key, key)).limit(1);
      const stale = !row || now.getTime() - row.lastFailureAt.getTime() > policy.forgetAfterMs;
      const failures = (stale ? 0 : row.failures) + 1;
      const delay = lockDelayMs(failures, policy);
      const lockedUntil = delay > 0 ? new Date(now.getTime() + delay) : null;
      await tx
        .insert(authThrottle)
        .values({ key, failures, lastFailureAt: now, lockedUntil })
        .onConflictDoUpdate({ target: authThrottle.key, set: { failures, lastFailureAt: now, lockedUntil } });
    }
  });
}

/** A success clears the given keys (the account's, never the address's). */
export async function clearThrottle(keys: ThrottleKey[]): Promise<void> {
  if (keys.length === 0) return;
  await transaction(async (tx) => {
    await tx.delete(authThrottle).where(inArray(authThrottle.key, keys.map((k) => k.key)));
  });
}

/** Drops rows nobody has failed on for a day (run now and then, e.g. at start-up). */
export async function pruneThrottle(now = new Date()): Promise<void> {
  await transaction(async (tx) => {
    await tx.delete(authThrottle).where(lt(authThrottle.lastFailureAt, new Date(now.getTime() - 24 * 60 * MINUTE)));
  });
}

export function throttledMessage(seconds: number): string {
  const wait = seconds <= 60 ? `${seconds} second${seconds === 1 ? "" : "s"}` : `${Math.ceil(seconds / 60)} minutes`;
  return `Too many attempts. Wait ${wait}, then try again.`;
}
