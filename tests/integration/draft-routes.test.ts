/**
 * The draft autosave routes (app/api/proposals/[id]/draft, app/api/assessments/[id]/draft): the
 * save actions served as JSON route handlers (`actionRoute`, lib/server/action.ts), called as the
 * browser calls them, with a real session cookie, against a real SQLite file. Every refusal of the
 * save path changes nothing; the cross-site ones never reach the session or the database.
 */
import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_AUTH_SECRET, setTestAuthSecret } from "../support/auth-secret";
import { POST as saveAssessmentRoute } from "@/app/api/assessments/[id]/draft/route";
import { POST as saveProposalRoute } from "@/app/api/proposals/[id]/draft/route";
import { getDb } from "@/db/client";
import { assessments, proposals } from "@/db/schema";
import type { ActionResult } from "@/lib/action-result";
import { ACTION_CALL_BODY_LIMIT_BYTES } from "@/lib/limits";
import { endAllSessions, type Actor } from "@/lib/server/users";
import { emptyAssessment } from "@/lib/validation/assessment";
import { DEFAULT_RUBRIC } from "@/lib/domain/rubric";
import { assignedScenario } from "../support/assessment-factories";
import { expectFailure, expectOk } from "../support/results";
import { databaseSnapshot, DAY_MS, makeCall, makeUser, setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

const SECRET = TEST_AUTH_SECRET;
const COOKIE = "authjs.session-token";
const ORIGIN = "http://tandem.test";
setTestAuthSecret();

/** The session cookie Auth.js sets at sign-in (lib/auth.config.ts puts uid, email and sv in it). */
async function sessionCookie(actor: Actor, maxAge = 60 * 60): Promise<string> {
  const token = await encode({ token: { sub: String(actor.id), uid: String(actor.id), email: actor.email, sv: 1 }, secret: SECRET, salt: COOKIE, maxAge });
  return `${COOKIE}=${token}`;
}

interface Sent {
  cookie?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** A POST as the browser's autosave sends it (same-origin fetch, JSON), with overrides. */
function request(path: string, input: unknown, sent: Sent = {}): NextRequest {
  return new NextRequest(`${ORIGIN}${path}`, {
    method: "POST",
    headers: {
      host: "tandem.test",
      origin: ORIGIN,
      "sec-fetch-site": "same-origin",
      "content-type": "application/json",
      ...(sent.cookie ? { cookie: sent.cookie } : {}),
      ...sent.headers,
    },
    body: sent.body ?? JSON.stringify(input),
  });
}

type Saved = { version: number; savedAt: string; notSaved?: Record<string, string>; fit?: { level: string } };

async function saveProposal(id: number | string, input: unknown, sent: Sent = {}): Promise<{ status: number; result: ActionResult<Saved>; response: Response }> {
  const response = await saveProposalRoute(request(`/api/proposals/${id}/draft`, input, sent), { params: Promise.resolve({ id: String(id) }) });
  return { status: response.status, result: (await response.clone().json()) as ActionResult<Saved>, response };
}

async function saveAssessment(id: number, input: unknown, sent: Sent = {}) {
  const response = await saveAssessmentRoute(request(`/api/assessments/${id}/draft`, input, sent), { params: Promise.resolve({ id: String(id) }) });
  return { status: response.status, result: (await response.json()) as ActionResult<{ version: number; savedAt: string }> };
}

function draftOf(owner: Actor, callId = makeCall().id) {
  return getDb().insert(proposals).values({ callId, ownerId: owner.id, answers: { project: { title: "Saved before" } }, updatedAt: new Date() }).returning().get();
}

const storedProposal = (id: number) => getDb().select().from(proposals).where(eq(proposals.id, id)).get()!;

describe("the bidder's draft autosave route", () => {
  let bidder: Actor;
  let cookie: string;
  beforeAll(async () => {
    bidder = await makeUser("bidder");
    cookie = await sessionCookie(bidder);
  });

  it("saves the owner's draft, bumps the version and answers with the action's result as uncached JSON", async () => {
    const draft = draftOf(bidder);
    const { status, result, response } = await saveProposal(draft.id, { proposalId: draft.id, baseVersion: 1, answers: { project: { title: "Typed", domainId: "hydrogen-fuel-cells" } }, saveId: "route-save-1" }, { cookie });
    expect(status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const saved = expectOk(result);
    expect(saved.version).toBe(2);
    expect(saved.fit?.level).toEqual(expect.any(String));
    const row = storedProposal(draft.id);
    expect(row).toMatchObject({ version: 2, lastSaveId: "route-save-1" });
    expect(row.answers).toMatchObject({ project: { title: "Typed" } });
  });

  it("takes the proposal id from the URL, not from the body", async () => {
    const mine = draftOf(bidder);
    const theirs = draftOf(await makeUser("bidder"));
    const before = storedProposal(theirs.id);
    expectOk((await saveProposal(mine.id, { proposalId: theirs.id, baseVersion: 1, answers: { project: { title: "Mine" } } }, { cookie })).result);
    expect(storedProposal(mine.id).answers).toMatchObject({ project: { title: "Mine" } });
    expect(storedProposal(theirs.id)).toEqual(before);
  });

  it("keeps the valid answers and names the invalid one with its field error", async () => {
    const draft = draftOf(bidder);
    const answers = { project: { title: `Safe \u202Etxt.exe`, summary: "Kept" } };
    const saved = expectOk((await saveProposal(draft.id, { proposalId: draft.id, baseVersion: 1, answers }, { cookie })).result);
    expect(saved.notSaved?.["project.title"]).toMatch(/text-direction/);
    expect(storedProposal(draft.id).answers).toMatchObject({ project: { title: "Saved before", summary: "Kept" } });
  });

  /** Refusals of the save path: each changes nothing in the database. */
  async function refusedWithoutChange(id: number | string, input: unknown, sent: Sent) {
    const before = databaseSnapshot();
    const outcome = await saveProposal(id, input, sent);
    expect(databaseSnapshot()).toBe(before);
    return outcome;
  }

  it("refuses a draft not in the form's shape as invalid, with field errors", async () => {
    const draft = draftOf(bidder);
    const { status, result } = await refusedWithoutChange(draft.id, { proposalId: draft.id, baseVersion: 1, answers: { project: "title" } }, { cookie });
    expect(status).toBe(200);
    expect(expectFailure(result, "invalid").fieldErrors).toHaveProperty("project");
  });

  it("refuses a save without a session, with an invalid token, or after the session was ended", async () => {
    const draft = draftOf(bidder);
    const input = { proposalId: draft.id, baseVersion: 1, answers: { project: { title: "Lost?" } } };
    expectFailure((await refusedWithoutChange(draft.id, input, {})).result, "unauthenticated");
    expectFailure((await refusedWithoutChange(draft.id, input, { cookie: `${COOKIE}=not-a-token` })).result, "unauthenticated");

    // A token that was honoured (and whose decryption is remembered) stops working at sign-out everywhere.
    const owner = await makeUser("bidder");
    const ownersDraft = draftOf(owner);
    const ownersCookie = await sessionCookie(owner);
    const version = expectOk((await saveProposal(ownersDraft.id, { ...input, proposalId: ownersDraft.id }, { cookie: ownersCookie })).result).version;
    await endAllSessions(owner);
    expectFailure((await refusedWithoutChange(ownersDraft.id, { proposalId: ownersDraft.id, baseVersion: version, answers: {} }, { cookie: ownersCookie })).result, "unauthenticated");
  });

  it("refuses an expired session token", async () => {
    const draft = draftOf(bidder);
    const expired = await sessionCookie(bidder, -60);
    expectFailure((await refusedWithoutChange(draft.id, { proposalId: draft.id, baseVersion: 1, answers: {} }, { cookie: expired })).result, "unauthenticated");
  });

  it("refuses someone else's proposal as not found, and a missing one the same way", async () => {
    const theirs = draftOf(await makeUser("bidder"));
    expectFailure((await refusedWithoutChange(theirs.id, { proposalId: theirs.id, baseVersion: 1, answers: { project: { title: "Hijacked" } }, overwrite: true }, { cookie })).result, "not_found");
    expectFailure((await refusedWithoutChange(999_999, { proposalId: 999_999, baseVersion: 1, answers: {} }, { cookie })).result, "not_found");
  });

  it("refuses a role without the permission", async () => {
    const draft = draftOf(bidder);
    const assessorCookie = await sessionCookie(await makeUser("assessor"));
    expectFailure((await refusedWithoutChange(draft.id, { proposalId: draft.id, baseVersion: 1, answers: {} }, { cookie: assessorCookie })).result, "forbidden");
  });

  it("refuses a save once the call has closed", async () => {
    const now = Date.now();
    const closed = makeCall({ opensAt: new Date(now - 30 * DAY_MS), closesAt: new Date(now - 1000) });
    const draft = draftOf(bidder, closed.id);
    expectFailure((await refusedWithoutChange(draft.id, { proposalId: draft.id, baseVersion: 1, answers: { project: { title: "Too late" } } }, { cookie })).result, "closed");
  });

  it("refuses a save based on an old version as a conflict, never overwriting the newer one", async () => {
    const draft = draftOf(bidder);
    expectOk((await saveProposal(draft.id, { proposalId: draft.id, baseVersion: 1, answers: { project: { title: "From tab A" } } }, { cookie })).result);
    expectFailure((await refusedWithoutChange(draft.id, { proposalId: draft.id, baseVersion: 1, answers: { project: { title: "From tab B" } } }, { cookie })).result, "conflict");
    expect(storedProposal(draft.id).answers).toMatchObject({ project: { title: "From tab A" } });
  });

  it("refuses a request from another site (403) before looking at the session", async () => {
    const draft = draftOf(bidder);
    const input = { proposalId: draft.id, baseVersion: 1, answers: { project: { title: "Forged" } } };
    const forged: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { origin: "null" },
      { origin: "http://tandem.test.evil.example" },
      { origin: ORIGIN, "sec-fetch-site": "cross-site" },
      { origin: ORIGIN, "sec-fetch-site": "same-site" },
    ];
    for (const headers of forged) {
      const { status, result } = await refusedWithoutChange(draft.id, input, { cookie, headers });
      expect(status).toBe(403);
      expectFailure(result, "forbidden");
    }
    // No Origin at all (a form a browser would send has one; a script without it is not a page).
    const noOrigin = new NextRequest(`${ORIGIN}/api/proposals/${draft.id}/draft`, {
      method: "POST",
      headers: { host: "tandem.test", "content-type": "application/json", cookie },
      body: JSON.stringify(input),
    });
    expect((await saveProposalRoute(noOrigin, { params: Promise.resolve({ id: String(draft.id) }) })).status).toBe(403);
    expect(storedProposal(draft.id).version).toBe(1);
  });

  it("refuses a body that is not JSON (415), malformed JSON (400), one larger than an action call (413), and an id that is not an id (404)", async () => {
    const draft = draftOf(bidder);
    const input = { proposalId: draft.id, baseVersion: 1, answers: {} };
    expect((await refusedWithoutChange(draft.id, input, { cookie, headers: { "content-type": "text/plain" } })).status).toBe(415);
    expect((await refusedWithoutChange(draft.id, input, { cookie, headers: { "content-type": "application/x-www-form-urlencoded" } })).status).toBe(415);
    expect((await refusedWithoutChange(draft.id, input, { cookie, body: "{not json" })).status).toBe(400);
    const huge = JSON.stringify({ ...input, answers: { project: { summary: "a".repeat(ACTION_CALL_BODY_LIMIT_BYTES) } } });
    const tooLarge = await refusedWithoutChange(draft.id, input, { cookie, body: huge });
    expect(tooLarge.status).toBe(413);
    expectFailure(tooLarge.result, "invalid");
    expect((await refusedWithoutChange("1e1", input, { cookie })).status).toBe(404);
  });
});

describe("the assessor's draft autosave route", () => {
  it("saves the assigned assessor's draft and refuses anyone else", async () => {
    const { assessor, assignment } = await assignedScenario();
    const values = emptyAssessment(DEFAULT_RUBRIC);
    values.justifications["value-capture"] = "Clear pathway to UK manufacture.";
    const saved = expectOk((await saveAssessment(assignment.id, { assignmentId: assignment.id, baseVersion: 0, values }, { cookie: await sessionCookie(assessor) })).result);
    expect(saved.version).toBe(1);
    const stored = getDb().select().from(assessments).where(eq(assessments.assignmentId, assignment.id)).get();
    expect(stored?.values).toMatchObject({ justifications: { "value-capture": "Clear pathway to UK manufacture." } });

    const other = await sessionCookie(await makeUser("assessor"));
    const before = databaseSnapshot();
    expectFailure((await saveAssessment(assignment.id, { assignmentId: assignment.id, baseVersion: 1, values }, { cookie: other })).result, "not_found");
    expectFailure((await saveAssessment(assignment.id, { assignmentId: assignment.id, baseVersion: 0, values }, { cookie: await sessionCookie(assessor) })).result, "conflict");
    const forged = await saveAssessment(assignment.id, { assignmentId: assignment.id, baseVersion: 1, values }, { cookie: await sessionCookie(assessor), headers: { origin: "https://evil.example" } });
    expect(forged.status).toBe(403);
    expect(databaseSnapshot()).toBe(before);
  });
});
