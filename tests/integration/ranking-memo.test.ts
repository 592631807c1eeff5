/**
 * The ranking is remembered per call between requests (lib/server/manage/ranking-memo.ts), keyed
 * on the call's trigger-kept data version: a change to a score shows on the very next ranking and
 * drill-down, a decision (not part of the ranking) shows at once, and what another request's open
 * transaction wrote is never ranked or remembered, so its rollback leaves no trace.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { assessments } from "@/db/schema";
import { transaction } from "@/db/transaction";
import { requireCall } from "@/lib/server/manage/call-data";
import { getCallRanking } from "@/lib/server/manage/ranking";
import { getRankingFrame } from "@/lib/server/manage/ranking-frame";
import { rankedCall } from "@/lib/server/manage/ranking-memo";
import { getProposalReview } from "@/lib/server/manage/review";
import type { Actor } from "@/lib/server/users";
import { rankingFiltersSchema } from "@/lib/validation/manage";
import { recordDecision } from "../support/actions";
import { assessAll, assessmentValues, expectFound, expectOk, makeProposal, makeRubricCall } from "../support/manage-factories";
import { makeUser, setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

const NO_FILTERS = rankingFiltersSchema.parse({});

let manager: Actor;
let bidder: Actor;
let a1: Actor;
let a2: Actor;

beforeAll(async () => {
  manager = await makeUser("manager");
  bidder = await makeUser("bidder");
  [a1, a2] = (await Promise.all([1, 2].map((i) => makeUser("assessor", { name: `Assessor ${i}` })))) as [Actor, Actor];
});

/** A call where "Alpha" ranks above "Beta"; returns the call and Beta's first assessment. */
function twoProposals() {
  const call = makeRubricCall({ assessorsRequired: 2, budget: 10_000_000, overallThreshold: 0 });
  const alpha = makeProposal(call.id, bidder, { title: "Alpha", grant: 100_000, domainId: "batteries", partners: [{ organisation: "P1", country: "DE" }] });
  const beta = makeProposal(call.id, bidder, { title: "Beta", grant: 100_000, domainId: "robotics", partners: [{ organisation: "P2", country: "JP" }] });
  assessAll(alpha.id, [[a1, 7], [a2, 7]]);
  const [betaFirst] = assessAll(beta.id, [[a1, 5], [a2, 5]]);
  return { call, alpha, beta, betaAssessment: betaFirst!.assessment };
}

const titles = async (callId: number) => expectFound(await getCallRanking(manager, callId, NO_FILTERS)).page.rows.map((r) => [r.rank, r.title]);

/** An assessor's changed scores, written as any write is (one transaction; the triggers raise the version). */
const rescore = (assessmentId: number, score: number) =>
  transaction(async (tx) => {
    await tx.update(assessments).set({ values: assessmentValues(score) }).where(eq(assessments.id, assessmentId));
  });

describe("the remembered ranking", () => {
  it("is computed once per version of the call's data, and a score change ranks the call again", async () => {
    const { call, beta, betaAssessment } = twoProposals();
    expect(await titles(call.id)).toEqual([
      [1, "Alpha"],
      [2, "Beta"],
    ]);
    const row = await requireCall(getDb(), call.id, manager);
    const remembered = await rankedCall(getDb(), row);
    expect(await rankedCall(getDb(), row)).toBe(remembered);

    await rescore(betaAssessment.id, 10);
    expect(await rankedCall(getDb(), row)).not.toBe(remembered);
    expect(await titles(call.id)).toEqual([
      [1, "Beta"],
      [2, "Alpha"],
    ]);
    const review = expectFound(await getProposalReview(manager, call.id, beta.id));
    expect(review.ranking).toMatchObject({ kind: "ranked", of: 2, row: { rank: 1, title: "Beta", criterionMeans: { "value-capture": 7.5 } } });
  });

  it("ranks the call once for a drill-down and the ranking page after it", async () => {
    const { call, beta } = twoProposals();
    const row = await requireCall(getDb(), call.id, manager);
    expect(expectFound(await getProposalReview(manager, call.id, beta.id)).ranking).toMatchObject({ kind: "ranked", row: { rank: 2, title: "Beta" } });
    const ranked = await rankedCall(getDb(), row);
    expect(await titles(call.id)).toEqual([
      [1, "Alpha"],
      [2, "Beta"],
    ]);
    expect(await rankedCall(getDb(), row)).toBe(ranked);
  });

  it("shows a decision at once: decisions are read for each request, not remembered", async () => {
    const { call, alpha } = twoProposals();
    expect(expectFound(await getCallRanking(manager, call.id, NO_FILTERS)).page.rows[0]!.decision).toBeNull();
    expectOk(await recordDecision(manager, { proposalId: alpha.id, outcome: "fund", feedback: "Funded." }));
    expect(expectFound(await getCallRanking(manager, call.id, NO_FILTERS)).page.rows[0]).toMatchObject({ title: "Alpha", decision: "fund" });
    expect(expectFound(await getProposalReview(manager, call.id, alpha.id)).ranking.row.decision).toBe("fund");
  });

  it("offers filter choices of the data now, after an answer changes", async () => {
    const { call, beta } = twoProposals();
    await getCallRanking(manager, call.id, NO_FILTERS);
    const before = expectFound(await getRankingFrame(manager, call.id, NO_FILTERS)).options.countries.map((c) => c.value);
    expect(before).toEqual(["DE", "JP"]);
    await transaction(async (tx) => {
      const { proposals } = await import("@/db/schema");
      const [stored] = await tx.select({ answers: proposals.answers }).from(proposals).where(eq(proposals.id, beta.id));
      const answers = structuredClone(stored!.answers) as { consortium: { partners: { country: string }[] } };
      answers.consortium.partners[0]!.country = "KR";
      await tx.update(proposals).set({ answers: answers as never }).where(eq(proposals.id, beta.id));
    });
    expect(expectFound(await getRankingFrame(manager, call.id, NO_FILTERS)).options.countries.map((c) => c.value)).toEqual(["DE", "KR"]);
    expect(expectFound(await getCallRanking(manager, call.id, rankingFiltersSchema.parse({ country: "KR" }))).page.rows.map((r) => r.title)).toEqual(["Beta"]);
  });

  it("never ranks or remembers what another request's open transaction wrote, so its rollback leaves no trace", async () => {
    const { call, betaAssessment } = twoProposals();
    expect(await titles(call.id)).toEqual([
      [1, "Alpha"],
      [2, "Beta"],
    ]);
    let reachedWrite!: () => void;
    const written = new Promise<void>((resolve) => (reachedWrite = resolve));
    let finish!: () => void;
    const held = new Promise<void>((resolve) => (finish = resolve));
    const failing = transaction(async (tx) => {
      await tx.update(assessments).set({ values: assessmentValues(10) }).where(eq(assessments.id, betaAssessment.id));
      reachedWrite();
      await held;
      throw new Error("rolled back");
    });
    await written;
    // Another request asks for the ranking while that transaction is open: it waits for it
    // (db/transaction.ts readTransaction) and ranks what is committed, never the uncommitted score.
    const meanwhile = titles(call.id);
    await new Promise((resolve) => setTimeout(resolve, 10));
    finish();
    await expect(failing).rejects.toThrow("rolled back");
    expect(await meanwhile).toEqual([
      [1, "Alpha"],
      [2, "Beta"],
    ]);
    // The next committed write takes the version number the rolled-back one had: a ranking
    // remembered from the uncommitted rows would come back here with Beta first.
    await rescore(betaAssessment.id, 6);
    expect(await titles(call.id)).toEqual([
      [1, "Alpha"],
      [2, "Beta"],
    ]);
    expect(expectFound(await getCallRanking(manager, call.id, NO_FILTERS)).page.rows[1]!.criterionMeans["value-capture"]).toBe(5.5);
    // And the committed version's ranking is remembered again.
    const row = await requireCall(getDb(), call.id, manager);
    expect(await rankedCall(getDb(), row)).toBe(await rankedCall(getDb(), row));
  });
});
