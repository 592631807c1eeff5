import "server-only";
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { getDb } from "@/db/client";
import { decisions, portfolioScenarios, type CallRow, type PortfolioScenarioRow } from "@/db/schema";
import { transaction } from "@/db/transaction";
import { hasClosed } from "@/lib/domain/call-stage";
import { toCsv } from "@/lib/domain/csv";
import { balanceByDimension, type BalanceDimension } from "@/lib/domain/portfolio-optimiser/balance";
import type { Candidate, OptimiserInstance } from "@/lib/domain/portfolio-optimiser/model";
import { unitLabel, type OptimiserOutcome } from "@/lib/domain/portfolio-optimiser/optimise";
import { paths } from "@/lib/paths";
import { PLAN_CSV_HEADER, planCsvRows, planRows, prefilledOutcomes, type PlanRow } from "@/lib/domain/portfolio-optimiser/plan";
import {
  DIMENSION_LABELS,
  EACH_GROUP,
  fixedGroupOptions,
  groupLabel,
  organisationKey,
  QUALITY_MEASURES,
  RULE_DIMENSIONS,
  ruleLabel,
  type QualityMeasure,
  type RuleDimension,
} from "@/lib/domain/portfolio-optimiser/rules";
import { findDomain } from "@/lib/domain/report/technology-domains";
import { formatPounds } from "@/lib/format";
import {
  adoptScenarioInput,
  QUALITY_LABELS,
  saveScenarioInput,
  type ScenarioFormValues,
  type ScenarioInput,
} from "@/lib/validation/portfolio";
import type { z } from "zod";
import { ActionError } from "../action-error";
import { guardedRead } from "../guard";
import { waitForJob } from "../jobs";
import { recordAudit } from "../audit";
import type { Actor } from "../users";
import { callHeading, rankCall, requireCall, requireCallForJob, type CallHeading, type Reader, type Viewer } from "./call-data";
import { slug, type CsvFile } from "./csv";
import { writeDecision } from "./decisions";
import { countSubmittedProposals, loadPortfolioSource, loadPrefilledFeedback, type PortfolioSource } from "./portfolio-data";
import { callDataVersion, ensureJob, jobVersion, jobView, type JobDefinition } from "../jobs";
import type { PortfolioSolve } from "../solver/portfolio";
import type { CalibrationResult } from "@/lib/domain/calibration/analyse";
import { calibrationJob, freshCalibration } from "./calibration";

/** Bump when the optimiser's method changes, so stored plans are re-solved. */
const METHOD_VERSION = "portfolio-optimiser-2";

export const SCENARIO_NOT_FOUND = "We could not find that scenario in this call.";
const RELEASED = "Decisions for this call have been released, so its scenarios can no longer be changed.";

// ---- the optimiser's input, from what is stored now ------------------------------------------------

function trlOf(value: string | undefined): number | null {
  const n = Number(value?.trim() ?? "");
  return Number.isInteger(n) && n >= 1 && n <= 9 ? n : null;
}

/**
 * Every ranked proposal in rank order, as the optimiser sees it, with the raw weighted total as
 * quality. Read with loadPortfolioSource (portfolio-data.ts), not the whole call.
 */
export function candidatesOf(data: PortfolioSource): Candidate[] {
  const { ranked } = rankCall(data);
  const byId = new Map(data.proposals.map((p) => [p.id, p]));
  return ranked.map((r) => {
    const p = byId.get(r.id)!;
    return {
      id: r.id,
      rank: r.rank,
      title: r.title,
      leadOrganisation: p.leadOrganisation,
      grant: r.grantRequested,
      quality: r.weightedTotal,
      passes: r.passes,
      facts: {
        themeId: p.facts.themeId,
        domainId: p.facts.domainId,
        rdCategory: p.facts.rdCategory,
        partnerCountries: p.facts.partnerCountries,
        fit: p.facts.fit,
        trlStart: trlOf(data.trlStart.get(p.id)),
        leadOrganisation: p.leadOrganisation,
      },
    };
  });
}

/**
 * The candidates with the scenario's quality measure: the raw weighted total as ranked, or each
 * proposal's calibrated score (posterior mean, issue 9) from the call's calibration. Null when
 * the calibrated score is asked for and the calibration does not cover every eligible proposal.
 */
export function withQuality(candidates: readonly Candidate[], measure: QualityMeasure, calibration: CalibrationResult | null): Candidate[] | null {
  if (measure === "raw") return [...candidates];
  if (!calibration) return null;
  const calibrated = new Map(calibration.proposals.map((p) => [p.id, p.calibrated]));
  if (candidates.some((c) => c.passes && calibrated.get(c.id) === undefined)) return null;
  return candidates.map((c) => ({ ...c, quality: calibrated.get(c.id) ?? c.quality }));
}

export const NEEDS_CALIBRATION =
  "This scenario maximises the calibrated score, but the call has no calibration for its current scores. Run the calibration, then come back to this scenario.";

export interface ScenarioSettings {
  budget: number;
  qualityMeasure: QualityMeasure;
  rules: ScenarioInput["rules"];
  pins: ScenarioInput["pins"];
  exclusions: ScenarioInput["exclusions"];
}

export function instanceOf(settings: ScenarioSettings, candidates: readonly Candidate[]): OptimiserInstance {
  return { budget: settings.budget, candidates, rules: settings.rules, pins: settings.pins, exclusions: settings.exclusions };
}

type StoredResult = PortfolioSolve;

/** A stored solve has its instance and outcome; anything else (an older shape, null) is not one. */
function isStoredResult(value: unknown): value is StoredResult {
  return typeof value === "object" && value !== null && "outcome" in value && "instance" in value;
}

function storedResult(row: PortfolioScenarioRow): StoredResult | null {
  return isStoredResult(row.result) ? row.result : null;
}

/**
 * A home-only call of the viewer's agency. The optimiser chooses one agency's plan against one
 * budget; a joint call has two budgets in two currencies and two sets of decisions, so it is not
 * offered there (the joint call's ranking page shows each agency's funding line instead).
 */
async function requirePortfolioCall(db: Reader, callId: number, viewer: Viewer): Promise<CallRow> {
  const call = await requireCall(db, callId, viewer);
  if (call.partnerAgencyId !== null) throw new ActionError("not_found", "The portfolio optimiser is not available on a joint call.");
  return call;
}

async function requireScenario(db: Reader, callId: number, scenarioId: number): Promise<PortfolioScenarioRow> {
  const [row] = await db
    .select()
    .from(portfolioScenarios)
    .where(and(eq(portfolioScenarios.id, scenarioId), eq(portfolioScenarios.callId, callId)))
    .limit(1);
  if (!row) throw new ActionError("not_found", SCENARIO_NOT_FOUND);
  return row;
}

const settingsOf = (row: PortfolioScenarioRow): ScenarioSettings => ({
  budget: row.budget,
  qualityMeasure: row.qualityMeasure,
  rules: row.rules,
  pins: row.pins,
  exclusions: row.exclusions,
});

/**
 * The scenario's solve as a background job (lib/server/jobs), keyed by scenario id. Its data
 * version covers the call's assessment data and the scenario's own settings, so changing either
 * solves it again in a worker thread.
 */
export const PORTFOLIO_JOB: JobDefinition<"portfolio"> = {
  kind: "portfolio",
  permission: "ranking:read",
  async dataVersion(callId, key) {
    const [row] = await getDb()
      .select()
      .from(portfolioScenarios)
      .where(and(eq(portfolioScenarios.id, Number(key)), eq(portfolioScenarios.callId, callId)))
      .limit(1);
    // A calibrated scenario also depends on the calibration's own version (its method).
    const calibration = row?.qualityMeasure === "calibrated" ? await calibrationJob.dataVersion(callId, "") : null;
    return jobVersion(METHOD_VERSION, await callDataVersion(callId), row ? settingsOf(row) : null, calibration);
  },
  async input(callId, key) {
    const db = getDb();
    const call = await requireCallForJob(db, callId);
    const row = await requireScenario(db, callId, Number(key));
    const calibration = row.qualityMeasure === "calibrated" ? await freshCalibration(callId) : null;
    const candidates = withQuality(candidatesOf(await loadPortfolioSource(db, call)), row.qualityMeasure, calibration);
    if (!candidates) throw new Error(NEEDS_CALIBRATION);
    return instanceOf(settingsOf(row), candidates);
  },
};

/** Keeps the latest current plan on the scenario itself: adopted and released plans are read from there. */
async function snapshot(row: PortfolioScenarioRow, result: StoredResult, version: string, now: Date): Promise<void> {
  if (row.resultInputHash === version) return;
  await transaction(async (tx) => {
    await tx
      .update(portfolioScenarios)
      .set({ result, resultInputHash: version, solvedAt: now })
      .where(eq(portfolioScenarios.id, row.id));
  });
}

type ScenarioState =
  | { state: "current" | "frozen"; result: StoredResult }
  | { state: "solving"; result: null; job: { url: string; progress: number; message: string } }
  | { state: "failed"; result: null; message: string }
  | { state: "needs-calibration"; result: null; message: string; calibrationUrl: string };

/**
 * The scenario's plan: after release, the one stored when it was last current (frozen); before,
 * the background job's result for the current data and settings, starting a solve when needed.
 */
async function scenarioState(call: CallRow, row: PortfolioScenarioRow, requestedBy: number | undefined, now: Date): Promise<ScenarioState> {
  const key = String(row.id);
  if (call.decisionsReleasedAt) {
    const stored = storedResult(row) ?? (await jobView(PORTFOLIO_JOB, call.id, key)).result;
    if (stored) return { state: "frozen", result: stored };
    return { state: "failed", result: null, message: "This scenario was not solved before decisions were released." };
  }
  // The calibrated score needs the call's calibration for its scores now; a stale one is not used.
  if (row.qualityMeasure === "calibrated" && !(await freshCalibration(call.id))) {
    return { state: "needs-calibration", result: null, message: NEEDS_CALIBRATION, calibrationUrl: paths.callCalibration(call.id) };
  }
  const view = await ensureJob(PORTFOLIO_JOB, call.id, { key, requestedBy });
  if (view.fresh && view.result) {
    await snapshot(row, view.result, view.dataVersion, view.computedAt ?? now);
    return { state: "current", result: view.result };
  }
  if (view.failure) return { state: "failed", result: null, message: "The optimiser could not solve this scenario. Change it to try again." };
  return {
    state: "solving",
    result: null,
    job: { url: paths.callJob(call.id, "portfolio", key), progress: view.running?.progress ?? 0, message: view.running?.message ?? "Waiting to start" },
  };
}

// ---- pages ----------------------------------------------------------------------------------------

export interface ScenarioSummary {
  id: number;
  name: string;
  budget: number;
  rules: string[];
  pins: number;
  exclusions: number;
  adopted: boolean;
  updatedAt: Date;
}

export interface PortfolioOverview {
  call: CallHeading;
  released: boolean;
  eligible: number;
  scenarios: ScenarioSummary[];
  newScenario: ScenarioFormValues;
  form: ScenarioFormOptions;
}

export interface ScenarioFormOptions {
  dimensions: { value: RuleDimension; label: string }[];
  /** Group choices per dimension, "each" first. */
  groups: Record<RuleDimension, { value: string; label: string }[]>;
  proposals: { value: string; label: string }[];
  qualityMeasures: { value: QualityMeasure; label: string }[];
}

function formOptions(candidates: readonly Candidate[]): ScenarioFormOptions {
  const eligible = candidates.filter((c) => c.passes);
  const each = (d: RuleDimension) => ({ value: EACH_GROUP, label: `Each ${DIMENSION_LABELS[d].toLowerCase()} separately` });
  const distinct = (values: [string, string][]) =>
    [...new Map(values)].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, "en-GB"));
  const groups = Object.fromEntries(
    RULE_DIMENSIONS.map((d) => {
      let options = fixedGroupOptions(d);
      if (d === "domain") options = distinct(eligible.flatMap((c) => (c.facts.domainId ? [[c.facts.domainId, findDomain(c.facts.domainId)?.longName ?? c.facts.domainId]] : [])) as [string, string][]);
      if (d === "country") options = distinct(eligible.flatMap((c) => c.facts.partnerCountries.map((code) => [code, groupLabel("country", code)] as [string, string])));
      if (d === "lead-organisation") {
        options = distinct(eligible.filter((c) => c.leadOrganisation.trim() !== "").map((c) => [organisationKey(c.leadOrganisation), c.leadOrganisation.trim()]));
        options = options.map((o) => ({ value: o.label, label: o.label }));
      }
      return [d, [each(d), ...options]];
    }),
  ) as ScenarioFormOptions["groups"];
  return {
    dimensions: RULE_DIMENSIONS.map((d) => ({ value: d, label: DIMENSION_LABELS[d] })),
    groups,
    proposals: eligible.map((c) => ({ value: String(c.id), label: `${c.rank}. ${c.title} (${c.leadOrganisation || "no lead organisation"}, ${formatPounds(c.grant)})` })),
    qualityMeasures: QUALITY_MEASURES.map((q) => ({ value: q, label: QUALITY_LABELS[q] })),
  };
}

function formValues(row: Pick<PortfolioScenarioRow, "name" | "budget" | "qualityMeasure" | "rules" | "pins" | "exclusions">): ScenarioFormValues {
  return {
    name: row.name,
    budget: String(row.budget),
    qualityMeasure: row.qualityMeasure,
    rules: row.rules.map((r) => ({ dimension: r.dimension, group: r.group, bound: r.bound, measure: r.measure, value: String(r.value) })),
    pins: row.pins.map((p) => ({ proposalId: String(p.proposalId), reason: p.reason })),
    exclusions: row.exclusions.map((p) => ({ proposalId: String(p.proposalId), reason: p.reason })),
  };
}

function summary(row: PortfolioScenarioRow): ScenarioSummary {
  return {
    id: row.id,
    name: row.name,
    budget: row.budget,
    rules: row.rules.map((r) => ruleLabel(r, row.budget)),
    pins: row.pins.length,
    exclusions: row.exclusions.length,
    adopted: row.adoptedAt !== null,
    updatedAt: row.updatedAt,
  };
}

async function scenariosOf(db: Reader, callId: number): Promise<PortfolioScenarioRow[]> {
  return db.select().from(portfolioScenarios).where(eq(portfolioScenarios.callId, callId)).orderBy(asc(portfolioScenarios.id));
}

export const getPortfolioOverview = guardedRead(
  "ranking:read",
  async (me, callId: number, now: Date = new Date()): Promise<PortfolioOverview> => {
    const db = getDb();
    const call = await requirePortfolioCall(db, callId, me);
    const candidates = candidatesOf(await loadPortfolioSource(db, call));
    const rows = await scenariosOf(db, callId);
    const adopted = rows.find((r) => r.adoptedAt !== null);
    return {
      call: callHeading(call, now, me),
      released: call.decisionsReleasedAt !== null,
      eligible: candidates.filter((c) => c.passes).length,
      scenarios: rows.map(summary),
      // A new scenario starts from the adopted one's settings, or from the call's budget with no rules.
      newScenario: adopted
        ? { ...formValues(adopted), name: `${adopted.name} (copy)` }
        : { name: "", budget: String(call.budget), qualityMeasure: "raw", rules: [], pins: [], exclusions: [] },
      form: formOptions(candidates),
    };
  },
);

export interface PriceView {
  label: string;
  cost: number;
  added: string[];
  removed: string[];
}

export interface PlanView {
  outcome: OptimiserOutcome;
  seconds: number;
  rows: PlanRow[] | null;
  prices: PriceView[];
  comparison: {
    plan: { quality: number; grant: number; awards: number } | null;
    rankOrder: { quality: number; grant: number; awards: number };
    withoutRules: { quality: number } | null;
    swappedIn: number;
    swappedOut: number;
  };
  adopted: { id: number; name: string; added: string[]; removed: string[] } | null;
  infeasibility: { conflicting: string[]; smallestRemoval: string[]; planWithoutRemoval: { awards: number; quality: number; grant: number } | null } | null;
  balance: BalanceDimension[];
}

export interface ScenarioView {
  call: CallHeading;
  released: boolean;
  scenario: ScenarioSummary & { qualityMeasure: QualityMeasure; solvedAt: Date | null };
  values: ScenarioFormValues;
  form: ScenarioFormOptions;
  /** current: solved for the data and settings now; frozen: as it was when decisions were released. */
  state: ScenarioState["state"];
  /** While solving: where the page polls for progress. */
  job: { url: string; progress: number; message: string } | null;
  failure: string | null;
  /** The calibrated score is chosen but the call has no current calibration: where to run it. */
  needsCalibration: { message: string; url: string } | null;
  plan: PlanView | null;
}

function planView(result: StoredResult, adoptedRow: PortfolioScenarioRow | undefined): PlanView {
  const { instance, outcome } = result;
  const titleOf = (id: number) => instance.candidates.find((c) => c.id === id)?.title ?? `Proposal ${id}`;
  const label = (u: Parameters<typeof unitLabel>[1]) => unitLabel(instance, u);
  const adoptedPlan = adoptedRow ? storedResult(adoptedRow)?.outcome.plan : null;
  const planIds = outcome.plan?.ids ?? [];
  return {
    outcome,
    seconds: result.seconds,
    rows: planRows(instance, outcome),
    prices: outcome.prices.map((p) => ({ label: label(p.unit), cost: p.cost, added: p.changes.added.map(titleOf), removed: p.changes.removed.map(titleOf) })),
    comparison: {
      plan: outcome.plan ? { quality: outcome.plan.quality, grant: outcome.plan.grant, awards: outcome.plan.ids.length } : null,
      rankOrder: { quality: outcome.rankOrder.quality, grant: outcome.rankOrder.grant, awards: outcome.rankOrder.ids.length },
      withoutRules: outcome.withoutRules ? { quality: outcome.withoutRules.quality } : null,
      swappedIn: outcome.swaps.filter((s) => s.direction === "in").length,
      swappedOut: outcome.swaps.filter((s) => s.direction === "out").length,
    },
    adopted:
      adoptedRow && adoptedPlan
        ? {
            id: adoptedRow.id,
            name: adoptedRow.name,
            added: planIds.filter((id) => !adoptedPlan.ids.includes(id)).map(titleOf),
            removed: adoptedPlan.ids.filter((id) => !planIds.includes(id)).map(titleOf),
          }
        : null,
    infeasibility: outcome.infeasibility
      ? {
          conflicting: outcome.infeasibility.conflicting.map(label),
          smallestRemoval: outcome.infeasibility.smallestRemoval.map(label),
          planWithoutRemoval: outcome.infeasibility.planWithoutRemoval
            ? {
                awards: outcome.infeasibility.planWithoutRemoval.ids.length,
                quality: outcome.infeasibility.planWithoutRemoval.quality,
                grant: outcome.infeasibility.planWithoutRemoval.grant,
              }
            : null,
        }
      : null,
    balance: balanceByDimension(instance, planIds, outcome.rankOrder.ids),
  };
}

export const getScenario = guardedRead(
  "ranking:read",
  async (me, callId: number, scenarioId: number, now: Date = new Date()): Promise<ScenarioView> => {
    const db = getDb();
    const call = await requirePortfolioCall(db, callId, me);
    const row = await requireScenario(db, callId, scenarioId);
    const state = await scenarioState(call, row, me.id, now);
    const fresh = await requireScenario(db, callId, scenarioId);
    const adoptedRow = (await scenariosOf(db, callId)).find((r) => r.adoptedAt !== null && r.id !== row.id);
    const candidates = state.result ? state.result.instance.candidates : candidatesOf(await loadPortfolioSource(db, call));
    return {
      call: callHeading(call, now, me),
      released: call.decisionsReleasedAt !== null,
      scenario: { ...summary(fresh), qualityMeasure: fresh.qualityMeasure, solvedAt: fresh.solvedAt },
      values: formValues(fresh),
      form: formOptions(candidates),
      state: state.state,
      job: state.state === "solving" ? state.job : null,
      failure: state.state === "failed" ? state.message : null,
      needsCalibration: state.state === "needs-calibration" ? { message: state.message, url: state.calibrationUrl } : null,
      plan: state.result ? planView(state.result, adoptedRow) : null,
    };
  },
);

// ---- changes ---------------------------------------------------------------------------------------

function assertOpenForChanges(call: CallRow): void {
  if (call.decisionsReleasedAt) throw new ActionError("locked", RELEASED);
}

/** Checks the scenario against the call: pins and exclusions must name eligible proposals. */
function checkAgainstCall(values: ScenarioInput, candidates: readonly Candidate[]): void {
  const errors: Record<string, string> = {};
  const eligible = new Set(candidates.filter((c) => c.passes).map((c) => c.id));
  const known = new Set(candidates.map((c) => c.id));
  (["pins", "exclusions"] as const).forEach((list) =>
    values[list].forEach((c, i) => {
      if (!eligible.has(c.proposalId)) {
        errors[`${list}.${i}.proposalId`] = known.has(c.proposalId)
          ? "This proposal does not pass the thresholds, so it is not eligible"
          : "Choose a ranked proposal of this call";
      }
    }),
  );
  if (Object.keys(errors).length > 0) throw new ActionError("invalid", "There is a problem with what you entered.", errors);
}

/** Creates (no scenarioId) or changes a scenario; either way it is solved again. */
export async function saveScenario(
  me: Actor,
  { callId, scenarioId, values }: z.output<typeof saveScenarioInput>,
  now = new Date(),
): Promise<{ callId: number; scenarioId: number; jobId: number | null }> {
  {
    const db = getDb();
    const call = await requirePortfolioCall(db, callId, me);
    assertOpenForChanges(call);
    const candidates = candidatesOf(await loadPortfolioSource(db, call));
    checkAgainstCall(values, candidates);

    const saved = await transaction(async (tx) => {
      const fresh = await requirePortfolioCall(tx, callId, me);
      assertOpenForChanges(fresh);
      const [clash] = await tx
        .select({ id: portfolioScenarios.id })
        .from(portfolioScenarios)
        .where(and(eq(portfolioScenarios.callId, callId), eq(portfolioScenarios.name, values.name), scenarioId ? ne(portfolioScenarios.id, scenarioId) : undefined))
        .limit(1);
      if (clash) throw new ActionError("invalid", "There is a problem with what you entered.", { name: "Another scenario of this call has this name" });
      const settings = {
        name: values.name,
        budget: values.budget,
        qualityMeasure: values.qualityMeasure,
        rules: values.rules,
        pins: values.pins,
        exclusions: values.exclusions,
        updatedAt: now,
      };
      let id: number;
      if (scenarioId) {
        const before = await requireScenario(tx, callId, scenarioId);
        await tx.update(portfolioScenarios).set(settings).where(eq(portfolioScenarios.id, before.id));
        id = before.id;
      } else {
        const [created] = await tx
          .insert(portfolioScenarios)
          .values({ ...settings, callId, createdBy: me.id })
          .returning({ id: portfolioScenarios.id });
        id = created!.id;
      }
      await recordAudit(tx, {
        at: now,
        actorId: me.id,
        action: scenarioId ? "scenario.updated" : "scenario.created",
        callId,
        detail: {
          scenarioId: id,
          name: values.name,
          budget: values.budget,
          qualityMeasure: values.qualityMeasure,
          rules: values.rules.map((r) => ruleLabel(r, values.budget)),
          pins: values.pins,
          exclusions: values.exclusions,
        },
      });
      return requireScenario(tx, callId, id);
    });
    // Solve it again in the background; its page shows the progress (or asks for the calibration first).
    if (saved.qualityMeasure === "calibrated" && !(await freshCalibration(callId))) return { callId, scenarioId: saved.id, jobId: null };
    const job = await ensureJob(PORTFOLIO_JOB, callId, { key: String(saved.id), requestedBy: me.id });
    return { callId, scenarioId: saved.id, jobId: job.running?.id ?? null };
  }
}

/**
 * Adopts a scenario: it becomes the call's adopted scenario, and its plan pre-fills every ranked
 * proposal's decision (fund the plan, reserve the next eligible in rank order, reject the rest),
 * each with the assessors' feedback to start from. Audited as one adoption plus each decision.
 */
export async function adoptScenario(me: Actor, { callId, scenarioId, reserves }: z.output<typeof adoptScenarioInput>, now = new Date()) {
  {
    const db = getDb();
    const call = await requirePortfolioCall(db, callId, me);
    assertOpenForChanges(call);
    if (!hasClosed(call, now)) throw new ActionError("closed", "A scenario can be adopted once the call has closed.");
    const row = await requireScenario(db, callId, scenarioId);
    const view = await jobView(PORTFOLIO_JOB, callId, String(scenarioId));
    if (!view.fresh || !view.result) {
      throw new ActionError("conflict", "This scenario's plan is still being solved for the latest data. Adopt it once the plan is shown.");
    }
    const { instance, outcome } = view.result;
    const rows = planRows(instance, outcome);
    if (!rows || !outcome.plan) {
      throw new ActionError("invalid", `This scenario has no plan to adopt. ${outcome.message ?? ""}`.trim());
    }
    const outcomes = prefilledOutcomes(rows, reserves);
    // Only what the decisions need: each decided proposal's counted feedback, and how many are submitted.
    const [prefilled, submitted] = await Promise.all([loadPrefilledFeedback(db, call, [...outcomes.keys()], me), countSubmittedProposals(db, callId)]);
    await snapshot(row, view.result, view.dataVersion, now);

    return transaction(async (tx) => {
      const fresh = await requirePortfolioCall(tx, callId, me);
      assertOpenForChanges(fresh);
      const current = await requireScenario(tx, callId, scenarioId);
      if (current.resultInputHash !== view.dataVersion) {
        throw new ActionError("conflict", "The scenario changed while it was being adopted. Look at its plan again, then adopt it.");
      }

      await tx.update(portfolioScenarios).set({ adoptedAt: null, adoptedBy: null }).where(eq(portfolioScenarios.callId, callId));
      await tx.update(portfolioScenarios).set({ adoptedAt: now, adoptedBy: me.id }).where(eq(portfolioScenarios.id, scenarioId));

      const agencyId = me.agency?.id;
      if (agencyId === undefined) throw new ActionError("forbidden", "You are not allowed to do that.");
      const existing = new Map(
        (
          await tx
            .select()
            .from(decisions)
            .where(and(inArray(decisions.proposalId, [...outcomes.keys()]), eq(decisions.agencyId, agencyId)))
        ).map((d) => [d.proposalId, d]),
      );
      const counts = { fund: 0, reserve: 0, reject: 0 };
      for (const [proposalId, outcomeOf] of outcomes) {
        counts[outcomeOf] += 1;
        const previous = existing.get(proposalId);
        const feedback = previous?.feedback || prefilled.get(proposalId) || "Pre-filled from the adopted portfolio scenario.";
        await writeDecision(tx, me, { callId, proposalId, agencyId, outcome: outcomeOf, feedback, previous, now, scenarioId });
      }
      await recordAudit(tx, {
        at: now,
        actorId: me.id,
        action: "scenario.adopted",
        callId,
        detail: { scenarioId, name: current.name, reserves, ...counts, quality: outcome.plan!.quality, grant: outcome.plan!.grant },
      });
      return { callId, scenarioId, ...counts, awaitingAssessment: submitted - outcomes.size };
    });
  }
}

// ---- plan.csv --------------------------------------------------------------------------------------

/** plan.csv: Rank, Proposal, Lead organisation, Grant requested, Selected, Reason, Cumulative grant. */
export const scenarioPlanCsv = guardedRead(
  "export:csv",
  async (me, callId: number, scenarioId: number): Promise<CsvFile | { refusal: string }> => {
    const db = getDb();
    const call = await requirePortfolioCall(db, callId, me);
    const row = await requireScenario(db, callId, scenarioId);
    let state = await scenarioState(call, row, undefined, new Date());
    // A download waits for a solve that is under way rather than failing.
    if (state.state === "solving") {
      const view = await jobView(PORTFOLIO_JOB, callId, String(scenarioId));
      if (view.running) await waitForJob(view.running.id);
      state = await scenarioState(call, row, undefined, new Date());
    }
    if (!state.result) return { refusal: state.state === "failed" ? state.message : "This scenario's plan is still being solved. Try again in a moment." };
    const { result } = state;
    const rows = planRows(result.instance, result.outcome);
    if (!rows) return { refusal: result.outcome.message ?? "This scenario has no plan." };
    return { filename: `plan-${slug(call.title)}-${slug(row.name)}.csv`, body: toCsv(PLAN_CSV_HEADER, planCsvRows(rows)) };
  },
);

export { formValues as scenarioFormValues };
