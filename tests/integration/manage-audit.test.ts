/**
 * The audit log as managers read it: one call's entries, newest first, with who did what, and a
 * filter by kind of entry, against a real SQLite file.
 */
import { beforeAll, describe, expect, it } from "vitest";

import { getCallAuditLog } from "@/lib/server/manage/audit-log";
import { getCallForm } from "@/lib/server/manage/calls-admin";

import type { Actor } from "@/lib/server/users";
import { makeUser, setupTempDatabase } from "../support/temp-db";
import { expectFound, expectOk, makeProposal, makeRubricCall } from "../support/manage-factories";
import { assignAssessor, recordDecision, unassignAssessor, updateCall } from "../support/actions";

setupTempDatabase();

let manager: Actor;
let bidder: Actor;
let assessor: Actor;

beforeAll(async () => {
  manager = await makeUser("manager", { name: "Mo Manager" });
  bidder = await makeUser("bidder");
  assessor = await makeUser("assessor", { name: "Ada Assessor", organisation: "Leeds" });
});

describe("the audit log", () => {
  it("lists the call's entries newest first, with who, what and a readable summary", async () => {
    const call = makeRubricCall({ budget: 1_000_000 });
    const other = makeRubricCall();
    const p = makeProposal(call.id, bidder, { title: "Audited proposal" });
    makeProposal(other.id, bidder);
    const start = Date.now();
    const t = (minute: number) => new Date(start + minute * 60_000);

    expectOk(await assignAssessor(manager, { proposalId: p.id, assessorId: assessor.id }, t(1)));
    expectOk(await unassignAssessor(manager, { proposalId: p.id, assessorId: assessor.id }, t(2)));
    const form = expectFound(await getCallForm(manager, call.id));
    expectOk(
      await updateCall(
        manager,
        { callId: call.id, values: { ...form.values, budget: "2000000", rubric: { ...form.values.rubric, "value-capture": { weight: "30", threshold: "6" }, excellence: { weight: "10", threshold: "" } } } },
        t(3),
      ),
    );
    expectOk(await recordDecision(manager, { proposalId: p.id, outcome: "reserve", feedback: "Reserve." }, t(4)));

    const log = expectFound(await getCallAuditLog(manager, call.id));
    expect(log.entries.map((e) => [e.actionLabel, e.actorName, e.proposal?.title ?? null, e.summary])).toEqual([
      ["Decision recorded", "Mo Manager", "Audited proposal", "Reserve list"],
      ["Rubric weights or minimum scores changed", "Mo Manager", null, "UK value capture: weight 25% → 30%, minimum 5 → 6; Research and innovation excellence: weight 15% → 10%"],
      ["Call changed", "Mo Manager", null, "Budget: £1,000,000 → £2,000,000"],
      ["Assessor unassigned", "Mo Manager", "Audited proposal", "Ada Assessor"],
      ["Assessor assigned", "Mo Manager", "Audited proposal", "Ada Assessor"],
    ]);

    const filtered = expectFound(await getCallAuditLog(manager, call.id, "assignment.added"));
    expect(filtered.action).toBe("assignment.added");
    expect(filtered.entries).toHaveLength(1);
    // An unknown filter shows everything rather than failing.
    expect(expectFound(await getCallAuditLog(manager, call.id, "nonsense")).entries).toHaveLength(5);
    expect(expectFound(await getCallAuditLog(manager, other.id)).entries).toEqual([]);
  });

  it("is not found for an unknown call", async () => {
    expect(await getCallAuditLog(manager, 424_242)).toBeNull();
  });
});
