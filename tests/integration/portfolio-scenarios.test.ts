/**
 * Portfolio scenarios against a real SQLite file: saving and solving, validation, adoption that
 * pre-fills decisions, plan.csv, manager-only access and the freeze after release.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, decisions, portfolioScenarios, type CallRow } from "@/db/schema";
import { invokerOf } from "@/lib/server/action";
import { adoptScenarioAction, saveScenarioAction } from "@/lib/server/actions/portfolio-actions";
import { paths } from "@/lib/paths";
import { ensureJob, jobView, waitForJob } from "@/lib/server/jobs";
import { calibrationJob, freshCalibration } from "@/lib/server/manage/calibration";
import { getPortfolioOverview, getScenario, NEEDS_CALIBRATION, PORTFOLIO_JOB, scenarioPlanCsv } from "@/lib/server/manage/scenarios";
import type { Actor } from "@/lib/server/users";
import type { ScenarioFormValues } from "@/lib/validation/portfolio";
import { parseCsv } from "../support/csv-reader";
import { assessAll, expectFailure, expectOk, makeProposal, makeRubricCall } from "../support/manage-factories";
import { recordDecision, releaseDecisions } from "../support/actions";
import { makeUser, setupTempDatabase } from "../support/temp-db";

const saveOnly = invokerOf(saveScenarioAction);
const adoptScenario = invokerOf(adoptScenarioAction);

setupTempDatabase();

let manager: Actor;
let bidder: Actor;
let assessor: Actor;
let a1: Actor;
let a2: Actor;

beforeAll(async () => {
  manager = await makeUser("manager");
  bidder = await makeUser("bidder");
  assessor = await makeUser("assessor");
  [a1, a2] = (await Promise.all([1, 2].map((i) => makeUser("assessor", { organisation: `Review Org ${i}` })))) as [Actor, Actor];
});

/**
 * Rank order: Twin A (Acme, £500k), Twin B (Acme, £400k), Hydrogen (Beta, £400k, net zero),
 * Sensors (Gamma, £100k); Weak fails the thresholds. With £1m the rank-order line funds A, B and
 * Sensors; "at least 30 % to net zero" or "at most 1 award per lead organisation" swaps B for Hydrogen.
 */
function assessedCall(): { call: CallRow; ids: Record<"twinA" | "twinB" | "hydrogen" | "sensors" | "weak", number> } {
  const call = makeRubricCall({ budget: 1_000_000, assessorsRequired: 2, overallThreshold: 50 });
  const make = (title: string, lead: string, domainId: string, grant: number, score: number) => {
    const p = makeProposal(call.id, bidder, { title, lead, domainId, grant });
    assessAll(p.id, [
      [a1, score],
      [a2, score],
    ]);
    return p.id;
  };
  return {
    call,
    ids: {
      twinA: make("Twin A", "Acme Ltd", "digital-twins", 500_000, 9),
      twinB: make("Twin B", "Acme Ltd", "digital-twins", 400_000, 8),
      hydrogen: make("Hydrogen", "Beta plc", "hydrogen-fuel-cells", 400_000, 7),
      sensors: make("Sensors", "Gamma Ltd", "data-capture-sensors", 100_000, 6),
      weak: make("Weak", "Delta Ltd", "batteries", 100_000, 3),
    },
  };
}

const netZero = { dimension: "theme", group: "net-zero", bound: "min", measure: "share", value: "30" } as const;
const onePerLead = { dimension: "lead-organisation", group: "*", bound: "max", measure: "count", value: "1" } as const;

/** Saves a scenario and waits for its background solve, as the page would. */
async function saveScenario(...args: Parameters<typeof saveOnly>) {
  const result = await saveOnly(...args);
  if (result.ok && result.data.jobId !== null) await waitForJob(result.data.jobId);
  return result;
}

function values(overrides: Partial<ScenarioFormValues> = {}): ScenarioFormValues {
  return { name: "Balanced", budget: "1000000", qualityMeasure: "raw", rules: [netZero, onePerLead], pins: [], exclusions: [], ...overrides };
}

describe("saving and solving scenarios", () => {
  it("saves a named scenario, solves it and shows the plan, swaps and price of each rule against the rank-order line", async () => {
    const { call, ids } = assessedCall();
    const saved = expectOk(await saveScenario(manager, { callId: call.id, values: values() }));
    const view = (await getScenario(manager, call.id, saved.scenarioId))!;
    expect(view.state).toBe("current");
    expect(view.plan!.outcome.status).toBe("optimal");
    expect(view.plan!.outcome.rankOrder.ids).toEqual([ids.twinA, ids.twinB, ids.sensors]);
    expect(view.plan!.outcome.plan!.ids).toEqual([ids.twinA, ids.hydrogen, ids.sensors]);
    const reasons = Object.fromEntries(view.plan!.rows!.map((r) => [r.title, r.reasonText]));
    expect(reasons["Twin B"]).toMatch(/^swapped out by rule “At most 1 award per lead organisation”$/);
    expect(reasons["Hydrogen"]).toMatch(/^swapped in by rule “At least 30 % of the budget \(£300,000\) to Net zero”$/);
    expect(reasons["Weak"]).toBe("below threshold");
    // Each rule alone forces the same swap, so dropping either one costs nothing: the other still holds.
    expect(view.plan!.prices.map((p) => p.label)).toEqual(["At least 30 % of the budget (£300,000) to Net zero", "At most 1 award per lead organisation"]);
    expect(view.plan!.comparison.plan!.quality).toBeLessThan(view.plan!.comparison.rankOrder.quality);
    expect(view.plan!.balance.find((d) => d.dimension === "theme")!.groups.find((g) => g.key === "net-zero")).toMatchObject({
      rankOrder: { grant: 0, awards: 0 },
      plan: { grant: 400_000, awards: 1 },
      bounds: [{ bound: "min", measure: "share", limit: 300_000, ruleNumber: 1 }],
    });

    // Every proposal starts at TRL 3 (the factories' answers), so the TRL band is read from the answers.
    expect(view.plan!.balance.find((d) => d.dimension === "trl-band")!.groups.find((g) => g.key === "1-3")!.rankOrder.awards).toBe(3);

    const overview = (await getPortfolioOverview(manager, call.id))!;
    expect(overview.scenarios).toMatchObject([{ name: "Balanced", rules: ["At least 30 % of the budget (£300,000) to Net zero", "At most 1 award per lead organisation"] }]);
    expect(overview.eligible).toBe(4);
  });

  it("prices a rule by re-solving without it", async () => {
    const { call } = assessedCall();
    const saved = expectOk(await saveScenario(manager, { callId: call.id, values: values({ name: "Net zero only", rules: [netZero] }) }));
    const view = (await getScenario(manager, call.id, saved.scenarioId))!;
    // Without the rule: Twin A + Twin B + Sensors = 9 + 8 + 6 (×10) against 9 + 7 + 6 with it.
    expect(view.plan!.prices).toHaveLength(1);
    expect(view.plan!.prices[0]!.cost).toBeCloseTo(10, 6);
    expect(view.plan!.prices[0]!.added).toEqual(["Twin B"]);
    expect(view.plan!.prices[0]!.removed).toEqual(["Hydrogen"]);
  });

  it("changing a scenario re-solves it, and an infeasible one says which rules conflict", async () => {
    const { call } = assessedCall();
    const { scenarioId } = expectOk(await saveScenario(manager, { callId: call.id, values: values() }));
    const impossible = { dimension: "theme", group: "net-zero", bound: "min", measure: "count", value: "2" } as const;
    expectOk(await saveScenario(manager, { callId: call.id, scenarioId, values: values({ rules: [impossible] }) }));
    const view = (await getScenario(manager, call.id, scenarioId))!;
    expect(view.plan!.outcome.status).toBe("infeasible");
    expect(view.plan!.rows).toBeNull();
    expect(view.plan!.outcome.message).toBe(
      "“At least 2 awards to Net zero” cannot be met within the budget of £1,000,000. Removing “At least 2 awards to Net zero” is the smallest change that makes a plan possible.",
    );
    expect(view.plan!.infeasibility!.smallestRemoval).toEqual(["At least 2 awards to Net zero"]);
    expectFailure(await adoptScenario(manager, { callId: call.id, scenarioId, reserves: 1 }), "invalid");
  });

  it("refuses rules a manager could not mean, each on its own field", async () => {
    const { call } = assessedCall();
    const minAboveMax = values({
      rules: [
        { dimension: "country", group: "DE", bound: "min", measure: "share", value: "40" },
        { dimension: "country", group: "DE", bound: "max", measure: "share", value: "20" },
        { dimension: "theme", group: "net-zero", bound: "min", measure: "share", value: "120" },
      ],
    });
    const refused = expectFailure(await saveScenario(manager, { callId: call.id, values: minAboveMax }), "invalid");
    expect(refused.fieldErrors).toEqual({
      "rules.0.value": "This minimum (40 %) is above the maximum of 20 % in rule 2 for the same group",
      "rules.2.value": "A share cannot be more than 100 % of the budget",
    });
    const shares = values({
      rules: [
        { dimension: "theme", group: "net-zero", bound: "min", measure: "share", value: "60" },
        { dimension: "theme", group: "other", bound: "min", measure: "share", value: "50" },
      ],
    });
    expect(expectFailure(await saveScenario(manager, { callId: call.id, values: shares }), "invalid").fieldErrors?.["rules.1.value"]).toBe(
      "The minimum shares for each theme add up to 110 %, more than the whole budget",
    );
    const noName = expectFailure(await saveScenario(manager, { callId: call.id, values: values({ name: " ", budget: "lots" }) }), "invalid");
    expect(noName.fieldErrors).toMatchObject({ name: "Enter a name for the scenario", budget: "The budget must be a whole number of pounds" });
  });

  it("refuses to pin a proposal that fails the thresholds, or to pin and exclude the same one", async () => {
    const { call, ids } = assessedCall();
    const pinWeak = values({ pins: [{ proposalId: String(ids.weak), reason: "Ministerial priority" }] });
    expect(expectFailure(await saveScenario(manager, { callId: call.id, values: pinWeak }), "invalid").fieldErrors).toEqual({
      "pins.0.proposalId": "This proposal does not pass the thresholds, so it is not eligible",
    });
    const both = values({
      pins: [{ proposalId: String(ids.twinB), reason: "Strategic" }],
      exclusions: [{ proposalId: String(ids.twinB), reason: "Duplicate" }],
    });
    expect(expectFailure(await saveScenario(manager, { callId: call.id, values: both }), "invalid").fieldErrors).toEqual({
      "exclusions.0.proposalId": "This proposal is pinned, so it cannot also be excluded",
    });
    const noReason = values({ exclusions: [{ proposalId: String(ids.twinB), reason: "" }] });
    expect(expectFailure(await saveScenario(manager, { callId: call.id, values: noReason }), "invalid").fieldErrors).toEqual({
      "exclusions.0.reason": "Give a reason for not funding this proposal",
    });
  });

  it("keeps scenario names unique within a call", async () => {
    const { call } = assessedCall();
    expectOk(await saveScenario(manager, { callId: call.id, values: values() }));
    expect(expectFailure(await saveScenario(manager, { callId: call.id, values: values() }), "invalid").fieldErrors).toEqual({
      name: "Another scenario of this call has this name",
    });
  });
});

describe("the calibrated score as quality", { timeout: 120_000 }, () => {
  it("asks for the call's calibration when there is none for its scores now, then maximises the calibrated scores", async () => {
    const { call } = assessedCall();
    expect((await getPortfolioOverview(manager, call.id))!.form.qualityMeasures.map((q) => q.value)).toEqual(["raw", "calibrated"]);
    const saved = expectOk(await saveScenario(manager, { callId: call.id, values: values({ name: "Calibrated", qualityMeasure: "calibrated" }) }));
    // No calibration yet: nothing is solved, and the page says so with a way to run it.
    expect(saved.jobId).toBeNull();
    const waiting = (await getScenario(manager, call.id, saved.scenarioId))!;
    expect(waiting.state).toBe("needs-calibration");
    expect(waiting.needsCalibration).toEqual({ message: NEEDS_CALIBRATION, url: paths.callCalibration(call.id) });
    expect(waiting.plan).toBeNull();
    expect((await jobView(PORTFOLIO_JOB, call.id, String(saved.scenarioId))).running).toBeNull();

    // The calibration runs (as its page starts it); the next view solves with the calibrated scores.
    const fit = await ensureJob(calibrationJob, call.id);
    if (fit.running) await waitForJob(fit.running.id);
    const calibration = (await freshCalibration(call.id))!;
    const calibrated = new Map(calibration.proposals.map((p) => [p.id, p.calibrated]));
    const solving = (await getScenario(manager, call.id, saved.scenarioId))!;
    expect(solving.state).toBe("solving");
    const job = await jobView(PORTFOLIO_JOB, call.id, String(saved.scenarioId));
    if (job.running) await waitForJob(job.running.id);
    const view = (await getScenario(manager, call.id, saved.scenarioId))!;
    expect(view.state).toBe("current");
    expect(view.scenario.qualityMeasure).toBe("calibrated");
    const plan = view.plan!.outcome.plan!;
    expect(view.plan!.outcome.status).toBe("optimal");
    expect(plan.quality).toBeCloseTo(plan.ids.reduce((sum, id) => sum + calibrated.get(id)!, 0), 9);
    // The calibrated scores are not the raw totals, so this is a different objective.
    const raw = expectOk(await saveScenario(manager, { callId: call.id, values: values({ name: "Raw" }) }));
    const rawPlan = (await getScenario(manager, call.id, raw.scenarioId))!.plan!.outcome.plan!;
    expect(rawPlan.quality).not.toBeCloseTo(plan.quality, 3);
  });
});

describe("adopting a scenario", () => {
  it("pre-fills fund, reserve and reject decisions, audited, and the manager edits them as usual", async () => {
    const { call, ids } = assessedCall();
    const { scenarioId } = expectOk(await saveScenario(manager, { callId: call.id, values: values() }));
    const adopted = expectOk(await adoptScenario(manager, { callId: call.id, scenarioId, reserves: 1 }));
    expect(adopted).toMatchObject({ fund: 3, reserve: 1, reject: 1 });

    const stored = Object.fromEntries(
      (await getDb().select().from(decisions)).filter((d) => Object.values(ids).includes(d.proposalId)).map((d) => [d.proposalId, d.outcome]),
    );
    expect(stored).toEqual({ [ids.twinA]: "fund", [ids.hydrogen]: "fund", [ids.sensors]: "fund", [ids.twinB]: "reserve", [ids.weak]: "reject" });
    // Feedback starts from the assessors' feedback, as a decision recorded by hand does.
    const [hydrogenDecision] = await getDb().select().from(decisions).where(eq(decisions.proposalId, ids.hydrogen));
    expect(hydrogenDecision!.feedback).toMatch(/^Feedback 1:\n/);

    const audit = await getDb().select().from(auditLog).where(eq(auditLog.callId, call.id));
    expect(audit.filter((a) => a.action === "scenario.adopted")).toHaveLength(1);
    expect(audit.filter((a) => a.action === "decision.recorded" && a.detail.source === "scenario")).toHaveLength(5);

    expectOk(await recordDecision(manager, { proposalId: ids.twinB, outcome: "fund", feedback: "Funded after all." }));
    const edits = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.proposalId, ids.twinB), eq(auditLog.action, "decision.recorded")));
    expect(edits.at(-1)!.detail).toEqual({ outcome: "fund", previousOutcome: "reserve" });

    // One adopted scenario per call: adopting another moves the mark.
    const other = expectOk(await saveScenario(manager, { callId: call.id, values: values({ name: "Plain", rules: [] }) }));
    expectOk(await adoptScenario(manager, { callId: call.id, scenarioId: other.scenarioId, reserves: 0 }));
    const marks = await getDb().select().from(portfolioScenarios).where(eq(portfolioScenarios.callId, call.id));
    expect(marks.filter((m) => m.adoptedAt !== null).map((m) => m.id)).toEqual([other.scenarioId]);
    const view = (await getScenario(manager, call.id, scenarioId))!;
    expect(view.plan!.adopted).toEqual({ id: other.scenarioId, name: "Plain", added: ["Hydrogen"], removed: ["Twin B"] });
  });
});

describe("plan.csv", () => {
  it("has the plan's columns and reasons, in rank order", async () => {
    const { call } = assessedCall();
    const { scenarioId } = expectOk(await saveScenario(manager, { callId: call.id, values: values({ rules: [netZero] }) }));
    const csv = (await scenarioPlanCsv(manager, call.id, scenarioId)) as { filename: string; body: string };
    expect(csv.filename).toMatch(/^plan-.*-balanced\.csv$/);
    const rows = parseCsv(csv.body.replace(/^\uFEFF/u, ""));
    expect(rows[0]).toEqual(["Rank", "Proposal", "Lead organisation", "Grant requested", "Selected", "Reason", "Cumulative grant"]);
    const rule = "“At least 30 % of the budget (£300,000) to Net zero”";
    expect(rows.slice(1)).toEqual([
      ["1", "Twin A", "Acme Ltd", "500000", "Yes", "in rank order", "500000"],
      ["2", "Twin B", "Acme Ltd", "400000", "No", `swapped out by rule ${rule}`, "500000"],
      ["3", "Hydrogen", "Beta plc", "400000", "Yes", `swapped in by rule ${rule}`, "900000"],
      ["4", "Sensors", "Gamma Ltd", "100000", "Yes", "in rank order", "1000000"],
      ["5", "Weak", "Delta Ltd", "100000", "No", "below threshold", "1000000"],
    ]);
  });
});

describe("who may use scenarios", () => {
  it("refuses everyone but managers, and signed-out visitors", async () => {
    const { call } = assessedCall();
    const { scenarioId } = expectOk(await saveScenario(manager, { callId: call.id, values: values() }));
    for (const actor of [bidder, assessor]) {
      expectFailure(await saveScenario(actor, { callId: call.id, values: values({ name: "Mine" }) }), "forbidden");
      expect(await getScenario(actor, call.id, scenarioId)).toBeNull();
      expect(await getPortfolioOverview(actor, call.id)).toBeNull();
      expectFailure(await adoptScenario(actor, { callId: call.id, scenarioId, reserves: 1 }), "forbidden");
      expect(await scenarioPlanCsv(actor, call.id, scenarioId)).toBeNull();
    }
    expectFailure(await saveScenario(null, { callId: call.id, values: values({ name: "Anon" }) }), "unauthenticated");
    expectFailure(await adoptScenario(null, { callId: call.id, scenarioId, reserves: 1 }), "unauthenticated");
    const names = (await getDb().select().from(portfolioScenarios).where(eq(portfolioScenarios.callId, call.id))).map((s) => s.name);
    expect(names).toEqual(["Balanced"]);
  });

  it("does not find another call's scenario", async () => {
    const first = assessedCall();
    const second = assessedCall();
    const { scenarioId } = expectOk(await saveScenario(manager, { callId: first.call.id, values: values() }));
    expect(await getScenario(manager, second.call.id, scenarioId)).toBeNull();
    expectFailure(await saveScenario(manager, { callId: second.call.id, scenarioId, values: values() }), "not_found");
  });
});

describe("after decisions are released", () => {
  it("scenarios are frozen: no changes, no adoption, and the plan stays as it was", async () => {
    const { call, ids } = assessedCall();
    const { scenarioId } = expectOk(await saveScenario(manager, { callId: call.id, values: values() }));
    expectOk(await adoptScenario(manager, { callId: call.id, scenarioId, reserves: 1 }));
    expectOk(await releaseDecisions(manager, { callId: call.id }));
    const before = (await getScenario(manager, call.id, scenarioId))!;
    expect(before.state).toBe("frozen");

    expectFailure(await saveScenario(manager, { callId: call.id, scenarioId, values: values({ rules: [] }) }), "locked");
    expectFailure(await saveScenario(manager, { callId: call.id, values: values({ name: "Late" }) }), "locked");
    expectFailure(await adoptScenario(manager, { callId: call.id, scenarioId, reserves: 1 }), "locked");

    // Even if the data under it changed, the released plan is shown as it was decided.
    assessAll(makeProposal(call.id, bidder, { title: "Latecomer", lead: "Zeta Ltd", domainId: "batteries", grant: 100_000 }).id, [
      [a1, 10],
      [a2, 10],
    ]);
    const after = (await getScenario(manager, call.id, scenarioId))!;
    expect(after.plan!.outcome).toEqual(before.plan!.outcome);
    expect(after.plan!.outcome.plan!.ids).toEqual([ids.twinA, ids.hydrogen, ids.sensors]);
  });
});
