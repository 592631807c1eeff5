/**
 * Assigning assessors by hand and automatically, against a real SQLite file: conflicts of
 * interest and unassigning someone who has started scoring. Automatic assignment is in
 * manage-autoassign.test.ts, with a pool of assessors of its own.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { assessments, assignments, auditLog } from "@/db/schema";
import { getAssignmentBoard } from "@/lib/server/manage/assignments";
import { getCallRanking } from "@/lib/server/manage/ranking";
import type { Actor } from "@/lib/server/users";
import { makeUser, setupTempDatabase } from "../support/temp-db";
import {
  expectFailure,
  expectFound,
  expectOk,
  makeAssessmentRow,
  makeAssignmentRow,
  makeInvitations,
  makeProposal,
  makeRubricCall,
} from "../support/manage-factories";
import { assignAssessor, unassignAssessor } from "../support/actions";
import { rankingFiltersSchema } from "@/lib/validation/manage";

const filters = (raw: Record<string, string>) => rankingFiltersSchema.parse(raw);

setupTempDatabase();

let manager: Actor;
let bidder: Actor;

beforeAll(async () => {
  manager = await makeUser("manager");
  bidder = await makeUser("bidder");
});

const assessor = (organisation: string, expertise: string[] = []) => makeUser("assessor", { organisation, expertise });

function activeAssignments(proposalId: number) {
  return getDb()
    .select()
    .from(assignments)
    .where(eq(assignments.proposalId, proposalId))
    .all()
    .filter((a) => a.removedAt === null);
}

const pair = (proposalId: number, assessorId: number) =>
  getDb()
    .select()
    .from(assignments)
    .where(and(eq(assignments.proposalId, proposalId), eq(assignments.assessorId, assessorId)))
    .get();

const auditActions = (proposalId: number) =>
  getDb()
    .select()
    .from(auditLog)
    .where(eq(auditLog.proposalId, proposalId))
    .all()
    .map((a) => [a.action, a.detail]);

describe("assigning by hand", () => {
  it("assigns an assessor to a submitted proposal of a closed call, and audits it", async () => {
    const call = makeRubricCall();
    const p = makeProposal(call.id, bidder);
    const a = await assessor("Independent Reviews Ltd");
    expect(expectOk(await assignAssessor(manager, { proposalId: p.id, assessorId: a.id }))).toEqual({ callId: call.id });
    expect(pair(p.id, a.id)).toMatchObject({ assignedBy: manager.id, removedAt: null, conflictDeclaration: null });
    expect(auditActions(p.id)).toEqual([["assignment.added", { assessorId: a.id, assessorName: a.name }]]);
  });

  it("refuses an assessor who works at the lead or a partner organisation, ignoring case and spaces", async () => {
    const call = makeRubricCall();
    const p = makeProposal(call.id, bidder, { lead: "Northern Fuel Cells Ltd", partners: [{ organisation: "Fraunhofer ILT", country: "DE" }] });
    const atPartner = await assessor("  fraunhofer   ilt ");
    const atLead = await assessor("NORTHERN FUEL CELLS LTD");
    const partnerResult = expectFailure(await assignAssessor(manager, { proposalId: p.id, assessorId: atPartner.id }), "invalid");
    expect(partnerResult.fieldErrors?.assessorId).toMatch(/works at an organisation in this proposal’s consortium/);
    expectFailure(await assignAssessor(manager, { proposalId: p.id, assessorId: atLead.id }), "invalid");
    expect(activeAssignments(p.id)).toEqual([]);
  });

  it("refuses an assessor who declared a conflict on the proposal", async () => {
    const call = makeRubricCall();
    const p = makeProposal(call.id, bidder);
    const a = await assessor("Elsewhere Ltd");
    makeAssignmentRow(p.id, a.id, { declaration: "conflict", details: "Former employee", removedAt: new Date() });
    const result = expectFailure(await assignAssessor(manager, { proposalId: p.id, assessorId: a.id }), "invalid");
    expect(result.fieldErrors?.assessorId).toMatch(/declared a conflict of interest/);
  });

  it("refuses someone already assigned, someone who is not an assessor, a draft proposal and an open call", async () => {
    const call = makeRubricCall();
    const p = makeProposal(call.id, bidder);
    const a = await assessor("Elsewhere Ltd");
    makeAssignmentRow(p.id, a.id);
    expect(expectFailure(await assignAssessor(manager, { proposalId: p.id, assessorId: a.id }), "invalid").fieldErrors?.assessorId).toMatch(/already assigned/);
    expectFailure(await assignAssessor(manager, { proposalId: p.id, assessorId: bidder.id }), "invalid");

    const draft = makeProposal(call.id, bidder, { status: "draft" });
    expectFailure(await assignAssessor(manager, { proposalId: draft.id, assessorId: a.id }), "not_found");

    const open = makeRubricCall({ open: true });
    const early = makeProposal(open.id, bidder);
    expectFailure(await assignAssessor(manager, { proposalId: early.id, assessorId: a.id }), "closed");
    expect(activeAssignments(early.id)).toEqual([]);
  });
});

describe("assigning by hand on a call that uses invitations", () => {
  it("refuses, on the field, an assessor who never accepted, and one at the maximum they accepted; assigns one who accepted", async () => {
    const call = makeRubricCall();
    const [p, q] = [makeProposal(call.id, bidder), makeProposal(call.id, bidder)];
    const [accepted, capped, invited, never] = [await assessor("Yes Ltd"), await assessor("Capped Ltd"), await assessor("Maybe Ltd"), await assessor("Never Ltd")];
    makeInvitations(call.id, [accepted], manager);
    makeInvitations(call.id, [capped], manager, { maxProposals: 1 });
    makeInvitations(call.id, [invited], manager, { status: "invited" });
    makeAssignmentRow(q.id, capped.id);
    const before = activeAssignments(p.id).length;

    for (const [who, text] of [
      [never, "has not accepted an invitation to this call"],
      [invited, "has not accepted an invitation to this call"],
      [capped, "has reached the 1 proposals they agreed to take"],
    ] as const) {
      const refused = expectFailure(await assignAssessor(manager, { proposalId: p.id, assessorId: who.id }), "invalid");
      expect(refused.fieldErrors?.assessorId).toContain(text);
    }
    expect(activeAssignments(p.id)).toHaveLength(before);
    expectOk(await assignAssessor(manager, { proposalId: p.id, assessorId: accepted.id }));
    expect(activeAssignments(p.id).map((a) => a.assessorId)).toEqual([accepted.id]);
  });
});

describe("unassigning", () => {
  it("unassigns an assessor who has not started, keeping the row with removedAt set", async () => {
    const call = makeRubricCall();
    const p = makeProposal(call.id, bidder);
    const a = await assessor("Elsewhere Ltd");
    makeAssignmentRow(p.id, a.id);
    expectOk(await unassignAssessor(manager, { proposalId: p.id, assessorId: a.id }));
    expect(pair(p.id, a.id)?.removedAt).toBeInstanceOf(Date);
    expect(auditActions(p.id)).toEqual([["assignment.removed", { assessorId: a.id, assessorName: a.name }]]);
  });

  it("asks for confirmation when the assessor has started scoring, then keeps their draft on record", async () => {
    const call = makeRubricCall();
    const p = makeProposal(call.id, bidder);
    const a = await assessor("Elsewhere Ltd");
    const assignment = makeAssignmentRow(p.id, a.id);
    const draft = makeAssessmentRow(assignment.id, 6, { status: "draft" });

    const refused = expectFailure(await unassignAssessor(manager, { proposalId: p.id, assessorId: a.id }), "conflict");
    expect(refused.message).toMatch(/has started scoring this proposal/);
    expect(pair(p.id, a.id)?.removedAt).toBeNull();

    expectOk(await unassignAssessor(manager, { proposalId: p.id, assessorId: a.id, confirmed: true }));
    expect(pair(p.id, a.id)?.removedAt).toBeInstanceOf(Date);
    expect(getDb().select().from(assessments).where(eq(assessments.id, draft.id)).get()).toMatchObject({ status: "draft", values: draft.values });
    expect(auditActions(p.id).at(-1)).toEqual(["assignment.removed", { assessorId: a.id, assessorName: a.name, assessmentStatus: "draft" }]);

    // Assigning them again reinstates the same assignment, and their draft with it.
    expectOk(await assignAssessor(manager, { proposalId: p.id, assessorId: a.id }));
    expect(pair(p.id, a.id)).toMatchObject({ id: assignment.id, removedAt: null });
    expect(auditActions(p.id).at(-1)).toEqual(["assignment.added", { assessorId: a.id, assessorName: a.name, reinstated: true }]);
  });

  it("stops an unassigned assessor's submitted assessment counting toward the ranking", async () => {
    const call = makeRubricCall({ assessorsRequired: 1 });
    const p = makeProposal(call.id, bidder);
    const a = await assessor("Elsewhere Ltd");
    makeAssessmentRow(makeAssignmentRow(p.id, a.id).id, 8);
    expect(expectFound(await getCallRanking(manager, call.id, filters({}))).page.rows).toHaveLength(1);
    expectOk(await unassignAssessor(manager, { proposalId: p.id, assessorId: a.id, confirmed: true }));
    const ranking = expectFound(await getCallRanking(manager, call.id, filters({})));
    expect(ranking.page.rows).toEqual([]);
    expect(ranking.shownAwaiting.map((r) => [r.id, r.submittedAssessments])).toEqual([[p.id, 0]]);
  });

  it("refuses to unassign someone who is not assigned", async () => {
    const call = makeRubricCall();
    const p = makeProposal(call.id, bidder);
    const a = await assessor("Elsewhere Ltd");
    expectFailure(await unassignAssessor(manager, { proposalId: p.id, assessorId: a.id }), "not_found");
  });
});

describe("the assignment board", () => {
  it("shows who may not assess each proposal and why, and the pool with its loads", async () => {
    const call = makeRubricCall();
    const expert = await assessor("Expert Labs", ["hydrogen-fuel-cells"]);
    const partnerStaff = await assessor("Partner Board Ltd");
    const p = makeProposal(call.id, bidder, { domainId: "hydrogen-fuel-cells", partners: [{ organisation: "Partner Board Ltd", country: "JP" }] });
    makeAssignmentRow(p.id, expert.id);
    const board = expectFound(await getAssignmentBoard(manager, call.id));
    const row = board.proposals.find((x) => x.id === p.id)!;
    expect(row.assigned.map((a) => a.assessorId)).toEqual([expert.id]);
    expect(row.excluded).toContainEqual({ name: partnerStaff.name, reason: "Works at an organisation in the consortium" });
    expect(board.assessors.find((a) => a.id === expert.id)).toMatchObject({ load: 1, maxProposals: null });
    expect(board.usesInvitations).toBe(false);
    expect(board.canAssign).toBe(true);
  });
});
