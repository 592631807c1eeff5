import { AsyncLocalStorage } from "node:async_hooks";
import { getDb, getSqlite, type Db } from "./client";

/**
 * What a transaction callback receives. On SQLite it is the one drizzle database (the
 * transaction lives on the connection); a PostgreSQL driver would pass drizzle's `tx` here,
 * and `transaction(fn)` would become `db.transaction(fn)`. Code that writes inside a
 * transaction must use `tx`, never `getDb()`, so that swap stays a driver change.
 */
export type Tx = Db;

/**
 * Runs `fn` as one SQLite transaction: all its writes commit together or none do.
 *
 * Why not better-sqlite3's own `db.transaction()`: it is synchronous and commits as soon as the
 * callback returns, so an async callback would commit at its first `await`. Instead:
 * - one async mutex (a promise chain) lets one transaction at a time run on the process's one
 *   connection, across its awaits;
 * - `BEGIN IMMEDIATE` takes the write lock at the start (no deadlock-prone lock upgrade later),
 *   then `COMMIT`, or `ROLLBACK` when `fn` throws (the error is rethrown);
 * - AsyncLocalStorage remembers the open transaction, so a nested `transaction()` call joins it
 *   (as a SAVEPOINT, so a nested failure that the outer code catches undoes only its own part).
 *
 * THE RULE: every write goes through `transaction()`. A statement run on the connection while
 * another request's transaction is open (awaiting) would silently become part of it, and commit
 * or roll back with it. Reads outside a transaction do not wait for the mutex; they may see the
 * open transaction's uncommitted rows, so read-then-write logic belongs inside the transaction.
 */
export async function transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const open = storage.getStore();
  if (open) return savepoint(open, fn);
  return inTurn(fn, false);
}

interface OpenTransaction {
  tx: Tx;
  savepoints: number;
  /** A readTransaction: a nested transaction() would write into a read, so it is refused. */
  readOnly: boolean;
}

const storage = new AsyncLocalStorage<OpenTransaction>();
let queue: Promise<void> = Promise.resolve();

/**
 * Runs `fn` as one transaction once every transaction queued before it has finished, whether it
 * committed or rolled back. A write takes the write lock at the start (BEGIN IMMEDIATE); a read
 * is deferred: in WAL mode its snapshot is fixed at its first read, and other processes (a
 * backup) are not locked out.
 */
function inTurn<T>(fn: (tx: Tx) => Promise<T>, readOnly: boolean): Promise<T> {
  const run = queue.then(() => begin(fn, readOnly));
  queue = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

async function begin<T>(fn: (tx: Tx) => Promise<T>, readOnly: boolean): Promise<T> {
  const tx = getDb();
  const sqlite = getSqlite();
  sqlite.exec(readOnly ? "BEGIN" : "BEGIN IMMEDIATE");
  try {
    const result = await storage.run({ tx, savepoints: 0, readOnly }, () => fn(tx));
    sqlite.exec("COMMIT");
    return result;
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
    throw error;
  }
}

async function savepoint<T>(open: OpenTransaction, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (open.readOnly) throw new Error("transaction() inside a readTransaction(): a read must not write");
  const sqlite = getSqlite();
  const name = `tandem_sp_${++open.savepoints}`;
  sqlite.exec(`SAVEPOINT ${name}`);
  try {
    const result = await fn(open.tx);
    sqlite.exec(`RELEASE ${name}`);
    return result;
  } catch (error) {
    if (sqlite.inTransaction) {
      sqlite.exec(`ROLLBACK TO ${name}`);
      sqlite.exec(`RELEASE ${name}`);
    }
    throw error;
  }
}

/**
 * Runs `read` (awaited drizzle reads) as one read transaction: everything it reads is one
 * committed state of the database. It takes its turn on the same mutex as transaction(), so no
 * other request's transaction is open on the connection while it reads (their rows may still roll
 * back) and none can begin half-way; other requests' plain reads may run meanwhile. Inside a
 * transaction() it returns null without reading: that transaction's own rows are not committed.
 * What it is for: a result computed from what it read may be remembered and shared with other
 * requests under the version it read (lib/server/manage/ranking-memo.ts). On PostgreSQL this is
 * a REPEATABLE READ, READ ONLY transaction on its own connection.
 */
export async function readTransaction<T>(read: (db: Tx) => Promise<T>): Promise<T | null> {
  if (storage.getStore()) return null;
  return inTurn(read, true);
}

/** True inside a `transaction()` callback (for assertions in code that must run inside one). */
export function inTransaction(): boolean {
  return storage.getStore() !== undefined;
}
