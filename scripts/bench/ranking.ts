/**
 * The ranking of the 5,000-proposal call: the raw SQL aggregate (the limit), the app's ranking
 * data computed in-process, and the ranking page and CSV served by the production server.
 */
import { getCallRanking } from "../../lib/server/manage/ranking";
import { rawRankingAggregate } from "./support/raw-sql";
import { memoryRow, servedPage } from "./support/pages";
import { defineBench, medianMs, mib, ms } from "./support/types";

export default defineBench({
  name: "ranking",
  order: 20,
  async run(ctx) {
    const call = await ctx.largeCall();
    const sqlMs = await ctx.rawSqlMs();
    const rows = rawRankingAggregate(call.closedCallId);
    const appMs = await medianMs(3, async () => {
      const result = await getCallRanking(call.manager, call.closedCallId, { theme: undefined, domain: undefined, country: undefined, rdCategory: undefined, fit: undefined });
      if (!result) throw new Error("getCallRanking refused the manager");
    });

    const server = await ctx.server();
    const cookie = await server.signIn(call.manager.email, call.password);
    const page = await servedPage(server, cookie, "ranking page, served", `/manage/calls/${call.closedCallId}/ranking`, sqlMs, 2);
    const csv = await servedPage(server, cookie, "ranking CSV, served", `/manage/calls/${call.closedCallId}/export/ranking.csv`, sqlMs, 2);
    return [
      { what: `raw SQL ranking aggregate (${rows.length} rows)`, figure: ms(sqlMs), limit: "(the limit)", goal: "—" },
      { what: "app's ranking data, in-process", figure: ms(appMs), limit: `raw SQL ${ms(sqlMs)}`, goal: `≤ 2× (${ms(2 * sqlMs)})`, met: appMs <= 2 * sqlMs },
      page.row,
      { what: "ranking page, first byte", figure: ms(page.fetched.ttfbMs), limit: `raw SQL ${ms(sqlMs)}`, goal: `≤ 1× (${ms(sqlMs)})`, met: page.fetched.ttfbMs <= sqlMs },
      { ...csv.row, figure: `${csv.row.figure}`, what: `ranking CSV, served (${mib(csv.fetched.bytes)})` },
      memoryRow("serving the ranking page", page.peakMiB),
    ];
  },
});
