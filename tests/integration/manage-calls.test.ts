/**
 * Creating and editing calls (with the rubric's weights and thresholds), the call list and the
 * call overview, against a real SQLite file.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { loadCallRubric } from "@/db/rubrics";
import { auditLog, calls } from "@/db/schema";
import { DEFAULT_RUBRIC } from "@/lib/domain/rubric";
import { getCallForm, getCallOverview, listManagedCalls, newCallForm } from "@/lib/server/manage/calls-admin";
import { getCallRanking } from "@/lib/server/manage/ranking";
import type { Actor } from "@/lib/server/users";
import { fromLondonInput, toLondonInput, type CallFormValues } from "@/lib/validation/manage";
import { DAY_MS, makeUser, setupTempDatabase } from "../support/temp-db";
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
import { createCall, updateCall } from "../support/actions";
import { rankingFiltersSchema } from "@/lib/validation/manage";

const filters = (raw: Record<string, string>) => rankingFiltersSchema.parse(raw);

setupTempDatabase();

let manager: Actor;
let bidder: Actor;
let assessors: Actor[];

beforeAll(async () => {
  manager = await makeUser("manager");
  bidder = await makeUser("bidder");
  assessors = await Promise.all([1, 2, 3].map((i) => makeUser("assessor", { organisation: `Assessor Org ${i}` })));
});

function validValues(overrides: Partial<CallFormValues> = {}): CallFormValues {
  return {
    ...newCallForm().values,
    title: "Net-zero manufacturing collaboration 2027",
    description: "UK-led projects with international partners.",
    opensAt: "2027-01-10T09:00",
    closesAt: "2027-03-10T12:00",
    assessmentDueAt: "2027-04-10T17:00",
    budget: "£2,500,000",
    assessorsRequired: "3",
    overallThreshold: "55",
    ...overrides,
  };
}

const callRow = (id: number) => getDb().select().from(calls).where(eq(calls.id, id)).get()!;
const auditFor = (callId: number) => getDb().select().from(auditLog).where(eq(auditLog.callId, callId)).all();
const callCount = () => getDb().select().from(calls).all().length;

describe("creating a call", () => {
  it("stores the call with the report's default rubric and the weights and thresholds entered", async () => {
    const values = validValues();
    values.rubric = { ...values.rubric, "value-capture": { weight: "30", threshold: "6" }, excellence: { weight: "10", threshold: "" } };
    const { id } = expectOk(await createCall(manager, values));

    const call = callRow(id);
    expect(call).toMatchObject({ title: "Net-zero manufacturing collaboration 2027", budget: 2_500_000, assessorsRequired: 3, overallThreshold: 55 });
    // Form times are UK wall-clock times: 10 January is GMT, 10 April is BST (UTC+1).
    expect(call.opensAt.toISOString()).toBe("2027-01-10T09:00:00.000Z");
    expect(call.assessmentDueAt.toISOString()).toBe("2027-04-10T16:00:00.000Z");

    const rubric = await loadCallRubric(getDb(), id);
    expect(rubric.map((c) => c.key)).toEqual(DEFAULT_RUBRIC.map((c) => c.key));
    expect(rubric.find((c) => c.key === "value-capture")).toMatchObject({ weight: 30, threshold: 6, guidance: DEFAULT_RUBRIC[0]!.guidance });
    expect(rubric.find((c) => c.key === "excellence")).toMatchObject({ weight: 10, threshold: null });
    expect(auditFor(id).map((a) => [a.action, a.actorId])).toEqual([["call.created", manager.id]]);
  });

  it("refuses a closing time before the opening time, and stores nothing", async () => {
    const before = callCount();
    const result = expectFailure(await createCall(manager, validValues({ closesAt: "2027-01-01T09:00" })), "invalid");
    expect(result.fieldErrors?.closesAt).toBe("The closing date and time must be after the opening date and time");
    expect(callCount()).toBe(before);
  });

  it("refuses assessments due before the call closes", async () => {
    const result = expectFailure(await createCall(manager, validValues({ assessmentDueAt: "2027-03-01T09:00" })), "invalid");
    expect(result.fieldErrors?.assessmentDueAt).toBe("Assessments must be due after the call closes");
  });

  it("refuses weights that do not add up to 100%", async () => {
    const values = validValues();
    values.rubric = { ...values.rubric, "value-capture": { weight: "35", threshold: "5" } };
    const result = expectFailure(await createCall(manager, values), "invalid");
    expect(result.fieldErrors?.rubricTotal).toBe("The weights must add up to 100% (they add up to 110%)");
  });

  it("refuses a threshold outside the criterion's scale, and a weight that is not a whole percent", async () => {
    const values = validValues();
    values.rubric = { ...values.rubric, "win-win": { weight: "20", threshold: "11" }, feasibility: { weight: "9.5", threshold: "" } };
    const result = expectFailure(await createCall(manager, values), "invalid");
    expect(result.fieldErrors?.["rubric.win-win.threshold"]).toBe("The minimum score for Win-win mutual benefit must be from 0 to 10, or left blank");
    expect(result.fieldErrors?.["rubric.feasibility.weight"]).toMatch(/whole number of percent/);
  });

  it("refuses blank and malformed fields with a message for each", async () => {
    const result = expectFailure(
      await createCall(manager, validValues({ title: "  ", opensAt: "2027-02-30T09:00", budget: "lots", assessorsRequired: "0", overallThreshold: "101" })),
      "invalid",
    );
    expect(result.fieldErrors).toMatchObject({
      title: "Enter a title for the call",
      opensAt: "Enter the opening date and time as a real date and time",
      budget: "The budget must be a whole number",
      assessorsRequired: "The number of assessors per proposal must be from 1 to 10",
      overallThreshold: "The overall minimum score must be from 0 to 100",
    });
  });

  it("refuses a time skipped when the UK clocks go forward", () => {
    expect(fromLondonInput("2027-03-28T01:30")).toBeNull();
    expect(fromLondonInput("2027-03-28T02:30")?.toISOString()).toBe("2027-03-28T01:30:00.000Z");
  });
});

describe("editing a call", () => {
  it("shows the stored call in the form, in UK time", async () => {
    const { id } = expectOk(await createCall(manager, validValues()));
    const form = expectFound(await getCallForm(manager, id));
    expect(form.values).toMatchObject({ opensAt: "2027-01-10T09:00", closesAt: "2027-03-10T12:00", assessmentDueAt: "2027-04-10T17:00", budget: "2500000" });
    expect(form.values.rubric["value-capture"]).toEqual({ weight: "25", threshold: "5" });
    expect(form.criteria).toHaveLength(DEFAULT_RUBRIC.length);
    expect(form.scoringStarted).toBe(false);
  });

  it("saves details, weights and thresholds, audits each change, and the ranking follows", async () => {
    const call = makeRubricCall({ assessorsRequired: 1, overallThreshold: 0 });
    const p = makeProposal(call.id, bidder, { grant: 100_000 });
    // Value capture 10, everything else 0: the total is the value-capture weight.
    assessAll(p.id, [[assessors[0]!, { "value-capture": 10, "win-win": 5, excellence: 0, competitiveness: 0, "grand-challenges": 0, additionality: 0, feasibility: 0 }]]);
    const before = expectFound(await getCallRanking(manager, call.id, filters({})));
    expect(before.page.rows[0]!.weightedTotal).toBeCloseTo(25 + 10, 10);

    const form = expectFound(await getCallForm(manager, call.id));
    expect(form.scoringStarted).toBe(true);
    const values = { ...form.values, budget: "750000", rubric: { ...form.values.rubric, "value-capture": { weight: "35", threshold: "7" }, excellence: { weight: "5", threshold: "" } } };
    expectOk(await updateCall(manager, { callId: call.id, values }));

    expect(callRow(call.id).budget).toBe(750_000);
    const after = expectFound(await getCallRanking(manager, call.id, filters({})));
    expect(after.page.rows[0]!.weightedTotal).toBeCloseTo(35 + 10, 10);
    const audits = auditFor(call.id);
    expect(audits.map((a) => a.action).sort()).toEqual(["call.updated", "rubric.updated"]);
    expect(audits.find((a) => a.action === "call.updated")!.detail).toEqual({ changes: { budget: { from: 1_000_000, to: 750_000 } } });
    expect(audits.find((a) => a.action === "rubric.updated")!.detail).toMatchObject({
      changes: {
        "value-capture": { weight: { from: 25, to: 35 }, threshold: { from: 5, to: 7 } },
        excellence: { weight: { from: 15, to: 5 } },
      },
    });
  });

  it("records nothing when nothing changed", async () => {
    const call = makeRubricCall();
    const form = expectFound(await getCallForm(manager, call.id));
    const { changed } = expectOk(await updateCall(manager, { callId: call.id, values: form.values }));
    expect(changed).toBe(false);
    expect(auditFor(call.id)).toEqual([]);
  });

  it("refuses the same mistakes as on creation, and changes nothing", async () => {
    const call = makeRubricCall();
    const form = expectFound(await getCallForm(manager, call.id));
    const bad = { ...form.values, closesAt: form.values.opensAt, rubric: { ...form.values.rubric, additionality: { weight: "40", threshold: "-1" } } };
    const result = expectFailure(await updateCall(manager, { callId: call.id, values: bad }), "invalid");
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(["closesAt", "rubric.additionality.threshold", "rubricTotal"]);
    expect(callRow(call.id).closesAt.getTime()).toBe(call.closesAt.getTime());
    expect((await loadCallRubric(getDb(), call.id)).find((c) => c.key === "additionality")!.weight).toBe(10);
  });

  it("will not reopen a closed call once assessors are assigned, but may keep it closed", async () => {
    const call = makeRubricCall();
    const proposal = makeProposal(call.id, bidder);
    makeAssignmentRow(proposal.id, assessors[0]!.id);
    const form = expectFound(await getCallForm(manager, call.id));
    const reopened = { ...form.values, closesAt: toLondonInput(new Date(Date.now() + 5 * DAY_MS)) };
    const result = expectFailure(await updateCall(manager, { callId: call.id, values: reopened }), "invalid");
    expect(result.fieldErrors?.closesAt).toMatch(/cannot reopen/);
    expect(callRow(call.id).closesAt.getTime()).toBe(call.closesAt.getTime());
    const stillClosed = { ...form.values, closesAt: toLondonInput(new Date(Date.now() - 2 * DAY_MS)) };
    expectOk(await updateCall(manager, { callId: call.id, values: stillClosed }));
  });

  it("refuses an unknown call", async () => {
    expectFailure(await updateCall(manager, { callId: 999_999, values: validValues() }), "not_found");
    expect(await getCallForm(manager, 999_999)).toBeNull();
  });
});

describe("the call list and overview", () => {
  it("lists calls with their phase and counts", async () => {
    const call = makeRubricCall({ title: "Listed call" });
    const p = makeProposal(call.id, bidder);
    makeProposal(call.id, bidder, { status: "draft" });
    assessAll(p.id, [[assessors[0]!, 6]]);
    const list = expectFound(await listManagedCalls(manager));
    expect(list.find((c) => c.id === call.id)).toMatchObject({
      stage: "closed",
      submittedProposals: 1,
      draftProposals: 1,
      assessmentsSubmitted: 1,
      assessmentsRequired: 2,
      decisionsRecorded: 0,
    });
  });

  it("counts proposals and assessments by status, and lists overdue assessments and declared conflicts", async () => {
    const now = new Date();
    const call = makeRubricCall({ assessmentDueAt: new Date(now.getTime() - DAY_MS), assessorsRequired: 2 });
    const [a1, a2, a3] = assessors as [Actor, Actor, Actor];
    const p1 = makeProposal(call.id, bidder, { title: "Proposal one" });
    const p2 = makeProposal(call.id, bidder, { title: "Proposal two" });
    makeProposal(call.id, bidder, { status: "draft" });
    assessAll(p1.id, [[a1, 7], [a2, 6]]);
    makeAssessmentRow(makeAssignmentRow(p2.id, a1.id).id, 5, { status: "draft" });
    makeAssignmentRow(p2.id, a2.id, { declaration: null });
    makeAssignmentRow(p2.id, a3.id, { declaration: "conflict", details: "I advise the lead organisation." });

    const o = expectFound(await getCallOverview(manager, call.id, now));
    expect(o.proposals).toEqual({ submitted: 2, draft: 1 });
    expect(o.assessments).toEqual({ notStarted: 1, draft: 1, submitted: 2, conflictDeclared: 1, required: 4, unfilled: 0 });
    expect(o.ranking).toEqual({ ranked: 1, awaiting: 1 });
    expect(o.assessmentsOverdue).toBe(true);
    expect(o.overdue.map((x) => [x.proposalTitle, x.assessorName, x.status])).toEqual([
      ["Proposal two", a1.name, "draft"],
      ["Proposal two", a2.name, "not started"],
    ]);
    expect(o.conflicts).toEqual([
      expect.objectContaining({ proposalTitle: "Proposal two", assessorName: a3.name, details: "I advise the lead organisation." }),
    ]);
    expect(o.decisions).toMatchObject({ recorded: 0, undecided: 2, releasedAt: null });
  });

  it("lists nothing as overdue before the due date", async () => {
    const call = makeRubricCall();
    const p = makeProposal(call.id, bidder);
    makeAssignmentRow(p.id, assessors[0]!.id);
    const o = expectFound(await getCallOverview(manager, call.id));
    expect(o.assessmentsOverdue).toBe(false);
    expect(o.overdue).toEqual([]);
  });
});
