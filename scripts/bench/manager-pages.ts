/** The call overview and one proposal's drill-down, served by the production server. */
import { managerSession, memoryRow, servedPage } from "./support/pages";
import { defineBench } from "./support/types";
import { servedAfterChange } from "./ranking";

export default defineBench({
  name: "manager-pages",
  order: 30,
  async run(ctx) {
    const { call, sqlMs, server, cookie } = await managerSession(ctx);
    const overview = await servedPage(server, cookie, "call overview, served", `/manage/calls/${call.closedCallId}`, sqlMs, 1);
    const path = `/manage/calls/${call.closedCallId}/proposals/${call.sampleProposalId}`;
    const drill = await servedPage(server, cookie, "one proposal's drill-down, served", path, sqlMs, 1);
    // The drill-down places the proposal in its call's remembered ranking; after a score change it ranks the call again.
    const cold = await servedAfterChange(server, cookie, call.closedCallId, "one proposal's drill-down, served, first view after a score change", path, sqlMs, 1);
    return [overview.row, drill.row, cold.row, memoryRow("serving the overview", Math.max(overview.peakMiB, drill.peakMiB, cold.peakMiB))];
  },
});
