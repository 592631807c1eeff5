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
import { getCallOverview } from "@/lib/server/manage/calls-admin";
import { loadCallData } from "@/lib/server/manage/call-data";
import { getCallRanking, rankedRows } from "@/lib/server/manage/ranking";
import { getRankingFrame } from "@/lib/server/manage/ranking-frame";
import type { Actor } from "@/lib/server/users";
import { rankingFiltersSchema } from "@/lib/validation/manage";
import { makeUser, setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

let callRows: (typeof calls.$inferSelect)[];
let manager: Actor;

beforeAll(async () => {
  await seedDemoData(getDb(), new Date("2026-06-01T12:00:00Z"));
  manager = await makeUser("manager");
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

  it("counts an overview's ranked and awaiting proposals from statuses alone, as the ranking does", async () => {
    for (const call of callRows.filter((c) => c.partnerAgencyId === null)) {
      const full = rankedRows(await loadCallData(getDb(), call, undefined, { full: true }));
      const status = await loadCallData(getDb(), call, undefined, { statusOnly: true });
      const overview = (await getCallOverview(manager, call.id))!;
      expect(overview.ranking).toEqual({ ranked: full.ranked.length, awaiting: full.awaiting.length });
      const lean = await loadCallData(getDb(), call);
      expect(status.proposals.map((p) => [p.id, p.title])).toEqual(lean.proposals.map((p) => [p.id, p.title]));
      expect(status.assignments.map((a) => [a.id, a.assessment?.status ?? null])).toEqual(lean.assignments.map((a) => [a.id, a.assessment?.status ?? null]));
    }
  });

  it("offers the ranking filters' domains and countries of the rows themselves, read without ranking", async () => {
    for (const call of callRows.filter((c) => c.partnerAgencyId === null)) {
      const { ranked, awaiting } = rankedRows(await loadCallData(getDb(), call, undefined, { full: true }));
      const rows = [...ranked, ...awaiting];
      // Read (json_extract) before the call is ranked, then taken from the remembered ranking.
      const read = (await getRankingFrame(manager, call.id, rankingFiltersSchema.parse({})))!;
      await getCallRanking(manager, call.id, rankingFiltersSchema.parse({}));
      const remembered = (await getRankingFrame(manager, call.id, rankingFiltersSchema.parse({})))!;
      for (const frame of [read, remembered]) {
        expect(frame.options.domains.map((o) => o.value).sort()).toEqual([...new Set(rows.flatMap((r) => (r.domain ? [r.domain.id] : [])))].sort());
        expect(frame.options.countries.map((o) => [o.value, o.label]).sort()).toEqual(
          [...new Map(rows.flatMap((r) => r.partnerCountries.map((c) => [c.code, c.name] as const))).entries()].sort(),
        );
      }
      expect(remembered.options).toEqual(read.options);
    }
  });
});
