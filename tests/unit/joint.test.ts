import { describe, expect, it } from "vitest";
import { agencyMaySeeCall, formatMoney, partnerToPounds, poundsToPartner, sideOf } from "../../lib/domain/agencies";
import {
  confirmationsWithdrawn,
  decisionsDiffer,
  jointOutcome,
  panelDisagreement,
  rankJointCall,
  releaseReady,
  type JointAssessment,
  type JointRankingConfig,
  type JointRankingProposal,
  type Panel,
} from "../../lib/domain/joint";
import type { RankingCriterion } from "../../lib/domain/ranking";

// Two 0–10 criteria weighted 50/50, so a total is 5 × (vc mean + ww mean).
const criteria: RankingCriterion[] = [
  { key: "vc", title: "UK value capture", scaleMin: 0, scaleMax: 10, weight: 50, threshold: 5 },
  { key: "ww", title: "Win-win principles", scaleMin: 0, scaleMax: 10, weight: 50, threshold: null },
];

function config(overrides: Partial<JointRankingConfig> = {}): JointRankingConfig {
  return {
    criteria,
    overallThreshold: 0,
    valueCaptureKey: "vc",
    winWinKey: "ww",
    budgets: { home: 1_000_000, partner: 1_500_000_000 },
    assessorsRequired: { home: 2, partner: 2 },
    ...overrides,
  };
}

/** Each panel's assessors give every criterion the listed scores (one per assessor). */
function proposal(
  id: number,
  scores: Partial<Record<Panel, number[]>>,
  grants: { home?: number; partner?: number } = {},
): JointRankingProposal {
  const assessments: JointAssessment[] = (["home", "partner"] as const).flatMap((panel) =>
    (scores[panel] ?? []).map((s, i) => ({
      assessmentId: id * 100 + (panel === "home" ? 0 : 50) + i,
      panel,
      scores: [
        { criterionKey: "vc", score: s },
        { criterionKey: "ww", score: s },
      ],
    })),
  );
  return {
    id,
    title: `Proposal ${id}`,
    submittedAt: new Date(`2026-01-${String(id).padStart(2, "0")}T12:00:00Z`),
    grants: { home: grants.home ?? 100_000, partner: grants.partner ?? 150_000_000 },
    assessments,
  };
}

describe("rankJointCall: three rankings", () => {
  const proposals = [
    proposal(1, { home: [9, 9], partner: [3, 3] }),
    proposal(2, { home: [6, 6], partner: [8, 8] }),
    proposal(3, { home: [7, 7], partner: [7, 7] }),
  ];

  it("ranks the home panel from the home agency's assessors only", () => {
    const r = rankJointCall(config(), proposals);
    expect(r.home.ranked.map((p) => p.id)).toEqual([1, 3, 2]);
    expect(r.home.ranked[0]!.weightedTotal).toBeCloseTo(90);
  });

  it("ranks the partner panel from the partner agency's assessors only", () => {
    const r = rankJointCall(config(), proposals);
    // Proposal 1 fails the value-capture threshold with the partner panel, so it comes last.
    expect(r.partner.ranked.map((p) => p.id)).toEqual([2, 3, 1]);
    expect(r.partner.ranked[2]!.passes).toBe(false);
  });

  it("ranks jointly from every assessor", () => {
    const r = rankJointCall(config(), proposals);
    // Means: 1 → 6, 2 → 7, 3 → 7; 2 and 3 tie on every mean, so the earlier submission (2) leads.
    expect(r.joint.ranked.map((p) => [p.id, p.weightedTotal])).toEqual([
      [2, 70],
      [3, 70],
      [1, 60],
    ]);
  });

  it("ranks jointly only once both panels have their required assessors", () => {
    const r = rankJointCall(config(), [proposal(1, { home: [8, 8, 8, 8] }), proposal(2, { home: [5, 5], partner: [5] })]);
    expect(r.joint.ranked).toEqual([]);
    expect(r.joint.awaiting.map((a) => [a.id, a.submittedAssessments, a.assessorsRequired])).toEqual([
      [1, 2, 4],
      [2, 3, 4],
    ]);
    expect(r.home.ranked.map((p) => p.id)).toEqual([1, 2]);
    expect(r.partner.awaiting.map((a) => a.id)).toEqual([1, 2]);
  });
});

describe("rankJointCall: two funding lines in two currencies", () => {
  it("walks each agency's own grant against its own budget in its own panel's order", () => {
    const r = rankJointCall(config({ budgets: { home: 250_000, partner: 300_000_000 } }), [
      proposal(1, { home: [9, 9], partner: [6, 6] }, { home: 150_000, partner: 200_000_000 }),
      proposal(2, { home: [8, 8], partner: [9, 9] }, { home: 150_000, partner: 200_000_000 }),
      proposal(3, { home: [7, 7], partner: [8, 8] }, { home: 100_000, partner: 100_000_000 }),
    ]);
    // Home order 1, 2, 3: £150k fits, £150k more does not, £100k does (total £250k).
    expect(r.home.ranked.map((p) => [p.id, p.withinBudget, p.cumulativeGrant])).toEqual([
      [1, true, 150_000],
      [2, false, 150_000],
      [3, true, 250_000],
    ]);
    // Partner order 2, 3, 1: ₩200m fits, ₩100m fits (₩300m), ₩200m more does not.
    expect(r.partner.ranked.map((p) => [p.id, p.withinBudget, p.cumulativeGrant])).toEqual([
      [2, true, 200_000_000],
      [3, true, 300_000_000],
      [1, false, 300_000_000],
    ]);
    const byId = new Map(r.comparison.map((c) => [c.id, c]));
    expect(byId.get(1)!.withinBudget).toEqual({ home: true, partner: false });
    expect(byId.get(2)!.withinBudget).toEqual({ home: false, partner: true });
    expect(byId.get(3)!.fundableByBoth).toBe(true);
    expect(r.comparison.filter((c) => c.fundableByBoth).map((c) => c.id)).toEqual([3]);
  });

  it("never puts a proposal a panel fails within that agency's line", () => {
    const r = rankJointCall(config(), [proposal(1, { home: [8, 8], partner: [2, 2] })]);
    expect(r.comparison[0]!.withinBudget).toEqual({ home: true, partner: false });
    expect(r.comparison[0]!.fundableByBoth).toBe(false);
  });
});

describe("panel disagreement", () => {
  it("flags a rank difference of more than a quarter of the proposals ranked by both panels", () => {
    // 8 ranked by both: a quarter is 2, so a difference of 3 is flagged and 2 is not.
    expect(panelDisagreement({ home: 1, partner: 4 }, { home: true, partner: true }, 8)).toEqual([{ kind: "rank", difference: 3, limit: 2 }]);
    expect(panelDisagreement({ home: 1, partner: 3 }, { home: true, partner: true }, 8)).toEqual([]);
  });

  it("flags one panel passing a proposal the other fails, whatever the ranks", () => {
    expect(panelDisagreement({ home: 2, partner: 2 }, { home: false, partner: true }, 8)).toEqual([{ kind: "pass", passedBy: "partner" }]);
  });

  it("says nothing until both panels have ranked the proposal", () => {
    expect(panelDisagreement({ home: 1, partner: null }, { home: true, partner: null }, 8)).toEqual([]);
  });

  it("is computed for every proposal of a joint call", () => {
    const r = rankJointCall(config(), [
      proposal(1, { home: [9, 9], partner: [3, 3] }),
      proposal(2, { home: [6, 6], partner: [8, 8] }),
      proposal(3, { home: [7, 7], partner: [7, 7] }),
      proposal(4, { home: [5, 5], partner: [6, 6] }),
    ]);
    const flags = Object.fromEntries(r.comparison.map((c) => [c.id, c.disagreement.map((d) => d.kind)]));
    // Proposal 1: home rank 1, partner rank 4 (fails there): both rules. Proposal 2: 3 vs 1 → 2 > 1.
    expect(flags).toEqual({ 1: ["rank", "pass"], 2: ["rank"], 3: [], 4: [] });
    expect(r.rankedByBoth).toBe(4);
  });
});

describe("joint outcome", () => {
  const cases: [Parameters<typeof jointOutcome>[0], Parameters<typeof jointOutcome>[1], ReturnType<typeof jointOutcome>][] = [
    ["fund", "fund", "fund"],
    ["fund", "reserve", "reserve"],
    ["reserve", "fund", "reserve"],
    ["reserve", "reserve", "reserve"],
    ["fund", "reject", "reject"],
    ["reject", "fund", "reject"],
    ["reserve", "reject", "reject"],
    ["reject", "reserve", "reject"],
    ["reject", "reject", "reject"],
    ["reject", null, "reject"],
    [null, "reject", "reject"],
    ["fund", null, null],
    [null, "reserve", null],
    [null, null, null],
  ];
  it.each(cases)("home %s and partner %s give %s", (home, partner, expected) => {
    expect(jointOutcome(home, partner)).toBe(expected);
  });

  it("marks positions that differ only when both agencies have decided", () => {
    expect(decisionsDiffer("fund", "reserve")).toBe(true);
    expect(decisionsDiffer("fund", "fund")).toBe(false);
    expect(decisionsDiffer("fund", null)).toBe(false);
  });

  it("releases only when both agencies have confirmed", () => {
    expect(releaseReady({ home: true, partner: true })).toBe(true);
    expect(releaseReady({ home: true, partner: false })).toBe(false);
    expect(releaseReady({ home: false, partner: true })).toBe(false);
  });
});

describe("agencies", () => {
  const home = { id: 1, kind: "home" as const };
  const kiat = { id: 2, kind: "partner" as const };
  const other = { id: 3, kind: "partner" as const };

  it("lets the home agency see every call and a partner only its own joint calls", () => {
    expect(agencyMaySeeCall(home, { partnerAgencyId: null })).toBe(true);
    expect(agencyMaySeeCall(home, { partnerAgencyId: 2 })).toBe(true);
    expect(agencyMaySeeCall(kiat, { partnerAgencyId: 2 })).toBe(true);
    expect(agencyMaySeeCall(kiat, { partnerAgencyId: null })).toBe(false);
    expect(agencyMaySeeCall(other, { partnerAgencyId: 2 })).toBe(false);
    expect(sideOf(kiat, { partnerAgencyId: 2 })).toBe("partner");
    expect(sideOf(other, { partnerAgencyId: 2 })).toBeNull();
  });

  it("formats whole amounts in each agency's currency", () => {
    expect(formatMoney(250_000, "GBP")).toBe("£250,000");
    expect(formatMoney(1_500_000_000, "KRW")).toBe("₩1,500,000,000");
  });

  it("converts for display only, rounding to whole units", () => {
    expect(partnerToPounds(1_750_000, 1750)).toBe(1000);
    expect(poundsToPartner(1000, 1750.5)).toBe(1_750_500);
    expect(partnerToPounds(100, 0)).toBe(0);
  });
});

describe("a proposal on a joint call", () => {
  const korea = { agencyName: "Korea Institute for Advancement of Technology", country: "KR", countryName: "South Korea", currency: "KRW" };
  const consortium = (countries: string[]) => ({
    partners: countries.map((country) => ({ organisation: "Partner Ltd", country, type: "sme", role: "Builds the line", share: "40" })),
  });

  it("needs a partner in the partner agency's country", async () => {
    const { sectionProblems } = await import("../../lib/domain/proposal/completeness");
    const { findSection } = await import("../../lib/domain/proposal/questions");
    const section = findSection("consortium")!;
    const base = { leadName: "UK Lead Ltd", leadType: "sme" };
    expect(sectionProblems(section, { ...base, ...consortium(["JP"]) }, korea)).toEqual([
      { field: "partners", message: "Add at least one partner based in South Korea, the country of Korea Institute for Advancement of Technology" },
    ]);
    expect(sectionProblems(section, { ...base, ...consortium(["JP", "KR"]) }, korea)).toEqual([]);
    // A home-only call has no such rule.
    expect(sectionProblems(section, { ...base, ...consortium(["JP"]) }, null)).toEqual([]);
  });

  it("asks for the partner grant in the partner's currency only on a joint call", async () => {
    const { questionProblems } = await import("../../lib/domain/proposal/completeness");
    const { findSection } = await import("../../lib/domain/proposal/questions");
    const question = findSection("project")!.questions.find((q) => q.key === "partnerGrantRequested")!;
    expect(questionProblems(question, { partnerGrantRequested: "" }, null)).toEqual([]);
    expect(questionProblems(question, { partnerGrantRequested: "" }, korea)).toEqual([
      { field: "partnerGrantRequested", message: "Enter grant requested from the partner agency" },
    ]);
    expect(questionProblems(question, { partnerGrantRequested: "£5,000" }, korea)[0]!.message).toMatch(/whole amount in KRW/);
    expect(questionProblems(question, { partnerGrantRequested: "150,000,000" }, korea)).toEqual([]);
  });
});

describe("the permission table for agencies", () => {
  it("lets only home-agency managers configure calls and create partner agencies", async () => {
    const { actorMay } = await import("../../lib/domain/permissions");
    const home = { role: "manager" as const, agency: { kind: "home" as const } };
    const partner = { role: "manager" as const, agency: { kind: "partner" as const } };
    const assessor = { role: "assessor" as const, agency: { kind: "home" as const } };
    expect(actorMay(home, "call:configure")).toBe(true);
    expect(actorMay(home, "agency:manage")).toBe(true);
    expect(actorMay(partner, "call:configure")).toBe(false);
    expect(actorMay(partner, "agency:manage")).toBe(false);
    expect(actorMay(assessor, "agency:manage")).toBe(false);
    // Everything else follows the role table; the data layer limits partners to their joint calls.
    expect(actorMay(partner, "decision:record")).toBe(true);
    expect(actorMay({ role: "manager", agency: null }, "agency:manage")).toBe(false);
  });
});

describe("confirmationsWithdrawn: what a decision after a release confirmation withdraws", () => {
  const change = (
    before: { outcome: "fund" | "reserve" | "reject"; feedback: string } | null,
    after: { outcome: "fund" | "reserve" | "reject"; feedback: string },
    other: "fund" | "reserve" | "reject" | null,
  ) => ({ agency: "UK", before, after, other });
  const fund = { outcome: "fund" as const, feedback: "Funded." };

  it("withdraws nothing when the same outcome and feedback are saved again", () => {
    expect(confirmationsWithdrawn(change(fund, fund, "fund"), ["UK", "KIAT"])).toBeNull();
  });

  it("withdraws both confirmations when the joint outcome changes", () => {
    expect(confirmationsWithdrawn(change(fund, { outcome: "reserve", feedback: "Funded." }, "fund"), ["UK", "KIAT"])).toEqual({
      agencies: ["UK", "KIAT"],
      reason: "joint-outcome-changed",
    });
    expect(confirmationsWithdrawn(change(fund, { outcome: "reject", feedback: "No." }, "reserve"), ["KIAT"])).toEqual({
      agencies: ["KIAT"],
      reason: "joint-outcome-changed",
    });
  });

  it("withdraws only the deciding agency's own when the joint outcome stays", () => {
    // New feedback only; or fund → reserve where the other agency rejects (joint stays reject).
    expect(confirmationsWithdrawn(change(fund, { outcome: "fund", feedback: "Funded from 2027." }, "fund"), ["UK", "KIAT"])).toEqual({
      agencies: ["UK"],
      reason: "own-decision-changed",
    });
    expect(confirmationsWithdrawn(change(fund, { outcome: "reserve", feedback: "Funded." }, "reject"), ["UK", "KIAT"])).toEqual({
      agencies: ["UK"],
      reason: "own-decision-changed",
    });
    // The other agency's confirmation stands, and the deciding agency had none.
    expect(confirmationsWithdrawn(change(fund, { outcome: "fund", feedback: "Funded from 2027." }, "fund"), ["KIAT"])).toBeNull();
  });

  it("withdraws nothing when nobody has confirmed", () => {
    expect(confirmationsWithdrawn(change(fund, { outcome: "reject", feedback: "No." }, "fund"), [])).toBeNull();
  });
});

