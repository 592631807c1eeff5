/**
 * Assessor and manager accounts made by a manager, and the one-time set-password links, against
 * a real SQLite file.
 */
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { passwordTokens, users } from "@/db/schema";
import { verifyPassword } from "@/lib/crypto/password";
import { listStaff, passwordLinkState } from "@/lib/server/manage/people";
import type { Actor } from "@/lib/server/users";
import { DAY_MS, makeUser, setupTempDatabase } from "../support/temp-db";
import { expectFailure, expectFound, expectOk } from "../support/manage-factories";
import { createPerson, issuePasswordLink, setPasswordWithToken } from "../support/actions";

setupTempDatabase();

let manager: Actor;
let bidder: Actor;

beforeAll(async () => {
  manager = await makeUser("manager");
  bidder = await makeUser("bidder");
});

let sequence = 0;
const person = (overrides: Record<string, unknown> = {}) => ({
  role: "assessor",
  name: "Priya Patel",
  email: `priya.${++sequence}@materials.example`,
  organisation: "National Composites Centre",
  country: "gb",
  expertise: ["batteries", "additive-manufacturing"],
  ...overrides,
});

const tokenOf = (path: string) => path.split("/").at(-1)!;
const userRow = (id: number) => getDb().select().from(users).where(eq(users.id, id)).get()!;

describe("creating accounts", () => {
  it("creates an assessor with no password and a one-time link whose token is stored only as a SHA-256 hash", async () => {
    const now = new Date("2026-05-01T10:00:00Z");
    const input = person();
    const link = expectOk(await createPerson(manager, input, now));
    expect(link.path).toMatch(/^\/set-password\/[A-Za-z0-9_-]{43}$/);
    expect(link.expiresAt.getTime()).toBe(now.getTime() + 7 * DAY_MS);

    const row = userRow(link.userId);
    expect(row).toMatchObject({ role: "assessor", name: "Priya Patel", email: input.email, organisation: "National Composites Centre", country: "GB", passwordHash: null });
    expect(row.expertise).toEqual(["batteries", "additive-manufacturing"]);

    const token = tokenOf(link.path);
    const stored = getDb().select().from(passwordTokens).where(eq(passwordTokens.userId, link.userId)).all();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it("creates a manager account without expertise", async () => {
    const link = expectOk(await createPerson(manager, person({ role: "manager", expertise: ["batteries"] })));
    expect(userRow(link.userId)).toMatchObject({ role: "manager", expertise: [] });
  });

  it("refuses an email already in use, an assessor without expertise, an unknown country or domain, and a bidder role", async () => {
    const taken = expectFailure(await createPerson(manager, person({ email: bidder.email.toUpperCase() })), "invalid");
    expect(taken.fieldErrors).toEqual({ email: "An account with this email address already exists" });

    const result = expectFailure(await createPerson(manager, person({ expertise: [], country: "XX", name: "" })), "invalid");
    expect(result.fieldErrors).toMatchObject({
      name: "Enter their full name",
      country: "Select a country from the list",
      expertise: "Select at least one technology domain the assessor is expert in",
    });
    expectFailure(await createPerson(manager, person({ expertise: ["not-a-domain"] })), "invalid");
    const role = expectFailure(await createPerson(manager, person({ role: "bidder" })), "invalid");
    expect(role.fieldErrors?.role).toBeDefined();
  });

  it("lists staff with the state of their account", async () => {
    const link = expectOk(await createPerson(manager, person({ name: "Listed Person" })));
    const staff = expectFound(await listStaff(manager));
    expect(staff.find((s) => s.id === link.userId)).toMatchObject({ name: "Listed Person", state: "link-pending" });
    expect(staff.find((s) => s.id === manager.id)).toMatchObject({ state: "active" });
    expect(staff.find((s) => s.id === bidder.id)).toBeUndefined();
    expect(JSON.stringify(staff)).not.toMatch(/scrypt\$/);
  });
});

describe("setting a password with the link", () => {
  it("sets the password once, and the link cannot be used again", async () => {
    const link = expectOk(await createPerson(manager, person()));
    const token = tokenOf(link.path);
    expect(await passwordLinkState(token)).toMatchObject({ state: "valid", name: "Priya Patel" });

    const mismatch = expectFailure(await setPasswordWithToken({ token, password: "a-long-password", confirmPassword: "different-one" }), "invalid");
    expect(mismatch.fieldErrors).toEqual({ confirmPassword: "Passwords do not match" });
    const short = expectFailure(await setPasswordWithToken({ token, password: "short", confirmPassword: "short" }), "invalid");
    expect(short.fieldErrors?.password).toBe("Password must be at least 10 characters");

    expectOk(await setPasswordWithToken({ token, password: "a-long-password", confirmPassword: "a-long-password" }));
    expect(await verifyPassword("a-long-password", userRow(link.userId).passwordHash)).toBe(true);
    expect(await passwordLinkState(token)).toEqual({ state: "used" });
    expectFailure(await setPasswordWithToken({ token, password: "another-password", confirmPassword: "another-password" }), "closed");
    expect(await verifyPassword("a-long-password", userRow(link.userId).passwordHash)).toBe(true);
  });

  it("refuses an expired link and an unknown one", async () => {
    const created = new Date(Date.now() - 8 * DAY_MS);
    const link = expectOk(await createPerson(manager, person(), created));
    const token = tokenOf(link.path);
    expect(await passwordLinkState(token)).toEqual({ state: "expired" });
    expectFailure(await setPasswordWithToken({ token, password: "a-long-password", confirmPassword: "a-long-password" }), "closed");
    expect(userRow(link.userId).passwordHash).toBeNull();
    expect(await passwordLinkState("not-a-real-token")).toEqual({ state: "invalid" });
    expectFailure(await setPasswordWithToken({ token: "not-a-real-token", password: "a-long-password", confirmPassword: "a-long-password" }), "not_found");
  });

  it("issues a new link that replaces the old one, for staff only", async () => {
    const first = expectOk(await createPerson(manager, person()));
    const second = expectOk(await issuePasswordLink(manager, { userId: first.userId }));
    expect(second.path).not.toBe(first.path);
    expect((await passwordLinkState(tokenOf(first.path))).state).toBe("expired");
    expect((await passwordLinkState(tokenOf(second.path))).state).toBe("valid");
    expectFailure(await issuePasswordLink(manager, { userId: bidder.id }), "not_found");
  });

  it("refuses a link for an account whose owner has set a password, so no manager can take it over", async () => {
    const colleague = await makeUser("manager");
    const refused = expectFailure(await issuePasswordLink(manager, { userId: colleague.id }), "invalid");
    expect(refused.message).toContain("has already set a password");
    expect(getDb().select().from(passwordTokens).where(eq(passwordTokens.userId, colleague.id)).all()).toEqual([]);
  });
});
