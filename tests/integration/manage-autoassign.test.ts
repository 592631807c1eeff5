/**
 * "Assign automatically" on a closed call, against a real SQLite file with a pool of exactly five
 * assessors (all created up front, so every test knows the whole pool): load balance, conflicts,
 * re-running only filling gaps, and the report of proposals the pool cannot cover.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { assignments, auditLog } from "@/db/schema";
import { getAssignmentBoard } from "@/lib/server/manage/assignments";
import type { Actor } from "@/lib/server/users";
import { makeUser, setupTempDatabase } from "../support/temp-db";
import { expectFailure, expectFound, expectOk, makeAssignmentRow, makeInvitations, makeProposal, makeRubricCall } from "../support/manage-factories";
import { autoAssignCall } from "../support/actions";

setupTempDatabase();

let manager: Actor;
let bidder: Actor;
/** Organisations "Org A" to "Org E"; the first is expert in hydrogen fuel cells. */
let pool: Actor[];

beforeAll(async () => {
  manager = await makeUser("manager");
  bidder = await makeUser("bidder");
  pool = [];
  for (const letter of ["A", "B", "C", "D", "E"]) {
    pool.push(await makeUser("assessor", { organisation: `Org ${letter}`, expertise: letter === "A" ? ["hydrogen-fuel-cells"] : ["batteries"] }));
  }
});

const active = (proposalId: number) =>
  getDb()
    .select()
    .from(assignments)
    .where(eq(assignments.proposalId, proposalId))
    .all()
    .filter((a) => a.removedAt === null && a.conflictDeclaration !== "conflict")
    .map((a) => a.assessorId)
    .sort((a, b) => a - b);

/** A closed call whose invitation every assessor in the pool accepted (the automatic pool). */
function acceptedCall(options: Parameters<typeof makeRubricCall>[0]) {
  const call = makeRubricCall(options);
  makeInvitations(call.id, pool, manager);
  return call;
}

const unrelated = (i: number) => ({ lead: `Lead ${i} Ltd`, partners: [{ organisation: `Partner ${i} GmbH`, country: "DE" }] });

describe("assigning automatically", () => {
  it("gives every proposal the required assessors with loads differing by at most one, and audits each", async () => {
    const call = acceptedCall({ assessorsRequired: 2 });
    const proposals = [1, 2, 3, 4].map((i) => makeProposal(call.id, bidder, { title: `Auto ${i}`, ...unrelated(i) }));
    const report = expectOk(await autoAssignCall(manager, { callId: call.id }));

    expect(report.short).toEqual([]);
    expect(report.added).toBe(8);
    for (const p of proposals) expect(active(p.id)).toHaveLength(2);
    const board = expectFound(await getAssignmentBoard(manager, call.id));
    const loads = board.assessors.map((a) => a.load);
    expect(loads.reduce((s, n) => s + n, 0)).toBe(8);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(board.gaps).toBe(0);

    const audits = getDb().select().from(auditLog).where(eq(auditLog.callId, call.id)).all();
    const pairs = audits.filter((a) => a.action === "assignment.added");
    expect(pairs).toHaveLength(8);
    expect(pairs.every((a) => a.detail.automatic === true && a.actorId === manager.id)).toBe(true);
    // The run itself is audited too, with what it did.
    const runs = audits.filter((a) => a.action === "assignment.automatic");
    expect(runs).toHaveLength(1);
    expect(runs[0]!.detail).toMatchObject({ outcome: "completed", added: 8, short: 0, pool: 5, usesInvitations: true });
  });

  it("prefers an expert in the proposal's technology domain between equally loaded assessors", async () => {
    const call = acceptedCall({ assessorsRequired: 1 });
    const p = makeProposal(call.id, bidder, { domainId: "hydrogen-fuel-cells", ...unrelated(9) });
    expectOk(await autoAssignCall(manager, { callId: call.id }));
    expect(active(p.id)).toEqual([pool[0]!.id]);
  });

  it("never assigns a conflicted assessor, and says why a proposal is short", async () => {
    const call = acceptedCall({ assessorsRequired: 3 });
    const [a, b, c] = pool as [Actor, Actor, Actor];
    // Org A is a partner (written differently); B was unassigned by a manager; C declared a conflict.
    const p = makeProposal(call.id, bidder, { title: "Crowded consortium", lead: "Lead Ltd", partners: [{ organisation: "  org   a ", country: "FR" }] });
    makeAssignmentRow(p.id, b.id, { removedAt: new Date() });
    makeAssignmentRow(p.id, c.id, { declaration: "conflict", details: "Co-author of the lead" });

    const report = expectOk(await autoAssignCall(manager, { callId: call.id }));
    expect(active(p.id)).toEqual([pool[3]!.id, pool[4]!.id]);
    expect(active(p.id)).not.toContain(a.id);
    expect(report.short).toEqual([
      {
        proposalId: p.id,
        title: "Crowded consortium",
        have: 2,
        required: 3,
        reason: "Only 2 eligible assessors: 1 declared a conflict, 1 works at a consortium organisation, 1 was unassigned from it by a manager",
      },
    ]);
  });

  it("reports a proposal no one may assess", async () => {
    const call = acceptedCall({ assessorsRequired: 2 });
    const p = makeProposal(call.id, bidder, {
      title: "Everyone is a partner",
      lead: "Org A",
      partners: ["B", "C", "D", "E"].map((l) => ({ organisation: `Org ${l}`, country: "JP" })),
    });
    const report = expectOk(await autoAssignCall(manager, { callId: call.id }));
    expect(report.added).toBe(0);
    expect(report.short).toEqual([
      { proposalId: p.id, title: "Everyone is a partner", have: 0, required: 2, reason: "No eligible assessors: 5 work at a consortium organisation" },
    ]);
  });

  it("only fills gaps when run again", async () => {
    const call = acceptedCall({ assessorsRequired: 3 });
    const p1 = makeProposal(call.id, bidder, unrelated(1));
    const p2 = makeProposal(call.id, bidder, unrelated(2));
    makeAssignmentRow(p1.id, pool[4]!.id);

    const first = expectOk(await autoAssignCall(manager, { callId: call.id }));
    expect(first.added).toBe(5);
    expect(active(p1.id)).toHaveLength(3);
    expect(active(p1.id)).toContain(pool[4]!.id);
    expect(active(p2.id)).toHaveLength(3);

    const second = expectOk(await autoAssignCall(manager, { callId: call.id }));
    expect(second).toMatchObject({ added: 0, short: [] });

    // A conflict declared later opens a gap, and only that gap is filled.
    const p2Rows = getDb().select().from(assignments).where(eq(assignments.proposalId, p2.id)).all();
    getDb().update(assignments).set({ conflictDeclaration: "conflict", conflictDetails: "Noticed late" }).where(eq(assignments.id, p2Rows[0]!.id)).run();
    const third = expectOk(await autoAssignCall(manager, { callId: call.id }));
    expect(third.added).toBe(1);
    expect(active(p1.id)).toHaveLength(3);
    expect(active(p2.id)).toHaveLength(3);
    expect(active(p2.id)).not.toContain(p2Rows[0]!.assessorId);
  });

  it("refuses a call that is still open", async () => {
    const open = makeRubricCall({ open: true });
    const p = makeProposal(open.id, bidder);
    expectFailure(await autoAssignCall(manager, { callId: open.id }), "closed");
    expect(active(p.id)).toEqual([]);
  });
});
