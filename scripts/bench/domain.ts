/**
 * The pure logic that runs on every ranking page load and every automatic assignment, on a
 * synthetic call of 2,000 proposals (no database): timings and heap use, to compare between changes.
 */
import { autoAssign } from "../../lib/domain/assignment";
import { rankProposals, type RankingProposal } from "../../lib/domain/ranking";
import { TECHNOLOGY_DOMAINS } from "../../lib/domain/report/technology-domains";
import { DEFAULT_RUBRIC, VALUE_CAPTURE_KEY, WIN_WIN_KEY } from "../../lib/domain/rubric";
import { mulberry32 } from "../../lib/domain/mulberry32";
import { defineBench, medianMs, mib, ms, type BenchRow } from "./support/types";

const PROPOSALS = 2_000;
const ASSESSORS = 150;

export default defineBench({
  name: "domain",
  order: 10,
  async run() {
    const random = mulberry32(42);
    const proposals: RankingProposal[] = Array.from({ length: PROPOSALS }, (_, i) => ({
      id: i + 1,
      title: `Proposal ${i + 1}`,
      submittedAt: new Date(2026, 0, 1, 0, i),
      grantRequested: 100_000 + Math.floor(random() * 900_000),
      submittedAssessments: 3,
      scores: [0, 1, 2].flatMap((a) => DEFAULT_RUBRIC.map((c) => ({ assessmentId: i * 3 + a, criterionKey: c.key, score: Math.floor(random() * 11) }))),
    }));
    const rows: BenchRow[] = [];
    const measure = async (what: string, fn: () => unknown) => {
      const before = process.memoryUsage().heapUsed;
      const time = await medianMs(3, fn);
      rows.push({ what, figure: `${ms(time)}, heap Δ ${mib(Math.max(0, process.memoryUsage().heapUsed - before))}` });
    };
    await measure(`rankProposals, ${PROPOSALS} × 3 × ${DEFAULT_RUBRIC.length} criteria`, () =>
      rankProposals({ criteria: DEFAULT_RUBRIC, assessorsRequired: 3, overallThreshold: 50, budget: 50_000_000, valueCaptureKey: VALUE_CAPTURE_KEY, winWinKey: WIN_WIN_KEY }, proposals),
    );
    await measure(`autoAssign (greedy), ${PROPOSALS} × 3 from ${ASSESSORS}`, () =>
      autoAssign({
        proposals: proposals.map((p) => ({ id: p.id, domainId: TECHNOLOGY_DOMAINS[p.id % TECHNOLOGY_DOMAINS.length]!.id, organisations: [`Lead ${p.id}`, `Partner ${p.id % 97}`] })),
        assessors: Array.from({ length: ASSESSORS }, (_, i) => ({ id: i + 1, organisation: `Partner ${i}`, expertise: [TECHNOLOGY_DOMAINS[i % TECHNOLOGY_DOMAINS.length]!.id] })),
        existing: [],
        conflicts: [],
        required: 3,
      }),
    );
    return rows;
  },
});
