/**
 * Every manager action refuses bidders and assessors ("forbidden") and visitors with no session
 * ("unauthenticated"), on the server, before changing anything; every manager read returns
 * nothing (null) to them; CSV exports answer 401/403. The same inputs succeed for a manager.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { assignments, auditLog, calls, decisions, passwordTokens, users } from "@/db/schema";
import type { ActionResult } from "@/lib/action-result";
import { getAssignmentBoard } from "@/lib/server/manage/assignments";
import { getCallAuditLog } from "@/lib/server/manage/audit-log";
import { getCallForm, getCallOverview, listManagedCalls, newCallForm } from "@/lib/server/manage/calls-admin";
import { csvDownload, rankingCsv, scoresCsv } from "@/lib/server/manage/csv";
import { listStaff } from "@/lib/server/manage/people";
import { getCallRanking } from "@/lib/server/manage/ranking";
import { getProposalReview } from "@/lib/server/manage/review";
import type { Actor } from "@/lib/server/users";
import { rankingFiltersSchema } from "@/lib/validation/manage";
import {
  assignAssessor,
  autoAssignCall,
  createCall,
  createPerson,
  issuePasswordLink,
  recordDecision,
  releaseDecisions,
  reopenAssessment,
  unassignAssessor,
  updateCall,
} from "../support/actions";
import { assessAll, expectFailure, makeAssignmentRow, makeProposal, makeRubricCall } from "../support/manage-factories";
import { makeUser, setupTempDatabase } from "../support/temp-db";

const filters = (raw: Record<string, string>) => rankingFiltersSchema.parse(raw);

setupTempDatabase();

let manager: Actor;
let bidder: Actor;
let assessor: Actor;
let other: Actor;
let callId: number;
let proposalId: number;
let assessmentId: number;
let staffId: number;

type Operation = (actor: Actor | null) => Promise<ActionResult<unknown>>;
let operations: Record<string, Operation>;
type Read = (actor: Actor | null) => Promise<unknown>;
let reads: Record<string, Read>;

const counts = () => ({
  calls: getDb().select().from(calls).all().length,
  users: getDb().select().from(users).all().length,
  assignments: getDb().select().from(assignments).all().map((a) => `${a.id}:${a.removedAt?.getTime() ?? ""}`).join(","),
  decisions: getDb().select().from(decisions).all().length,
  tokens: getDb().select().from(passwordTokens).all().length,
  audit: getDb().select().from(auditLog).all().length,
  released: getDb().select().from(calls).all().map((c) => c.decisionsReleasedAt?.getTime() ?? "").join(","),
});

beforeAll(async () => {
  manager = await makeUser("manager");
  bidder = await makeUser("bidder");
  assessor = await makeUser("assessor", { organisation: "Assessor One Org" });
  other = await makeUser("assessor", { organisation: "Assessor Two Org" });
  const call = makeRubricCall({ assessorsRequired: 1 });
  callId = call.id;
  const proposal = makeProposal(call.id, bidder);
  proposalId = proposal.id;
  assessmentId = assessAll(proposal.id, [[assessor, 7]])[0]!.assessment.id;
  const unassigned = makeProposal(call.id, bidder, { title: "Second" });
  makeAssignmentRow(unassigned.id, other.id);
  // A staff account that has not set its password yet: the only kind a link can be issued for.
  const pending = await makeUser("assessor", { organisation: "Pending Org" });
  getDb().update(users).set({ passwordHash: null }).where(eq(users.id, pending.id)).run();
  staffId = pending.id;
  // Editing moves this call's dates, so it is not the call the other operations use.
  const editable = makeRubricCall();
  const form = newCallForm().values;
  const callValues = { ...form, title: "Refused call", opensAt: "2027-01-01T09:00", closesAt: "2027-02-01T09:00", assessmentDueAt: "2027-03-01T09:00", budget: "100000" };

  reads = {
    listManagedCalls: (a) => listManagedCalls(a),
    getCallOverview: (a) => getCallOverview(a, callId),
    getCallForm: (a) => getCallForm(a, callId),
    getAssignmentBoard: (a) => getAssignmentBoard(a, callId),
    getCallRanking: (a) => getCallRanking(a, callId, filters({})),
    getProposalReview: (a) => getProposalReview(a, callId, proposalId),
    getCallAuditLog: (a) => getCallAuditLog(a, callId),
    listStaff: (a) => listStaff(a),
    rankingCsv: (a) => rankingCsv(a, callId),
    scoresCsv: (a) => scoresCsv(a, callId),
  };
  operations = {
    createCall: (a) => createCall(a, callValues),
    updateCall: (a) => updateCall(a, { callId: editable.id, values: { ...callValues, title: "Changed" } }),
    assignAssessor: (a) => assignAssessor(a, { proposalId: unassigned.id, assessorId: assessor.id }),
    unassignAssessor: (a) => unassignAssessor(a, { proposalId: unassigned.id, assessorId: other.id }),
    autoAssignCall: (a) => autoAssignCall(a, { callId }),
    recordDecision: (a) => recordDecision(a, { proposalId, outcome: "fund", feedback: "Well done." }),
    releaseDecisions: (a) => releaseDecisions(a, { callId }),
    reopenAssessment: (a) => reopenAssessment(a, { assessmentId }),
    createPerson: (a) =>
      createPerson(a, { role: "assessor", name: "New Person", email: "new.person@example.test", organisation: "Org", country: "GB", expertise: ["batteries"] }),
    issuePasswordLink: (a) => issuePasswordLink(a, { userId: staffId }),
  };
});

describe("manager operations refuse everyone but managers", () => {
  it("refuses bidders and assessors as forbidden, and changes nothing", async () => {
    const before = counts();
    for (const [name, run] of Object.entries(operations)) {
      for (const actor of [bidder, assessor]) {
        const result = await run(actor);
        expect({ name, role: actor.role, ok: result.ok, code: result.ok ? null : result.code }).toEqual({ name, role: actor.role, ok: false, code: "forbidden" });
        expectFailure(result, "forbidden");
      }
    }
    for (const [name, read] of Object.entries(reads)) {
      for (const actor of [bidder, assessor]) expect({ name, role: actor.role, seen: await read(actor) }).toEqual({ name, role: actor.role, seen: null });
    }
    expect(counts()).toEqual(before);
  });

  it("refuses a visitor with no session as unauthenticated, and changes nothing", async () => {
    const before = counts();
    for (const [name, run] of Object.entries(operations)) {
      const result = await run(null);
      expect({ name, code: result.ok ? null : result.code }).toEqual({ name, code: "unauthenticated" });
    }
    for (const [name, read] of Object.entries(reads)) expect({ name, seen: await read(null) }).toEqual({ name, seen: null });
    expect(counts()).toEqual(before);
  });

  it("does not leak data in a refusal", async () => {
    for (const run of Object.values(operations)) {
      const result = await run(bidder);
      expect(result).not.toHaveProperty("data");
      expect(JSON.stringify(result)).not.toContain(assessor.name);
    }
  });

  it("lets a manager do each of them (the refusals are about the role, not the input)", async () => {
    for (const [name, read] of Object.entries(reads)) expect({ name, seen: (await read(manager)) !== null }).toEqual({ name, seen: true });
    // Order matters where one changes what the next sees: decide before releasing.
    const order = Object.keys(operations).filter((n) => n !== "releaseDecisions");
    for (const name of order) {
      const result = await operations[name]!(manager);
      expect({ name, ok: result.ok, problem: result.ok ? null : `${result.code}: ${result.message}` }).toEqual({ name, ok: true, problem: null });
    }
  });

  it("answers CSV downloads with 401 and 403, never the file", async () => {
    for (const build of [rankingCsv, scoresCsv]) {
      expect((await csvDownload(null, String(callId), build)).status).toBe(401);
      expect((await csvDownload(bidder, String(callId), build)).status).toBe(403);
      const refused = (await csvDownload(assessor, String(callId), build));
      expect(refused.status).toBe(403);
      expect(refused.headers.get("Content-Disposition")).toBeNull();
    }
  });
});
