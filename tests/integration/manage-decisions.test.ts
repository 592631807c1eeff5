/**
 * The ranking as stored data feeds it, the proposal drill-down, decisions with feedback, and their
 * release to bidders, against a real SQLite file.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { assessments, assignments, auditLog, calls, decisions, proposals } from "@/db/schema";


import { getCallRanking } from "@/lib/server/manage/ranking";
import { getProposalReview } from "@/lib/server/manage/review";
import { getReleasedDecision } from "@/lib/server/proposals";
import type { Actor } from "@/lib/server/users";
import { makeUser, setupTempDatabase } from "../support/temp-db";
import {
  assessAll,
  expectFailure,
  expectFound,
  expectOk,
  makeAssessmentRow,
  makeAssignmentRow,
  makeProposal,
  makeRubricCall,
} from "../support/manage-factories";
import { autoAssignCall, recordDecision, releaseDecisions, reopenAssessment, unassignAssessor } from "../support/actions";
import { rankingFiltersSchema } from "@/lib/validation/manage";

const filters = (raw: Record<string, string>) => rankingFiltersSchema.parse(raw);

setupTempDatabase();

let manager: Actor;
let bidder: Actor;
let otherBidder: Actor;
let a1: Actor;
let a2: Actor;
let a3: Actor;

beforeAll(async () => {
  manager = await makeUser("manager");
  bidder = await makeUser("bidder");
  otherBidder = await makeUser("bidder");
  [a1, a2, a3] = (await Promise.all([1, 2, 3].map((i) => makeUser("assessor", { name: `Assessor Person ${i}`, organisation: `Review Org ${i}` })))) as [Actor, Actor, Actor];
});

describe("the ranking from stored assessments", () => {
  it("counts only submitted assessments on current, unconflicted assignments, and filters never change ranks", async () => {
    const call = makeRubricCall({ assessorsRequired: 2, budget: 500_000, overallThreshold: 50 });
    const t = (d: number) => new Date(Date.UTC(2026, 0, d));
    const top = makeProposal(call.id, bidder, { title: "Top", grant: 300_000, domainId: "hydrogen-fuel-cells", submittedAt: t(1), partners: [{ organisation: "P1", country: "DE" }] });
    const second = makeProposal(call.id, bidder, { title: "Second", grant: 300_000, domainId: "batteries", submittedAt: t(2), partners: [{ organisation: "P2", country: "US" }] });
    const cheap = makeProposal(call.id, bidder, { title: "Cheap", grant: 100_000, domainId: "batteries", submittedAt: t(3), partners: [{ organisation: "P3", country: "JP" }] });
    const waiting = makeProposal(call.id, bidder, { title: "Waiting", grant: 100_000, submittedAt: t(4) });

    assessAll(top.id, [[a1, 9], [a2, 9]]);
    assessAll(second.id, [[a1, 8], [a2, 7]]);
    assessAll(cheap.id, [[a1, 6], [a2, 6]]);
    // Waiting: one submitted, one draft, one declared conflict with a submitted score, one unassigned.
    assessAll(waiting.id, [[a1, 10]]);
    makeAssessmentRow(makeAssignmentRow(waiting.id, a2.id).id, 10, { status: "draft" });
    makeAssessmentRow(makeAssignmentRow(waiting.id, a3.id, { declaration: "conflict", details: "x" }).id, 10);

    const ranking = expectFound(await getCallRanking(manager, call.id, filters({})));
    expect(ranking.page.rows.map((r) => [r.rank, r.title, r.passes, r.withinBudget])).toEqual([
      [1, "Top", true, true],
      // Does not fit in the £200,000 left, but the cheaper one after it does.
      [2, "Second", true, false],
      [3, "Cheap", true, true],
    ]);
    expect(ranking.page.rows[0]!.weightedTotal).toBeCloseTo(90, 10);
    expect(ranking.page.rows[1]!.criterionMeans["value-capture"]).toBe(7.5);
    expect(ranking.shownAwaiting.map((r) => [r.title, r.submittedAssessments, r.assessorsRequired])).toEqual([["Waiting", 1, 2]]);
    expect(ranking.counts).toEqual({ ranked: 3, awaiting: 1, shownRanked: 3 });
    expect(ranking.funding).toEqual({ budget: 500_000, passing: 3, withinBudget: 2, allocated: 400_000 });

    const filtered = expectFound(await getCallRanking(manager, call.id, filters({ domain: "batteries" })));
    expect(filtered.filtered).toBe(true);
    expect(filtered.page.rows.map((r) => [r.rank, r.title])).toEqual([
      [2, "Second"],
      [3, "Cheap"],
    ]);
    expect(filtered.shownAwaiting).toEqual([]);
    const byCountry = expectFound(await getCallRanking(manager, call.id, filters({ country: "jp", theme: "net-zero" })));
    expect(byCountry.page.rows.map((r) => r.rank)).toEqual([3]);
    const byFit = expectFound(await getCallRanking(manager, call.id, filters({ fit: "shortlisted" })));
    expect(byFit.page.rows.map((r) => r.title)).toContain("Top");
    // A filter value nobody uses shows nothing rather than failing.
    const none = expectFound(await getCallRanking(manager, call.id, filters({ rdCategory: "no-such-category" })));
    expect(none.page.rows).toEqual([]);
    expect(none.counts).toEqual({ ranked: 3, awaiting: 1, shownRanked: 0 });
  });

  it("names the failed threshold and flags disagreement", async () => {
    const call = makeRubricCall({ assessorsRequired: 2, overallThreshold: 0 });
    const p = makeProposal(call.id, bidder);
    assessAll(p.id, [[a1, { "value-capture": 2, "win-win": 8 }], [a2, { "value-capture": 7, "win-win": 8 }]]);
    const [row] = expectFound(await getCallRanking(manager, call.id, filters({}))).page.rows;
    expect(row!.passes).toBe(false);
    expect(row!.failedThresholds).toEqual([{ criterionKey: "value-capture", title: "UK value capture", value: 4.5, threshold: 5 }]);
    expect(row!.disagreements).toEqual([{ criterionKey: "value-capture", min: 2, max: 7, spreadPercent: 50 }]);
  });
});

describe("the proposal drill-down", () => {
  it("shows each counted assessment with its assessor's name, and the others apart", async () => {
    const call = makeRubricCall({ assessorsRequired: 2 });
    const p = makeProposal(call.id, bidder, { title: "Drilled" });
    assessAll(p.id, [[a1, 8], [a2, 6]]);
    makeAssignmentRow(p.id, a3.id, { declaration: "conflict", details: "Works with the partner" });

    const review = expectFound(await getProposalReview(manager, call.id, p.id));
    expect(review.proposal.title).toBe("Drilled");
    expect(review.assessments.map((a) => [a.assessorName, a.scores["value-capture"], a.recommendation, a.confidence])).toEqual([
      [a1.name, 8, "yes", "medium"],
      [a2.name, 6, "yes", "medium"],
    ]);
    expect(review.assessments[0]!.privateComment).toBe("Private note for managers only.");
    expect(review.assessments[0]!.justifications["win-win"]).toMatch(/^Justification for Win-win/);
    expect(review.others).toEqual([{ assessorName: a3.name, state: "conflict declared", note: "Works with the partner" }]);
    expect(review.ranking.kind).toBe("ranked");
  });

  it("pre-fills the decision feedback from the assessors' feedback, without their names", async () => {
    const call = makeRubricCall({ assessorsRequired: 2 });
    const p = makeProposal(call.id, bidder);
    assessAll(p.id, [[a1, 8]]);
    makeAssessmentRow(makeAssignmentRow(p.id, a2.id).id, 6, { feedback: "Second reviewer: the partner's role is unclear.", submittedAt: new Date(Date.now() + 1000) });
    const review = expectFound(await getProposalReview(manager, call.id, p.id));
    expect(review.decisionForm.outcome).toBe("");
    expect(review.decisionForm.feedback).toMatch(/^Feedback 1:\nClear plan\./);
    expect(review.decisionForm.feedback).toMatch(/\n\nFeedback 2:\nSecond reviewer: the partner's role is unclear\.$/);
    expect(review.decisionForm.feedback).not.toContain(a1.name);
    expect(review.decisionForm.feedback).not.toContain(a2.name);
  });

  it("is not found for a draft proposal or a proposal of another call", async () => {
    const call = makeRubricCall();
    const other = makeRubricCall();
    const draft = makeProposal(call.id, bidder, { status: "draft" });
    const elsewhere = makeProposal(other.id, bidder);
    expect(await getProposalReview(manager, call.id, draft.id)).toBeNull();
    expect(await getProposalReview(manager, call.id, elsewhere.id)).toBeNull();
  });

  it("lets a manager reopen a submitted assessment: it stops counting until resubmitted", async () => {
    const call = makeRubricCall({ assessorsRequired: 1 });
    const p = makeProposal(call.id, bidder);
    const { assessment } = assessAll(p.id, [[a1, 8]])[0]!;
    expectOk(await reopenAssessment(manager, { assessmentId: assessment.id, reason: "Score for value capture looks like a typo" }));
    const review = expectFound(await getProposalReview(manager, call.id, p.id));
    expect(review.assessments).toEqual([]);
    expect(review.others).toEqual([{ assessorName: a1.name, state: "draft", note: null }]);
    expect(review.ranking.kind).toBe("awaiting");
  });
});

describe("decisions", () => {
  async function decidedCall() {
    const call = makeRubricCall({ assessorsRequired: 1 });
    const mine = makeProposal(call.id, bidder, { title: "Mine" });
    const theirs = makeProposal(call.id, otherBidder, { title: "Theirs" });
    assessAll(mine.id, [[a1, 8]]);
    assessAll(theirs.id, [[a2, 3]]);
    return { call, mine, theirs };
  }

  it("records a decision with feedback, lets it be changed before release, and audits both", async () => {
    const { call, mine } = await decidedCall();
    expectOk(await recordDecision(manager, { proposalId: mine.id, outcome: "reserve", feedback: "Strong; reserve list." }));
    expectOk(await recordDecision(manager, { proposalId: mine.id, outcome: "fund", feedback: "  Funded: strong value capture.  " }));
    expect(getDb().select().from(decisions).where(eq(decisions.proposalId, mine.id)).get()).toMatchObject({
      outcome: "fund",
      feedback: "Funded: strong value capture.",
      decidedBy: manager.id,
    });
    const audits = getDb().select().from(auditLog).where(eq(auditLog.proposalId, mine.id)).all();
    expect(audits.map((a) => [a.action, a.detail])).toEqual([
      ["decision.recorded", { outcome: "reserve" }],
      ["decision.recorded", { outcome: "fund", previousOutcome: "reserve" }],
    ]);
    expect(audits.every((a) => a.callId === call.id)).toBe(true);
  });

  it("refuses a missing outcome or feedback, with a message for each field", async () => {
    const { mine } = await decidedCall();
    const result = expectFailure(await recordDecision(manager, { proposalId: mine.id, outcome: "maybe", feedback: "   " }), "invalid");
    expect(result.fieldErrors).toEqual({ outcome: "Select fund, reserve list or do not fund", feedback: "Enter feedback for the bidder" });
    expect(getDb().select().from(decisions).where(eq(decisions.proposalId, mine.id)).get()).toBeUndefined();
  });

  it("refuses a decision on an open call's proposal or a draft", async () => {
    const open = makeRubricCall({ open: true });
    const early = makeProposal(open.id, bidder);
    expectFailure(await recordDecision(manager, { proposalId: early.id, outcome: "fund", feedback: "x" }), "closed");
    const call = makeRubricCall();
    const draft = makeProposal(call.id, bidder, { status: "draft" });
    expectFailure(await recordDecision(manager, { proposalId: draft.id, outcome: "fund", feedback: "x" }), "not_found");
  });

  it("keeps decisions private until released; then each bidder sees only their own outcome and feedback", async () => {
    const { call, mine, theirs } = await decidedCall();
    expectOk(await recordDecision(manager, { proposalId: mine.id, outcome: "fund", feedback: "Feedback 1:\nStrong value capture." }));

    // Released only when every submitted proposal has a decision.
    const early = expectFailure(await releaseDecisions(manager, { callId: call.id }), "invalid");
    expect(early.message).toMatch(/1 proposal still needs one/);
    expect(await getReleasedDecision(bidder, mine.id)).toBeNull();

    expectOk(await recordDecision(manager, { proposalId: theirs.id, outcome: "reject", feedback: "Below the value-capture threshold." }));
    expect(await getReleasedDecision(bidder, mine.id)).toBeNull();

    const released = expectOk(await releaseDecisions(manager, { callId: call.id }));
    expect(getDb().select().from(calls).where(eq(calls.id, call.id)).get()!.decisionsReleasedAt).toEqual(released.releasedAt);

    const seen = await getReleasedDecision(bidder, mine.id);
    expect(seen).toEqual({ outcome: "fund", feedback: "Feedback 1:\nStrong value capture.", releasedAt: released.releasedAt });
    // Nothing in what the bidder gets names an assessor or the manager.
    const text = JSON.stringify(seen);
    for (const person of [a1, a2, a3, manager]) {
      expect(text).not.toContain(person.name);
      expect(text).not.toContain(person.email);
    }
    expect(Object.keys(seen!).sort()).toEqual(["feedback", "outcome", "releasedAt"]);
    // Never another bidder's decision, and never to someone who is not a bidder.
    expect(await getReleasedDecision(bidder, theirs.id)).toBeNull();
    expect(await getReleasedDecision(otherBidder, theirs.id)).toMatchObject({ outcome: "reject" });
    expect(await getReleasedDecision(a1, mine.id)).toBeNull();

    const audit = getDb().select().from(auditLog).where(eq(auditLog.callId, call.id)).all().filter((a) => a.action === "decisions.released");
    expect(audit.map((a) => a.detail)).toEqual([{ decisions: 2, fund: 1, reserve: 0, reject: 1 }]);
  });

  it("releases once every submitted proposal is decided: a draft needs no decision, and a decision left on a reopened proposal is not counted", async () => {
    const { call, mine, theirs } = await decidedCall();
    makeProposal(call.id, otherBidder, { status: "draft", title: "Still a draft" });
    expectOk(await recordDecision(manager, { proposalId: mine.id, outcome: "fund", feedback: "Yes." }));
    expectOk(await recordDecision(manager, { proposalId: theirs.id, outcome: "reject", feedback: "No." }));
    // As if the proposal had been reopened after its decision (a draft keeps the decision row).
    getDb().update(proposals).set({ status: "draft" }).where(eq(proposals.id, theirs.id)).run();
    expectOk(await releaseDecisions(manager, { callId: call.id }));
    const audit = getDb().select().from(auditLog).where(eq(auditLog.callId, call.id)).all().filter((a) => a.action === "decisions.released");
    expect(audit.map((a) => a.detail)).toEqual([{ decisions: 1, fund: 1, reserve: 0, reject: 0 }]);
  });

  it("refuses to release a call with no submitted proposals", async () => {
    const call = makeRubricCall();
    makeProposal(call.id, bidder, { status: "draft" });
    const refused = expectFailure(await releaseDecisions(manager, { callId: call.id }), "invalid");
    expect(refused.message).toMatch(/no submitted proposals/);
  });

  it("locks decisions once released, and refuses a second release", async () => {
    const { call, mine, theirs } = await decidedCall();
    expectOk(await recordDecision(manager, { proposalId: mine.id, outcome: "fund", feedback: "Yes." }));
    expectOk(await recordDecision(manager, { proposalId: theirs.id, outcome: "reject", feedback: "No." }));
    expectOk(await releaseDecisions(manager, { callId: call.id }));
    expectFailure(await recordDecision(manager, { proposalId: mine.id, outcome: "reject", feedback: "Changed my mind." }), "locked");
    expectFailure(await releaseDecisions(manager, { callId: call.id }), "locked");
    expect((await getReleasedDecision(bidder, mine.id))?.outcome).toBe("fund");
    const review = expectFound(await getProposalReview(manager, call.id, mine.id));
    expect(review.canDecide).toBe(false);
    expect(review.decision).toMatchObject({ outcome: "fund", decidedBy: manager.name });

    // The assessments and assignments behind released decisions are frozen too.
    const scored = getDb()
      .select({ id: assessments.id })
      .from(assessments)
      .innerJoin(assignments, eq(assignments.id, assessments.assignmentId))
      .where(eq(assignments.proposalId, mine.id))
      .all();
    expectFailure(await reopenAssessment(manager, { assessmentId: scored[0]!.id }), "locked");
    expectFailure(await autoAssignCall(manager, { callId: call.id }), "locked");
    expectFailure(await unassignAssessor(manager, { proposalId: mine.id, assessorId: a1.id, confirmed: true }), "locked");
  });

  it("refuses to release an open call or an empty one", async () => {
    const open = makeRubricCall({ open: true });
    expectFailure(await releaseDecisions(manager, { callId: open.id }), "closed");
    const empty = makeRubricCall();
    expectFailure(await releaseDecisions(manager, { callId: empty.id }), "invalid");
  });
});
