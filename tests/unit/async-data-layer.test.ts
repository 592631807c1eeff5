/**
 * The README's "Async data layer" convention, checked on the source: outside db/, the app's code
 * reaches SQLite only through awaited drizzle queries, so a PostgreSQL driver is a swap in db/.
 * better-sqlite3's connection (getSqlite) and drizzle's synchronous executors (`.all()`, `.get()`,
 * `.run()`, which the PostgreSQL query builder does not have) stay in db/ (tests may use them to
 * inspect rows).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = process.cwd();

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return /\.(ts|tsx|mts|mjs)$/.test(entry.name) ? [relative] : [];
  });
}

/** Not a database call: HiGHS's solver object has a run() of its own. */
const NOT_DATABASE = new Map([["lib/server/solver/highs.ts", /solver\.run\(\)/g]]);

describe("the async data layer", () => {
  const files = ["lib", "app", "components"].flatMap(sourceFiles);

  it("reads the source of the app's code", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain(path.join("lib", "server", "manage", "ranking-memo.ts"));
  });

  it("keeps better-sqlite3 and drizzle's synchronous executors inside db/", () => {
    const offences: string[] = [];
    for (const file of files) {
      let text = fs.readFileSync(path.join(root, file), "utf8");
      const allowed = NOT_DATABASE.get(file.split(path.sep).join("/"));
      if (allowed) text = text.replace(allowed, "");
      text.split("\n").forEach((line, i) => {
        if (/from ["']better-sqlite3["']|\bgetSqlite\b|\.(all|get|run)\(\)/.test(line)) offences.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offences).toEqual([]);
  });
});
