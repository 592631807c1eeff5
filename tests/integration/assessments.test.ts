/**
 * The assessor's data layer (lib/server/assessments.ts) against a real SQLite file in a temporary
 * directory: the dashboard, the conflict declaration, saving, submitting and reopening
 * assessments, and every refusal issue 3 asks the server to enforce.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { rubricRows } from "@/db/rubrics";
import { assessments, assignments, auditLog, proposals, rubricCriteria } from "@/db/schema";
import { DEFAULT_RUBRIC } from "@/lib/domain/rubric";
import { getAssignmentForAssessor, listMyAssignments } from "@/lib/server/assessments";
import type { Actor } from "@/lib/server/users";
import { MAX_TEXT_CHARS, emptyAssessment, type AssessmentFormValues } from "@/lib/validation/assessment";
import {
  assignedScenario,
  completeAssessment,
  makeAssessmentCall,
  makeAssignment,
  makeSubmittedProposal,
} from "../support/assessment-factories";
import { DAY_MS, makeCall, makeUser, setupTempDatabase } from "../support/temp-db";
import { expectFailure, expectOk } from "../support/results";
import { declareConflict, reopenAssessment, saveAssessmentDraft, submitAssessment } from "../support/actions";

// Not a React hook: vitest registers beforeAll/afterAll for this file.
setupTempDatabase();

// --- helpers ------------------------------------------------------------------------------------

function storedAssessment(assignmentId: number) {
  return getDb().select().from(assessments).where(eq(assessments.assignmentId, assignmentId)).get();
}

function storedAssignment(id: number) {
  return getDb().select().from(assignments).where(eq(assignments.id, id)).get();
}

function auditFor(proposalId: number, action: string) {
  return getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.proposalId, proposalId), eq(auditLog.action, action)))
    .all();
}

/** Partial values, as the form sends them while the assessor is part-way through. */
function partial(changes: { scores?: Record<string, string>; justifications?: Record<string, string> } = {}): AssessmentFormValues {
  const values = emptyAssessment(DEFAULT_RUBRIC);
  Object.assign(values.scores, { "value-capture": "6" }, changes.scores);
  Object.assign(values.justifications, { "value-capture": "Clear pathway to UK manufacture." }, changes.justifications);
  return values;
}

/** Saves partial values as the first draft; returns the stored version (1). */
async function saveFirstDraft(assessor: Actor, assignmentId: number, values = partial()) {
  return expectOk(await saveAssessmentDraft(assessor, { assignmentId, baseVersion: 0, values })).version;
}

async function submitComplete(assessor: Actor, assignmentId: number, baseVersion = 0) {
  return expectOk(await submitAssessment(assessor, { assignmentId, baseVersion, values: completeAssessment() })).version;
}

// --- the dashboard ------------------------------------------------------------------------------

describe("the assessor's dashboard", () => {
  it("lists their open assignments with status and due date, work to do before submitted work", async () => {
    const call = makeAssessmentCall();
    const bidder = await makeUser("bidder");
    const assessor = await makeUser("assessor");
    const other = await makeUser("assessor");
    const [submitted, inProgress, notStarted, undeclared, conflicted, removed, othersOnly] = [
      "Submitted one",
      "In progress one",
      "Not started one",
      "Undeclared one",
      "Conflicted one",
      "Removed one",
      "Someone else's",
    ].map((title) => makeSubmittedProposal(call.id, bidder, title));

    const a1 = makeAssignment(submitted!.id, assessor.id);
    const a2 = makeAssignment(inProgress!.id, assessor.id);
    const a3 = makeAssignment(notStarted!.id, assessor.id);
    const a4 = makeAssignment(undeclared!.id, assessor.id, { declaration: null });
    makeAssignment(conflicted!.id, assessor.id, { declaration: "conflict", details: "I advise the lead." });
    makeAssignment(removed!.id, assessor.id, { removedAt: new Date() });
    makeAssignment(othersOnly!.id, other.id);
    await submitComplete(assessor, a1.id);
    await saveFirstDraft(assessor, a2.id);

    const list = (await listMyAssignments(assessor))!;
    expect(list.map((a) => [a.proposalTitle, a.status, a.declared])).toEqual([
      ["In progress one", "in-progress", true],
      ["Not started one", "not-started", true],
      ["Undeclared one", "not-started", false],
      ["Submitted one", "submitted", true],
    ]);
    expect(list.map((a) => a.assignmentId)).toEqual([a2.id, a3.id, a4.id, a1.id]);
    for (const item of list) {
      expect(item).toMatchObject({ callTitle: call.title, assessmentDueAt: call.assessmentDueAt, overdue: false });
    }
    expect(list.find((a) => a.status === "submitted")?.submittedAt).toBeInstanceOf(Date);
  });

  it("marks unsubmitted work overdue after the call's assessment due date", async () => {
    const { assessor, call } = await assignedScenario();
    const afterDue = new Date(call.assessmentDueAt.getTime() + DAY_MS);
    expect((await listMyAssignments(assessor, afterDue))!.map((a) => a.overdue)).toEqual([true]);
  });

  it("lists nothing for bidders and managers", async () => {
    const { bidder } = await assignedScenario();
    expect(await listMyAssignments(bidder))!.toBeNull();
    expect(await listMyAssignments(await makeUser("manager"))).toBeNull();
  });
});

// --- reading an assignment ----------------------------------------------------------------------

describe("opening an assignment", () => {
  it("shows only who is involved, not the proposal, until the assessor declares", async () => {
    const { assessor, assignment, call } = await assignedScenario({ declaration: null });
    const page = await getAssignmentForAssessor(assessor, assignment.id);
    expect(page).toEqual({
      stage: "declare",
      assignmentId: assignment.id,
      call: { id: call.id, title: call.title, assessmentDueAt: call.assessmentDueAt },
      proposal: {
        title: "Hydrogen fuel-cell stacks for heavy-duty vehicles",
        leadOrganisation: "Northern Fuel Cells Ltd",
        partners: [{ organisation: "Fraunhofer Institute for Solar Energy Systems", country: "DE" }],
      },
    });
  });

  it("after declaring no conflict, shows the proposal, its strategic fit and the call's rubric", async () => {
    const { assessor, assignment } = await assignedScenario();
    const page = await getAssignmentForAssessor(assessor, assignment.id);
    if (page?.stage !== "assess") throw new Error(`Expected the assess stage, got ${page?.stage}`);
    expect(page.answers.project?.title).toBe("Hydrogen fuel-cell stacks for heavy-duty vehicles");
    // Table 6.2 shortlists "Hydrogen: fuel cells" with Germany.
    expect(page.fit.level).toBe("shortlisted");
    expect(page.rubric.map((c) => [c.key, c.weight])).toEqual(DEFAULT_RUBRIC.map((c) => [c.key, c.weight]));
    expect(page.assessment).toBeNull();
  });

  it("returns the assessor's saved draft, filled out to the rubric's shape", async () => {
    const { assessor, assignment } = await assignedScenario();
    await saveFirstDraft(assessor, assignment.id);
    const page = await getAssignmentForAssessor(assessor, assignment.id);
    if (page?.stage !== "assess") throw new Error("Expected the assess stage");
    expect(page.assessment).toMatchObject({ status: "draft", version: 1, submittedAt: null });
    expect(page.assessment!.values).toEqual(partial());
  });

  it("is not found for another assessor's assignment, a removed or conflicted one, or an unknown id", async () => {
    const { assessor, assignment, proposal } = await assignedScenario();
    const other = await makeUser("assessor");
    expect(await getAssignmentForAssessor(other, assignment.id)).toBeNull();
    expect(await getAssignmentForAssessor(assessor, 987_654)).toBeNull();
    expect(await getAssignmentForAssessor(assessor, Number.NaN)).toBeNull();

    const removedAssessor = await makeUser("assessor");
    const removed = makeAssignment(proposal.id, removedAssessor.id, { removedAt: new Date() });
    expect(await getAssignmentForAssessor(removedAssessor, removed.id)).toBeNull();

    const conflictedAssessor = await makeUser("assessor");
    const conflicted = makeAssignment(proposal.id, conflictedAssessor.id, { declaration: "conflict", details: "Former employee" });
    expect(await getAssignmentForAssessor(conflictedAssessor, conflicted.id)).toBeNull();
  });

  it("is not found, and cannot be scored, while its bidder has the proposal back in draft", async () => {
    const { assessor, assignment, proposal } = await assignedScenario();
    getDb().update(proposals).set({ status: "draft" }).where(eq(proposals.id, proposal.id)).run();
    expect(await getAssignmentForAssessor(assessor, assignment.id)).toBeNull();
    expectFailure(await saveAssessmentDraft(assessor, { assignmentId: assignment.id, baseVersion: 0, values: completeAssessment() }), "not_found");
  });

  it("is not found for bidders and managers, even the proposal's own bidder", async () => {
    const { bidder, assignment } = await assignedScenario();
    expect(await getAssignmentForAssessor(bidder, assignment.id)).toBeNull();
    expect((await getAssignmentForAssessor(await makeUser("manager"), assignment.id))).toBeNull();
  });

  it("never includes another assessor's identity, scores or comments", async () => {
    const { assessor, assignment, proposal } = await assignedScenario();
    const colleague = await makeUser("assessor", { name: "Zed Colleague" });
    const theirs = makeAssignment(proposal.id, colleague.id);
    const secret = { ...completeAssessment(DEFAULT_RUBRIC, "2"), privateComment: "COLLEAGUE-PRIVATE-REMARK" };
    expectOk(await submitAssessment(colleague, { assignmentId: theirs.id, baseVersion: 0, values: secret }));

    const seen = JSON.stringify([(await getAssignmentForAssessor(assessor, assignment.id)), (await listMyAssignments(assessor))]);
    expect(seen).not.toContain("Zed Colleague");
    expect(seen).not.toContain(colleague.email);
    expect(seen).not.toContain("COLLEAGUE-PRIVATE-REMARK");
  });
});

// --- declaring conflicts ------------------------------------------------------------------------

describe("declaring a conflict of interest", () => {
  it("declaring no conflict opens the proposal for scoring, without an audit entry", async () => {
    const { assessor, assignment, proposal } = await assignedScenario({ declaration: null });
    const now = new Date("2030-01-02T10:00:00Z");
    expect(expectOk(await declareConflict(assessor, { assignmentId: assignment.id, declaration: "none" }, now))).toEqual({
      declaration: "none",
    });
    expect(storedAssignment(assignment.id)).toMatchObject({ conflictDeclaration: "none", declaredAt: now });
    expect((await getAssignmentForAssessor(assessor, assignment.id))?.stage).toBe("assess");
    expect(auditFor(proposal.id, "conflict.declared")).toEqual([]);
  });

  it("declaring no conflict twice changes nothing", async () => {
    const { assessor, assignment } = await assignedScenario();
    const before = storedAssignment(assignment.id);
    expectOk(await declareConflict(assessor, { assignmentId: assignment.id, declaration: "none" }));
    expect(storedAssignment(assignment.id)).toEqual(before);
  });

  it("a declared conflict ends the assignment for the assessor and is recorded for managers", async () => {
    const { assessor, assignment, proposal, call } = await assignedScenario({ declaration: null });
    const details = "I co-authored papers with the partner's lead researcher last year.";
    expectOk(await declareConflict(assessor, { assignmentId: assignment.id, declaration: "conflict", details: `  ${details} ` }));

    expect(storedAssignment(assignment.id)).toMatchObject({ conflictDeclaration: "conflict", conflictDetails: details });
    expect(await getAssignmentForAssessor(assessor, assignment.id)).toBeNull();
    expect(await listMyAssignments(assessor)).toEqual([]);
    expectFailure(await saveAssessmentDraft(assessor, { assignmentId: assignment.id, baseVersion: 0, values: partial() }), "not_found");
    expectFailure(await declareConflict(assessor, { assignmentId: assignment.id, declaration: "none" }), "not_found");

    const [entry, ...more] = auditFor(proposal.id, "conflict.declared");
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ actorId: assessor.id, callId: call.id, detail: { assignmentId: assignment.id, details } });
  });

  it("a conflict noticed while scoring can still be declared; the draft stays on record", async () => {
    const { assessor, assignment } = await assignedScenario();
    await saveFirstDraft(assessor, assignment.id);
    expectOk(await declareConflict(assessor, { assignmentId: assignment.id, declaration: "conflict", details: "I know the lead." }));
    expect(await getAssignmentForAssessor(assessor, assignment.id)).toBeNull();
    expect(storedAssessment(assignment.id)?.status).toBe("draft");
  });

  it("refuses a conflict without details, and changes nothing", async () => {
    const { assessor, assignment } = await assignedScenario({ declaration: null });
    for (const details of [undefined, "", "   "]) {
      const failure = expectFailure(
        await declareConflict(assessor, { assignmentId: assignment.id, declaration: "conflict", details }),
        "invalid",
      );
      expect(failure.fieldErrors).toEqual({ details: "Describe your conflict of interest" });
    }
    expect(storedAssignment(assignment.id)?.conflictDeclaration).toBeNull();
  });

  it("refuses a declaration that is neither answer", async () => {
    const { assessor, assignment } = await assignedScenario({ declaration: null });
    const failure = expectFailure(await declareConflict(assessor, { assignmentId: assignment.id, declaration: "maybe" }), "invalid");
    expect(Object.keys(failure.fieldErrors ?? {})).toEqual(["declaration"]);
  });

  it("refuses once the assessment is submitted: a manager has to handle it", async () => {
    const { assessor, assignment } = await assignedScenario();
    await submitComplete(assessor, assignment.id);
    expectFailure(await declareConflict(assessor, { assignmentId: assignment.id, declaration: "conflict", details: "Late" }), "locked");
    expect(storedAssignment(assignment.id)?.conflictDeclaration).toBe("none");
  });

  it("refuses another assessor's assignment as not found, other roles as forbidden, no session as unauthenticated", async () => {
    const { bidder, assignment } = await assignedScenario({ declaration: null });
    const input = { assignmentId: assignment.id, declaration: "none" };
    expectFailure(await declareConflict(await makeUser("assessor"), input), "not_found");
    expectFailure(await declareConflict(bidder, input), "forbidden");
    expectFailure(await declareConflict(await makeUser("manager"), input), "forbidden");
    expectFailure(await declareConflict(null, input), "unauthenticated");
    expect(storedAssignment(assignment.id)?.conflictDeclaration).toBeNull();
  });
});

// --- saving drafts ------------------------------------------------------------------------------

describe("saving an assessment draft", () => {
  it("creates the draft on the first save and bumps the version on each save", async () => {
    const { assessor, assignment } = await assignedScenario();
    const now = new Date("2030-03-04T09:30:00Z");
    const first = expectOk(await saveAssessmentDraft(assessor, { assignmentId: assignment.id, baseVersion: 0, values: partial() }, now));
    expect(first).toEqual({ version: 1, savedAt: now.toISOString() });
    expect(storedAssessment(assignment.id)).toMatchObject({ status: "draft", version: 1, values: partial(), updatedAt: now });

    const more = partial({ scores: { "win-win": "8" } });
    expect(expectOk(await saveAssessmentDraft(assessor, { assignmentId: assignment.id, baseVersion: 1, values: more })).version).toBe(2);
    expect(storedAssessment(assignment.id)).toMatchObject({ version: 2, values: more });
  });

  it("fills in missing parts of the values and accepts scores sent as numbers", async () => {
    const { assessor, assignment } = await assignedScenario();
    expectOk(await saveAssessmentDraft(assessor, { assignmentId: assignment.id, baseVersion: 0, values: { scores: { excellence: 9 } } }));
    const stored = storedAssessment(assignment.id)!.values;
    expect(stored.scores).toEqual({ ...emptyAssessment(DEFAULT_RUBRIC).scores, excellence: "9" });
    expect(stored.bidderFeedback).toBe("");
  });

  it.each([
    ["above the scale", { "value-capture": "11" }, "scores.value-capture"],
    ["below the scale", { "win-win": "-1" }, "scores.win-win"],
    ["not a whole number", { excellence: "4.5" }, "scores.excellence"],
    ["a fractional number", { excellence: 6.5 }, "scores.excellence"],
    ["not a number", { feasibility: "good" }, "scores.feasibility"],
    ["an unknown criterion", { diplomacy: "5" }, "scores"],
  ])("refuses a score %s with a field error, and keeps what was saved", async (_label, scores, field) => {
    const { assessor, assignment } = await assignedScenario();
    await saveFirstDraft(assessor, assignment.id);
    const before = storedAssessment(assignment.id);

    const values = { ...partial({ justifications: { "win-win": "Newly typed" } }), scores: { ...partial().scores, ...scores } };
    const failure = expectFailure(await saveAssessmentDraft(assessor, { assignmentId: assignment.id, baseVersion: 1, values }), "invalid");
    expect(Object.keys(failure.fieldErrors ?? {})).toEqual([field]);
    expect(failure.fieldErrors![field]).toMatch(/whole number from 0 to 10|Unknown criterion/u);
    expect(storedAssessment(assignment.id)).toEqual(before);
  });

  it("refuses text over the size limit and a recommendation that is not yes or no", async () => {
    const { assessor, assignment } = await assignedScenario();
    const values = { ...partial(), bidderFeedback: "x".repeat(MAX_TEXT_CHARS + 1), recommendation: "perhaps" };
    const failure = expectFailure(await saveAssessmentDraft(assessor, { assignmentId: assignment.id, baseVersion: 0, values }), "invalid");
    expect(Object.keys(failure.fieldErrors ?? {}).sort()).toEqual(["bidderFeedback", "recommendation"]);
    expect(storedAssessment(assignment.id)).toBeUndefined();
  });

  it("refuses malformed requests", async () => {
    const { assessor, assignment } = await assignedScenario();
    for (const raw of [null, {}, { assignmentId: "1", baseVersion: 0, values: {} }, { assignmentId: assignment.id, baseVersion: -1, values: {} }]) {
      expectFailure(await saveAssessmentDraft(assessor, raw), "invalid");
    }
    const failure = expectFailure(await saveAssessmentDraft(assessor, { assignmentId: assignment.id, baseVersion: 0, values: "scores" }), "invalid");
    expect(failure.fieldErrors).toBeDefined();
  });

  it("refuses a save based on an old version as a conflict, unless the assessor overwrites", async () => {
    const { assessor, assignment } = await assignedScenario();
    await saveFirstDraft(assessor, assignment.id);
    const otherTab = partial({ scores: { "win-win": "3" } });
    expectOk(await saveAssessmentDraft(assessor, { assignmentId: assignment.id, baseVersion: 1, values: otherTab }));

    const mine = partial({ scores: { "win-win": "9" } });
    expectFailure(await saveAssessmentDraft(assessor, { assignmentId: assignment.id, baseVersion: 1, values: mine }), "conflict");
    expect(storedAssessment(assignment.id)).toMatchObject({ version: 2, values: otherTab });

    const kept = expectOk(await saveAssessmentDraft(assessor, { assignmentId: assignment.id, baseVersion: 1, values: mine, overwrite: true }));
    expect(kept.version).toBe(3);
    expect(storedAssessment(assignment.id)?.values).toEqual(mine);
  });

  it("refuses a first save when another tab has already created the draft", async () => {
    const { assessor, assignment } = await assignedScenario();
    await saveFirstDraft(assessor, assignment.id);
    expectFailure(await saveAssessmentDraft(assessor, { assignmentId: assignment.id, baseVersion: 0, values: partial() }), "conflict");
  });

  it("refuses before the assessor has declared whether they have a conflict", async () => {
    const { assessor, assignment } = await assignedScenario({ declaration: null });
    expectFailure(await saveAssessmentDraft(assessor, { assignmentId: assignment.id, baseVersion: 0, values: partial() }), "forbidden");
    expect(storedAssessment(assignment.id)).toBeUndefined();
  });

  it("refuses another assessor's, a removed, a conflicted or an unknown assignment as not found", async () => {
    const { assessor, assignment, proposal } = await assignedScenario();
    const input = (assignmentId: number) => ({ assignmentId, baseVersion: 0, values: partial() });
    expectFailure(await saveAssessmentDraft(await makeUser("assessor"), input(assignment.id)), "not_found");
    expectFailure(await saveAssessmentDraft(assessor, input(987_654)), "not_found");

    const removedAssessor = await makeUser("assessor");
    const removed = makeAssignment(proposal.id, removedAssessor.id, { removedAt: new Date() });
    expectFailure(await saveAssessmentDraft(removedAssessor, input(removed.id)), "not_found");

    const conflictedAssessor = await makeUser("assessor");
    const conflicted = makeAssignment(proposal.id, conflictedAssessor.id, { declaration: "conflict", details: "Shareholder" });
    expectFailure(await saveAssessmentDraft(conflictedAssessor, input(conflicted.id)), "not_found");

    for (const row of [assignment, removed, conflicted]) expect(storedAssessment(row.id)).toBeUndefined();
  });

  it("refuses bidders and managers as forbidden, and no session as unauthenticated", async () => {
    const { bidder, assignment } = await assignedScenario();
    const input = { assignmentId: assignment.id, baseVersion: 0, values: partial() };
    expectFailure(await saveAssessmentDraft(bidder, input), "forbidden");
    expectFailure(await saveAssessmentDraft(await makeUser("manager"), input), "forbidden");
    expectFailure(await saveAssessmentDraft(null, input), "unauthenticated");
    expect(storedAssessment(assignment.id)).toBeUndefined();
  });

  it("refuses when the call has no rubric to score against", async () => {
    const bidder = await makeUser("bidder");
    const assessor = await makeUser("assessor");
    const call = makeCall({ opensAt: new Date(Date.now() - 10 * DAY_MS), closesAt: new Date(Date.now() - DAY_MS) });
    const assignment = makeAssignment(makeSubmittedProposal(call.id, bidder).id, assessor.id);
    expectFailure(await saveAssessmentDraft(assessor, { assignmentId: assignment.id, baseVersion: 0, values: {} }), "closed");
    expectFailure(await submitAssessment(assessor, { assignmentId: assignment.id, baseVersion: 0, values: {} }), "closed");
  });
});

// --- submitting ---------------------------------------------------------------------------------

describe("submitting an assessment", () => {
  it("submits a complete assessment, records it and makes it read-only", async () => {
    const { assessor, assignment, proposal, call } = await assignedScenario();
    const version = await saveFirstDraft(assessor, assignment.id);
    const now = new Date("2030-05-06T12:00:00Z");
    expect(expectOk(await submitAssessment(assessor, { assignmentId: assignment.id, baseVersion: version, values: completeAssessment() }, now))).toEqual({
      version: 2,
    });

    const stored = storedAssessment(assignment.id)!;
    expect(stored).toMatchObject({ status: "submitted", version: 2, submittedAt: now, values: completeAssessment() });
    const [entry] = auditFor(proposal.id, "assessment.submitted");
    expect(entry).toMatchObject({ actorId: assessor.id, callId: call.id, detail: { assessmentId: stored.id, assignmentId: assignment.id } });

    const page = await getAssignmentForAssessor(assessor, assignment.id);
    expect(page?.stage === "assess" && page.assessment?.status).toBe("submitted");
    expect((await listMyAssignments(assessor))![0]?.status).toBe("submitted");
  });

  it("submits in one step when nothing was saved before", async () => {
    const { assessor, assignment } = await assignedScenario();
    expect(await submitComplete(assessor, assignment.id, 0)).toBe(1);
    expect(storedAssessment(assignment.id)?.status).toBe("submitted");
  });

  it("refuses an incomplete assessment with a field error for each gap, and keeps the draft", async () => {
    const { assessor, assignment, proposal } = await assignedScenario();
    const version = await saveFirstDraft(assessor, assignment.id);
    const before = storedAssessment(assignment.id);

    const failure = expectFailure(await submitAssessment(assessor, { assignmentId: assignment.id, baseVersion: version, values: partial() }), "invalid");
    const fields = Object.keys(failure.fieldErrors ?? {});
    for (const c of DEFAULT_RUBRIC) {
      expect(fields).toContain(`justifications.${c.key}`);
      if (c.key !== "value-capture") expect(fields).toContain(`scores.${c.key}`);
    }
    expect(fields).not.toContain("scores.value-capture");
    expect(fields).toEqual(expect.arrayContaining(["bidderFeedback", "recommendation", "confidence"]));
    expect(failure.fieldErrors!["scores.win-win"]).toBe("Enter a score for Win-win mutual benefit");
    expect(storedAssessment(assignment.id)).toEqual(before);
    expect(auditFor(proposal.id, "assessment.submitted")).toEqual([]);
  });

  it("refuses an out-of-scale score on submission too", async () => {
    const { assessor, assignment } = await assignedScenario();
    const values = completeAssessment();
    values.scores["feasibility"] = "12";
    const failure = expectFailure(await submitAssessment(assessor, { assignmentId: assignment.id, baseVersion: 0, values }), "invalid");
    expect(failure.fieldErrors).toEqual({ "scores.feasibility": "Score for Feasibility and partner context must be a whole number from 0 to 10" });
    expect(storedAssessment(assignment.id)).toBeUndefined();
  });

  it("refuses a submission based on an old version as a conflict", async () => {
    const { assessor, assignment } = await assignedScenario();
    await saveFirstDraft(assessor, assignment.id);
    expectOk(await saveAssessmentDraft(assessor, { assignmentId: assignment.id, baseVersion: 1, values: partial() }));
    expectFailure(await submitAssessment(assessor, { assignmentId: assignment.id, baseVersion: 1, values: completeAssessment() }), "conflict");
    expect(storedAssessment(assignment.id)?.status).toBe("draft");
  });

  it("refuses any change after submission as locked, even with overwrite", async () => {
    const { assessor, assignment } = await assignedScenario();
    const version = await submitComplete(assessor, assignment.id);
    const before = storedAssessment(assignment.id);
    const changed = completeAssessment(DEFAULT_RUBRIC, "1");
    expectFailure(await saveAssessmentDraft(assessor, { assignmentId: assignment.id, baseVersion: version, values: changed }), "locked");
    expectFailure(await saveAssessmentDraft(assessor, { assignmentId: assignment.id, baseVersion: 0, values: changed, overwrite: true }), "locked");
    expectFailure(await submitAssessment(assessor, { assignmentId: assignment.id, baseVersion: version, values: changed }), "locked");
    expect(storedAssessment(assignment.id)).toEqual(before);
  });

  it("refuses someone else's assignment as not found, other roles as forbidden, no session as unauthenticated", async () => {
    const { bidder, assignment } = await assignedScenario();
    const input = { assignmentId: assignment.id, baseVersion: 0, values: completeAssessment() };
    expectFailure(await submitAssessment(await makeUser("assessor"), input), "not_found");
    expectFailure(await submitAssessment(bidder, input), "forbidden");
    expectFailure(await submitAssessment(await makeUser("manager"), input), "forbidden");
    expectFailure(await submitAssessment(null, input), "unauthenticated");
    expect(storedAssessment(assignment.id)).toBeUndefined();
  });

  it("accepts a submission before the call has closed", async () => {
    const bidder = await makeUser("bidder");
    const assessor = await makeUser("assessor");
    const call = makeCall();
    getDb().insert(rubricCriteria).values(rubricRows(call.id, DEFAULT_RUBRIC)).run();
    const assignment = makeAssignment(makeSubmittedProposal(call.id, bidder).id, assessor.id);
    expect(await submitComplete(assessor, assignment.id)).toBe(1);
  });
});

// --- reopening ----------------------------------------------------------------------------------

describe("a manager reopening a submitted assessment", () => {
  let manager: Actor;
  beforeAll(async () => {
    manager = await makeUser("manager");
  });

  it("puts it back to draft, records why, and the assessor can change and resubmit it", async () => {
    const { assessor, assignment, proposal, call } = await assignedScenario();
    const version = await submitComplete(assessor, assignment.id);
    const assessmentId = storedAssessment(assignment.id)!.id;
    const now = new Date("2030-07-08T08:00:00Z");

    expect(expectOk(await reopenAssessment(manager, { assessmentId, reason: "Score 7 contradicts the justification." }, now))).toEqual({
      version: version + 1,
    });
    expect(storedAssessment(assignment.id)).toMatchObject({ status: "draft", submittedAt: null, version: version + 1, updatedAt: now });
    const [entry] = auditFor(proposal.id, "assessment.reopened");
    expect(entry).toMatchObject({
      actorId: manager.id,
      callId: call.id,
      detail: { assessmentId, assignmentId: assignment.id, assessorId: assessor.id, reason: "Score 7 contradicts the justification." },
    });
    expect((await listMyAssignments(assessor))![0]?.status).toBe("in-progress");

    const revised = completeAssessment(DEFAULT_RUBRIC, "4");
    const saved = expectOk(await saveAssessmentDraft(assessor, { assignmentId: assignment.id, baseVersion: version + 1, values: revised }));
    expectOk(await submitAssessment(assessor, { assignmentId: assignment.id, baseVersion: saved.version, values: revised }));
    expect(storedAssessment(assignment.id)).toMatchObject({ status: "submitted", values: revised });
  });

  it("refuses an assessment that is still a draft, or unknown", async () => {
    const { assessor, assignment } = await assignedScenario();
    await saveFirstDraft(assessor, assignment.id);
    expectFailure(await reopenAssessment(manager, { assessmentId: storedAssessment(assignment.id)!.id }), "invalid");
    expectFailure(await reopenAssessment(manager, { assessmentId: 987_654 }), "not_found");
    expectFailure(await reopenAssessment(manager, { assessmentId: "1" }), "invalid");
  });

  it("refuses when the assessor is no longer assigned", async () => {
    const { assessor, assignment } = await assignedScenario();
    await submitComplete(assessor, assignment.id);
    getDb().update(assignments).set({ removedAt: new Date() }).where(eq(assignments.id, assignment.id)).run();
    expectFailure(await reopenAssessment(manager, { assessmentId: storedAssessment(assignment.id)!.id }), "invalid");
    expect(storedAssessment(assignment.id)?.status).toBe("submitted");
  });

  it("refuses assessors (even the author) and bidders as forbidden, no session as unauthenticated", async () => {
    const { assessor, bidder, assignment } = await assignedScenario();
    await submitComplete(assessor, assignment.id);
    const input = { assessmentId: storedAssessment(assignment.id)!.id };
    expectFailure(await reopenAssessment(assessor, input), "forbidden");
    expectFailure(await reopenAssessment(bidder, input), "forbidden");
    expectFailure(await reopenAssessment(null, input), "unauthenticated");
    expect(storedAssessment(assignment.id)?.status).toBe("submitted");
  });
});
