import { describe, expect, it } from "vitest";
import type { CalibratedProposal, CalibrationResult } from "../../lib/domain/calibration/analyse";
import { fundingLineZones } from "../../lib/domain/calibration/zones";
import { combineZones, jointCalibration } from "../../lib/domain/joint-calibration";
import { allAssessorsRankingInput, rankJointCall, type JointAssessment, type JointRankingConfig, type JointRankingProposal } from "../../lib/domain/joint";
import { rankProposals, type RankingCriterion } from "../../lib/domain/ranking";

// Two 0–10 criteria weighted 50/50, so a total is 5 × (vc mean + ww mean).
const criteria: RankingCriterion[] = [
  { key: "vc", title: "UK value capture", scaleMin: 0, scaleMax: 10, weight: 50, threshold: 3 },
  { key: "ww", title: "Win-win principles", scaleMin: 0, scaleMax: 10, weight: 50, threshold: null },
];
const config = (budgets: { home: number; partner: number }): JointRankingConfig => ({
  criteria,
  overallThreshold: 0,
  valueCaptureKey: "vc",
  winWinKey: "ww",
  budgets,
  assessorsRequired: { home: 2, partner: 2 },
});

/** Each listed score is one assessment giving it to both criteria. */
function proposal(id: number, home: number[], partner: number[]): JointRankingProposal {
  const assessments: JointAssessment[] = [
    ...home.map((s, i) => ({ assessmentId: id * 100 + i, panel: "home" as const, scores: [{ criterionKey: "vc", score: s }, { criterionKey: "ww", score: s }] })),
    ...partner.map((s, i) => ({ assessmentId: id * 100 + 50 + i, panel: "partner" as const, scores: [{ criterionKey: "vc", score: s }, { criterionKey: "ww", score: s }] })),
  ];
  // £100,000 from the home agency and ₩400,000,000 from the partner, each.
  return { id, title: `Proposal ${id}`, submittedAt: new Date(`2026-01-0${id}T12:00:00Z`), grants: { home: 100_000, partner: 400_000_000 }, assessments };
}

// Raw joint totals 90, 80, 72.5, 60. Proposal 3's partner scores 7 and 4: without the 4 it would be 83.3, above proposal 2.
const PROPOSALS = [proposal(1, [9, 9], [9, 9]), proposal(2, [8, 8], [8, 8]), proposal(3, [9, 9], [7, 4]), proposal(4, [6, 6], [6, 6])];
// Home: three grants fit (£300,000). Partner: two (₩1,000,000,000).
const BUDGETS = { home: 300_000, partner: 1_000_000_000 };

/** A model result as the calibration job stores it for the joint ranking (home grants, home budget). */
function fittedResult(posteriors: { expectedRank: number; rank50: [number, number] }[]): CalibrationResult {
  const input = allAssessorsRankingInput(config(BUDGETS), PROPOSALS);
  const ranked = rankProposals(input.config, input.proposals).ranked;
  const proposals = ranked.map((r, i): CalibratedProposal => {
    const { id, title, weightedTotal, passes, withinBudget, grantRequested } = r;
    const { expectedRank, rank50 } = posteriors[i]!;
    // What the one-budget job computed: the home agency's line only ("fund" for all, not fragile).
    const fitted = { calibrated: weightedTotal, calibrated90: { low: weightedTotal - 5, high: weightedTotal + 5 }, zone: "fund" as const, fragile: false };
    return { id, title, rawRank: r.rank, weightedTotal, passes, withinBudget, grantRequested, ...fitted, expectedRank, rank50: { low: rank50[0], high: rank50[1] }, rank90: { low: 1, high: 4 } };
  });
  return { proposals, fundingLine: null, budget: BUDGETS.home } as Partial<CalibrationResult> as CalibrationResult;
}

const POSTERIORS = [
  { expectedRank: 1.2, rank50: [1, 1.5] as [number, number] },
  { expectedRank: 2.1, rank50: [1.8, 2.4] as [number, number] },
  { expectedRank: 3.0, rank50: [2.6, 3.5] as [number, number] },
  { expectedRank: 3.9, rank50: [3.8, 4] as [number, number] },
];

describe("the calibrated joint ranking", () => {
  it("draws each agency's funding line on the joint expected ranks, with its own grants and budget", () => {
    const view = jointCalibration(fittedResult(POSTERIORS), config(BUDGETS), PROPOSALS);
    // Home: three £100,000 grants fit, so the line is the third expected rank; partner: two.
    expect(view.lines).toEqual({ home: 3.0, partner: 2.1 });
    expect(view.fundingLine).toBe(2.1);
    expect(view.agencyZones).toEqual({
      1: { home: "fund", partner: "fund" },
      2: { home: "fund", partner: "close" },
      3: { home: "close", partner: "reject" },
      4: { home: "reject", partner: "reject" },
    });
    expect(view.grants[3]).toEqual({ home: 100_000, partner: 400_000_000 });
  });

  it("funds only what both agencies' lines fund, and does not fund what either line leaves out", () => {
    const view = jointCalibration(fittedResult(POSTERIORS), config(BUDGETS), PROPOSALS);
    expect(view.proposals.map((p) => [p.id, p.zone])).toEqual([
      [1, "fund"],
      [2, "close"],
      [3, "reject"],
      [4, "reject"],
    ]);
  });

  it("is the one-line rule at the nearer of the two lines", () => {
    const view = jointCalibration(fittedResult(POSTERIORS), config(BUDGETS), PROPOSALS);
    const oneLine = fundingLineZones(
      view.proposals.map((p) => ({ id: p.id, expectedRank: p.expectedRank, rank50: p.rank50, grantRequested: p.id <= 2 ? 1 : 10, passes: p.passes })),
      11, // with these grants the walk stops after proposal 2: the line is its expected rank, 2.1
    );
    expect(oneLine.line).toBe(view.fundingLine);
    for (const p of view.proposals) expect(p.zone).toBe(oneLine.zones.get(p.id));
  });

  it("combines two zones like the joint outcome: fund if both, do not fund if either", () => {
    expect(combineZones("fund", "fund")).toBe("fund");
    expect(combineZones("fund", "close")).toBe("close");
    expect(combineZones("close", "close")).toBe("close");
    expect(combineZones("close", "reject")).toBe("reject");
    expect(combineZones("reject", "fund")).toBe("reject");
  });

  it("marks raw 'within budget' only within both agencies' raw lines, and fragile across either", () => {
    const view = jointCalibration(fittedResult(POSTERIORS), config(BUDGETS), PROPOSALS);
    expect(view.proposals.filter((p) => p.withinBudget).map((p) => p.id)).toEqual([1, 2]);
    // Dropping proposal 3's partner score of 4 lifts it to second place, inside the partner's line.
    expect(view.proposals.filter((p) => p.fragile).map((p) => p.id)).toEqual([3]);
    // The raw joint ranking's own order is unchanged.
    expect(rankJointCall(config(BUDGETS), PROPOSALS).joint.ranked.map((r) => r.id)).toEqual([1, 2, 3, 4]);
  });

  it("has no funding line when every passing proposal fits both budgets", () => {
    const view = jointCalibration(fittedResult(POSTERIORS), config({ home: 1_000_000, partner: 5_000_000_000 }), PROPOSALS);
    expect(view.lines).toEqual({ home: null, partner: null });
    expect(view.fundingLine).toBeNull();
    expect(view.proposals.every((p) => p.zone === "fund" && p.withinBudget)).toBe(true);
  });
});
