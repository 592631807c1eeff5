import type { LargeCall } from "./large-call";
import type { BenchServer } from "./server";

/** One line of the bench table: a figure beside the limit measured in the same run, and the goal. */
export interface BenchRow {
  what: string;
  figure: string;
  /** What the stack can do at best, measured in the same run (or "—"). */
  limit?: string;
  goal?: string;
  /** Whether the figure meets the goal; null when there is no pass/fail goal. */
  met?: boolean | null;
}

export interface BenchContext {
  /** The 5,000-proposal call in a temporary SQLite file (built once, on first use). */
  largeCall(): Promise<LargeCall>;
  /** Tandem's server (scripts/server.mjs) on the current build, pointed at the large call's file (started once). */
  server(): Promise<BenchServer>;
  /** Median milliseconds of the raw SQL ranking aggregate over the large call (the limit of several figures). */
  rawSqlMs(): Promise<number>;
  /** Notes printed under the table. */
  note(text: string): void;
}

/**
 * A bench entry: one file under scripts/bench/ whose default export is `defineBench({...})`.
 * The runner (scripts/bench.ts) finds it by itself; `npm run bench -- NAME...` runs only some.
 */
export interface BenchEntry {
  name: string;
  /** Entries run in ascending order (default 50), then by name. */
  order?: number;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}

export const defineBench = (entry: BenchEntry): BenchEntry => entry;

/** Median wall time in ms of `runs` calls (after one warm-up call). */
export async function medianMs(runs: number, fn: () => unknown): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export const ms = (n: number): string => (n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`);
export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
export const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;
