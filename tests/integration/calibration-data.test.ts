import { and, eq, isNotNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { DEMO_CALLS, seedDemoData } from "@/db/seed";
import { assessments, assignments, calls, proposals } from "@/db/schema";
import type { CalibrationInput } from "@/lib/domain/calibration/analyse";
import { allAssessorsRankingInput } from "@/lib/domain/joint";
import { calibrationJob } from "@/lib/server/manage/calibration";
import { jointConfig, jointRankingInput, loadCallData, rankingInputsFor, requireCallForJob } from "@/lib/server/manage/call-data";
import { setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

/** The calibration job's input as it was built before (from loadCallData: every answer document and assessment). */
async function inputFromFullRead(callId: number, key: string, seed: number): Promise<CalibrationInput> {
  const db = getDb();
  const data = await loadCallData(db, await requireCallForJob(db, callId), undefined, { full: true });
  const { counted } = rankingInputsFor(data, key === "home" || key === "partner" ? key : null);
  const assessmentsOf = counted.map((a) => ({ id: a.assessment!.id, proposalId: a.proposalId, assessorId: a.assessorId }));
  if (key === "joint") {
    const { config, proposals: rows } = allAssessorsRankingInput(jointConfig(data), jointRankingInput(data));
    return { seed, config, proposals: rows, assessments: assessmentsOf, assessors: [] };
  }
  const { config, proposals: rows } = rankingInputsFor(data, key === "home" || key === "partner" ? key : null);
  const names = new Map(counted.map((a) => [a.assessorId, a.assessorName]));
  return { seed, config, proposals: rows, assessments: assessmentsOf, assessors: [...names].map(([id, name]) => ({ id, name })) };
}

describe("the calibration job's lean input (lib/server/manage/calibration-data.ts)", () => {
  it("is exactly what the full read gave, on a home-only call, each panel of a joint call and its joint ranking", async () => {
    const db = getDb();
    await seedDemoData(db);
    const [ranked] = await db.select().from(calls).where(eq(calls.title, DEMO_CALLS.ranked));
    const [joint] = await db.select().from(calls).where(isNotNull(calls.partnerAgencyId));
    // Make the counting rule matter: one assignment with a submitted assessment removed, another conflicted.
    const counted = await db
      .select({ id: assignments.id })
      .from(assignments)
      .innerJoin(assessments, eq(assessments.assignmentId, assignments.id))
      .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
      .where(and(eq(proposals.callId, ranked!.id), eq(assessments.status, "submitted")))
      .orderBy(assignments.id);
    db.update(assignments).set({ removedAt: new Date() }).where(eq(assignments.id, counted[0]!.id)).run();
    db.update(assignments).set({ conflictDeclaration: "conflict" }).where(eq(assignments.id, counted[4]!.id)).run();

    for (const [callId, key] of [[ranked!.id, ""], [joint!.id, "home"], [joint!.id, "partner"], [joint!.id, "joint"]] as const) {
      const lean = await calibrationJob.input(callId, key);
      expect(lean.proposals.length).toBeGreaterThan(0);
      expect(lean.assessments.length).toBeGreaterThan(0);
      expect(lean).toEqual(await inputFromFullRead(callId, key, lean.seed));
    }
  });
});
