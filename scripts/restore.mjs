#!/usr/bin/env node
// `npm run restore -- <file>`: replaces the database with a backup. Refuses while a Tandem server
// is running on the database (stop it first). The replaced database is kept beside it.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databasePath, serverRunning } from "./db-files.mjs";

const source = process.argv[2];
if (!source) {
  console.error("Usage: npm run restore -- <file>");
  process.exit(2);
}
const backup = path.resolve(source);
const target = databasePath();
if (!fs.existsSync(backup)) {
  console.error(`No backup at ${backup}.`);
  process.exit(1);
}
if (serverRunning(fs, target)) {
  console.error(`A Tandem server is running on ${target}. Stop it (SIGTERM) before restoring.`);
  process.exit(1);
}

const check = new Database(backup, { readonly: true, fileMustExist: true });
let problem = null;
try {
  const integrity = check.pragma("integrity_check", { simple: true });
  if (integrity !== "ok") problem = `it failed its integrity check (${integrity})`;
  else if (!check.prepare("select 1 from sqlite_master where name = '__drizzle_migrations'").get()) problem = "it is not a Tandem database";
} catch (error) {
  problem = `it could not be read (${error.message})`;
} finally {
  check.close();
}
if (problem) {
  console.error(`Not restoring ${backup}: ${problem}.`);
  process.exit(1);
}

fs.mkdirSync(path.dirname(target), { recursive: true });
const staging = `${target}.restoring`;
fs.copyFileSync(backup, staging);
if (fs.existsSync(target)) {
  const kept = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
  // Fold the old database's WAL in first, so the kept copy is complete on its own.
  const old = new Database(target);
  old.pragma("wal_checkpoint(TRUNCATE)");
  old.close();
  fs.renameSync(target, kept);
  console.log(`The replaced database is kept at ${kept}.`);
}
for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${target}${suffix}`, { force: true });
fs.renameSync(staging, target);
console.log(`Restored ${backup} to ${target}. Start the server again.`);
