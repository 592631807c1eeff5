import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { calls, type CallRow } from "@/db/schema";
import { callPhase } from "@/lib/domain/calls";

export interface CallSummary {
  id: number;
  title: string;
  description: string;
  opensAt: Date;
  closesAt: Date;
  assessmentDueAt: Date;
  budget: number;
  phase: "upcoming" | "open" | "closed";
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
    phase: callPhase(row, now),
  };
}

/** Calls a bidder can see: open now, or upcoming. */
export function listCallsForBidders(now = new Date()): CallSummary[] {
  return getDb()
    .select()
    .from(calls)
    .orderBy(asc(calls.closesAt))
    .all()
    .map((row) => summarise(row, now))
    .filter((c) => c.phase !== "closed");
}

export function getCallSummary(id: number, now = new Date()): CallSummary | null {
  const row = getDb().select().from(calls).where(eq(calls.id, id)).get();
  return row ? summarise(row, now) : null;
}
