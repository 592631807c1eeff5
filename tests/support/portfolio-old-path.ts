/**
 * The portfolio screens' reads as they were before issue 12 moved them off loadCallData: the
 * whole call, then the candidates, feedback and form locks worked out from it. Kept only so the
 * integration tests (tests/integration/portfolio-data.test.ts) and the bench
 * (scripts/bench/portfolio-reads.ts) can put the lean reads of lib/server/manage/portfolio-data.ts
 * beside what they replaced.
 */
import type { CallRow } from "@/db/schema";
import { loadCallData, type CallData, type Reader, type Viewer } from "@/lib/server/manage/call-data";
import { prefilledFeedback } from "@/lib/server/manage/decisions";
import type { PortfolioSource } from "@/lib/server/manage/portfolio-data";

/** The optimiser's input from a whole-call read: the starting TRL from each proposal's normalised answers. */
export function portfolioSourceOf(data: CallData): PortfolioSource {
  const trl = (p: CallData["proposals"][number]) => {
    const value = p.answers.project?.trlStart;
    return typeof value === "string" ? value : "";
  };
  return { ...data, trlStart: new Map(data.proposals.map((p) => [p.id, trl(p)])) };
}

/** The scenario job's and the portfolio page's read before: loadCallData's default (lean answers, every assignment). */
export async function oldPortfolioSource(db: Reader, call: CallRow): Promise<PortfolioSource> {
  return portfolioSourceOf(await loadCallData(db, call));
}

/** Adoption's and the lottery's read before: every answer and value of the call, then each proposal's feedback. */
export async function oldPrefilledFeedback(db: Reader, call: CallRow, proposalIds: readonly number[], viewer?: Viewer): Promise<Map<number, string>> {
  const data = await loadCallData(db, call, viewer, { full: true });
  return new Map(proposalIds.map((id) => [id, prefilledFeedback(data, id)]));
}

/** The call form's locks before. */
export async function oldCallFormLocks(db: Reader, call: CallRow, viewer?: Viewer): Promise<{ scoringStarted: boolean; partnerLocked: boolean }> {
  const data = await loadCallData(db, call, viewer);
  return { scoringStarted: data.assignments.some((a) => a.assessment !== null), partnerLocked: data.proposals.length > 0 };
}
