/** The portfolio optimiser (issue 10): exact MIPs with HiGHS on 500 and 5,000 eligible proposals (scripts/bench-portfolio.ts). */
import { benchPortfolio } from "../bench-portfolio";
import { defineBench, ms } from "./support/types";

export default defineBench({
  name: "portfolio",
  order: 80,
  async run() {
    const started = performance.now();
    await benchPortfolio();
    return [{ what: "portfolio optimiser, 500 and 5,000 eligible (lines printed above)", figure: `${ms(performance.now() - started)} in all` }];
  },
});
