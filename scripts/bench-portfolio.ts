/**
 * Benchmark of the portfolio optimiser (issue 10): the exact MIP with HiGHS on calls of 500 and
 * 5,000 eligible proposals with 25 balance rules across every dimension (theme, technology
 * domain, R&D category, partner country, strategic fit, TRL band, lead organisation). Prints the
 * time to the optimal plan (target: under 1 s for 500, under 5 s for 5,000) and to the full
 * analysis (plan, price of every rule, swaps), with the model's size.
 */
import { performance } from "node:perf_hooks";
import { buildPortfolioModel, selectionModel, type Candidate, type OptimiserInstance } from "../lib/domain/portfolio-optimiser/model";
import { optimisePortfolio } from "../lib/domain/portfolio-optimiser/optimise";
import { EACH_GROUP, type BalanceRule } from "../lib/domain/portfolio-optimiser/rules";
import { RD_CATEGORIES } from "../lib/domain/report/rd-categories";
import { TECHNOLOGY_DOMAINS } from "../lib/domain/report/technology-domains";
import { solveSparseModel } from "../lib/server/solver/highs";

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

/**
 * Prints, per size: the time to the proven-optimal plan (wall clock and CPU, after a warm-up solve
 * so WebAssembly compilation is not counted), and the full analysis (plan, the price of every rule
 * by re-solving without it, swaps) for 500 proposals, or every size with BENCH_FULL=1.
 */
export interface PortfolioFigure {
  size: number;
  planSeconds: number;
  cpuSeconds: number;
  status: string;
  fullSeconds: number | null;
}

export async function benchPortfolio(sizes: readonly number[] = [500, 5_000]): Promise<PortfolioFigure[]> {
  const figures: PortfolioFigure[] = [];
  await optimisePortfolio(benchInstance(200, 3), solveSparseModel, { skipPrices: true }); // warm-up
  for (const size of sizes) {
    const instance = benchInstance(size);
    const lp = selectionModel(buildPortfolioModel(instance));
    const cpu = process.cpuUsage();
    const started = performance.now();
    const plan = await optimisePortfolio(instance, solveSparseModel, { skipPrices: true });
    const planSeconds = (performance.now() - started) / 1000;
    const figure: PortfolioFigure = { size, planSeconds, cpuSeconds: cpuSeconds(cpu), status: plan.status, fullSeconds: null };
    let line =
      `optimiser: ${size} eligible, ${instance.rules.length} rules (${lp.rowLower.length} rows, ${lp.rowIndices.length} nonzeros)`.padEnd(70) +
      ` optimal plan ${planSeconds.toFixed(2)} s (CPU ${cpuSeconds(cpu).toFixed(2)} s; ${plan.status}, ${plan.plan?.ids.length ?? 0} funded)`;
    if (size <= 500 || process.env.BENCH_FULL === "1") {
      const fullStart = performance.now();
      const full = await optimisePortfolio(instance, solveSparseModel);
      figure.fullSeconds = (performance.now() - fullStart) / 1000;
      line += `   full analysis ${figure.fullSeconds.toFixed(1)} s (${full.solves} solves)`;
    }
    console.log(line);
    figures.push(figure);
  }
  return figures;
}

if (process.argv[1]?.endsWith("bench-portfolio.ts")) {
  benchPortfolio(process.argv.slice(2).map(Number).filter((n) => n > 0).length > 0 ? process.argv.slice(2).map(Number) : undefined).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
