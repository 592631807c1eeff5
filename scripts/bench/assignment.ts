/**
 * Assignment on the 5,000-proposal call: the assignments board and its suggestions endpoint
 * served by the production server, and automatic assignment of 5,000 × 3 from 500 assessors from
 * an empty start, with its objective (expertise matches) beside the LP optimum.
 */
import { loadavg } from "node:os";
import { getSqlite } from "../../db/client";
import { autoAssign, type AssignmentAssessor, type AssignmentProposal } from "../../lib/domain/assignment";
import { optimalAssign } from "../../lib/domain/assignment-lp";
import { solveSparseModel } from "../../lib/server/solver/highs";
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

export default defineBench({
  name: "assignment",
  order: 70,
  async run(ctx) {
    const call = await ctx.largeCall();
    const sqlMs = await ctx.rawSqlMs();
    const input = assignmentInputs(call.closedCallId);
    const rows: BenchRow[] = [];

    const size = `${input.proposals.length} × ${call.size.assessorsPerProposal} from ${input.assessors.length}`;
    let started = performance.now();
    const greedy = autoAssign({ ...input, existing: [], conflicts: [], required: call.size.assessorsPerProposal });
    const greedyMs = performance.now() - started;
    const g = assignmentQuality(input, greedy.added);
    started = performance.now();
    const cpu = process.cpuUsage();
    const optimal = await optimalAssign({ ...input, existing: [], conflicts: [], required: call.size.assessorsPerProposal }, (model, options) =>
      solveSparseModel(model, options),
    );
    const optimalMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const optimalCpuMs = (used.user + used.system) / 1000;
    const o = assignmentQuality(input, optimal.added);
    const gap = (x: number) => `${(((o.domain - x) / Math.max(1, o.domain)) * 100).toFixed(2)} % fewer domain matches`;
    const limit = `LP optimum ${o.domain} domain + ${o.theme} theme`;
    rows.push(
      {
        what: `automatic assignment, greedy (before), ${size}`,
        figure: `${ms(greedyMs)}; ${g.domain} domain + ${g.theme} theme matches (${gap(g.domain)}); spread ${g.spread}`,
        limit,
        goal: "≤ 1 % from the optimum, ≤ 5 s, spread ≤ 1",
        met: (o.domain - g.domain) / o.domain <= 0.01 && greedyMs <= 5000 && g.spread <= 1,
      },
      {
        what: `automatic assignment, optimal LP (HiGHS), ${size}`,
        figure: `${ms(optimalMs)} (CPU ${ms(optimalCpuMs)}, load ${loadavg()[0]!.toFixed(2)}); ${optimal.stats.domainMatches} domain + ${optimal.stats.themeMatches} theme; spread ${optimal.stats.loadSpread}; ${optimal.stats.solves} solves, ${optimal.stats.columns.toLocaleString("en-GB")} of ${optimal.stats.eligiblePairs.toLocaleString("en-GB")} pairs`,
        limit,
        goal: "≤ 1 % from the optimum, ≤ 5 s, spread ≤ 1",
        met: optimalMs <= 5000 && optimal.stats.loadSpread <= 1,
      },
    );

    const server = await ctx.server();
    const cookie = await server.signIn(call.manager.email, call.password);
    const board = await servedPage(server, cookie, "assignments board, served", `/manage/calls/${call.closedCallId}/assignments`, sqlMs, 3, 45_000);
    rows.push(board.row, memoryRow("serving the assignments board", board.peakMiB));
    const suggestions = await server.get(`/manage/calls/${call.closedCallId}/assignments/suggestions?proposalId=${call.sampleProposalId}&q=`, cookie, { timeoutMs: 30_000 });
    rows.push({
      what: "assessor suggestions for one proposal, served",
      figure: suggestions.status === 404 ? "not built yet" : pageFigure(suggestions),
      limit: `raw SQL ${ms(sqlMs)}`,
      goal: `≤ 1× (${ms(sqlMs)})`,
      met: suggestions.status === 200 && suggestions.totalMs <= sqlMs,
    });
    return rows;
  },
});
