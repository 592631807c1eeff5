import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema>;

interface Connection {
  sqlite: Database.Database;
  db: Db;
  file: string;
}

// One connection per process (and per DATABASE_PATH, so tests can point at a temp file).
const globalForDb = globalThis as unknown as { tandemDb?: Connection };

export function databasePath(): string {
  return path.resolve(process.env.DATABASE_PATH ?? path.join("data", "tandem.db"));
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

function open(file: string): Connection {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return { sqlite, db, file };
}

/** The database, opened and migrated on first use. */
export function getDb(): Db {
  const file = databasePath();
  const current = globalForDb.tandemDb;
  if (current && current.file === file) return current.db;
  current?.sqlite.close();
  globalForDb.tandemDb = open(file);
  return globalForDb.tandemDb.db;
}

/** The raw better-sqlite3 connection behind getDb(); only db/ (transactions, seed) uses it. */
export function getSqlite(): Database.Database {
  getDb();
  return globalForDb.tandemDb!.sqlite;
}

export function closeDb(): void {
  globalForDb.tandemDb?.sqlite.close();
  globalForDb.tandemDb = undefined;
}
