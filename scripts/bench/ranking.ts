/**
 * The ranking of the 5,000-proposal call: the raw SQL aggregate (the limit), the app's ranking
 * data computed in-process, and the ranking page and CSV served by the production server. The
 * app remembers a call's ranking until its data changes (lib/server/manage/ranking-memo.ts), so
 * the page and the in-process figure are also measured on the first view after a score changes.
 */
import { getSqlite } from "../../db/client";
import { getCallRanking } from "../../lib/server/manage/ranking";
import type { RankingFilters } from "../../lib/validation/manage";
import { rawRankingAggregate } from "./support/raw-sql";
import { memoryRow, pageRow, servedPage } from "./support/pages";
import type { BenchServer } from "./support/server";
import { defineBench, medianMs, mib, ms, type BenchRow } from "./support/types";

const NO_FILTERS: RankingFilters = { theme: undefined, domain: undefined, country: undefined, rdCategory: undefined, fit: undefined };

/**
 * An assessor changes one score of the call (a counted assessment's first criterion, between 5
 * and 6), as saving the form would: the triggers raise the call's data version, so whatever the
 * app remembers of the ranking is stale and the next view ranks the call again.
 */
export function changeOneScore(callId: number): void {
  const sqlite = getSqlite();
  const row = sqlite
    .prepare(
      `SELECT a.id AS id, a."values" AS "values" FROM assessments a JOIN assignments g ON g.id = a.assignment_id JOIN proposals p ON p.id = g.proposal_id
       WHERE p.call_id = ? AND p.status = 'submitted' AND a.status = 'submitted' AND g.removed_at IS NULL ORDER BY a.id LIMIT 1`,
    )
    .get(callId) as { id: number; values: string };
  const values = JSON.parse(row.values) as { scores: Record<string, string> };
  const key = Object.keys(values.scores)[0]!;
  values.scores[key] = values.scores[key] === "5" ? "6" : "5";
  sqlite.prepare(`UPDATE assessments SET "values" = ? WHERE id = ?`).run(JSON.stringify(values), row.id);
}

/** A page served once right after a score change (the server is warm; its remembered ranking is not). */
export async function servedAfterChange(
  server: BenchServer,
  cookie: string,
  callId: number,
  what: string,
  pathname: string,
  limitMs: number,
  factor: number,
): Promise<{ row: BenchRow; peakMiB: number }> {
  changeOneScore(callId);
  server.resetPeak();
  const fetched = await server.get(pathname, cookie, { timeoutMs: 90_000 });
  return { peakMiB: server.peakMiB(), row: pageRow(what, fetched, limitMs, factor) };
}

export default defineBench({
  name: "ranking",
  order: 20,
  async run(ctx) {
    const call = await ctx.largeCall();
    const sqlMs = await ctx.rawSqlMs();
    const rows = rawRankingAggregate(call.closedCallId);
    const rank = async () => {
      const result = await getCallRanking(call.manager, call.closedCallId, NO_FILTERS);
      if (!result) throw new Error("getCallRanking refused the manager");
    };
    const appMs = await medianMs(3, rank);
    const coldMs = await medianMs(3, async () => {
      changeOneScore(call.closedCallId);
      await rank();
    });

    const server = await ctx.server();
    const cookie = await server.signIn(call.manager.email, call.password);
    const path = `/manage/calls/${call.closedCallId}/ranking`;
    const page = await servedPage(server, cookie, "ranking page, served", path, sqlMs, 2);
    const cold = await servedAfterChange(server, cookie, call.closedCallId, "ranking page, served, first view after a score change", path, sqlMs, 2);
    const csv = await servedPage(server, cookie, "ranking CSV, served", `/manage/calls/${call.closedCallId}/export/ranking.csv`, sqlMs, 2);
    return [
      { what: `raw SQL ranking aggregate (${rows.length} rows)`, figure: ms(sqlMs), limit: "(the limit)", goal: "—" },
      { what: "app's ranking data, in-process", figure: ms(appMs), limit: `raw SQL ${ms(sqlMs)}`, goal: `≤ 2× (${ms(2 * sqlMs)})`, met: appMs <= 2 * sqlMs },
      {
        what: "app's ranking data, in-process, after a score change",
        figure: ms(coldMs),
        limit: `raw SQL ${ms(sqlMs)}`,
        goal: `≤ 2× (${ms(2 * sqlMs)})`,
        met: coldMs <= 2 * sqlMs,
      },
      page.row,
      { what: "ranking page, first byte", figure: ms(page.fetched.ttfbMs), limit: `raw SQL ${ms(sqlMs)}`, goal: `≤ 1× (${ms(sqlMs)})`, met: page.fetched.ttfbMs <= sqlMs },
      cold.row,
      { ...csv.row, figure: `${csv.row.figure}`, what: `ranking CSV, served (${mib(csv.fetched.bytes)})` },
      memoryRow("serving the ranking page", Math.max(page.peakMiB, cold.peakMiB)),
    ];
  },
});
