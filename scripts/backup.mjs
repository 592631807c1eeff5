#!/usr/bin/env node
// `npm run backup -- <file>`: a consistent copy of the live database, taken with SQLite's online
// backup API (safe while the app is serving and writing), then checked with integrity_check.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databasePath } from "./db-files.mjs";

const target = process.argv[2];
if (!target) {
  console.error("Usage: npm run backup -- <file>");
  process.exit(2);
}
const source = databasePath();
if (!fs.existsSync(source)) {
  console.error(`No database at ${source} (set DATABASE_PATH).`);
  process.exit(1);
}
const destination = path.resolve(target);
if (fs.existsSync(destination)) {
  console.error(`${destination} already exists; choose a new file name.`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(destination), { recursive: true });

const db = new Database(source, { fileMustExist: true });
db.pragma("busy_timeout = 5000");
const started = Date.now();
try {
  // Copies pages in steps; a write by the app in between restarts the copy of changed pages,
  // so the result is one consistent snapshot.
  await db.backup(destination);
} finally {
  db.close();
}
const copy = new Database(destination, { fileMustExist: true });
const check = copy.pragma("integrity_check", { simple: true });
copy.pragma("journal_mode = DELETE");
copy.close();
if (check !== "ok") {
  console.error(`The backup failed its integrity check: ${check}`);
  process.exit(1);
}
const size = fs.statSync(destination).size;
console.log(`Backed up ${source} to ${destination} (${(size / 1024 / 1024).toFixed(1)} MiB) in ${Date.now() - started} ms.`);
