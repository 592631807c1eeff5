/**
 * Benchmark of the portfolio optimiser (issue 10): the exact MIP with HiGHS on calls of 500 and
 * 5,000 eligible proposals with 25 balance rules across every dimension (theme, technology
 * domain, R&D category, partner country, strategic fit, TRL band, lead organisation). Prints the
 * time to the optimal plan (target: under 1 s for 500, under 5 s for 5,000) and to the full
 * analysis (plan, price of every rule, swaps), with the model's size.
 */
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { buildPortfolioModel, selectionModel, type Candidate, type OptimiserInstance } from "../lib/domain/portfolio-optimiser/model";
import { optimisePortfolio } from "../lib/domain/portfolio-optimiser/optimise";
import { EACH_GROUP, type BalanceRule } from "../lib/domain/portfolio-optimiser/rules";
import { RD_CATEGORIES } from "../lib/domain/report/rd-categories";
import { TECHNOLOGY_DOMAINS } from "../lib/domain/report/technology-domains";
import { loadHighs, solveSparseModel } from "../lib/server/solver/highs";

const COUNTRIES = ["DE", "JP", "US", "KR", "CA", "FR", "NL", "SE"];
const FITS = ["shortlisted", "longlisted", "none", "none"] as const;

export function benchInstance(proposals: number, seed = 7): OptimiserInstance {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  // About three proposals per lead organisation, so "at most 2 per lead organisation" is ~1,700 rows at 5,000.
  const leads = Math.ceil(proposals / 3);
  const candidates: Candidate[] = Array.from({ length: proposals }, (_, i) => {
    const domain = pick(TECHNOLOGY_DOMAINS);
    const lead = `Lead organisation ${1 + Math.floor(random() * leads)}`;
    return {
      id: i + 1,
      rank: i + 1,
      title: `Proposal ${i + 1}`,
      leadOrganisation: lead,
      grant: 1000 * (50 + Math.floor(random() * 450)),
      // Rank order: quality falls with rank (with ties and noise, as real totals have).
      quality: Math.round((95 - (45 * i) / proposals - random() * 2) * 10) / 10,
      passes: true,
      facts: {
        themeId: domain.theme,
        domainId: domain.id,
        rdCategory: pick(RD_CATEGORIES).key,
        partnerCountries: COUNTRIES.filter(() => random() < 0.2),
        fit: pick(FITS),
        trlStart: 1 + Math.floor(random() * 9),
        leadOrganisation: lead,
      },
    };
  });
  const budget = Math.round(candidates.reduce((s, c) => s + c.grant, 0) * 0.2);
  const rule = (dimension: BalanceRule["dimension"], group: string, bound: "min" | "max", measure: "share" | "count", value: number): BalanceRule => ({
    dimension,
    group,
    bound,
    measure,
    value,
  });
  const scale = proposals / 500;
  const rules: BalanceRule[] = [
    rule("theme", "net-zero", "min", "share", 35),
    rule("theme", "industrial-digitalisation", "min", "share", 25),
    rule("theme", "other", "max", "share", 30),
    ...RD_CATEGORIES.map((c) => rule("rd-category", c.key, "min", "share", 8)),
    rule("rd-category", EACH_GROUP, "max", "share", 40),
    rule("country", EACH_GROUP, "max", "share", 30),
    rule("country", "JP", "min", "count", Math.round(8 * scale)),
    rule("country", "KR", "min", "count", Math.round(8 * scale)),
    rule("country", "US", "min", "share", 12),
    rule("fit", "shortlisted", "min", "share", 30),
    rule("fit", "listed", "min", "count", Math.round(20 * scale)),
    rule("trl-band", "1-3", "min", "share", 15),
    rule("trl-band", "4-6", "min", "share", 25),
    rule("trl-band", "7-9", "max", "share", 40),
    rule("lead-organisation", EACH_GROUP, "max", "count", 2),
    rule("domain", EACH_GROUP, "max", "share", 10),
    rule("domain", TECHNOLOGY_DOMAINS[0]!.id, "min", "count", 1),
    rule("domain", TECHNOLOGY_DOMAINS[1]!.id, "min", "count", 1),
    rule("domain", TECHNOLOGY_DOMAINS[2]!.id, "min", "count", 1),
  ];
  for (let d = 3; rules.length < 25; d++) rules.push(rule("domain", TECHNOLOGY_DOMAINS[d]!.id, "min", "count", 1));
  return { budget, candidates, rules, pins: [], exclusions: [] };
}

const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

/** The 1-minute load average, as `uptime` prints it (2 cores: above 2 means the figures are slowed by other work). */
export const loadAverage = () => loadavg()[0]!.toFixed(2);

/**
 * Prints, per size: the time to the proven-optimal plan (wall clock and CPU) and to the full
 * analysis (plan, the price of every rule, pin and exclusion, the optimum without rules, swaps),
 * each with the load average. Before that, one plan solved in a fresh process (`firstPlanSeconds`):
 * V8 first runs the WebAssembly solver unoptimised and optimises its hot functions while it runs,
 * so the first solves of a process are slower; the warm-up (a full analysis of another call of 500)
 * brings the solver to the state a running server is in.
 */
export interface PortfolioFigure {
  size: number;
  planSeconds: number;
  cpuSeconds: number;
  status: string;
  fullSeconds: number;
  fullCpuSeconds: number;
  solves: number;
  load: string;
}

export async function benchPortfolio(sizes: readonly number[] = [500, 5_000]): Promise<{ firstPlanSeconds: number; figures: PortfolioFigure[] }> {
  await loadHighs();
  const first = performance.now();
  await optimisePortfolio(benchInstance(500, 5), solveSparseModel, { skipPrices: true });
  const firstPlanSeconds = (performance.now() - first) / 1000;
  console.log(`optimiser: first plan of 500 in a fresh process ${firstPlanSeconds.toFixed(2)} s (load ${loadAverage()})`);
  await optimisePortfolio(benchInstance(500, 3), solveSparseModel); // warm-up
  const figures: PortfolioFigure[] = [];
  for (const size of sizes) {
    const instance = benchInstance(size);
    const lp = selectionModel(buildPortfolioModel(instance));
    const cpu = process.cpuUsage();
    const started = performance.now();
    const plan = await optimisePortfolio(instance, solveSparseModel, { skipPrices: true });
    const planSeconds = (performance.now() - started) / 1000;
    const planCpu = cpuSeconds(cpu);
    const fullCpu = process.cpuUsage();
    const fullStart = performance.now();
    const full = await optimisePortfolio(instance, solveSparseModel);
    const figure: PortfolioFigure = {
      size,
      planSeconds,
      cpuSeconds: planCpu,
      status: plan.status,
      fullSeconds: (performance.now() - fullStart) / 1000,
      fullCpuSeconds: cpuSeconds(fullCpu),
      solves: full.solves,
      load: loadAverage(),
    };
    console.log(
      `optimiser: ${size} eligible, ${instance.rules.length} rules (${lp.rowLower.length} rows, ${lp.rowIndices.length} nonzeros)`.padEnd(70) +
        ` optimal plan ${planSeconds.toFixed(2)} s (CPU ${planCpu.toFixed(2)} s; ${plan.status}, ${plan.plan?.ids.length ?? 0} funded)` +
        `   full analysis ${figure.fullSeconds.toFixed(2)} s (CPU ${figure.fullCpuSeconds.toFixed(2)} s; ${full.solves} solves)   load ${figure.load}`,
    );
    figures.push(figure);
  }
  return { firstPlanSeconds, figures };
}

if (process.argv[1]?.endsWith("bench-portfolio.ts")) {
  benchPortfolio(process.argv.slice(2).map(Number).filter((n) => n > 0).length > 0 ? process.argv.slice(2).map(Number) : undefined).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
