/**
 * Managers' pages read only the fields their rows need (json_extract in SQLite) instead of whole
 * answer documents and assessment values. On the five demo calls (ranked, awaiting, conflicted,
 * unscored), the lean read gives exactly the ranking, labels and facts of the full read.
 */
import { asc } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { seedDemoData } from "@/db/seed";
import { calls } from "@/db/schema";
import { loadCallData } from "@/lib/server/manage/call-data";
import { rankedRows } from "@/lib/server/manage/ranking";
import { setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

let callRows: (typeof calls.$inferSelect)[];

beforeAll(async () => {
  await seedDemoData(getDb(), new Date("2026-06-01T12:00:00Z"));
  callRows = await getDb().select().from(calls).orderBy(asc(calls.id));
});

describe("lean call data", () => {
  it("ranks every demo call exactly as the full read does", async () => {
    for (const call of callRows) {
      const [lean, full] = await Promise.all([loadCallData(getDb(), call), loadCallData(getDb(), call, undefined, { full: true })]);
      expect(lean.proposals.map((p) => [p.id, p.title, p.grantRequested, p.leadOrganisation, p.organisations, p.facts, p.submittedAt])).toEqual(
        full.proposals.map((p) => [p.id, p.title, p.grantRequested, p.leadOrganisation, p.organisations, p.facts, p.submittedAt]),
      );
      expect(rankedRows(lean)).toEqual(rankedRows(full));
      expect(lean.assignments.map((a) => a.assessment?.values.scores ?? null)).toEqual(full.assignments.map((a) => a.assessment?.values.scores ?? null));
    }
  });

  it("reads one proposal in full for its drill-down", async () => {
    const call = callRows[1]!;
    const full = await loadCallData(getDb(), call, undefined, { full: true });
    const target = full.proposals[0]!;
    const one = await loadCallData(getDb(), call, undefined, { fullFor: target.id });
    expect(one.proposals.find((p) => p.id === target.id)!.answers).toEqual(target.answers);
    expect(one.assignments.filter((a) => a.proposalId === target.id)).toEqual(full.assignments.filter((a) => a.proposalId === target.id));
    expect(one.proposals.find((p) => p.id !== target.id)!.answers.project!.summary).toBe("");
  });
});
