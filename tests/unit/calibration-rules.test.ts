import { describe, expect, it } from "vitest";
import { drawLottery, verifyDraw } from "@/lib/domain/calibration/lottery";
import { xoshiro128ss } from "@/lib/domain/calibration/prng";
import { assessorsNeeded, icc, iccWithBootstrap } from "@/lib/domain/calibration/reliability";
import { fragileProposals, fundingLineZones } from "@/lib/domain/calibration/zones";
import { rankProposals, type RankingConfig, type RankingProposal } from "@/lib/domain/ranking";
import { lotteryRedoSchema } from "@/lib/validation/calibration";

describe("ICC and Spearman–Brown", () => {
  it("matches hand-computed values with equal numbers of assessors", () => {
    // MSB = 8, MSW = 0.5, n₀ = 2: ICC(1) = 7.5 / 8.5, ICC(1,k) = 7.5 / 8.
    const r = icc([
      [1, 2],
      [3, 4],
      [5, 6],
    ])!;
    expect(r.n0).toBeCloseTo(2, 12);
    expect(r.icc1).toBeCloseTo(7.5 / 8.5, 12);
    expect(r.icck).toBeCloseTo(7.5 / 8, 12);
  });

  it("matches hand-computed values with unequal numbers of assessors (n₀)", () => {
    // N = 5, MSB = 10.8, MSW = 4/3, n₀ = 5 − 13/5 = 2.4.
    const r = icc([
      [1, 2, 3],
      [4, 6],
    ])!;
    expect(r.n0).toBeCloseTo(2.4, 12);
    expect(r.icc1).toBeCloseTo((10.8 - 4 / 3) / (10.8 + 1.4 * (4 / 3)), 12);
    expect(r.icck).toBeCloseTo((10.8 - 4 / 3) / 10.8, 12);
  });

  it("says how many assessors reach 0.7 by Spearman–Brown", () => {
    expect(assessorsNeeded(0.2, 0.7)).toBeCloseTo(0.56 / 0.06, 12);
    expect(assessorsNeeded(0.7, 0.7)).toBeCloseTo(1, 12);
    expect(assessorsNeeded(0)).toBeNull();
    expect(assessorsNeeded(-0.1)).toBeNull();
  });

  it("gives a bootstrap interval around the point estimate, reproducibly", () => {
    const groups = Array.from({ length: 40 }, (_, i) => [i, i + 1 + (i % 3), i - 1 + (i % 5)]);
    const a = iccWithBootstrap(groups, { seed: 1, resamples: 200 })!;
    expect(a.icc1Ci95!.low).toBeLessThanOrEqual(a.icc1);
    expect(a.icc1Ci95!.high).toBeGreaterThanOrEqual(a.icc1);
    expect(iccWithBootstrap(groups, { seed: 1, resamples: 200 })).toEqual(a);
  });
});

describe("funding-line zones (SNSF rule)", () => {
  const item = (id: number, er: number, low: number, high: number, grant = 100, passes = true) => ({
    id,
    expectedRank: er,
    rank50: { low, high },
    grantRequested: grant,
    passes,
  });

  it("draws the line at the expected rank of the last proposal that fits, and zones by the 50 % rank interval", () => {
    const { line, zones } = fundingLineZones(
      [item(1, 1.2, 1, 2), item(2, 2.4, 2, 4), item(3, 3.1, 2, 4), item(4, 4.5, 3.5, 5), item(5, 5.6, 5, 6)],
      300,
    );
    expect(line).toBe(3.1);
    expect(Object.fromEntries(zones)).toEqual({ 1: "fund", 2: "close", 3: "close", 4: "reject", 5: "reject" });
  });

  it("walks in expected-rank order, not input order, and never funds a proposal that fails a threshold", () => {
    const { line, zones } = fundingLineZones([item(9, 2.5, 2, 3), item(8, 1.1, 1, 2), item(7, 1.9, 1, 2, 100, false)], 100);
    expect(line).toBe(1.1);
    expect(zones.get(8)).toBe("close");
    expect(zones.get(7)).toBe("reject");
    expect(zones.get(9)).toBe("reject");
  });

  it("funds every passing proposal when they all fit", () => {
    const { allFit, zones } = fundingLineZones([item(1, 1, 1, 2), item(2, 2, 1, 2)], 1000);
    expect(allFit).toBe(true);
    expect([...zones.values()]).toEqual(["fund", "fund"]);
  });
});

describe("fragility", () => {
  const config: RankingConfig = {
    criteria: [
      { key: "vc", title: "Value capture", scaleMin: 0, scaleMax: 10, weight: 50, threshold: null },
      { key: "ww", title: "Win-win", scaleMin: 0, scaleMax: 10, weight: 50, threshold: null },
    ],
    assessorsRequired: 3,
    overallThreshold: 0,
    budget: 200,
    valueCaptureKey: "vc",
    winWinKey: "ww",
  };
  const proposal = (id: number, scores: number[][]): RankingProposal => ({
    id,
    title: `P${id}`,
    submittedAt: new Date(2026, 0, id),
    grantRequested: 100,
    submittedAssessments: scores.length,
    scores: scores.flatMap(([vc, ww], j) => [
      { assessmentId: id * 10 + j, criterionKey: "vc", score: vc! },
      { assessmentId: id * 10 + j, criterionKey: "ww", score: ww! },
    ]),
  });

  it("marks a proposal whose within-budget result flips when one assessment is dropped, and not a safe one", () => {
    const proposals = [
      proposal(1, [[9, 9], [9, 9], [9, 9]]), // safely first
      proposal(2, [[7, 7], [7, 7], [3, 3]]), // 5.67: second (within budget) only thanks to… nothing: dropping the 3 raises it
      proposal(3, [[6, 6], [6, 6], [5, 5]]), // 5.67 – tie broken by time; dropping the 5 lifts it above 2
      proposal(4, [[1, 1], [1, 1], [2, 2]]), // safely last
    ];
    const { ranked } = rankProposals(config, proposals);
    expect(ranked.map((r) => [r.id, r.withinBudget])).toEqual([
      [1, true],
      [2, true],
      [3, false],
      [4, false],
    ]);
    const fragile = fragileProposals(config, proposals, ranked);
    // 2 drops to 5 (drop a 7) below 3's 5.67: out. 3 rises to 6 (drop the 5) above 2: in.
    expect([...fragile].sort()).toEqual([2, 3]);
  });

  it("agrees with re-ranking the whole call for every dropped assessment", () => {
    const proposals = Array.from({ length: 12 }, (_, i) =>
      proposal(i + 1, [
        [(i * 7) % 11, (i * 3) % 11],
        [(i * 5) % 11, (i * 2) % 11],
        [(i * 4) % 11, 10 - (i % 11)],
      ]),
    );
    const cfg = { ...config, budget: 450 };
    const { ranked } = rankProposals(cfg, proposals);
    const brute = new Set<number>();
    for (const p of proposals) {
      const ids = [...new Set(p.scores.map((s) => s.assessmentId))];
      const before = ranked.find((r) => r.id === p.id)!.withinBudget;
      for (const drop of ids) {
        const changed = proposals.map((q) => (q.id === p.id ? { ...q, scores: q.scores.filter((s) => s.assessmentId !== drop) } : q));
        const again = rankProposals({ ...cfg, assessorsRequired: 0 }, changed).ranked.find((r) => r.id === p.id)!;
        if (again.withinBudget !== before) brute.add(p.id);
      }
    }
    expect([...fragileProposals(cfg, proposals, ranked)].sort((a, b) => a - b)).toEqual([...brute].sort((a, b) => a - b));
  });
});

describe("lottery", () => {
  const seed = "00000001000000020000000300000004" + "ab".repeat(16);
  const group = [
    { id: 30, grantRequested: 400 },
    { id: 10, grantRequested: 300 },
    { id: 20, grantRequested: 200 },
    { id: 40, grantRequested: 100 },
  ];

  it("uses xoshiro128** as published (state 1, 2, 3, 4 gives 11520 first)", () => {
    expect(xoshiro128ss(1, 2, 3, 4).nextUint32()).toBe(11520);
  });

  it("reproduces the same draw from the same seed whatever order the group is given in", () => {
    const a = drawLottery(seed, group, 500);
    const b = drawLottery(seed, [...group].reverse(), 500);
    expect(b).toEqual(a);
    expect([...a.order].sort()).toEqual([10, 20, 30, 40]);
    expect(verifyDraw(seed, group, 500, a)).toBe(true);
    expect(verifyDraw(seed, group, 500, { ...a, order: [...a.order].reverse() })).toBe(false);
  });

  it("funds in drawn order while the budget allows, skipping one that does not fit", () => {
    const { order, funded, reserve } = drawLottery(seed, group, 500);
    const grant = new Map(group.map((g) => [g.id, g.grantRequested]));
    let left = 500;
    const expected: number[] = [];
    for (const id of order) {
      if (grant.get(id)! <= left) {
        expected.push(id);
        left -= grant.get(id)!;
      }
    }
    expect(funded).toEqual(expected);
    expect(reserve).toEqual(order.filter((id) => !expected.includes(id)));
    // With 500 left, not all four (1,000 in total) can be funded, and something was skipped.
    expect(funded.reduce((s, id) => s + grant.get(id)!, 0)).toBeLessThanOrEqual(500);
    expect(reserve.length).toBeGreaterThan(0);
  });

  it("refuses a seed that is not 64 hexadecimal characters", () => {
    expect(() => drawLottery("abc", group, 500)).toThrow();
  });

  it("refuses a redo without a reason", () => {
    expect(lotteryRedoSchema.safeParse({ callId: 1, reason: "" }).success).toBe(false);
    expect(lotteryRedoSchema.safeParse({ callId: 1, reason: "   " }).success).toBe(false);
    expect(lotteryRedoSchema.safeParse({ callId: 1 }).success).toBe(false);
    expect(lotteryRedoSchema.safeParse({ callId: 1, reason: "A score was corrected after the first draw" }).success).toBe(true);
  });
});
