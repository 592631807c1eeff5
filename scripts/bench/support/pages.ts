import type { BenchServer, Fetched } from "./server";
import { mib, ms, type BenchContext, type BenchRow } from "./types";

/** The large call, its raw SQL limit, and the production server with its manager signed in: what a served manager page is timed with. */
export async function managerSession(ctx: BenchContext) {
  const call = await ctx.largeCall();
  const sqlMs = await ctx.rawSqlMs();
  const server = await ctx.server();
  const cookie = await server.signIn(call.manager.email, call.password);
  return { call, sqlMs, server, cookie };
}

/** The figure of one page served by the production server: total time, first byte, size. */
export function pageFigure(f: Fetched): string {
  if (f.status !== 200) return f.timedOut ? `> ${ms(f.totalMs)} (cut off)` : `HTTP ${f.status}`;
  return `${ms(f.totalMs)} (first byte ${ms(f.ttfbMs)}), ${mib(f.bytes)}`;
}

/** The row of one served page: its figure beside the limit, met when it came back whole within `factor` × the limit. */
export function pageRow(what: string, fetched: Fetched, limitMs: number, factor: number): BenchRow {
  return {
    what,
    figure: pageFigure(fetched),
    limit: `raw SQL ${ms(limitMs)}`,
    goal: `≤ ${factor}× (${ms(limitMs * factor)})`,
    met: fetched.status === 200 && fetched.totalMs <= limitMs * factor,
  };
}

/**
 * Serves a page once to warm it up, then measures the second request, with the server's peak
 * memory while serving it. `factor` × the limit is the goal for the total time.
 */
export async function servedPage(
  server: BenchServer,
  cookie: string,
  what: string,
  pathname: string,
  limitMs: number,
  factor: number,
  timeoutMs = 90_000,
): Promise<{ row: BenchRow; fetched: Fetched; peakMiB: number }> {
  const warm = await server.get(pathname, cookie, { timeoutMs });
  server.resetPeak();
  const fetched = warm.timedOut ? warm : await server.get(pathname, cookie, { timeoutMs });
  const peakMiB = server.peakMiB();
  return { fetched, peakMiB, row: pageRow(what, fetched, limitMs, factor) };
}

export const memoryRow = (what: string, peakMiB: number): BenchRow => ({
  what: `server memory peak, ${what}`,
  figure: `${Math.round(peakMiB)} MiB`,
  limit: "—",
  goal: "< 400 MiB",
  met: peakMiB < 400,
});
