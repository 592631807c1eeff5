import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { lotteries, users, type CallRow, type LotteryRow } from "@/db/schema";
import { allAssessorsRankingInput, type Panel } from "@/lib/domain/joint";
import type { CalibrationInput, CalibrationResult } from "@/lib/domain/calibration/analyse";
import { jointCalibration, type JointCalibration } from "@/lib/domain/joint-calibration";
import { ActionError } from "../action-error";
import { loadJointAgencies, type JointAgencies } from "../agencies";
import { guardedRead } from "../guard";
import { callDataVersion, ensureJob, jobVersion, jobView, type JobDefinition, type JobView } from "../jobs";
import type { Actor } from "../users";
import {
  CALL_NOT_FOUND,
  callHeading,
  jointConfig,
  jointRankingInput,
  loadRankingInput,
  panelRankingInputs,
  requireCall,
  requireCallForJob,
  viewerPanel,
  type CallHeading,
  type RankingSource,
  type Viewer,
} from "./call-data";
import { assessorNames } from "./calibration-data";

/** The model's seed for a call: fixed, so the same data always gives the same numbers. */
const seedFor = (callId: number) => 20_220_901 + callId;

/**
 * The calibration job's key: "" on a home-only call; on a joint call the viewer's own panel
 * ("home" or "partner"). Each agency's managers see the model of their own panel only: their own
 * assessors (so no other agency's assessor names or leniencies) and their own agency's grants
 * against its own budget (so the funding-line zones are in one currency).
 */
export function calibrationKey(call: CallRow, viewer: Viewer): string {
  return viewerPanel(call, viewer) ?? "";
}

const panelOfKey = (key: string): Panel | null => (key === "home" || key === "partner" ? key : null);

/**
 * The job key of a joint call's joint ranking: the model fitted to every assessor of both
 * agencies. Both agencies' managers see it, so it stores no assessor names (the read adds the
 * viewer's own agency's, and numbers the other agency's).
 */
export const JOINT_KEY = "joint";

/** What the joint ranking's model is fitted to (lib/domain/joint.ts allAssessorsRankingInput). */
function jointCalibrationInput(data: RankingSource, callId: number): CalibrationInput {
  const { config, proposals } = allAssessorsRankingInput(jointConfig(data), jointRankingInput(data));
  return {
    seed: seedFor(callId),
    config,
    proposals,
    assessments: data.counted.map((a) => ({ id: a.id, proposalId: a.proposalId, assessorId: a.assessorId })),
    assessors: [],
  };
}

/** The calibration job (lib/domain/calibration/analyse.ts) for a call, one panel of a joint call, or its joint ranking, run in a worker. */
export const calibrationJob: JobDefinition<"calibration"> = {
  kind: "calibration",
  permission: "ranking:read",
  // The model's own version: v2 judges convergence by the rank-normalised R-hat (Vehtari et al.
  // 2021); v3 draws τ_a and b as one block (gibbs.ts, JointLeniency), which settles calls whose
  // assessors hardly differ; v4 draws (μ, b) from a sparse Cholesky factor wherever that is
  // cheaper than conjugate gradients (same posterior, other draws); v5 sums τ_a's and θ's
  // conditionals by group (draws differ in the last digits); v6 draws b with τ_a only in the
  // sweeps that keep it (other random streams). Results stored under an older version show as
  // out of date and are recomputed.
  dataVersion: async (callId, key) => jobVersion(await callDataVersion(callId), "calibration-v7", key),
  // Only what the model needs (loadRankingInput, panelRankingInputs; assessorNames): no answer documents.
  input: async (callId, key): Promise<CalibrationInput> => {
    const db = getDb();
    const data = await loadRankingInput(db, await requireCallForJob(db, callId));
    if (key === JOINT_KEY && data.call.partnerAgencyId !== null) return jointCalibrationInput(data, callId);
    const { config, proposals, counted } = panelRankingInputs(data, panelOfKey(key));
    return {
      seed: seedFor(callId),
      config,
      proposals,
      assessments: counted.map((a) => ({ id: a.id, proposalId: a.proposalId, assessorId: a.assessorId })),
      assessors: await assessorNames(db, [...new Set(counted.map((a) => a.assessorId))]),
    };
  },
};

export interface LotteryView {
  id: number;
  status: LotteryRow["status"];
  seedSha256: string;
  /** Revealed only once drawn. */
  seed: string | null;
  entries: { id: number; grantRequested: number }[];
  remainingBudget: number;
  drawOrder: number[] | null;
  funded: number[] | null;
  reserve: number[] | null;
  createdAt: Date;
  drawnAt: Date | null;
}

export function lotteryView(row: LotteryRow): LotteryView {
  return {
    id: row.id,
    status: row.status,
    seedSha256: row.seedSha256,
    seed: row.status === "committed" ? null : row.seed,
    entries: row.entries,
    remainingBudget: row.remainingBudget,
    drawOrder: row.drawOrder,
    funded: row.funded,
    reserve: row.reserve,
    createdAt: row.createdAt,
    drawnAt: row.drawnAt,
  };
}

/** The call's current lottery (committed or drawn), if any. */
export async function currentLottery(callId: number): Promise<LotteryRow | null> {
  const [row] = await getDb()
    .select()
    .from(lotteries)
    .where(and(eq(lotteries.callId, callId), inArray(lotteries.status, ["committed", "drawn"])))
    .orderBy(desc(lotteries.id))
    .limit(1);
  return row ?? null;
}

export interface CallCalibration {
  call: CallHeading & { lotteryEnabled: boolean };
  /** On a joint call, the viewer's own panel the model is fitted to (null on a home-only call). */
  panel: { side: Panel; agencyName: string; currency: string } | null;
  job: JobView<CalibrationResult>;
  lottery: LotteryView | null;
  titles: Record<number, string>;
}

/** The "How sure is this ranking?" page: starts a fit in the background when the stored one is missing or stale. */
export const getCallCalibration = guardedRead(
  "ranking:read",
  async (actor: Actor, callId: number, now: Date = new Date()): Promise<CallCalibration> => {
    const db = getDb();
    const call = await requireCall(db, callId, actor);
    const side = viewerPanel(call, actor);
    const agencies = side === null ? null : await loadJointAgencies(db, call);
    const panel = side !== null && agencies ? { side, agencyName: agencies[side].name, currency: agencies[side].currency } : null;
    const [job, lottery] = await Promise.all([
      ensureJob(calibrationJob, callId, { key: calibrationKey(call, actor), requestedBy: actor.id }),
      // The lottery pre-fills one agency's decisions from one budget, so it is for home-only calls.
      panel === null ? currentLottery(callId) : null,
    ]);
    const titles: Record<number, string> = {};
    for (const p of job.result?.proposals ?? []) titles[p.id] = p.title;
    return {
      call: { ...callHeading(call, now, actor), lotteryEnabled: panel === null && call.lotteryEnabled },
      panel,
      job,
      lottery: lottery ? lotteryView(lottery) : null,
      titles,
    };
  },
);

export interface JointCallCalibration {
  call: CallHeading;
  agencies: JointAgencies;
  /** The viewer's own panel (whose calibration is on the page without `?view=joint`). */
  side: Panel;
  /** The model of the joint ranking, with both agencies' funding lines (lib/domain/joint-calibration.ts). */
  job: JobView<JointCalibration>;
  titles: Record<number, string>;
}

/**
 * Assessors named for the viewer: their own agency's by name, the other agency's numbered only
 * ("Assessor 2 of …"), as everywhere on a joint call.
 */
async function assessorLabels(ids: readonly number[], viewer: Actor, agencies: JointAgencies): Promise<Map<number, string>> {
  const rows = ids.length === 0 ? [] : await getDb().select({ id: users.id, name: users.name, agencyId: users.agencyId }).from(users).where(inArray(users.id, [...ids]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const other = viewer.agency?.id === agencies.partner.id ? agencies.home.name : agencies.partner.name;
  const labels = new Map<number, string>();
  let n = 0;
  for (const id of ids) {
    const row = byId.get(id);
    labels.set(id, row && row.agencyId === viewer.agency?.id ? row.name : `Assessor ${++n} of ${other}`);
  }
  return labels;
}

/**
 * The calibrated joint ranking of a joint call (every assessor of both agencies), for both
 * agencies' managers: starts a fit in the background when the stored one is missing or stale.
 * Null (not found) on a home-only call.
 */
export const getJointCalibration = guardedRead(
  "ranking:read",
  async (actor: Actor, callId: number, now: Date = new Date()): Promise<JointCallCalibration> => {
    const db = getDb();
    const call = await requireCall(db, callId, actor);
    const agencies = await loadJointAgencies(db, call);
    if (!agencies) throw new ActionError("not_found", CALL_NOT_FOUND);
    const job = await ensureJob(calibrationJob, callId, { key: JOINT_KEY, requestedBy: actor.id });
    let result: JointCalibration | null = null;
    if (job.result?.model) {
      const data = await loadRankingInput(db, call);
      const joint = jointCalibration(job.result, jointConfig(data), jointRankingInput(data));
      const labels = await assessorLabels(joint.assessors.map((a) => a.id), actor, agencies);
      result = { ...joint, assessors: joint.assessors.map((a) => ({ ...a, name: labels.get(a.id)! })) };
    } else if (job.result) {
      result = { ...job.result, lines: { home: null, partner: null }, agencyZones: {}, grants: {} };
    }
    const titles: Record<number, string> = {};
    for (const p of result?.proposals ?? []) titles[p.id] = p.title;
    return {
      call: callHeading(call, now, actor),
      agencies,
      side: viewerPanel(call, actor) ?? "home",
      job: { ...job, result },
      titles,
    };
  },
);

/** The stored calibration, without starting a fit (CSV exports): null unless it matches the data now. */
export async function freshCalibration(callId: number, key = ""): Promise<CalibrationResult | null> {
  const view = await jobView(calibrationJob, callId, key);
  return view.fresh ? view.result : null;
}
