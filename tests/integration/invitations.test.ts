/**
 * Assessor invitations on a real SQLite file: inviting, accepting with a maximum, declining with a
 * reason, what the manager sees, the audit trail, and their effect on automatic assignment. Then
 * the in-scope votes in the ranking and its CSV.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { assignments, auditLog, invitations } from "@/db/schema";
import { getInvitationBoard, getMyInvitation, listMyInvitations } from "@/lib/server/invitations";
import { rankingCsv } from "@/lib/server/manage/csv";
import { getCallRanking } from "@/lib/server/manage/ranking";
import { autoAssignCall, inviteAssessors, respondToInvitation } from "../support/actions";
import type { Actor } from "@/lib/server/users";
import { parseCsv } from "../support/csv-reader";
import { expectFailure, expectOk, makeAssessmentRow, makeAssignmentRow, makeProposal, makeRubricCall } from "../support/manage-factories";
import { makeUser, setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

let manager: Actor;
let bidder: Actor;
let pool: Actor[];

beforeAll(async () => {
  manager = await makeUser("manager");
  bidder = await makeUser("bidder");
  pool = [];
  for (const letter of ["A", "B", "C", "D"]) pool.push(await makeUser("assessor", { organisation: `Org ${letter}` }));
});

const respond = (assessor: Actor, invitationId: number, values: Record<string, string>) =>
  respondToInvitation(assessor, { invitationId, values });

async function invitationOf(callId: number, assessor: Actor) {
  return (await listMyInvitations(assessor))!.find((i) => i.call.id === callId)!;
}

describe("inviting assessors", () => {
  it("invites before the call closes, and each assessor accepts or declines once, all audited", async () => {
    const call = makeRubricCall({ open: true });
    const [a, b, c] = pool as [Actor, Actor, Actor];
    const sent = expectOk(await inviteAssessors(manager, { callId: call.id, assessorIds: [a.id, b.id, c.id] }));
    expect(sent.invited).toHaveLength(3);
    // Inviting again leaves existing invitations as they are.
    expect(expectOk(await inviteAssessors(manager, { callId: call.id, assessorIds: [a.id] }))).toEqual({ invited: [], alreadyInvited: 1 });

    const ia = await invitationOf(call.id, a);
    expect(ia.status).toBe("invited");
    expectOk(await respond(a, ia.id, { response: "accept", maxProposals: "2" }));
    expectFailure(await respond(a, ia.id, { response: "decline", declineReason: "time" }), "locked");

    const ib = await invitationOf(call.id, b);
    const noReason = expectFailure(await respond(b, ib.id, { response: "decline" }), "invalid");
    expect(noReason.fieldErrors).toEqual({ declineReason: "Select why you are declining" });
    const noText = expectFailure(await respond(b, ib.id, { response: "decline", declineReason: "other" }), "invalid");
    expect(noText.fieldErrors).toEqual({ declineDetails: "Enter why you are declining" });
    expectOk(await respond(b, ib.id, { response: "decline", declineReason: "other", declineDetails: "Advising an applicant" }));

    const ic = await invitationOf(call.id, c);
    expect(expectFailure(await respond(c, ic.id, { response: "" }), "invalid").fieldErrors).toEqual({
      response: "Select whether you will assess proposals for this call",
    });
    expect(expectFailure(await respond(c, ic.id, { response: "accept", maxProposals: "lots" }), "invalid").fieldErrors?.maxProposals).toMatch(
      /^Maximum number of proposals must be a whole number/,
    );
    expectOk(await respond(c, ic.id, { response: "decline", declineReason: "expertise" }));

    const board = (await getInvitationBoard(manager, call.id))!;
    const row = (who: Actor) => board.rows.find((r) => r.assessorId === who.id)!.invitation;
    expect(row(a)).toMatchObject({ status: "accepted", maxProposals: 2 });
    expect(row(b)).toMatchObject({ status: "declined", declineReason: "other", declineDetails: "Advising an applicant" });
    expect(row(c)).toMatchObject({ status: "declined", declineReason: "expertise" });
    expect(board.rows.find((r) => r.assessorId === pool[3]!.id)!.invitation).toBeNull();
    expect(board.counts).toMatchObject({ accepted: 1, declined: 2, invited: 0 });

    const audit = await getDb().select().from(auditLog).where(eq(auditLog.callId, call.id));
    expect(audit.filter((e) => e.action === "invitation.sent")).toHaveLength(3);
    expect(audit.filter((e) => e.action === "invitation.accepted").map((e) => [e.actorId, e.detail.maxProposals])).toEqual([[a.id, 2]]);
    expect(audit.filter((e) => e.action === "invitation.declined").map((e) => e.detail.reason).sort()).toEqual(["expertise", "other"]);
  });

  it("keeps each assessor to their own invitations and managers to inviting", async () => {
    const call = makeRubricCall();
    const [a, b] = pool as [Actor, Actor];
    expectOk(await inviteAssessors(manager, { callId: call.id, assessorIds: [a.id] }));
    const ia = await invitationOf(call.id, a);
    expect(await getMyInvitation(b, ia.id)).toBeNull();
    expectFailure(await respond(b, ia.id, { response: "accept" }), "not_found");
    expectFailure(await inviteAssessors(a, { callId: call.id, assessorIds: [b.id] }), "forbidden");
    expectFailure(await inviteAssessors(manager, { callId: call.id, assessorIds: [bidder.id] }), "invalid");
    expectFailure(await inviteAssessors(manager, { callId: call.id, assessorIds: [] }), "invalid");
  });
});

describe("automatic assignment with invitations", () => {
  it("uses only assessors who accepted, and never more proposals than their maximum", async () => {
    const call = makeRubricCall({ assessorsRequired: 2 });
    const [a, b, c, d] = pool as [Actor, Actor, Actor, Actor];
    const proposals = [1, 2, 3].map((i) => makeProposal(call.id, bidder, { title: `Invited ${i}`, lead: `Lead ${i} Ltd`, partners: [{ organisation: `Partner ${i}`, country: "FR" }] }));
    expectOk(await inviteAssessors(manager, { callId: call.id, assessorIds: [a.id, b.id, c.id] }));
    expectOk(await respond(a, (await invitationOf(call.id, a)).id, { response: "accept", maxProposals: "1" }));
    expectOk(await respond(b, (await invitationOf(call.id, b)).id, { response: "accept" }));
    expectOk(await respond(c, (await invitationOf(call.id, c)).id, { response: "decline", declineReason: "time" }));
    // d was never invited.

    const report = expectOk(await autoAssignCall(manager, { callId: call.id }));
    const rows = await getDb().select().from(assignments);
    const mine = rows.filter((r) => proposals.some((p) => p.id === r.proposalId));
    const countFor = (who: Actor) => mine.filter((r) => r.assessorId === who.id).length;
    expect(countFor(a)).toBe(1);
    expect(countFor(b)).toBe(3);
    expect(countFor(c)).toBe(0);
    expect(countFor(d)).toBe(0);
    expect(report.added).toBe(4);
    expect(report.short).toHaveLength(2);
    expect(report.short[0]!.reason).toBe("Only 1 eligible assessor: 1 has reached the maximum they accepted");
  });

  it("counts existing assignments toward an assessor's maximum", async () => {
    const call = makeRubricCall({ assessorsRequired: 1 });
    const [a, b] = pool as [Actor, Actor];
    const p1 = makeProposal(call.id, bidder, { title: "Already", lead: "L1", partners: [{ organisation: "P1", country: "FR" }] });
    const p2 = makeProposal(call.id, bidder, { title: "New", lead: "L2", partners: [{ organisation: "P2", country: "FR" }] });
    makeAssignmentRow(p1.id, a.id);
    expectOk(await inviteAssessors(manager, { callId: call.id, assessorIds: [a.id, b.id] }));
    expectOk(await respond(a, (await invitationOf(call.id, a)).id, { response: "accept", maxProposals: "1" }));
    expectOk(await respond(b, (await invitationOf(call.id, b)).id, { response: "accept" }));
    expectOk(await autoAssignCall(manager, { callId: call.id }));
    const onP2 = await getDb().select().from(assignments).where(and(eq(assignments.proposalId, p2.id)));
    expect(onP2.map((r) => r.assessorId)).toEqual([b.id]);
  });

  it("assigns nobody when invitations were sent and nobody has accepted", async () => {
    const call = makeRubricCall({ assessorsRequired: 1 });
    const p = makeProposal(call.id, bidder, { title: "Lonely", lead: "L", partners: [{ organisation: "P", country: "FR" }] });
    await getDb().delete(invitations).where(eq(invitations.callId, call.id));
    expectOk(await inviteAssessors(manager, { callId: call.id, assessorIds: [pool[0]!.id] }));
    const report = expectOk(await autoAssignCall(manager, { callId: call.id }));
    expect(report.added).toBe(0);
    expect(report.usesInvitations).toBe(true);
    expect(report.short).toEqual([{ proposalId: p.id, title: "Lonely", have: 0, required: 1, reason: "No eligible assessors in the pool" }]);
  });

  it("uses all the agency's assessors, balanced, on a call with no invitations at all", async () => {
    const call = makeRubricCall({ assessorsRequired: 1 });
    await getDb().delete(invitations).where(eq(invitations.callId, call.id));
    const p = makeProposal(call.id, bidder, { title: "Uninvited", lead: "L", partners: [{ organisation: "P", country: "FR" }] });
    const report = expectOk(await autoAssignCall(manager, { callId: call.id }));
    expect(report).toMatchObject({ added: 1, short: [], usesInvitations: false });
    expect((await getDb().select().from(assignments).where(eq(assignments.proposalId, p.id))).length).toBe(1);
  });
});

describe("in-scope votes", () => {
  it("counts the assessors who said 'in scope', flags a majority out of scope in the ranking and the CSV, and ranks as before", async () => {
    const call = makeRubricCall({ assessorsRequired: 3 });
    const [a, b, c] = pool as [Actor, Actor, Actor];
    const inScope = makeProposal(call.id, bidder, { title: "In scope", lead: "L1", partners: [{ organisation: "P1", country: "FR" }] });
    const outOfScope = makeProposal(call.id, bidder, { title: "Out of scope", lead: "L2", partners: [{ organisation: "P2", country: "FR" }] });
    const vote = (proposalId: number, who: Actor, answer: "yes" | "no", score: number) => {
      const assignment = makeAssignmentRow(proposalId, who.id);
      makeAssessmentRow(assignment.id, score, { inScope: answer });
    };
    vote(inScope.id, a, "yes", 5);
    vote(inScope.id, b, "yes", 5);
    vote(inScope.id, c, "no", 5);
    // Scored higher, yet two of three say it is out of scope: it still ranks first.
    vote(outOfScope.id, a, "no", 8);
    vote(outOfScope.id, b, "no", 8);
    vote(outOfScope.id, c, "yes", 8);

    const ranking = (await getCallRanking(manager, call.id, { theme: undefined, domain: undefined, country: undefined, rdCategory: undefined, fit: undefined }))!;
    const byTitle = (t: string) => ranking.page.rows.find((r) => r.title === t)!;
    expect(ranking.page.rows.map((r) => r.title)).toEqual(["Out of scope", "In scope"]);
    expect(byTitle("In scope").inScope).toEqual({ inScope: 2, outOfScope: 1, counted: 3, majorityOutOfScope: false });
    expect(byTitle("Out of scope").inScope).toEqual({ inScope: 1, outOfScope: 2, counted: 3, majorityOutOfScope: true });

    const csv = parseCsv((await rankingCsv(manager, call.id))!.body);
    const header = csv[0]!;
    const col = header.indexOf("In scope votes");
    expect(col).toBeGreaterThan(0);
    const rowOf = (title: string) => csv.find((r) => r.includes(title))!;
    expect(rowOf("In scope")[col]).toBe("2 of 3");
    expect(rowOf("Out of scope")[col]).toBe("1 of 3 (majority out of scope)");
    expect(rowOf("Out of scope")[header.indexOf("Majority out of scope")]).toBe("yes");
  });
});
