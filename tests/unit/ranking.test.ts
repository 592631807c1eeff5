import { describe, expect, it } from "vitest";
import {
  describeFailure,
  rankProposals,
  type RankingConfig,
  type RankingCriterion,
  type RankingProposal,
} from "../../lib/domain/ranking";

// Three 0–10 criteria weighted 40/30/30, so a total is 4 × ex + 3 × vc + 3 × ww (means).
const criteria: RankingCriterion[] = [
  { key: "ex", title: "R&I excellence", scaleMin: 0, scaleMax: 10, weight: 40, threshold: null },
  { key: "vc", title: "UK value capture", scaleMin: 0, scaleMax: 10, weight: 30, threshold: 5 },
  { key: "ww", title: "Win-win principles", scaleMin: 0, scaleMax: 10, weight: 30, threshold: null },
];

function config(overrides: Partial<RankingConfig> = {}): RankingConfig {
  return {
    criteria,
    assessorsRequired: 3,
    overallThreshold: 0,
    budget: 1_000_000,
    valueCaptureKey: "vc",
    winWinKey: "ww",
    ...overrides,
  };
}

/** One proposal; `scores` maps each criterion key to the scores of assessors 1, 2, 3, … */
function proposal(
  id: number,
  scores: Record<string, number[]>,
  opts: { grant?: number; submittedAt?: string; submitted?: number } = {},
): RankingProposal {
  const rows = Object.entries(scores).flatMap(([criterionKey, values]) =>
    values.map((score, i) => ({ assessmentId: id * 100 + i, criterionKey, score })),
  );
  const assessors = Math.max(...Object.values(scores).map((v) => v.length));
  return {
    id,
    title: `Proposal ${id}`,
    submittedAt: new Date(opts.submittedAt ?? `2025-01-${String(id).padStart(2, "0")}T12:00:00Z`),
    grantRequested: opts.grant ?? 10_000,
    scores: rows,
    submittedAssessments: opts.submitted ?? assessors,
  };
}

/** Every criterion gets the same three scores. */
const uniform = (s: number) => ({ ex: [s, s, s], vc: [s, s, s], ww: [s, s, s] });

describe("rankProposals", () => {
  it("weights criterion means into the expected total, dividing each mean by its scale maximum", () => {
    const mixed = config({
      criteria: [
        { key: "ex", title: "R&I excellence", scaleMin: 0, scaleMax: 10, weight: 50, threshold: null },
        { key: "vc", title: "UK value capture", scaleMin: 0, scaleMax: 10, weight: 30, threshold: null },
        { key: "ww", title: "Win-win principles", scaleMin: 0, scaleMax: 5, weight: 20, threshold: null },
      ],
    });
    // Means: ex (6+8+7)/3 = 7, vc (5+6+7)/3 = 6, ww (3+4+5)/3 = 4 (on a 0–5 scale).
    // Total = 0.5 × 7/10 × 100 + 0.3 × 6/10 × 100 + 0.2 × 4/5 × 100 = 35 + 18 + 16 = 69.
    const { ranked } = rankProposals(mixed, [proposal(1, { ex: [6, 8, 7], vc: [5, 6, 7], ww: [3, 4, 5] })]);
    expect(ranked[0]?.criterionMeans).toEqual({ ex: 7, vc: 6, ww: 4 });
    expect(ranked[0]?.weightedTotal).toBeCloseTo(69, 10);
  });

  it("divides by the scale maximum even when the scale starts above zero", () => {
    const oneToFive = config({
      criteria: [{ key: "vc", title: "UK value capture", scaleMin: 1, scaleMax: 5, weight: 100, threshold: null }],
      winWinKey: "vc",
    });
    // Mean 1 on a 1–5 scale: 1 × 1/5 × 100 = 20 (not 0, which normalising by max − min would give).
    const { ranked } = rankProposals(oneToFive, [proposal(1, { vc: [1, 1, 1] })]);
    expect(ranked[0]?.weightedTotal).toBeCloseTo(20, 10);
  });

  it("passes a mean exactly on a criterion threshold", () => {
    // vc mean (4+5+6)/3 = 5, threshold 5.
    const { ranked } = rankProposals(config(), [proposal(1, { ex: [5, 5, 5], vc: [4, 5, 6], ww: [5, 5, 5] })]);
    expect(ranked[0]?.passes).toBe(true);
    expect(ranked[0]?.failedThresholds).toEqual([]);
  });

  it("passes a total exactly on the overall threshold despite floating-point rounding", () => {
    // Weights 10/20/70, every mean 7: 7 + 14 + 49 = 70 on paper, 69.99999999999999 in floating point.
    const weights = [10, 20, 70];
    const cfg = config({
      criteria: criteria.map((c, i) => ({ ...c, weight: weights[i] ?? 0, threshold: null })),
      overallThreshold: 70,
    });
    const { ranked } = rankProposals(cfg, [proposal(1, uniform(7))]);
    expect(ranked[0]?.weightedTotal).toBeCloseTo(70, 10);
    expect(ranked[0]?.passes).toBe(true);
  });

  it("fails a proposal whose criterion mean is below its threshold and ranks it after passing ones", () => {
    // P1: vc mean (4+5+5)/3 = 4.67 < 5; total 4×10 + 3×4.67 + 3×10 = 84 — higher than P2's, yet below it.
    // P2: all 6 → total 60, passes.
    const { ranked } = rankProposals(config(), [
      proposal(1, { ex: [10, 10, 10], vc: [4, 5, 5], ww: [10, 10, 10] }),
      proposal(2, uniform(6)),
    ]);
    expect(ranked.map((r) => [r.rank, r.id, r.passes])).toEqual([
      [1, 2, true],
      [2, 1, false],
    ]);
    const failing = ranked[1];
    expect(failing?.weightedTotal).toBeCloseTo(84, 10);
    expect(failing?.failedThresholds).toEqual([
      { criterionKey: "vc", title: "UK value capture", value: 14 / 3, threshold: 5 },
    ]);
    expect(failing && failing.failedThresholds[0] && describeFailure(failing.failedThresholds[0])).toBe(
      "UK value capture below 5 (4.67)",
    );
  });

  it("fails a proposal whose total is below the overall threshold", () => {
    // All 5 → total 50 < 60; vc mean 5 meets its own threshold.
    const { ranked } = rankProposals(config({ overallThreshold: 60 }), [proposal(1, uniform(5))]);
    expect(ranked[0]?.passes).toBe(false);
    expect(ranked[0]?.failedThresholds).toHaveLength(1);
    const failure = ranked[0]?.failedThresholds[0];
    expect(failure).toMatchObject({ criterionKey: "overall", threshold: 60 });
    expect(failure?.value).toBeCloseTo(50, 10);
    expect(failure && describeFailure(failure)).toBe("Overall weighted total below 60 (50)");
  });

  it("breaks equal totals by value capture, then win-win, then the earlier submission", () => {
    // Every total is 60 (4ex + 3vc + 3ww):
    //   A: 6, 6, 6 → 24 + 18 + 18, submitted 3 Jan
    //   B: 6, 7, 5 → 24 + 21 + 15   — highest value capture
    //   C: 9, 6, 2 → 36 + 18 + 6    — same value capture as A, lower win-win
    //   D: 6, 6, 6 like A, submitted 2 Jan — earlier than A
    const A = proposal(1, uniform(6), { submittedAt: "2025-01-03T12:00:00Z" });
    const B = proposal(2, { ex: [6, 6, 6], vc: [7, 7, 7], ww: [5, 5, 5] });
    const C = proposal(3, { ex: [9, 9, 9], vc: [6, 6, 6], ww: [2, 2, 2] });
    const D = proposal(4, uniform(6), { submittedAt: "2025-01-02T12:00:00Z" });
    const { ranked } = rankProposals(config(), [A, B, C, D]);
    for (const row of ranked) expect(row.weightedTotal).toBeCloseTo(60, 10);
    expect(ranked.map((r) => [r.rank, r.id])).toEqual([
      [1, 2], // B
      [2, 4], // D
      [3, 1], // A
      [4, 3], // C
    ]);
  });

  it("lists proposals without the required submitted assessments as awaiting, not ranked", () => {
    const { ranked, awaiting } = rankProposals(config(), [
      proposal(1, uniform(8)),
      proposal(2, { ex: [9, 9], vc: [9, 9], ww: [9, 9] }),
      proposal(3, uniform(7)),
    ]);
    expect(ranked.map((r) => [r.rank, r.id])).toEqual([
      [1, 1],
      [2, 3],
    ]);
    expect(awaiting).toEqual([
      { id: 2, title: "Proposal 2", submittedAt: new Date("2025-01-02T12:00:00Z"), submittedAssessments: 2, assessorsRequired: 3 },
    ]);
  });

  it("skips a proposal that does not fit the budget while a later cheaper one still does", () => {
    // Totals 90 > 80 > 70 > 60; budget £100,000.
    //   P1 £60,000 → 60,000 within; P2 £50,000 → 110,000 does not fit;
    //   P3 £40,000 → 100,000 within (exactly on budget); P4 £1,000 → 101,000 does not fit.
    const { ranked } = rankProposals(config({ budget: 100_000 }), [
      proposal(1, uniform(9), { grant: 60_000 }),
      proposal(2, uniform(8), { grant: 50_000 }),
      proposal(3, uniform(7), { grant: 40_000 }),
      proposal(4, uniform(6), { grant: 1_000 }),
    ]);
    expect(ranked.map((r) => [r.id, r.withinBudget, r.cumulativeGrant])).toEqual([
      [1, true, 60_000],
      [2, false, 60_000],
      [3, true, 100_000],
      [4, false, 100_000],
    ]);
  });

  it("never puts a failing proposal within budget", () => {
    // P2 fails value capture (mean 4) with a tiny grant that would fit.
    const { ranked } = rankProposals(config({ budget: 100_000 }), [
      proposal(1, uniform(6), { grant: 10_000 }),
      proposal(2, { ex: [10, 10, 10], vc: [4, 4, 4], ww: [10, 10, 10] }, { grant: 1 }),
    ]);
    expect(ranked.map((r) => [r.id, r.passes, r.withinBudget, r.cumulativeGrant])).toEqual([
      [1, true, true, 10_000],
      [2, false, false, 10_000],
    ]);
  });

  it("flags a disagreement when scores span exactly 40% of the scale, and not at 30%", () => {
    // ex: 3..7 spans 4 of 10 = 40% → flagged; ww: 4..7 spans 3 of 10 = 30% → not flagged.
    const { ranked } = rankProposals(config(), [proposal(1, { ex: [3, 5, 7], vc: [6, 6, 6], ww: [4, 5, 7] })]);
    const flags = ranked[0]?.disagreements ?? [];
    expect(flags.map((d) => [d.criterionKey, d.min, d.max])).toEqual([["ex", 3, 7]]);
    expect(flags[0]?.spreadPercent).toBeCloseTo(40, 10);
  });

  it("measures disagreement against the scale range when the scale starts above zero", () => {
    // 1–5 scale, range 4: 2..4 spans 50% → flagged; 3..4 spans 25% → not.
    const cfg = config({
      criteria: [
        { key: "vc", title: "UK value capture", scaleMin: 1, scaleMax: 5, weight: 50, threshold: null },
        { key: "ww", title: "Win-win principles", scaleMin: 1, scaleMax: 5, weight: 50, threshold: null },
      ],
    });
    const { ranked } = rankProposals(cfg, [proposal(1, { vc: [2, 3, 4], ww: [3, 4, 4] })]);
    expect(ranked[0]?.disagreements).toEqual([{ criterionKey: "vc", min: 2, max: 4, spreadPercent: 50 }]);
  });

  it("refuses a configuration whose tie-break criterion is not in the rubric", () => {
    expect(() => rankProposals(config({ winWinKey: "missing" }), [])).toThrow(/missing/);
  });
});
