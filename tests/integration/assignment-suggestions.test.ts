/**
 * The board's assessor suggestions (GET /manage/calls/[id]/assignments/suggestions) on a real
 * SQLite file: ranked domain match, theme match, then lower load; conflicted, assigned, unassigned
 * and full assessors left out; only the manager's own agency; refusals with their status codes.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { agencies } from "@/db/schema";
import { suggestAssessors } from "@/lib/server/manage/assignments";
import type { Actor } from "@/lib/server/users";
import { expectFailure, expectOk, makeAssignmentRow, makeInvitations, makeProposal, makeRubricCall } from "../support/manage-factories";
import { makeUser, setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

let manager: Actor;
let bidder: Actor;
let partnerManager: Actor;

beforeAll(async () => {
  manager = await makeUser("manager");
  bidder = await makeUser("bidder");
  const [partner] = await getDb().insert(agencies).values({ kind: "partner", name: "Partner Agency S", country: "KR", currency: "KRW" }).returning();
  partnerManager = await makeUser("manager", { agencyId: partner!.id });
});

const suggest = (actor: Actor | null, callId: number, query: Record<string, string>) => suggestAssessors(actor, { callId: String(callId), query });

describe("assessor suggestions for one proposal", () => {
  it("ranks a domain match, then a theme match, then the lower load, and leaves out whoever may not be added", async () => {
    const call = makeRubricCall();
    const p = makeProposal(call.id, bidder, { domainId: "hydrogen-fuel-cells", lead: "Lead Ltd", partners: [{ organisation: "Partner GmbH", country: "DE" }] });
    const other = makeProposal(call.id, bidder, { lead: "Other Ltd" });
    const person = (name: string, organisation: string, expertise: string[]) => makeUser("assessor", { name, organisation, expertise });
    const busyExpert = await person("Busy Expert", "Uni A", ["hydrogen-fuel-cells"]);
    const expert = await person("Free Expert", "Uni B", ["hydrogen-fuel-cells"]);
    const themed = await person("Theme Person", "Uni C", ["batteries"]);
    const none = await person("No Match", "Uni D", ["robotics"]);
    const partnerStaff = await person("Partner Staff", " partner   gmbh ", ["hydrogen-fuel-cells"]);
    const declared = await person("Declared", "Uni E", ["hydrogen-fuel-cells"]);
    const assigned = await person("Assigned", "Uni F", []);
    const unassigned = await person("Unassigned", "Uni G", []);
    const full = await person("Full Up", "Uni H", ["hydrogen-fuel-cells"]);
    makeAssignmentRow(other.id, busyExpert.id);
    makeAssignmentRow(p.id, declared.id, { declaration: "conflict", details: "Knows them" });
    makeAssignmentRow(p.id, assigned.id);
    makeAssignmentRow(p.id, unassigned.id, { removedAt: new Date() });
    makeInvitations(call.id, [busyExpert, expert, themed, none, partnerStaff, declared, assigned, unassigned], manager);
    makeInvitations(call.id, [full], manager, { maxProposals: 1 });
    makeAssignmentRow(other.id, full.id);

    const result = expectOk(await suggest(manager, call.id, { proposalId: String(p.id) }));
    expect(result.suggestions.map((s) => [s.name, s.match, s.load])).toEqual([
      ["Free Expert", "domain", 0],
      ["Busy Expert", "domain", 1],
      ["Theme Person", "theme", 0],
      ["No Match", "none", 0],
    ]);
    expect(result.total).toBe(4);
    expect(JSON.stringify(result)).not.toMatch(/Partner Staff|Declared|"Assigned"|Unassigned|Full Up/);

    // Search by name or organisation, and a limit.
    expect(expectOk(await suggest(manager, call.id, { proposalId: String(p.id), q: "uni c" })).suggestions.map((s) => s.id)).toEqual([themed.id]);
    const limited = expectOk(await suggest(manager, call.id, { proposalId: String(p.id), limit: "2" }));
    expect(limited).toMatchObject({ total: 4 });
    expect(limited.suggestions.map((s) => s.id)).toEqual([expert.id, busyExpert.id]);
    expect(none.id).toBeGreaterThan(0);
  });

  it("offers only the manager's own agency's assessors, and all of them on a call with no invitations", async () => {
    const call = makeRubricCall();
    const p = makeProposal(call.id, bidder, { lead: "Solo Ltd" });
    const home = await makeUser("assessor", { name: "Home Person", organisation: "Home Uni" });
    const partnerAgencyId = partnerManager.agency!.id;
    await makeUser("assessor", { name: "Partner Person", organisation: "KR Uni", agencyId: partnerAgencyId });
    const names = expectOk(await suggest(manager, call.id, { proposalId: String(p.id), limit: "50" })).suggestions.map((s) => s.name);
    expect(names).toContain(home.name);
    expect(names).not.toContain("Partner Person");
  });

  it("answers 401 signed out, 403 to a bidder or an assessor, 404 for another agency's call, another call's proposal or a bad query", async () => {
    const call = makeRubricCall();
    const p = makeProposal(call.id, bidder);
    const elsewhere = makeProposal(makeRubricCall().id, bidder);
    const assessor = await makeUser("assessor");
    const q = { proposalId: String(p.id) };
    expectFailure(await suggest(null, call.id, q), "unauthenticated");
    expectFailure(await suggest(bidder, call.id, q), "forbidden");
    expectFailure(await suggest(assessor, call.id, q), "forbidden");
    expectFailure(await suggest(partnerManager, call.id, q), "not_found");
    expectFailure(await suggest(manager, call.id, { proposalId: String(elsewhere.id) }), "not_found");
    for (const bad of [{} as Record<string, string>, { proposalId: "1e1" }, { proposalId: String(p.id), limit: "500" }, { proposalId: String(p.id), q: "x".repeat(101) }]) {
      expectFailure(await suggest(manager, call.id, bad), "not_found");
    }
    expectFailure(await suggestAssessors(manager, { callId: "01", query: q }), "not_found");
  });
});
