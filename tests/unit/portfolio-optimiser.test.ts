import { describe, expect, it } from "vitest";
import { buildPortfolioModel, relaxationModel, selectionModel, unitKey, type Candidate, type ConstraintUnit, type OptimiserInstance } from "../../lib/domain/portfolio-optimiser/model";
import { optimisePortfolio, rankOrderLine } from "../../lib/domain/portfolio-optimiser/optimise";
import { planCsvRows, planRows, prefilledOutcomes } from "../../lib/domain/portfolio-optimiser/plan";
import { EACH_GROUP, groupsOf, inGroup, ruleLabel, type BalanceRule, type CandidateFacts, type RuleDimension } from "../../lib/domain/portfolio-optimiser/rules";
import { solveSparseModel } from "../../lib/server/solver/highs";
import { mulberry32 } from "../../lib/domain/mulberry32";
import { benchInstance } from "../../scripts/bench-portfolio";

// ---- an independent brute force: every subset of the eligible proposals, checked rule by rule ----

const TOLERANCE = 1e-6;

/** Each rule's groups, straight from the rule's definition (not from the model builder). */
function ruleGroupKeys(rule: BalanceRule, eligible: readonly Candidate[]): string[] {
  if (rule.group !== EACH_GROUP) return [rule.group];
  return [...new Set(eligible.flatMap((c) => groupsOf(rule.dimension, c.facts)))];
}

function meets(instance: OptimiserInstance, chosen: readonly Candidate[], dropped: ReadonlySet<string>): boolean {
  if (chosen.reduce((s, c) => s + c.grant, 0) > instance.budget + TOLERANCE) return false;
  const eligible = instance.candidates.filter((c) => c.passes);
  for (const [index, rule] of instance.rules.entries()) {
    if (dropped.has(`rule:${index}`)) continue;
    const limit = rule.measure === "share" ? (rule.value / 100) * instance.budget : rule.value;
    for (const group of ruleGroupKeys(rule, eligible)) {
      const inside = chosen.filter((c) => inGroup(rule.dimension, group, c.facts));
      const amount = rule.measure === "share" ? inside.reduce((s, c) => s + c.grant, 0) : inside.length;
      if (rule.bound === "min" && amount < limit - TOLERANCE) return false;
      if (rule.bound === "max" && amount > limit + TOLERANCE) return false;
    }
  }
  for (const p of instance.pins) if (!dropped.has(`pin:${p.proposalId}`) && !chosen.some((c) => c.id === p.proposalId)) return false;
  for (const p of instance.exclusions) if (!dropped.has(`exclusion:${p.proposalId}`) && chosen.some((c) => c.id === p.proposalId)) return false;
  return true;
}

/**
 * The best total quality over all feasible subsets, or null when none is feasible. Subsets are
 * visited in Gray-code order, so each step adds or removes one proposal and updates every sum.
 */
function bruteForce(instance: OptimiserInstance, dropped: ReadonlySet<string> = new Set()): number | null {
  const eligible = instance.candidates.filter((c) => c.passes);
  const n = eligible.length;
  const rows: { coefficients: number[]; lower: number; upper: number }[] = [
    { coefficients: eligible.map((c) => c.grant), lower: -Infinity, upper: instance.budget },
  ];
  for (const [index, rule] of instance.rules.entries()) {
    if (dropped.has(`rule:${index}`)) continue;
    const limit = rule.measure === "share" ? (rule.value / 100) * instance.budget : rule.value;
    for (const group of ruleGroupKeys(rule, eligible)) {
      rows.push({
        coefficients: eligible.map((c) => (inGroup(rule.dimension, group, c.facts) ? (rule.measure === "share" ? c.grant : 1) : 0)),
        lower: rule.bound === "min" ? limit : -Infinity,
        upper: rule.bound === "max" ? limit : Infinity,
      });
    }
  }
  for (const p of instance.pins) {
    if (!dropped.has(`pin:${p.proposalId}`)) rows.push({ coefficients: eligible.map((c) => (c.id === p.proposalId ? 1 : 0)), lower: 1, upper: Infinity });
  }
  for (const p of instance.exclusions) {
    if (!dropped.has(`exclusion:${p.proposalId}`)) rows.push({ coefficients: eligible.map((c) => (c.id === p.proposalId ? 1 : 0)), lower: -Infinity, upper: 0 });
  }
  const sums = rows.map(() => 0);
  const inside = new Array<boolean>(n).fill(false);
  let quality = 0;
  let best: number | null = null;
  for (let step = 0; step < 1 << n; step++) {
    if (step > 0) {
      const j = Math.log2(step & -step); // the bit that flips between Gray codes step-1 and step
      const sign = inside[j] ? -1 : 1;
      inside[j] = !inside[j];
      quality += sign * eligible[j]!.quality;
      rows.forEach((row, r) => (sums[r]! += sign * row.coefficients[j]!));
    }
    if (rows.every((row, r) => sums[r]! >= row.lower - TOLERANCE && sums[r]! <= row.upper + TOLERANCE)) {
      if (best === null || quality > best) best = quality;
    }
  }
  return best;
}

function allUnits(instance: OptimiserInstance): string[] {
  return [
    ...instance.rules.map((_, i) => `rule:${i}`),
    ...instance.pins.map((p) => `pin:${p.proposalId}`),
    ...instance.exclusions.map((p) => `exclusion:${p.proposalId}`),
  ];
}

/** The fewest units whose removal makes the instance feasible, by enumerating subsets of units. */
function bruteForceSmallestRemoval(instance: OptimiserInstance): number {
  const units = allUnits(instance);
  let best = units.length;
  for (let mask = 0; mask < 1 << units.length; mask++) {
    const dropped = new Set(units.filter((_, k) => mask & (1 << k)));
    if (dropped.size < best && bruteForce(instance, dropped) !== null) best = dropped.size;
  }
  return best;
}

// ---- random instances ----


const THEMES = ["net-zero", "industrial-digitalisation", "other"] as const;
const CATEGORIES = ["production-technology", "challenge-led", "manufacturing-enabling"];
const COUNTRIES = ["DE", "JP", "US", "KR"];
const LEADS = ["Acme Ltd", "Beta plc", "Gamma University", "Delta Ltd", "Epsilon Ltd"];
const FITS = ["shortlisted", "longlisted", "none"] as const;
const DIMENSIONS: RuleDimension[] = ["theme", "rd-category", "country", "fit", "trl-band", "lead-organisation"];

function randomInstance(seed: number, maxProposals = 16): OptimiserInstance {
  const random = mulberry32(seed);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const n = 1 + Math.floor(random() * maxProposals);
  const candidates: Candidate[] = Array.from({ length: n }, (_, i) => {
    const facts: CandidateFacts = {
      themeId: pick(THEMES),
      domainId: null,
      rdCategory: pick(CATEGORIES),
      partnerCountries: COUNTRIES.filter(() => random() < 0.35),
      fit: pick(FITS),
      trlStart: 1 + Math.floor(random() * 9),
      leadOrganisation: pick(LEADS),
    };
    return {
      id: 100 + i,
      rank: i + 1,
      title: `P${i + 1}`,
      leadOrganisation: facts.leadOrganisation,
      grant: 1000 * (20 + Math.floor(random() * 280)),
      quality: Math.round((90 - i * 2 + random() * 4) * 100) / 100,
      passes: random() < 0.85,
      facts,
    };
  });
  const total = candidates.reduce((s, c) => s + c.grant, 0);
  const budget = Math.round(total * (0.2 + random() * 0.5));
  const rules: BalanceRule[] = Array.from({ length: Math.floor(random() * 4) }, () => {
    const dimension = pick(DIMENSIONS);
    const groups = [...new Set(candidates.flatMap((c) => groupsOf(dimension, c.facts)))];
    const group = random() < 0.3 || groups.length === 0 ? EACH_GROUP : dimension === "lead-organisation" ? pick(LEADS) : pick(groups);
    const bound = random() < 0.5 ? "min" : "max";
    const measure = random() < 0.5 ? "share" : "count";
    const value = measure === "share" ? 5 * Math.floor(random() * 12) : Math.floor(random() * 3) + (bound === "max" ? 0 : 1);
    return { dimension, group, bound, measure, value };
  });
  const passing = candidates.filter((c) => c.passes);
  const pins = passing.filter(() => random() < 0.08).map((c) => ({ proposalId: c.id, reason: "strategic" }));
  const exclusions = passing.filter((c) => !pins.some((p) => p.proposalId === c.id) && random() < 0.08).map((c) => ({ proposalId: c.id, reason: "duplicate" }));
  return { budget, candidates, rules, pins, exclusions };
}

const solver = (model: Parameters<typeof solveSparseModel>[0], options?: { initialSolution?: ArrayLike<number> }) => solveSparseModel(model, options);

// ---- tests ----

describe("portfolio optimiser against brute force", () => {
  it("finds the best feasible subset's quality on random instances of up to 16 proposals, never over budget", async () => {
    let feasible = 0;
    let infeasible = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const instance = randomInstance(seed);
      const outcome = await optimisePortfolio(instance, solver, { skipPrices: true });
      const best = bruteForce(instance);
      if (best === null) {
        expect(outcome.status, `seed ${seed}`).toMatch(/infeasible|no-eligible/);
        infeasible += 1;
        continue;
      }
      feasible += 1;
      if (instance.candidates.every((c) => !c.passes)) {
        expect(outcome.status).toBe("no-eligible");
        continue;
      }
      expect(outcome.status, `seed ${seed}`).toBe("optimal");
      expect(outcome.plan!.quality, `seed ${seed}`).toBeCloseTo(best, 6);
      expect(outcome.plan!.grant).toBeLessThanOrEqual(instance.budget);
      const chosen = instance.candidates.filter((c) => outcome.plan!.ids.includes(c.id));
      expect(meets(instance, chosen, new Set()), `seed ${seed}`).toBe(true);
    }
    // The generator gives both kinds, so both paths were exercised.
    expect(feasible).toBeGreaterThan(20);
    expect(infeasible).toBeGreaterThan(3);
  }, 30_000);

  it("prices each rule, pin and exclusion as the optimum without it minus the optimum with it", async () => {
    let priced = 0;
    for (let seed = 101; seed <= 130; seed++) {
      const instance = randomInstance(seed, 11);
      const best = bruteForce(instance);
      if (best === null || instance.candidates.every((c) => !c.passes)) continue;
      const outcome = await optimisePortfolio(instance, solver);
      for (const price of outcome.prices) {
        const without = bruteForce(instance, new Set([unitKey(price.unit)]))!;
        expect(price.cost, `seed ${seed} ${unitKey(price.unit)}`).toBeCloseTo(without - best, 6);
        priced += 1;
      }
      const noRules = bruteForce(instance, new Set(instance.rules.map((_, i) => `rule:${i}`)))!;
      expect(outcome.withoutRules!.quality).toBeCloseTo(noRules, 6);
    }
    expect(priced).toBeGreaterThan(15);
  }, 30_000);

  it("explains infeasible rules by the smallest removal and a set of rules that conflict", async () => {
    let explained = 0;
    for (let seed = 200; seed < 420 && explained < 12; seed++) {
      const instance = randomInstance(seed, 10);
      if (instance.candidates.every((c) => !c.passes) || bruteForce(instance) !== null) continue;
      const outcome = await optimisePortfolio(instance, solver);
      expect(outcome.status).toBe("infeasible");
      expect(outcome.plan).toBeNull();
      expect(outcome.message).toMatch(/cannot .*met/);
      const info = outcome.infeasibility!;
      // Smallest: no smaller set of units would do.
      expect(info.smallestRemoval.length, `seed ${seed}`).toBe(bruteForceSmallestRemoval(instance));
      expect(bruteForce(instance, new Set(info.smallestRemoval.map(unitKey)))).not.toBeNull();
      expect(info.planWithoutRemoval).not.toBeNull();
      // Conflicting: infeasible on their own, feasible when any one of them goes.
      const conflicting = new Set(info.conflicting.map(unitKey));
      const others = new Set(allUnits(instance).filter((k) => !conflicting.has(k)));
      expect(bruteForce(instance, others), `seed ${seed}`).toBeNull();
      for (const key of conflicting) expect(bruteForce(instance, new Set([...others, key]))).not.toBeNull();
      explained += 1;
    }
    expect(explained).toBeGreaterThanOrEqual(8);
  }, 30_000);
});

describe("portfolio optimiser on calls too big to enumerate", () => {
  it("finds the same optimum as one plain MIP over every proposal, and prices rules the same way", async () => {
    const instance = benchInstance(120, 11);
    const outcome = await optimisePortfolio(instance, solver);
    const model = buildPortfolioModel(instance);
    const plain = await solveSparseModel(selectionModel(model), { mipAbsoluteGap: 0.05 });
    expect(outcome.status).toBe("optimal");
    expect(outcome.plan!.quality).toBeCloseTo(plain.objective!, 6);
    for (const price of outcome.prices.slice(0, 6)) {
      const without = await solveSparseModel(selectionModel(model, new Set([unitKey(price.unit)])), { mipAbsoluteGap: 0.05 });
      expect(price.cost, unitKey(price.unit)).toBeCloseTo(without.objective! - plain.objective!, 6);
    }
  }, 60_000);
});

// ---- hand-made cases ----

const facts = (overrides: Partial<CandidateFacts> = {}): CandidateFacts => ({
  themeId: "industrial-digitalisation",
  domainId: null,
  rdCategory: "production-technology",
  partnerCountries: ["DE"],
  fit: "none",
  trlStart: 4,
  leadOrganisation: "Acme Ltd",
  ...overrides,
});

const candidate = (id: number, grant: number, quality: number, more: Partial<Omit<Candidate, "facts">> & { facts?: Partial<CandidateFacts> } = {}): Candidate => ({
  id,
  rank: id,
  title: `Proposal ${id}`,
  leadOrganisation: more.facts?.leadOrganisation ?? "Acme Ltd",
  grant,
  quality,
  passes: more.passes ?? true,
  facts: facts(more.facts),
});

/** Four proposals in rank order; the rank-order line funds 1 and 2 (digitalisation) and fills the rest with nothing. */
const call = (): OptimiserInstance => ({
  budget: 1_000_000,
  candidates: [
    candidate(1, 500_000, 80, { facts: { leadOrganisation: "Acme Ltd" } }),
    candidate(2, 400_000, 78, { facts: { leadOrganisation: "Acme Ltd" } }),
    candidate(3, 400_000, 70, { facts: { themeId: "net-zero", leadOrganisation: "Beta plc" } }),
    candidate(4, 100_000, 60, { facts: { leadOrganisation: "Gamma Ltd" } }),
    candidate(5, 300_000, 90, { passes: false, facts: { themeId: "net-zero" } }),
  ],
  rules: [],
  pins: [],
  exclusions: [],
});

const netZero30: BalanceRule = { dimension: "theme", group: "net-zero", bound: "min", measure: "share", value: 30 };
const onePerLead: BalanceRule = { dimension: "lead-organisation", group: EACH_GROUP, bound: "max", measure: "count", value: 1 };

describe("portfolio optimiser plans", () => {
  it("walks the rank-order line skipping proposals that no longer fit", () => {
    expect(rankOrderLine(call().candidates, 1_000_000).ids).toEqual([1, 2, 4]);
    expect(rankOrderLine(call().candidates, 950_000).ids).toEqual([1, 2]);
  });

  it("swaps a net-zero proposal in for a rule, naming the rule, and prices it", async () => {
    const instance = { ...call(), rules: [netZero30] };
    const outcome = await optimisePortfolio(instance, solver);
    expect(outcome.plan!.ids).toEqual([1, 3, 4]);
    expect(outcome.rankOrder.ids).toEqual([1, 2, 4]);
    expect(outcome.prices[0]!.cost).toBeCloseTo(8, 9);
    const rows = planRows(instance, outcome)!;
    const label = "“At least 30 % of the budget (£300,000) to Net zero”";
    expect(rows.map((r) => r.reasonText)).toEqual([
      "in rank order",
      `swapped out by rule ${label}`,
      `swapped in by rule ${label}`,
      "in rank order",
      "below threshold",
    ]);
    expect(planCsvRows(rows)[2]).toEqual([3, "Proposal 3", "Beta plc", 400_000, "Yes", `swapped in by rule ${label}`, 900_000]);
    expect(rows.at(-1)!.cumulativeGrant).toBe(1_000_000);
  });

  it("applies a rule to each lead organisation separately", async () => {
    const instance = { ...call(), rules: [onePerLead] };
    const outcome = await optimisePortfolio(instance, solver);
    expect(outcome.plan!.ids).toEqual([1, 3, 4]);
    expect(ruleLabel(onePerLead)).toBe("At most 1 award per lead organisation");
    expect(outcome.swaps.find((s) => s.proposalId === 2)).toEqual({ proposalId: 2, direction: "out", cause: { kind: "rule", index: 0 } });
  });

  it("funds pinned proposals and never excluded ones, with their reasons", async () => {
    const instance = { ...call(), pins: [{ proposalId: 3, reason: "Partner agency priority" }], exclusions: [{ proposalId: 1, reason: "Duplicate funding" }] };
    const outcome = await optimisePortfolio(instance, solver);
    expect(outcome.plan!.ids).toContain(3);
    expect(outcome.plan!.ids).not.toContain(1);
    const rows = planRows(instance, outcome)!;
    expect(rows.find((r) => r.proposalId === 3)!.reasonText).toBe("pinned");
    expect(rows.find((r) => r.proposalId === 1)!.reasonText).toBe("excluded");
  });

  it("explains pins that cannot fit the budget together", async () => {
    const instance = { ...call(), budget: 800_000, pins: [1, 2].map((proposalId) => ({ proposalId, reason: "must" })) };
    const outcome = await optimisePortfolio(instance, solver);
    expect(outcome.status).toBe("infeasible");
    expect(outcome.infeasibility!.smallestRemoval).toHaveLength(1);
    expect(outcome.message).toBe(
      "These rules cannot all be met together within the budget of £800,000: “Must fund “Proposal 1” (pinned)” and “Must fund “Proposal 2” (pinned)”. " +
        "Removing “Must fund “Proposal 1” (pinned)” is the smallest change that makes a plan possible.",
    );
  });

  it("says why a plan is empty", async () => {
    const noneEligible = await optimisePortfolio({ ...call(), candidates: call().candidates.map((c) => ({ ...c, passes: false })) }, solver);
    expect(noneEligible.status).toBe("no-eligible");
    expect(noneEligible.message).toMatch(/No proposal .* passes the thresholds/);
    const tooSmall = await optimisePortfolio({ ...call(), budget: 50_000 }, solver);
    expect(tooSmall.plan!.ids).toEqual([]);
    expect(tooSmall.message).toBe("No eligible proposal fits within the budget of £50,000, so the plan funds nothing.");
  });

  it("ignores a pin on a proposal below threshold, with a warning", async () => {
    const outcome = await optimisePortfolio({ ...call(), pins: [{ proposalId: 5, reason: "x" }] }, solver);
    expect(outcome.status).toBe("optimal");
    expect(outcome.warnings).toEqual(["The pin on proposal 5 is ignored: it does not pass the thresholds, so it is not eligible."]);
  });

  it("pre-fills fund for the plan, reserve for the next eligible in rank order, reject for the rest", async () => {
    const instance = { ...call(), rules: [netZero30], exclusions: [{ proposalId: 2, reason: "x" }] };
    const outcome = await optimisePortfolio(instance, solver);
    const rows = planRows(instance, outcome)!;
    expect(Object.fromEntries(prefilledOutcomes(rows, 1))).toEqual({ 1: "fund", 2: "reject", 3: "fund", 4: "fund", 5: "reject" });
    const lean = await optimisePortfolio({ ...call(), budget: 600_000 }, solver);
    expect(Object.fromEntries(prefilledOutcomes(planRows(call(), lean)!, 2))).toEqual({ 1: "fund", 2: "reserve", 3: "reserve", 4: "fund", 5: "reject" });
  });

  it("builds one sparse row per group of an each-group rule and relaxes every unit once", () => {
    const model = buildPortfolioModel({ ...call(), rules: [onePerLead, netZero30], pins: [{ proposalId: 4, reason: "" }] });
    // budget + 3 lead organisations + 1 theme row
    expect(model.rows).toHaveLength(5);
    const lp = selectionModel(model);
    expect(Array.from(lp.rowStarts)).toEqual([0, 4, 6, 7, 8, 9]);
    expect(Array.from(lp.colLower)).toEqual([0, 0, 0, 1]);
    const relaxed = relaxationModel(model);
    const units: ConstraintUnit[] = model.units;
    expect(relaxed.colCost.length).toBe(4 + units.length);
  });
});
