/**
 * The portfolio optimiser as a background job (lib/server/jobs/registry.ts): it runs in a worker
 * thread, so no "server-only" and no database here. HiGHS solves every MIP of the method in
 * lib/domain/portfolio-optimiser; the result carries the instance it solved, so a frozen plan can
 * be shown against the data it was computed from.
 */
import type { OptimiserInstance } from "../../domain/portfolio-optimiser/model";
import { optimisePortfolio, type OptimiserOutcome } from "../../domain/portfolio-optimiser/optimise";
import { solveSparseModel } from "./highs";

export interface PortfolioSolve {
  instance: OptimiserInstance;
  outcome: OptimiserOutcome;
  /** Wall-clock seconds for the whole analysis (plan, prices, swaps). */
  seconds: number;
}

export async function solvePortfolioScenario(instance: OptimiserInstance, progress: (fraction: number, message: string) => void = () => {}): Promise<PortfolioSolve> {
  const started = performance.now();
  progress(0, "Solving the plan");
  const outcome = await optimisePortfolio(instance, solveSparseModel, {
    timeLimitSeconds: 60,
    onProgress: (done, total) => progress(Math.min(0.99, done / total), done === 1 ? "Pricing each rule" : `Solved ${done} of about ${total} models`),
  });
  progress(1, "Done");
  return { instance, outcome, seconds: (performance.now() - started) / 1000 };
}
