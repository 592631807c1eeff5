/**
 * The portfolio screens' reads on the 5,000-proposal call (issue 12, per-screen queries): the
 * scenario job's input (every ranked proposal as the optimiser sees it) and the feedback that
 * adopting a scenario pre-fills for every decision, each read the lean way
 * (lib/server/manage/portfolio-data.ts) beside the old whole-call way
 * (tests/support/portfolio-old-path.ts, kept for this comparison only) in the same run, checked
 * to give the same result; then the portfolio page served by the production server.
 */
import { getDb } from "../../db/client";
import { requireCall } from "../../lib/server/manage/call-data";
import { loadPortfolioSource, loadPrefilledFeedback } from "../../lib/server/manage/portfolio-data";
import { candidatesOf } from "../../lib/server/manage/scenarios";
import { oldPortfolioSource, oldPrefilledFeedback } from "../../tests/support/portfolio-old-path";
import { memoryRow, servedPage } from "./support/pages";
import { defineBench, medianMs, ms, type BenchRow } from "./support/types";

/** Median of 3 of each way (after a warm-up each), old first. */
async function beforeAfter(what: string, before: () => Promise<unknown>, after: () => Promise<unknown>): Promise<BenchRow> {
  const [oldMs, leanMs] = [await medianMs(3, before), await medianMs(3, after)];
  return { what, figure: `${ms(leanMs)} (${(oldMs / leanMs).toFixed(1)}× faster)`, limit: `whole-call read ${ms(oldMs)}`, goal: "faster, same result", met: leanMs < oldMs };
}

export default defineBench({
  name: "portfolio-reads",
  order: 35,
  async run(ctx) {
    const large = await ctx.largeCall();
    const db = getDb();
    const call = await requireCall(db, large.closedCallId, large.manager);

    // Same result first: a faster read that changed what a manager sees would be a bug.
    const lean = candidatesOf(await loadPortfolioSource(db, call));
    if (JSON.stringify(lean) !== JSON.stringify(candidatesOf(await oldPortfolioSource(db, call)))) throw new Error("the lean candidates differ from the whole-call read's");
    const ids = lean.map((c) => c.id);
    const feedback = await loadPrefilledFeedback(db, call, ids, large.manager);
    if (JSON.stringify([...feedback]) !== JSON.stringify([...(await oldPrefilledFeedback(db, call, ids, large.manager))])) throw new Error("the lean feedback differs from the whole-call read's");

    const rows = [
      await beforeAfter(
        `scenario job's input: ${lean.length.toLocaleString("en-GB")} candidates, in-process`,
        async () => candidatesOf(await oldPortfolioSource(db, call)),
        async () => candidatesOf(await loadPortfolioSource(db, call)),
      ),
      await beforeAfter(
        `adopting a scenario: feedback for ${ids.length.toLocaleString("en-GB")} decisions, in-process`,
        () => oldPrefilledFeedback(db, call, ids, large.manager),
        () => loadPrefilledFeedback(db, call, ids, large.manager),
      ),
    ];

    const sqlMs = await ctx.rawSqlMs();
    const server = await ctx.server();
    const cookie = await server.signIn(large.manager.email, large.password);
    const page = await servedPage(server, cookie, "portfolio page, served", `/manage/calls/${large.closedCallId}/portfolio`, sqlMs, 2);
    return [...rows, page.row, memoryRow("serving the portfolio page", page.peakMiB)];
  },
});
