/**
 * `npm run backup` under write load and `npm run restore` (issue 11), on real SQLite files.
 * While this process keeps writing (each transaction adds an audit row and sets a call's budget to
 * the number of those rows), scripts/backup.mjs copies the live database. The copy must be one
 * consistent snapshot (the budget equals the row count in it) taken during the load; restoring it
 * into another location gives exactly the backup's data; restore refuses while a server runs.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, calls } from "@/db/schema";
import { transaction } from "@/db/transaction";
import { makeCall, makeUser, setupTempDatabase } from "../support/temp-db";

const database = setupTempDatabase();

function runScript(script: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number; out: string }>((resolve) => {
    const child = spawn("node", [script, ...args], { env: { ...process.env, ...env }, cwd: process.cwd() });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (code) => resolve({ code: code ?? 1, out }));
  });
}

function dump(file: string) {
  const db = new Database(file, { readonly: true });
  const tables = (db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[]).map((t) => t.name);
  const out = Object.fromEntries(tables.map((t) => [t, db.prepare(`select * from "${t}" order by rowid`).all()]));
  db.close();
  return out;
}

describe("backup and restore", () => {
  it("takes a consistent backup while the app writes, and restores exactly it", async () => {
    const manager = await makeUser("manager");
    const callId = makeCall({ budget: 0 }).id;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-backup-"));
    const backupFile = path.join(dir, "backup.db");

    let writes = 0;
    let stop = false;
    const load = (async () => {
      while (!stop) {
        await transaction(async (tx) => {
          await tx.insert(auditLog).values({ at: new Date(), actorId: manager.id, action: "call.updated", callId, detail: { changes: {} } });
          await tx.update(calls).set({ budget: sql`${calls.budget} + 1` }).where(eq(calls.id, callId));
        });
        writes++;
        await new Promise((r) => setImmediate(r));
      }
    })();

    await new Promise((r) => setTimeout(r, 200));
    const atStart = writes;
    const backup = await runScript("scripts/backup.mjs", [backupFile], { DATABASE_PATH: database.file });
    const atEnd = writes;
    await new Promise((r) => setTimeout(r, 100));
    stop = true;
    await load;
    expect(backup.code, backup.out).toBe(0);
    expect(atEnd).toBeGreaterThan(atStart); // the app kept writing while the backup ran

    const copy = new Database(backupFile, { readonly: true });
    const budget = (copy.prepare("select budget from calls where id = ?").get(callId) as { budget: number }).budget;
    const rows = (copy.prepare("select count(*) as n from audit_log where call_id = ? and action = 'call.updated'").get(callId) as { n: number }).n;
    copy.close();
    expect(budget).toBe(rows); // one consistent snapshot, never half a transaction
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThanOrEqual(writes);

    // Restore into a fresh location: the data is the backup's, row for row.
    const target = path.join(dir, "restored", "tandem.db");
    const restore = await runScript("scripts/restore.mjs", [backupFile], { DATABASE_PATH: target });
    expect(restore.code, restore.out).toBe(0);
    expect(dump(target)).toEqual(dump(backupFile));
    // The live database has moved on since.
    const live = getDb().select({ budget: calls.budget }).from(calls).where(eq(calls.id, callId)).get()!;
    expect(live.budget).toBe(writes);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("refuses to restore while a server is running on the database, and refuses a file that is not a Tandem backup", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-restore-"));
    const target = path.join(dir, "tandem.db");
    const backupFile = path.join(dir, "backup.db");
    expect((await runScript("scripts/backup.mjs", [backupFile], { DATABASE_PATH: database.file })).code).toBe(0);
    // A live process (this one) named in the server's pid file.
    fs.writeFileSync(`${target}.server-pid`, String(process.pid));
    const refused = await runScript("scripts/restore.mjs", [backupFile], { DATABASE_PATH: target });
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/server is running/);
    expect(fs.existsSync(target)).toBe(false);
    fs.rmSync(`${target}.server-pid`);

    const notTandem = path.join(dir, "other.db");
    new Database(notTandem).exec("create table t (x)");
    const wrong = await runScript("scripts/restore.mjs", [notTandem], { DATABASE_PATH: target });
    expect(wrong.code).toBe(1);
    expect(wrong.out).toMatch(/not a Tandem database/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
