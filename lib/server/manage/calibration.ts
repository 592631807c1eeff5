import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { lotteries, type LotteryRow } from "@/db/schema";
import type { CalibrationInput, CalibrationResult } from "@/lib/domain/calibration/analyse";
import { guardedRead } from "../guard";
import { callDataVersion, ensureJob, jobVersion, jobView, type JobDefinition, type JobView } from "../jobs";
import type { Actor } from "../users";
import { callHeading, countsTowardRanking, loadCallData, rankingInputs, requireCall, type CallHeading } from "./call-data";

/** The model's seed for a call: fixed, so the same data always gives the same numbers. */
const seedFor = (callId: number) => 20_220_901 + callId;

/** The calibration job (lib/domain/calibration/analyse.ts) for a call, run in a worker. */
export const calibrationJob: JobDefinition<"calibration"> = {
  kind: "calibration",
  permission: "ranking:read",
  dataVersion: async (callId) => jobVersion(await callDataVersion(callId), "calibration-v1"),
  input: async (callId): Promise<CalibrationInput> => {
    const db = getDb();
    const data = await loadCallData(db, await requireCall(db, callId));
    const { config, proposals } = rankingInputs(data);
    const counted = data.assignments.filter(countsTowardRanking);
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
  job: JobView<CalibrationResult>;
  lottery: LotteryView | null;
  titles: Record<number, string>;
}

/** The "How sure is this ranking?" page: starts a fit in the background when the stored one is missing or stale. */
export const getCallCalibration = guardedRead(
  "ranking:read",
  async (actor: Actor, callId: number, now: Date = new Date()): Promise<CallCalibration> => {
    const db = getDb();
    const call = await requireCall(db, callId);
    const [job, lottery] = await Promise.all([ensureJob(calibrationJob, callId, { requestedBy: actor.id }), currentLottery(callId)]);
    const titles: Record<number, string> = {};
    for (const p of job.result?.proposals ?? []) titles[p.id] = p.title;
    return { call: { ...callHeading(call, now), lotteryEnabled: call.lotteryEnabled }, job, lottery: lottery ? lotteryView(lottery) : null, titles };
  },
);

/** The stored calibration, without starting a fit (CSV exports): null unless it matches the data now. */
export async function freshCalibration(callId: number): Promise<CalibrationResult | null> {
  const view = await jobView(calibrationJob, callId);
  return view.fresh ? view.result : null;
}
