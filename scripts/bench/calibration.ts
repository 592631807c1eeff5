/**
 * The calibration model of "How sure is this ranking?" (issue 9): the fit for 200 proposals × 3
 * assessors (in this thread) and the whole analysis for 5,000 × 3 with 500 assessors in a worker
 * thread, as the app runs it, while a small HTTP server on the main thread keeps answering
 * requests (its slowest answer during the fit shows the server is not blocked). Also reports the
 * process's peak resident memory during the fit. Targets: under 1 s for 200, under 15 s for 5,000.
 */
import http from "node:http";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { fitAdditiveModel } from "../../lib/domain/calibration/gibbs";
import { normal, seededRng } from "../../lib/domain/calibration/prng";
import type { RankingProposal } from "../../lib/domain/ranking";
import { DEFAULT_RUBRIC, VALUE_CAPTURE_KEY, WIN_WIN_KEY } from "../../lib/domain/rubric";
import { defineBench, mib, ms, type BenchRow } from "./support/types";

export default defineBench({
  name: "calibration",
  order: 80,
  async run() {
  const rows: BenchRow[] = [];

  function syntheticCall(P: number, A: number, seedValue: number) {
    const rng = seededRng(seedValue);
    const theta = Array.from({ length: P }, () => normal(rng) * 1.2);
    const lean = Array.from({ length: A }, () => normal(rng) * 0.8);
    const proposals: RankingProposal[] = [];
    const assessments: { id: number; proposalId: number; assessorId: number }[] = [];
    const y: number[] = [];
    const pOf: number[] = [];
    const aOf: number[] = [];
    let stride = 7;
    const gcd = (x: number, z: number): number => (z === 0 ? x : gcd(z, x % z));
    while (gcd(stride, A) !== 1) stride++;
    for (let p = 0; p < P; p++) {
      const scores: RankingProposal["scores"][number][] = [];
      for (let j = 0; j < 3; j++) {
        const a = (p + j * stride) % A;
        const id = p * 3 + j + 1;
        assessments.push({ id, proposalId: p + 1, assessorId: a + 1 });
        let total = 0;
        for (const c of DEFAULT_RUBRIC) {
          const score = Math.max(0, Math.min(10, Math.round(6 + theta[p]! + lean[a]! + normal(rng) * 1.0)));
          scores.push({ assessmentId: id, criterionKey: c.key, score });
          total += (c.weight / 100) * (score / c.scaleMax) * 100;
        }
        y.push(total);
        pOf.push(p);
        aOf.push(a);
      }
      proposals.push({ id: p + 1, title: `Proposal ${p + 1}`, submittedAt: new Date(2026, 0, 1, 0, p), grantRequested: 100_000 + (p % 9) * 50_000, submittedAssessments: 3, scores });
    }
    return {
      observations: { y, proposal: pOf, assessor: aOf, proposals: P, assessors: A, scale: { min: 0, max: 100 } },
      input: {
        seed: 1,
        config: { criteria: DEFAULT_RUBRIC, assessorsRequired: 3, overallThreshold: 50, budget: P * 60_000, valueCaptureKey: VALUE_CAPTURE_KEY, winWinKey: WIN_WIN_KEY },
        proposals,
        assessments,
        assessors: Array.from({ length: A }, (_, i) => ({ id: i + 1, name: `Assessor ${i + 1}` })),
      },
    };
  }

  const small = syntheticCall(200, 40, 3);
  const t0 = performance.now();
  const fit = fitAdditiveModel(small.observations, { seed: 1, warmup: 500, draws: 1000, ranks: true });
  const smallMs = performance.now() - t0;
  rows.push({
    what: "Calibration fit, 200 × 3 (40 assessors), 4 chains × 1,500 sweeps",
    figure: `${ms(smallMs)} (max R-hat ${fit.diagnostics.maxRhat.toFixed(3)}, min ESS ${fit.diagnostics.minEss.toFixed(0)})`,
    goal: "< 1 s",
    met: smallMs < 1000,
  });

  // The whole analysis (total + 7 criteria + reliability + fragility) for 5,000 × 3 in a worker.
  const big = syntheticCall(5000, 500, 4);
  const server = http.createServer((_req, res) => res.end("ok"));
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const port = (server.address() as { port: number }).port;
  const latencies: number[] = [];
  let peakRss = 0;
  let running = true;
  const probe = (async () => {
    while (running) {
      const start = performance.now();
      await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text());
      latencies.push(performance.now() - start);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const worker = new Worker(path.join(process.cwd(), "lib", "server", "jobs", "worker-boot.mjs"), { workerData: { kind: "calibration", input: big.input } });
  const result = await new Promise<{ seconds: number; model: { diagnostics: { maxRhat: number; minEss: number; converged: boolean } } }>((resolve, reject) => {
    worker.on("message", (m: { type: string; result?: unknown; error?: string }) => {
      if (m.type === "done") resolve(m.result as never);
      if (m.type === "failed") reject(new Error(m.error));
    });
    worker.on("error", reject);
  });
  const wall = performance.now() - started;
  running = false;
  await probe;
  await worker.terminate();
  server.close();
  latencies.sort((a, b) => a - b);
  rows.push({
    what: "Calibration analysis, 5,000 × 3 (500 assessors; total + 7 criteria, ICC, fragility), worker",
    figure: `${ms(wall)} wall (${result.seconds.toFixed(1)} s computing; max R-hat ${result.model.diagnostics.maxRhat.toFixed(3)}, min ESS ${result.model.diagnostics.minEss.toFixed(0)})`,
    goal: "< 15 s",
    met: wall < 15_000,
  });
  rows.push({ what: "  peak RSS during the 5,000 fit", figure: `${mib(peakRss)} (before ${mib(rssBefore)})` });
  rows.push({
    what: "  main-thread HTTP server during the fit",
    figure: `${latencies.length} requests answered, median ${ms(latencies[Math.floor(latencies.length / 2)] ?? 0)}, slowest ${ms(latencies.at(-1) ?? 0)}`,
    goal: "keeps answering",
    met: latencies.length > 0 && (latencies.at(-1) ?? Infinity) < 1000,
  });
  return rows;
  },
});
