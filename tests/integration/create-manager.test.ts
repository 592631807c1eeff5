/**
 * `npm run create-manager` (issue 11): the first manager of a production database, which has no
 * demo accounts. The command runs for real on an empty SQLite file; the printed one-time link then
 * sets the password through the same set-password action as the people page.
 */
import { spawn } from "node:child_process";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { verifyPassword } from "@/lib/crypto/password";
import { passwordLinkState } from "@/lib/server/manage/people";
import { findUserByEmail } from "@/lib/server/users";
import { createManager } from "../../scripts/create-manager";
import { setPasswordWithToken } from "../support/actions";
import { expectFailure, expectOk } from "../support/results";
import { makeUser, setupTempDatabase } from "../support/temp-db";

const database = setupTempDatabase();

function runCommand(args: string[]) {
  return new Promise<{ code: number; out: string }>((resolve) => {
    const child = spawn("npm", ["run", "--silent", "create-manager", "--", ...args], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_PATH: database.file, NODE_ENV: "production", AUTH_URL: "https://tandem.example.org" },
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (code) => resolve({ code: code ?? 1, out }));
  });
}

/** Runs the command's code in this process, collecting what it prints. */
async function run(args: string[], env: Record<string, string | undefined> = {}) {
  const lines: string[] = [];
  const code = await createManager(args, env, (line) => lines.push(line));
  return { code, out: lines.join("\n") };
}

const tokenIn = (out: string) => /\/set-password\/([A-Za-z0-9_-]+)/.exec(out)?.[1];

describe("npm run create-manager", () => {
  it("creates the first manager on an empty production database and prints a one-time link that sets the password", async () => {
    const { code, out } = await runCommand(["--email", "Ada@Funder.example", "--name", "Ada Lovelace", "--organisation", "Funder"]);
    expect(out).toContain("Created the manager account of Ada Lovelace <ada@funder.example>");
    expect(code).toBe(0);
    expect(out).toMatch(/https:\/\/tandem\.example\.org\/set-password\/[A-Za-z0-9_-]{40,}/);
    const token = tokenIn(out)!;

    // The database had nobody else: this is the only account, a manager with no password yet.
    const all = getDb().select().from(users).all();
    expect(all.map((u) => [u.email, u.role, u.passwordHash])).toEqual([["ada@funder.example", "manager", null]]);
    expect(await passwordLinkState(token)).toEqual({ state: "valid", name: "Ada Lovelace", email: "ada@funder.example" });

    expectOk(await setPasswordWithToken({ token, password: "a-long-first-password", confirmPassword: "a-long-first-password" }));
    const user = await findUserByEmail("ada@funder.example");
    expect(await verifyPassword("a-long-first-password", user!.passwordHash!)).toBe(true);
    // The link works once.
    expectFailure(await setPasswordWithToken({ token, password: "another-long-password", confirmPassword: "another-long-password" }), "closed");
  }, 60_000);

  it("refuses a run without the required options, naming each one, and changes nothing", async () => {
    const before = getDb().select().from(users).all().length;
    const { code, out } = await run(["--email", "not-an-email"]);
    expect(code).toBe(2);
    expect(out).toMatch(/--email: /);
    expect(out).toMatch(/--name: /);
    expect(out).toMatch(/--organisation: /);
    expect(out).toContain("Usage: npm run create-manager");
    expect((await run(["--email", "a@b.example", "--name", "A", "--organisation", "O", "--role", "assessor"])).code).toBe(2);
    expect(getDb().select().from(users).all().length).toBe(before);
  });

  it("gives a manager who has not set a password a fresh link, and the earlier one stops working", async () => {
    const args = ["--email", "grace@funder.example", "--name", "Grace Hopper", "--organisation", "Funder"];
    const first = await run(args, { PORT: "4000" });
    expect(first.code).toBe(0);
    expect(first.out).toContain("http://localhost:4000/set-password/");
    const second = await run([...args, "--url", "https://tandem.example.org/some/path"]);
    expect(second.code).toBe(0);
    expect(second.out).toContain("has not set a password yet");
    expect(second.out).toContain("https://tandem.example.org/set-password/");
    expect((await passwordLinkState(tokenIn(first.out)!)).state).toBe("expired");
    expect((await passwordLinkState(tokenIn(second.out)!)).state).toBe("valid");
    expect(getDb().select().from(users).where(eq(users.email, "grace@funder.example")).all()).toHaveLength(1);
  });

  it("refuses an email whose manager already has a password, or that belongs to another role", async () => {
    const manager = await makeUser("manager");
    const bidder = await makeUser("bidder");
    const taken = await run(["--email", manager.email, "--name", "Someone", "--organisation", "Funder"]);
    expect(taken.code).toBe(1);
    expect(taken.out).toContain("already a manager with a password");
    const other = await run(["--email", bidder.email, "--name", "Someone", "--organisation", "Funder"]);
    expect(other.code).toBe(1);
    expect(other.out).toContain("already has a bidder account");
    expect(getDb().select().from(users).where(eq(users.id, bidder.id)).get()!.role).toBe("bidder");
    expect(tokenIn(taken.out + other.out)).toBeUndefined();
  });
});
