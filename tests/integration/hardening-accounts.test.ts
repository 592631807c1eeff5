/**
 * Sign-in throttling, revocable sessions, disabled accounts and the demo-data guard
 * (issue 11, "Sign-in and accounts"), on a real SQLite file.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { shouldSeedDemoData } from "@/db/seed";
import { auditLog, authThrottle, users } from "@/db/schema";
import { hashPassword, MAX_CONCURRENT_HASHES, verifyPassword } from "@/lib/crypto/password";
import { listAccounts } from "@/lib/server/accounts";
import { endAllSessionsAction, registerAction } from "@/lib/server/actions/auth-actions";
import { invokerOf } from "@/lib/server/action";
import { createPerson, setAccountDisabled, setPasswordWithToken } from "../support/actions";
import {
  clearThrottle,
  lockDelayMs,
  POLICIES,
  recordThrottleFailure,
  throttleKeys,
  throttleWait,
} from "@/lib/server/throttle";
import { bumpSessionVersion, findSessionActor, type Actor } from "@/lib/server/users";
import { transaction } from "@/db/transaction";
import { expectFailure, expectOk } from "../support/results";
import { makeUser, setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

const endAllSessions = invokerOf(endAllSessionsAction);

function userRow(id: number) {
  return getDb().select().from(users).where(eq(users.id, id)).get()!;
}

describe("sign-in throttling", () => {
  it("lets an account fail five times, then locks it with a delay that doubles on each failure", async () => {
    const keys = throttleKeys("signin", { account: "victim@test.example" });
    const now = new Date("2026-01-01T10:00:00Z");
    for (let i = 0; i < 4; i++) await recordThrottleFailure(keys, now);
    expect(await throttleWait(keys, now)).toBe(0);
    await recordThrottleFailure(keys, now);
    expect(await throttleWait(keys, now)).toBe(1);
    await recordThrottleFailure(keys, now);
    expect(await throttleWait(keys, now)).toBe(2);
    await recordThrottleFailure(keys, now);
    expect(await throttleWait(keys, now)).toBe(4);
    expect(lockDelayMs(30, POLICIES.account)).toBe(POLICIES.account.maxLockMs);
  });

  it("keeps the lock across a restart (it is stored in SQLite)", async () => {
    const keys = throttleKeys("signin", { account: "restart@test.example" });
    const now = new Date();
    for (let i = 0; i < 8; i++) await recordThrottleFailure(keys, now);
    closeDb();
    expect(await throttleWait(keys, now)).toBeGreaterThan(0);
  });

  it("counts the address separately, with more free tries, and a success clears only the account", async () => {
    const now = new Date();
    const ip = "203.0.113.7";
    for (let i = 0; i < POLICIES.ip.free; i++) {
      await recordThrottleFailure(throttleKeys("signin", { account: `user${i}@test.example`, ip }), now);
    }
    const other = throttleKeys("signin", { account: "innocent@test.example", ip });
    expect(await throttleWait(other, now)).toBeGreaterThan(0);
    expect(await throttleWait(throttleKeys("signin", { account: "innocent@test.example", ip: "198.51.100.1" }), now)).toBe(0);
    await clearThrottle(other.slice(0, 1));
    expect(getDb().select().from(authThrottle).where(eq(authThrottle.key, other[1]!.key)).get()).toBeDefined();
  });

  it("forgets failures an hour after the last one", async () => {
    const keys = throttleKeys("signin", { account: "forgotten@test.example" });
    const then = new Date("2026-01-01T10:00:00Z");
    for (let i = 0; i < 4; i++) await recordThrottleFailure(keys, then);
    const later = new Date(then.getTime() + 61 * 60_000);
    await recordThrottleFailure(keys, later);
    expect(await throttleWait(keys, later)).toBe(0);
  });

  it("runs at most a bounded number of password hashes at once, all still correct", async () => {
    const hash = await hashPassword("a-long-enough-password");
    const results = await Promise.all(Array.from({ length: MAX_CONCURRENT_HASHES * 4 }, (_, i) => verifyPassword(i % 2 ? "a-long-enough-password" : "wrong", hash)));
    expect(results.filter(Boolean)).toHaveLength(MAX_CONCURRENT_HASHES * 2);
  });
});

describe("revocable sessions", () => {
  it("honours a token only while the session version and email match and the account is enabled", async () => {
    const bidder = await makeUser("bidder");
    const claims = { uid: bidder.id, email: bidder.email, sessionVersion: userRow(bidder.id).sessionVersion };
    expect(await findSessionActor(claims)).toMatchObject({ id: bidder.id });
    // A token made for another database that shares AUTH_SECRET names someone else's email.
    expect(await findSessionActor({ ...claims, email: "someone-else@test.example" })).toBeNull();
    await transaction((tx) => bumpSessionVersion(tx, bidder.id));
    expect(await findSessionActor(claims)).toBeNull();
    expect(await findSessionActor({ ...claims, sessionVersion: claims.sessionVersion + 1 })).toMatchObject({ id: bidder.id });
  });

  it("signing out ends every session of one's own account, and nobody else's", async () => {
    const bidder = await makeUser("bidder");
    const other = await makeUser("bidder");
    const claims = (u: Actor) => ({ uid: u.id, email: u.email, sessionVersion: userRow(u.id).sessionVersion });
    const [mine, theirs] = [claims(bidder), claims(other)];
    // A userId in the input is ignored: the action only ever ends the caller's own sessions.
    expectOk(await endAllSessions(bidder, { userId: other.id }));
    expect(await findSessionActor(mine)).toBeNull();
    expect(await findSessionActor(theirs)).toMatchObject({ id: other.id });
    expectFailure(await endAllSessions(null, {}), "unauthenticated");
    expect(await findSessionActor(theirs)).toMatchObject({ id: other.id });
  });

  it("ends every session when a password is set through a link", async () => {
    const manager = await makeUser("manager");
    const link = expectOk(
      await createPerson(manager, { role: "assessor", name: "New Assessor", email: `new-${Date.now()}@test.example`, organisation: "Org", country: "GB", expertise: ["robotics"] }),
    );
    const before = userRow(link.userId).sessionVersion;
    const token = link.path.split("/").pop()!;
    expectOk(await setPasswordWithToken({ token, password: "a-brand-new-password", confirmPassword: "a-brand-new-password" }));
    expect(userRow(link.userId).sessionVersion).toBe(before + 1);
  });

  it("throttles guessing set-password links from one address", async () => {
    getDb().delete(authThrottle).run();
    let last: Awaited<ReturnType<typeof setPasswordWithToken>> | null = null;
    for (let i = 0; i <= POLICIES.ip.free; i++) {
      last = await setPasswordWithToken({ token: `guess-${i}-xxxxxxxxxxxx`, password: "a-brand-new-password", confirmPassword: "a-brand-new-password" });
    }
    expectFailure(last!, "throttled");
    getDb().delete(authThrottle).run();
  });
});

describe("disabling accounts", () => {
  let manager: Actor;
  beforeAll(async () => {
    manager = await makeUser("manager");
  });

  it("disables an account: its sessions end at once, and it is audited with who did it", async () => {
    const bidder = await makeUser("bidder");
    const claims = { uid: bidder.id, email: bidder.email, sessionVersion: userRow(bidder.id).sessionVersion };
    expectOk(await setAccountDisabled(manager, { userId: bidder.id, disabled: true }));
    expect(userRow(bidder.id).disabledAt).toBeInstanceOf(Date);
    expect(await findSessionActor(claims)).toBeNull();
    expect(await findSessionActor({ ...claims, sessionVersion: claims.sessionVersion + 1 })).toBeNull();
    const audit = getDb().select().from(auditLog).where(eq(auditLog.action, "user.disabled")).all();
    expect(audit.at(-1)).toMatchObject({ actorId: manager.id, detail: { userId: bidder.id } });
  });

  it("re-enables it, audited, and lists both changes for managers", async () => {
    const assessor = await makeUser("assessor");
    expectOk(await setAccountDisabled(manager, { userId: assessor.id, disabled: true }));
    expectOk(await setAccountDisabled(manager, { userId: assessor.id, disabled: false }));
    expect(userRow(assessor.id).disabledAt).toBeNull();
    const { changes } = (await listAccounts(manager))!;
    expect(changes.slice(0, 2).map((c) => c.action)).toEqual(["user.enabled", "user.disabled"]);
  });

  it("refuses other roles, the manager's own account, unknown people and malformed input, changing nothing", async () => {
    const bidder = await makeUser("bidder");
    const target = await makeUser("bidder");
    expectFailure(await setAccountDisabled(bidder, { userId: target.id, disabled: true }), "forbidden");
    expectFailure(await setAccountDisabled(null, { userId: target.id, disabled: true }), "unauthenticated");
    expectFailure(await setAccountDisabled(manager, { userId: manager.id, disabled: true }), "invalid");
    expectFailure(await setAccountDisabled(manager, { userId: 999_999, disabled: true }), "not_found");
    expectFailure(await setAccountDisabled(manager, { userId: target.id, disabled: "yes" }), "invalid");
    expectFailure(await setAccountDisabled(manager, "userId=1"), "invalid");
    expect(userRow(target.id).disabledAt).toBeNull();
    expect(userRow(manager.id).disabledAt).toBeNull();
  });
});

describe("registration and enumeration", () => {
  it("keeps saying an email is taken, but throttles those answers per address like failed sign-ins", async () => {
    getDb().delete(authThrottle).run();
    const existing = await makeUser("bidder");
    const attempt = () =>
      registerAction({ name: "Someone", organisation: "Org", email: existing.email, password: "a-long-password-1", confirmPassword: "a-long-password-1" });
    for (let i = 0; i < POLICIES.ip.free; i++) {
      const result = await attempt();
      expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { email: expect.stringContaining("already exists") } });
    }
    const throttled = await attempt();
    expect(throttled).toMatchObject({ ok: false, code: "throttled", fieldErrors: { email: expect.stringContaining("Too many attempts") } });
    // Nothing was created by any of them.
    expect(getDb().select().from(users).where(eq(users.email, existing.email)).all()).toHaveLength(1);
    getDb().delete(authThrottle).run();
  });
});

describe("demo data in production", () => {
  it("never seeds with NODE_ENV=production unless SEED_DEMO_DATA=true, and then warns", () => {
    expect(shouldSeedDemoData({ NODE_ENV: "production" })).toEqual({ seed: false });
    expect(shouldSeedDemoData({ NODE_ENV: "production", SEED_DEMO_DATA: "1" })).toEqual({ seed: false });
    const explicit = shouldSeedDemoData({ NODE_ENV: "production", SEED_DEMO_DATA: "true" });
    expect(explicit.seed).toBe(true);
    expect(explicit.warning).toMatch(/WARNING/);
  });

  it("seeds by default elsewhere, unless SEED_DEMO_DATA=false", () => {
    expect(shouldSeedDemoData({}).seed).toBe(true);
    expect(shouldSeedDemoData({ NODE_ENV: "development", SEED_DEMO_DATA: "false" }).seed).toBe(false);
  });
});
