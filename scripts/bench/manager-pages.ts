/** The call overview and one proposal's drill-down, served by the production server. */
import { memoryRow, servedPage } from "./support/pages";
import { defineBench } from "./support/types";

export default defineBench({
  name: "manager-pages",
  order: 30,
  async run(ctx) {
    const call = await ctx.largeCall();
    const sqlMs = await ctx.rawSqlMs();
    const server = await ctx.server();
    const cookie = await server.signIn(call.manager.email, call.password);
    const overview = await servedPage(server, cookie, "call overview, served", `/manage/calls/${call.closedCallId}`, sqlMs, 1);
    const drill = await servedPage(server, cookie, "one proposal's drill-down, served", `/manage/calls/${call.closedCallId}/proposals/${call.sampleProposalId}`, sqlMs, 1);
    return [overview.row, drill.row, memoryRow("serving the overview", Math.max(overview.peakMiB, drill.peakMiB))];
  },
});
