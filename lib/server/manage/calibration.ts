import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { lotteries, type CallRow, type LotteryRow } from "@/db/schema";
import type { Panel } from "@/lib/domain/joint";
import type { CalibrationInput, CalibrationResult } from "@/lib/domain/calibration/analyse";
import { loadJointAgencies } from "../agencies";
import { guardedRead } from "../guard";
import { callDataVersion, ensureJob, jobVersion, jobView, type JobDefinition, type JobView } from "../jobs";
import type { Actor } from "../users";
import { callHeading, loadCallData, rankingInputsFor, requireCall, requireCallForJob, viewerPanel, type CallHeading, type Viewer } from "./call-data";

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

/** The calibration job (lib/domain/calibration/analyse.ts) for a call, or one panel of a joint call, run in a worker. */
export const calibrationJob: JobDefinition<"calibration"> = {
  kind: "calibration",
  permission: "ranking:read",
  dataVersion: async (callId, key) => jobVersion(await callDataVersion(callId), "calibration-v1", key),
  input: async (callId, key): Promise<CalibrationInput> => {
    const db = getDb();
    const data = await loadCallData(db, await requireCallForJob(db, callId));
    const { config, proposals, counted } = rankingInputsFor(data, panelOfKey(key));
    const assessors = new Map(counted.map((a) => [a.assessorId, a.assessorName]));
    return {
      seed: seedFor(callId),
      config,
      proposals,
      assessments: counted.map((a) => ({ id: a.assessment!.id, proposalId: a.proposalId, assessorId: a.assessorId })),
      assessors: [...assessors.entries()].map(([id, name]) => ({ id, name })),
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

/** The stored calibration, without starting a fit (CSV exports): null unless it matches the data now. */
export async function freshCalibration(callId: number, key = ""): Promise<CalibrationResult | null> {
  const view = await jobView(calibrationJob, callId, key);
  return view.fresh ? view.result : null;
}
