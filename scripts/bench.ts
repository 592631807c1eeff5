/**
 * Benchmarks for the pure logic that runs on every ranking page load and every automatic
 * assignment: prints timings and heap use for a call far larger than any real one.
 * Run with `npm run bench`. Figures, not assertions: compare them between changes.
 */
import { performance } from "node:perf_hooks";
import { autoAssign } from "../lib/domain/assignment";
import { rankProposals, type RankingProposal } from "../lib/domain/ranking";
import { DEFAULT_RUBRIC, VALUE_CAPTURE_KEY, WIN_WIN_KEY } from "../lib/domain/rubric";
import { TECHNOLOGY_DOMAINS } from "../lib/domain/report/technology-domains";
import { benchPortfolio } from "./bench-portfolio";

const PROPOSALS = 2_000;
const ASSESSORS = 150;
const RUNS = 20;

function time(label: string, fn: () => unknown) {
  fn(); // warm up
  const before = process.memoryUsage().heapUsed;
  const start = performance.now();
  for (let i = 0; i < RUNS; i++) fn();
  const ms = (performance.now() - start) / RUNS;
  const heapMb = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  console.log(`${label.padEnd(44)} ${ms.toFixed(2).padStart(8)} ms/run   heap Δ ${heapMb.toFixed(1)} MB`);
}

let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

const proposals: RankingProposal[] = Array.from({ length: PROPOSALS }, (_, i) => ({
  id: i + 1,
  title: `Proposal ${i + 1}`,
  submittedAt: new Date(2026, 0, 1, 0, i),
  grantRequested: 100_000 + Math.floor(random() * 900_000),
  submittedAssessments: 3,
  scores: [0, 1, 2].flatMap((a) =>
    DEFAULT_RUBRIC.map((c) => ({ assessmentId: i * 3 + a, criterionKey: c.key, score: Math.floor(random() * 11) })),
  ),
}));

console.log(`Ranking ${PROPOSALS} proposals × 3 assessments × ${DEFAULT_RUBRIC.length} criteria; assigning ${ASSESSORS} assessors`);
time("rankProposals", () =>
  rankProposals(
    { criteria: DEFAULT_RUBRIC, assessorsRequired: 3, overallThreshold: 50, budget: 50_000_000, valueCaptureKey: VALUE_CAPTURE_KEY, winWinKey: WIN_WIN_KEY },
    proposals,
  ),
);
time("autoAssign (empty start, 3 per proposal)", () =>
  autoAssign({
    proposals: proposals.map((p) => ({ id: p.id, domainId: TECHNOLOGY_DOMAINS[p.id % TECHNOLOGY_DOMAINS.length]!.id, organisations: [`Lead ${p.id}`, `Partner ${p.id % 97}`] })),
    assessors: Array.from({ length: ASSESSORS }, (_, i) => ({ id: i + 1, organisation: `Partner ${i}`, expertise: [TECHNOLOGY_DOMAINS[i % TECHNOLOGY_DOMAINS.length]!.id] })),
    existing: [],
    conflicts: [],
    required: 3,
  }),
);

// The portfolio optimiser (issue 10): exact MIPs with HiGHS on 500 and 5,000 eligible proposals.
benchPortfolio().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
