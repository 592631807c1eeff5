/**
 * `npm run bench`: builds a closed call of 5,000 proposals in a temporary SQLite file, serves it
 * with the production build, and prints each figure beside the limit of the stack measured in the
 * same run and the goal (issue 12). `npm run bench -- NAME...` runs only the named entries.
 *
 * Adding a figure: create scripts/bench/<name>.ts with
 *   export default defineBench({ name: "<name>", async run(ctx) { return [{ what, figure, limit, goal, met }]; } });
 * (see scripts/bench/support/types.ts). The runner finds every file in scripts/bench/ by itself.
 */
import fs from "node:fs";
import path from "node:path";
import { buildLargeCall, removeLargeCall, type LargeCall } from "./bench/support/large-call";
import { rawRankingAggregate } from "./bench/support/raw-sql";
import { startServer, type BenchServer } from "./bench/support/server";
import { medianMs, type BenchContext, type BenchEntry, type BenchRow } from "./bench/support/types";

async function loadEntries(only: string[]): Promise<BenchEntry[]> {
  const dir = path.join(__dirname, "bench");
  // A scratch probe (`*.tmp.ts`) is run by hand with tsx, never as an entry.
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".tmp.ts")).sort();
  const entries: BenchEntry[] = [];
  for (const file of files) {
    const loaded = (await import(path.join(dir, file))) as { default?: BenchEntry | { default?: BenchEntry } };
    const entry = (loaded.default && "default" in loaded.default ? loaded.default.default : loaded.default) as BenchEntry | undefined;
    if (!entry?.run) throw new Error(`scripts/bench/${file} has no default export made with defineBench()`);
    if (only.length === 0 || only.includes(entry.name)) entries.push(entry);
  }
  return entries.sort((a, b) => (a.order ?? 50) - (b.order ?? 50) || a.name.localeCompare(b.name));
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | null = null;
  return () => (value ??= make());
}

function printTable(rows: (BenchRow & { entry: string })[]): void {
  const head = ["entry", "what", "figure", "limit (same run)", "goal", ""];
  const cells = rows.map((r) => [r.entry, r.what, r.figure, r.limit ?? "—", r.goal ?? "—", r.met === true ? "ok" : r.met === false ? "MISSED" : ""]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i]!)).join(" | ")} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const c of cells) console.log(line(c));
}

async function main() {
  const only = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  const entries = await loadEntries(only);
  const notes: string[] = [];
  let call: LargeCall | null = null;
  let server: BenchServer | null = null;

  const largeCall = once(async () => {
    call = await buildLargeCall();
    notes.push(
      `Large call: ${call.size.proposals} submitted proposals × ${call.size.assessorsPerProposal} submitted assessments, ${call.size.assessors} assessors; answers ${(call.answersBytes / 2 ** 20).toFixed(1)} MiB, assessment values ${(call.valuesBytes / 2 ** 20).toFixed(1)} MiB; built in ${call.buildSeconds.toFixed(1)} s.`,
    );
    return call;
  });
  const ctx: BenchContext = {
    largeCall,
    server: once(async () => {
      const c = await largeCall();
      server = await startServer(c.file);
      return server;
    }),
    rawSqlMs: once(async () => {
      const c = await largeCall();
      return medianMs(5, () => rawRankingAggregate(c.closedCallId));
    }),
    note: (text) => notes.push(text),
  };

  const rows: (BenchRow & { entry: string })[] = [];
  const started = performance.now();
  try {
    for (const entry of entries) {
      const t = performance.now();
      process.stdout.write(`bench: ${entry.name}… `);
      try {
        const got = await entry.run(ctx);
        for (const row of got) rows.push({ entry: entry.name, ...row });
        console.log(`${((performance.now() - t) / 1000).toFixed(1)} s`);
        // Printed as they come too, so an interrupted run keeps what it measured.
        for (const row of got) console.log(`  ${row.what}: ${row.figure}${row.limit ? ` | limit ${row.limit}` : ""}${row.goal ? ` | goal ${row.goal}` : ""}`);
      } catch (error) {
        console.log("failed");
        console.error(error);
        rows.push({ entry: entry.name, what: "(failed)", figure: error instanceof Error ? error.message.slice(0, 80) : String(error), met: false });
      }
    }
  } finally {
    await (server as BenchServer | null)?.stop();
    if (call) removeLargeCall(call);
  }
  console.log();
  printTable(rows);
  for (const n of notes) console.log(`\n${n}`);
  console.log(`\nWhole run: ${((performance.now() - started) / 1000).toFixed(0)} s on ${(await import("node:os")).cpus().length} cores.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
