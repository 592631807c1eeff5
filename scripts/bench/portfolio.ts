/** The portfolio optimiser (issue 10): exact MIPs with HiGHS on 500 and 5,000 eligible proposals with 25 rules (scripts/bench-portfolio.ts). */
import { benchPortfolio } from "../bench-portfolio";
import { defineBench, type BenchRow } from "./support/types";

const GOAL_SECONDS: Record<number, number> = { 500: 1, 5_000: 5 };

export default defineBench({
  name: "portfolio",
  order: 80,
  async run() {
    const figures = await benchPortfolio();
    return figures.flatMap((f): BenchRow[] => {
      const goal = GOAL_SECONDS[f.size];
      return [
        {
          what: `optimal plan, ${f.size.toLocaleString("en-GB")} eligible, 25 rules (${f.status})`,
          figure: `${f.planSeconds.toFixed(2)} s (CPU ${f.cpuSeconds.toFixed(2)} s)`,
          ...(goal ? { goal: `< ${goal} s`, met: f.planSeconds < goal } : {}),
        },
        ...(f.fullSeconds !== null ? [{ what: `plan + price of each rule, ${f.size.toLocaleString("en-GB")} eligible`, figure: `${f.fullSeconds.toFixed(1)} s` }] : []),
      ];
    });
  },
});
