import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { calls, type CallRow } from "@/db/schema";
import { callStage, type CallStage } from "@/lib/domain/call-stage";
import { guardedRead } from "./guard";

export interface CallSummary {
  id: number;
  title: string;
  description: string;
  opensAt: Date;
  closesAt: Date;
  assessmentDueAt: Date;
  budget: number;
  stage: CallStage;
}

function summarise(row: CallRow, now: Date): CallSummary {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    opensAt: row.opensAt,
    closesAt: row.closesAt,
    assessmentDueAt: row.assessmentDueAt,
    budget: row.budget,
    stage: callStage(row, now),
  };
}

/** Calls a bidder can see: open now, or upcoming. */
export const listCallsForBidders = guardedRead("call:read-open", async (_actor, now: Date = new Date()): Promise<CallSummary[]> => {
  const rows = await getDb().select().from(calls).orderBy(asc(calls.closesAt));
  return rows.map((row) => summarise(row, now)).filter((c) => c.stage === "open" || c.stage === "upcoming");
});

export const getCallSummary = guardedRead("call:read-open", async (_actor, id: number, now: Date = new Date()): Promise<CallSummary | null> => {
  const [row] = await getDb().select().from(calls).where(eq(calls.id, id)).limit(1);
  return row ? summarise(row, now) : null;
});
