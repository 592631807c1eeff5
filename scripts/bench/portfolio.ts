/** The portfolio optimiser (issue 10): exact MIPs with HiGHS on 500 and 5,000 eligible proposals with 25 rules (scripts/bench-portfolio.ts). */
import { benchPortfolio } from "../bench-portfolio";
import { defineBench, type BenchRow } from "./support/types";

const GOAL_SECONDS: Record<number, number> = { 500: 1, 5_000: 5 };

export default defineBench({
  name: "portfolio",
  order: 80,
  async run(ctx) {
    const { firstPlanSeconds, figures } = await benchPortfolio();
    ctx.note(
      `portfolio: the first plan in a fresh process took ${firstPlanSeconds.toFixed(2)} s (V8 optimises the WebAssembly solver while it runs); the figures are after a warm-up, as in a running server.`,
    );
    return figures.flatMap((f): BenchRow[] => {
      const goal = GOAL_SECONDS[f.size];
      const size = f.size.toLocaleString("en-GB");
      return [
        {
          what: `optimal plan, ${size} eligible, 25 rules (${f.status})`,
          figure: `${f.planSeconds.toFixed(2)} s (CPU ${f.cpuSeconds.toFixed(2)} s, load ${f.load})`,
          ...(goal ? { goal: `< ${goal} s`, met: f.planSeconds < goal } : {}),
        },
        {
          what: `plan + price of each rule + optimum without rules, ${size} eligible (${f.solves} solves)`,
          figure: `${f.fullSeconds.toFixed(2)} s (CPU ${f.fullCpuSeconds.toFixed(2)} s, load ${f.load})`,
        },
      ];
    });
  },
});
