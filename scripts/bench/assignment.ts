/**
 * Assignment on the 5,000-proposal call: the app's automatic assignment (the min-cost flow as a
 * background job, end to end) of 5,000 × 3 from 500 assessors from an empty start, with its
 * objective (expertise matches) beside the LP optimum that HiGHS finds independently; the assignments board and its suggestions route
 * served by the production server.
 */
import { loadavg } from "node:os";
import { getSqlite } from "../../db/client";
import type { AssignmentAssessor, AssignmentProposal } from "../../lib/domain/assignment";
import { optimalAssign } from "../../lib/domain/assignment-lp";
import { waitForJob } from "../../lib/server/jobs";
import { startAutoAssign, type AutoAssignReport } from "../../lib/server/manage/assignments";
import { solveSparseModel } from "../../lib/server/solver/highs";
import { findActorById } from "../../lib/server/users";
import { findDomain } from "../../lib/domain/report/technology-domains";
import { memoryRow, pageFigure, servedPage } from "./support/pages";
import { defineBench, ms, type BenchRow } from "./support/types";

export function assignmentInputs(callId: number): { proposals: AssignmentProposal[]; assessors: AssignmentAssessor[] } {
  const sqlite = getSqlite();
  const proposals = (
    sqlite
      .prepare(
        `SELECT id, json_extract(answers, '$.project.domainId') AS domainId, json_extract(answers, '$.consortium.leadName') AS lead,
                (SELECT json_group_array(json_extract(value, '$.organisation')) FROM json_each(answers, '$.consortium.partners')) AS partners
         FROM proposals WHERE call_id = ? AND status = 'submitted' ORDER BY id`,
      )
      .all(callId) as { id: number; domainId: string | null; lead: string | null; partners: string }[]
  ).map((p) => ({ id: p.id, domainId: p.domainId, organisations: [p.lead ?? "", ...(JSON.parse(p.partners) as string[])].filter((o) => o.trim() !== "") }));
  const assessors = (sqlite.prepare("SELECT id, organisation, expertise FROM users WHERE role = 'assessor' ORDER BY id").all() as { id: number; organisation: string; expertise: string }[]).map(
    (a) => ({ id: a.id, organisation: a.organisation, expertise: JSON.parse(a.expertise) as string[] }),
  );
  return { proposals, assessors };
}

/** Domain matches, theme matches and the load spread of a set of assignments. */
export function assignmentQuality(input: { proposals: AssignmentProposal[]; assessors: AssignmentAssessor[] }, pairs: { proposalId: number; assessorId: number }[]) {
  const proposal = new Map(input.proposals.map((p) => [p.id, p]));
  const assessor = new Map(input.assessors.map((a) => [a.id, a]));
  const load = new Map(input.assessors.map((a) => [a.id, 0]));
  let domain = 0;
  let theme = 0;
  for (const { proposalId, assessorId } of pairs) {
    const p = proposal.get(proposalId)!;
    const a = assessor.get(assessorId)!;
    load.set(assessorId, load.get(assessorId)! + 1);
    const pTheme = findDomain(p.domainId)?.theme;
    if (p.domainId && a.expertise.includes(p.domainId)) domain++;
    else if (pTheme && a.expertise.some((d) => findDomain(d)?.theme === pTheme)) theme++;
  }
  const loads = [...load.values()];
  return { domain, theme, spread: Math.max(...loads) - Math.min(...loads) };
}

/**
 * A copy of the closed call's submitted proposals in a new closed call with no assignments, so
 * that the app's "Assign automatically" has all 5,000 × 3 places to fill (the large call itself
 * is fully assigned). Same pool: the agency's assessors (no invitations on the copy).
 */
function unassignedCopy(callId: number): number {
  const sqlite = getSqlite();
  const columns = (sqlite.prepare("SELECT name FROM pragma_table_info('calls')").all() as { name: string }[]).map((c) => c.name).filter((c) => c !== "id" && c !== "title");
  const list = columns.map((c) => `"${c}"`).join(", ");
  const copy = (sqlite.prepare(`INSERT INTO calls (title, ${list}) SELECT title || ' (automatic assignment bench)', ${list} FROM calls WHERE id = ? RETURNING id`).get(callId) as { id: number }).id;
  sqlite
    .prepare(
      "INSERT INTO proposals (call_id, owner_id, status, answers, version, submitted_at, updated_at) SELECT ?, owner_id, status, answers, version, submitted_at, updated_at FROM proposals WHERE call_id = ? AND status = 'submitted' ORDER BY id",
    )
    .run(copy, callId);
  return copy;
}

const GOAL = "≤ 1 % from the optimum, ≤ 5 s, spread ≤ 1";

export default defineBench({
  name: "assignment",
  order: 70,
  async run(ctx) {
    const call = await ctx.largeCall();
    const sqlMs = await ctx.rawSqlMs();
    const rows: BenchRow[] = [];

    // The app's automatic assignment, end to end: the manager's action starts the background job
    // (worker thread: network simplex with the reduced-cost check), which writes 15,000 assignments
    // and their audit entries.
    const copyId = unassignedCopy(call.closedCallId);
    const input = assignmentInputs(copyId);
    const required = call.size.assessorsPerProposal;
    const size = `${input.proposals.length} × ${required} from ${input.assessors.length}`;
    const manager = (await findActorById(call.manager.id))!;
    const load = () => `load ${loadavg()[0]!.toFixed(2)}`;
    let started = performance.now();
    const { jobId } = await startAutoAssign(manager, { callId: copyId });
    const job = await waitForJob(jobId);
    const appMs = performance.now() - started;
    const appLoad = load();
    if (job?.status !== "done") throw new Error(`automatic assignment failed: ${job?.error}`);
    const report = job.result as AutoAssignReport;
    const written = getSqlite().prepare("SELECT a.proposal_id AS proposalId, a.assessor_id AS assessorId FROM assignments a JOIN proposals p ON p.id = a.proposal_id WHERE p.call_id = ?").all(copyId) as { proposalId: number; assessorId: number }[];
    const w = assignmentQuality(input, written);

    // The optimum, in this process, from the same input: the HiGHS LP (the reference for the gap).
    started = performance.now();
    const optimal = await optimalAssign({ ...input, existing: [], conflicts: [], required }, (model, options) => solveSparseModel(model, options));
    const optimalMs = performance.now() - started;
    const o = assignmentQuality(input, optimal.added);
    const gapPct = ((o.domain - w.domain) / Math.max(1, o.domain)) * 100;
    rows.push(
      {
        what: `automatic assignment, the app (min-cost flow job, worker, writes + audit), ${size}`,
        figure: `${ms(appMs)} wall (${appLoad}; solve in the worker ${report.seconds.toFixed(1)} s); ${w.domain} domain + ${w.theme} theme matches, ${(gapPct).toFixed(2)} % from the optimum; spread ${w.spread}; ${written.length} written, ${report.short.length} short`,
        limit: `LP optimum (HiGHS) ${o.domain} domain + ${o.theme} theme (in-process solve ${ms(optimalMs)}, ${load()})`,
        goal: GOAL,
        met: gapPct <= 1 && appMs <= 5000 && w.spread <= 1,
      },
    );

    const server = await ctx.server();
    const cookie = await server.signIn(call.manager.email, call.password);
    const board = await servedPage(server, cookie, "assignments board, served", `/manage/calls/${call.closedCallId}/assignments`, sqlMs, 3, 45_000);
    rows.push(board.row, memoryRow("serving the assignments board", board.peakMiB));
    const url = `/manage/calls/${call.closedCallId}/assignments/suggestions?proposalId=${call.sampleProposalId}&q=`;
    await server.get(url, cookie, { timeoutMs: 30_000 });
    const times: number[] = [];
    let last = await server.get(url, cookie, { timeoutMs: 30_000, keepBody: true });
    for (let i = 0; i < 5; i++) {
      last = await server.get(url, cookie, { timeoutMs: 30_000, keepBody: true });
      times.push(last.totalMs);
    }
    times.sort((x, y) => x - y);
    const median = times[2]!;
    rows.push({
      what: "assessor suggestions for one proposal, served (median of 5)",
      figure: last.status === 200 ? `${ms(median)}; ${pageFigure(last)}` : `HTTP ${last.status}`,
      limit: `raw SQL ${ms(sqlMs)}`,
      goal: `≤ 1× (${ms(sqlMs)})`,
      met: last.status === 200 && median <= sqlMs,
    });
    return rows;
  },
});
