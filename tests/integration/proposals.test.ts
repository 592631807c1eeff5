/**
 * The bidder's proposal data layer (lib/server/proposals.ts) against a real SQLite file in a
 * temporary directory: starting, saving drafts, conflicts, submitting, reopening, deadlines,
 * permissions, and malformed or oversized input.
 */
import fs from "node:fs";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, proposals } from "@/db/schema";
import { PROPOSAL_SECTIONS, type PartnerRow, type ProposalAnswers } from "@/lib/domain/proposal/questions";
import { getOwnProposal, listOwnProposals } from "@/lib/server/proposals";
import type { Actor } from "@/lib/server/users";
import { draftCharCap, MAX_ANSWER_CHARS, proposalSubmitSchema } from "@/lib/validation/proposal";
import {
  COMPLETE_PARTNER,
  DAY_MS,
  completeAnswers,
  makeCall,
  makeClosedCall,
  makeUser,
  setupTempDatabase,
} from "../support/temp-db";
import { expectFailure, expectOk } from "../support/results";
import { reopenProposal, saveProposalDraft, startProposal, submitProposal } from "../support/actions";

// Not a React hook: vitest registers beforeAll/afterAll for this file.
const database = setupTempDatabase();

/** Where a field's server error is keyed: the form's own path, e.g. "consortium.partners.0.country". */
const field = (path: string) => path;

// --- helpers ------------------------------------------------------------------------------------

function storedRow(id: number) {
  const row = getDb().select().from(proposals).where(eq(proposals.id, id)).get();
  if (!row) throw new Error(`No proposal ${id}`);
  return row;
}

function auditRows(proposalId: number) {
  return getDb().select().from(auditLog).where(eq(auditLog.proposalId, proposalId)).all();
}

async function startDraft(owner: Actor, callId: number, now?: Date): Promise<number> {
  return expectOk(await startProposal(owner, { callId }, now)).id;
}

/** Starts a draft and saves complete answers into it; returns the id and the stored version. */
async function completeDraft(owner: Actor, callId: number, now?: Date) {
  const id = await startDraft(owner, callId, now);
  const { version } = expectOk(await saveProposalDraft(owner, { proposalId: id, baseVersion: 1, answers: completeAnswers() }, now));
  return { id, version };
}

async function submitted(owner: Actor, callId: number, now?: Date) {
  const draft = await completeDraft(owner, callId, now);
  const { version } = expectOk(
    await submitProposal(owner, { proposalId: draft.id, baseVersion: draft.version, answers: completeAnswers() }, now),
  );
  return { id: draft.id, version };
}

function withPartners(partners: PartnerRow[]): ProposalAnswers {
  const answers = completeAnswers();
  answers.consortium!.partners = partners;
  return answers;
}

function withProject(changes: Record<string, string>): ProposalAnswers {
  const answers = completeAnswers();
  answers.project = { ...answers.project!, ...changes };
  return answers;
}

// --- tests --------------------------------------------------------------------------------------

describe("the test database and fixtures", () => {
  it("runs against a real SQLite file in a temporary directory", () => {
    expect(process.env.DATABASE_PATH).toBe(database.file);
    getDb();
    expect(fs.existsSync(database.file)).toBe(true);
  });

  it("builds complete answers that pass the submit schema", () => {
    const parsed = proposalSubmitSchema.safeParse(completeAnswers());
    expect(parsed.error?.issues ?? []).toEqual([]);
  });
});

describe("starting a proposal", () => {
  let bidder: Actor;
  beforeAll(async () => {
    bidder = await makeUser("bidder");
  });

  it("a bidder starts a proposal on an open call and it appears in their list as a draft", async () => {
    const call = makeCall();
    const id = await startDraft(bidder, call.id);

    const row = storedRow(id);
    expect(row).toMatchObject({ callId: call.id, ownerId: bidder.id, status: "draft", version: 1, submittedAt: null });

    const item = (await listOwnProposals(bidder))!.find((p) => p.id === id);
    expect(item).toMatchObject({
      id,
      title: "Untitled proposal",
      status: "draft",
      callTitle: call.title,
      closesAt: call.closesAt,
      completeSections: 0,
      totalSections: 6,
    });
  });

  it("accepts the call id as form text (from a plain <form>)", async () => {
    const call = makeCall();
    const { id } = expectOk(await startProposal(bidder, { callId: String(call.id) }));
    expect(storedRow(id).callId).toBe(call.id);
  });

  it("refuses to start on a call that has closed", async () => {
    const call = makeClosedCall();
    const before = (await listOwnProposals(bidder))!.length;
    expectFailure(await startProposal(bidder, { callId: call.id }), "closed");
    expect(await listOwnProposals(bidder)).toHaveLength(before);
  });

  it("refuses to start on a call that has not opened yet", async () => {
    const call = makeCall({ opensAt: new Date(Date.now() + DAY_MS), closesAt: new Date(Date.now() + 10 * DAY_MS) });
    expectFailure(await startProposal(bidder, { callId: call.id }), "closed");
  });

  it("refuses to start on an unknown call", async () => {
    expectFailure(await startProposal(bidder, { callId: 987_654 }), "not_found");
  });

  it("refuses a call id that is not a number", async () => {
    const failure = expectFailure(await startProposal(bidder, { callId: "abc" }), "invalid");
    expect(Object.keys(failure.fieldErrors ?? {})).toContain("callId");
  });

  it("lists only the bidder's own proposals", async () => {
    const call = makeCall();
    const mine = await startDraft(bidder, call.id);
    const other = await makeUser("bidder");
    const theirs = await startDraft(other, call.id);

    expect((await listOwnProposals(bidder))!.map((p) => p.id)).toContain(mine);
    expect((await listOwnProposals(bidder))!.map((p) => p.id)).not.toContain(theirs);
    expect((await listOwnProposals(other))!.map((p) => p.id)).toEqual([theirs]);
  });
});

describe("saving a draft", () => {
  let bidder: Actor;
  beforeAll(async () => {
    bidder = await makeUser("bidder");
  });

  it("stores partial answers, bumps the version and shows section statuses and strategic fit", async () => {
    const call = makeCall();
    const id = await startDraft(bidder, call.id);
    const partial = {
      project: { title: "Fuel-cell stacks", domainId: "hydrogen-fuel-cells" },
      consortium: { partners: [COMPLETE_PARTNER] },
    };

    const saved = expectOk(await saveProposalDraft(bidder, { proposalId: id, baseVersion: 1, answers: partial }));
    expect(saved.version).toBe(2);
    expect(new Date(saved.savedAt).toString()).not.toBe("Invalid Date");
    expect(storedRow(id).version).toBe(2);

    const own = await getOwnProposal(bidder, id);
    expect(own).not.toBeNull();
    expect(own!.version).toBe(2);
    expect(own!.status).toBe("draft");
    expect(own!.answers.project).toMatchObject({ title: "Fuel-cell stacks", domainId: "hydrogen-fuel-cells", summary: "" });
    expect(own!.answers.consortium!.partners).toEqual([COMPLETE_PARTNER]);
    expect(own!.call).toMatchObject({ id: call.id, title: call.title, stage: "open" });
    expect(own!.sections.map((s) => [s.key, s.status])).toEqual([
      ["project", "in-progress"],
      ["consortium", "in-progress"],
      ["valueCapture", "not-started"],
      ["winWin", "not-started"],
      ["risk", "not-started"],
      ["partnerContext", "not-started"],
    ]);
    // Table 6.2 shortlists "Hydrogen: fuel cells" with Germany.
    expect(own!.fit.level).toBe("shortlisted");
    expect(own!.fit.matches).toEqual([{ country: "DE", source: "Table 6.2", opportunityTitle: "Hydrogen: fuel cells" }]);

    const item = (await listOwnProposals(bidder))!.find((p) => p.id === id);
    expect(item).toMatchObject({ title: "Fuel-cell stacks", status: "draft", completeSections: 0 });
  });

  it("answers each save with the strategic fit of what it saved, so the browser never needs the report's tables", async () => {
    const call = makeCall();
    const id = await startDraft(bidder, call.id);
    const first = expectOk(await saveProposalDraft(bidder, { proposalId: id, baseVersion: 1, answers: { project: { domainId: "hydrogen-fuel-cells" } } }));
    expect(first.fit).toEqual({ level: "none", matches: [] });
    const answers = { project: { domainId: "hydrogen-fuel-cells" }, consortium: { partners: [COMPLETE_PARTNER] } };
    const second = expectOk(await saveProposalDraft(bidder, { proposalId: id, baseVersion: first.version, answers }));
    // The same result the page shows (Table 6.2 shortlists "Hydrogen: fuel cells" with Germany).
    expect(second.fit).toEqual((await getOwnProposal(bidder, id))!.fit);
    expect(second.fit!.level).toBe("shortlisted");
  });

  it("marks every section complete when every question is answered", async () => {
    const call = makeCall();
    const { id, version } = await completeDraft(bidder, call.id);
    expect(version).toBe(2);
    const own = (await getOwnProposal(bidder, id))!;
    expect(own.sections.every((s) => s.status === "complete")).toBe(true);
    expect(own.answers).toEqual(completeAnswers());
    // Answered is not yet "Completed": the bidder says so on each section page.
    expect(own.tasks.groups.flatMap((g) => g.tasks).filter((t) => t.key !== "check").every((t) => t.status === "in-progress")).toBe(true);
    expect((await listOwnProposals(bidder))!.find((p) => p.id === id)).toMatchObject({ completeSections: 0, totalSections: 6 });
  });

  it("marks no strategic fit when the partner country is not paired with the domain", async () => {
    const call = makeCall();
    const id = await startDraft(bidder, call.id);
    const answers = { project: { domainId: "remanufacturing" }, consortium: { partners: [{ ...COMPLETE_PARTNER, country: "BR" }] } };
    expectOk(await saveProposalDraft(bidder, { proposalId: id, baseVersion: 1, answers }));
    expect((await getOwnProposal(bidder, id))!.fit).toEqual({ level: "none", matches: [] });
  });

  it("keeps successive saves, each based on the version the last one returned", async () => {
    const call = makeCall();
    const id = await startDraft(bidder, call.id);
    let version = 1;
    for (const title of ["F", "Fu", "Fuel"]) {
      version = expectOk(await saveProposalDraft(bidder, { proposalId: id, baseVersion: version, answers: { project: { title } } })).version;
    }
    expect(version).toBe(4);
    expect((await getOwnProposal(bidder, id))!.answers.project!.title).toBe("Fuel");
  });

  it("lets a draft run over a word limit (only submission enforces it)", async () => {
    const call = makeCall();
    const id = await startDraft(bidder, call.id);
    const summary = Array.from({ length: 300 }, (_, i) => `word${i}`).join(" ");
    expectOk(await saveProposalDraft(bidder, { proposalId: id, baseVersion: 1, answers: { project: { summary } } }));
    expect((await getOwnProposal(bidder, id))!.answers.project!.summary).toBe(summary);
  });

  it("does not store answers to questions that do not exist", async () => {
    const call = makeCall();
    const id = await startDraft(bidder, call.id);
    const answers = { project: { title: "Kept", notAQuestion: "dropped" }, notASection: { x: "dropped" } };
    expectOk(await saveProposalDraft(bidder, { proposalId: id, baseVersion: 1, answers }));
    const stored = storedRow(id).answers as Record<string, Record<string, unknown>>;
    expect(stored.project!.title).toBe("Kept");
    expect(stored.project).not.toHaveProperty("notAQuestion");
    expect(stored).not.toHaveProperty("notASection");
  });

  it("refuses a save based on an old version as a conflict and leaves the stored answers unchanged", async () => {
    const call = makeCall();
    const id = await startDraft(bidder, call.id);
    // Tab A saves first.
    expectOk(await saveProposalDraft(bidder, { proposalId: id, baseVersion: 1, answers: { project: { title: "From tab A" } } }));
    const before = storedRow(id);

    // Tab B still holds version 1.
    const failure = expectFailure(
      await saveProposalDraft(bidder, { proposalId: id, baseVersion: 1, answers: { project: { title: "From tab B" } } }),
      "conflict",
    );
    expect(failure.fieldErrors).toBeUndefined();

    const after = storedRow(id);
    expect(after.version).toBe(before.version);
    expect(after.answers).toEqual(before.answers);
    expect((await getOwnProposal(bidder, id))!.answers.project!.title).toBe("From tab A");
  });

  it("refuses a save based on a version the server never issued", async () => {
    const call = makeCall();
    const id = await startDraft(bidder, call.id);
    expectFailure(await saveProposalDraft(bidder, { proposalId: id, baseVersion: 7, answers: {} }), "conflict");
    expect(storedRow(id).version).toBe(1);
  });

  it("lets the bidder overwrite changes made elsewhere when they choose to", async () => {
    const call = makeCall();
    const id = await startDraft(bidder, call.id);
    expectOk(await saveProposalDraft(bidder, { proposalId: id, baseVersion: 1, answers: { project: { title: "From tab A" } } }));

    const saved = expectOk(
      await saveProposalDraft(bidder, { proposalId: id, baseVersion: 1, answers: { project: { title: "From tab B" } }, overwrite: true }),
    );
    expect(saved.version).toBe(3);
    expect((await getOwnProposal(bidder, id))!.answers.project!.title).toBe("From tab B");
  });
});

describe("who may touch a proposal", () => {
  let owner: Actor;
  let otherBidder: Actor;
  let assessor: Actor;
  let manager: Actor;
  let callId: number;

  beforeAll(async () => {
    [owner, otherBidder, assessor, manager] = await Promise.all([
      makeUser("bidder"),
      makeUser("bidder"),
      makeUser("assessor"),
      makeUser("manager"),
    ]);
    callId = makeCall().id;
  });

  it("refuses another bidder's proposal as not found, for saving, submitting, reopening and reading", async () => {
    const draft = await completeDraft(owner, callId);
    const done = await submitted(owner, callId);
    const draftBefore = storedRow(draft.id);
    const doneBefore = storedRow(done.id);

    expectFailure(
      await saveProposalDraft(otherBidder, { proposalId: draft.id, baseVersion: draft.version, answers: { project: { title: "Hijacked" } } }),
      "not_found",
    );
    expectFailure(
      await saveProposalDraft(otherBidder, { proposalId: draft.id, baseVersion: draft.version, answers: {}, overwrite: true }),
      "not_found",
    );
    expectFailure(
      await submitProposal(otherBidder, { proposalId: draft.id, baseVersion: draft.version, answers: completeAnswers() }),
      "not_found",
    );
    expectFailure(await reopenProposal(otherBidder, { proposalId: done.id }), "not_found");
    expect(await getOwnProposal(otherBidder, draft.id)).toBeNull();
    expect(await getOwnProposal(otherBidder, done.id)).toBeNull();
    expect((await listOwnProposals(otherBidder))!.map((p) => p.id)).not.toContain(draft.id);

    expect(storedRow(draft.id)).toEqual(draftBefore);
    expect(storedRow(done.id)).toEqual(doneBefore);
    expect(auditRows(draft.id)).toEqual([]);
    expect(auditRows(done.id).filter((r) => r.actorId === otherBidder.id)).toEqual([]);
  });

  it("gives the same not-found answer for an id that does not exist", async () => {
    const missing = 9_999_999;
    const forOther = expectFailure(await saveProposalDraft(owner, { proposalId: missing, baseVersion: 1, answers: {} }), "not_found");
    const draft = await completeDraft(owner, callId);
    const forExisting = expectFailure(
      await saveProposalDraft(otherBidder, { proposalId: draft.id, baseVersion: draft.version, answers: {} }),
      "not_found",
    );
    // Nothing distinguishes "exists but is not yours" from "does not exist".
    expect(forExisting.message).toBe(forOther.message);
    expectFailure(await reopenProposal(owner, { proposalId: missing }), "not_found");
    expect(await getOwnProposal(owner, missing)).toBeNull();
  });

  it.each([
    ["an assessor", () => assessor],
    ["a manager", () => manager],
  ])("refuses %s (forbidden): bidders' actions are for bidders only", async (_who, actor) => {
    const me = actor();
    const draft = await completeDraft(owner, callId);
    const done = await submitted(owner, callId);
    const draftBefore = storedRow(draft.id);
    const doneBefore = storedRow(done.id);

    expectFailure(await startProposal(me, { callId }), "forbidden");
    expectFailure(await saveProposalDraft(me, { proposalId: draft.id, baseVersion: draft.version, answers: {} }), "forbidden");
    expectFailure(
      await submitProposal(me, { proposalId: draft.id, baseVersion: draft.version, answers: completeAnswers() }),
      "forbidden",
    );
    expectFailure(await reopenProposal(me, { proposalId: done.id }), "forbidden");
    expect(await getOwnProposal(me, draft.id)).toBeNull();
    expect(await listOwnProposals(me))!.toBeNull();

    expect(storedRow(draft.id)).toEqual(draftBefore);
    expect(storedRow(done.id)).toEqual(doneBefore);
    expect(getDb().select().from(proposals).where(eq(proposals.ownerId, me.id)).all()).toEqual([]);
  });

  it("refuses every action without a session (unauthenticated), before looking at the input", async () => {
    const draft = await completeDraft(owner, callId);
    const done = await submitted(owner, callId);
    const draftBefore = storedRow(draft.id);
    const doneBefore = storedRow(done.id);

    expectFailure(await startProposal(null, { callId }), "unauthenticated");
    expectFailure(await saveProposalDraft(null, { proposalId: draft.id, baseVersion: draft.version, answers: {} }), "unauthenticated");
    expectFailure(
      await submitProposal(null, { proposalId: draft.id, baseVersion: draft.version, answers: completeAnswers() }),
      "unauthenticated",
    );
    expectFailure(await reopenProposal(null, { proposalId: done.id }), "unauthenticated");
    // Even garbage input gets "sign in again" rather than validation details.
    expectFailure(await saveProposalDraft(null, "garbage"), "unauthenticated");

    expect(storedRow(draft.id)).toEqual(draftBefore);
    expect(storedRow(done.id)).toEqual(doneBefore);
  });
});

describe("malformed and oversized input", () => {
  let bidder: Actor;
  let callId: number;
  beforeAll(async () => {
    bidder = await makeUser("bidder");
    callId = makeCall().id;
  });

  /** A draft with some saved answers, to check that a refused save changes nothing. */
  async function savedDraft() {
    const id = await startDraft(bidder, callId);
    const { version } = expectOk(
      await saveProposalDraft(bidder, { proposalId: id, baseVersion: 1, answers: { project: { title: "Saved before" } } }),
    );
    return { id, version, before: storedRow(id) };
  }

  const malformed: [string, (id: number, version: number) => unknown, string][] = [
    ["answers that are not an object", (id, v) => ({ proposalId: id, baseVersion: v, answers: 5 }), "_form"],
    ["answers that are a string", (id, v) => ({ proposalId: id, baseVersion: v, answers: "{}" }), "_form"],
    ["answers that are null", (id, v) => ({ proposalId: id, baseVersion: v, answers: null }), "_form"],
    ["missing answers", (id, v) => ({ proposalId: id, baseVersion: v }), "_form"],
    ["a section that is not an object", (id, v) => ({ proposalId: id, baseVersion: v, answers: { project: "title" } }), "project"],
    ["a proposal id that is not a number", (_id, v) => ({ proposalId: "abc", baseVersion: v, answers: {} }), "proposalId"],
    ["a negative proposal id", (_id, v) => ({ proposalId: -1, baseVersion: v, answers: {} }), "proposalId"],
    ["a base version that is not a number", (id) => ({ proposalId: id, baseVersion: "latest", answers: {} }), "baseVersion"],
    ["a missing base version", (id) => ({ proposalId: id, answers: {} }), "baseVersion"],
    ["an overwrite flag that is not a boolean", (id, v) => ({ proposalId: id, baseVersion: v, answers: {}, overwrite: "yes" }), "overwrite"],
    ["input that is not an object at all", () => "proposalId=1", "_form"],
  ];

  it.each(malformed)("refuses a save with %s as invalid, naming the field, and changes nothing", async (_name, input, key) => {
    const { id, version, before } = await savedDraft();
    const failure = expectFailure(await saveProposalDraft(bidder, input(id, version)), "invalid");
    expect(failure.fieldErrors).toBeDefined();
    expect(Object.keys(failure.fieldErrors!)).toContain(key);
    expect(failure.fieldErrors![key]).toEqual(expect.any(String));
    expect(storedRow(id)).toEqual(before);
  });

  it("refuses malformed submit and reopen input as invalid", async () => {
    const { id, version, before } = await savedDraft();
    expect(Object.keys(expectFailure(await submitProposal(bidder, { proposalId: id, baseVersion: version, answers: [] }), "invalid").fieldErrors!)).toContain("_form");
    expect(Object.keys(expectFailure(await submitProposal(bidder, { proposalId: "abc", baseVersion: version, answers: completeAnswers() }), "invalid").fieldErrors!)).toContain("proposalId");
    expect(Object.keys(expectFailure(await reopenProposal(bidder, { proposalId: "abc" }), "invalid").fieldErrors!)).toContain("proposalId");
    expect(Object.keys(expectFailure(await reopenProposal(bidder, {}), "invalid").fieldErrors!)).toContain("proposalId");
    expect(storedRow(id)).toEqual(before);
    expect(auditRows(id)).toEqual([]);
  });

  const tooLong = "x".repeat(MAX_ANSWER_CHARS + 1);

  const oversized: [string, () => Record<string, unknown>, string, RegExp][] = [
    ["partners that are not an array", () => ({ consortium: { partners: "ACME" } }), field("consortium.partners"), /./],
    ["a partner row that is not an object", () => ({ consortium: { partners: ["ACME"] } }), field("consortium.partners.0"), /./],
    ["a title that is not text", () => ({ project: { title: 42 } }), field("project.title"), /text/],
    ["a title that is an object", () => ({ project: { title: { $ne: "" } } }), field("project.title"), /text/],
    ["pathways that are not a list", () => ({ valueCapture: { pathways: "ip-creation" } }), field("valueCapture.pathways"), /./],
    ["a 20,001-character title", () => ({ project: { title: tooLong } }), field("project.title"), /200 characters/],
    ["a 20,001-character summary", () => ({ project: { summary: tooLong } }), field("project.summary"), /3,750 characters/],
    ["a 20,001-character win-win answer", () => ({ winWin: { reciprocity: tooLong } }), field("winWin.reciprocity"), /characters/],
    [
      "11 partners",
      () => ({ consortium: { partners: Array.from({ length: 11 }, () => ({ ...COMPLETE_PARTNER })) } }),
      field("consortium.partners"),
      /up to 10 partners/,
    ],
    [
      "a 5,001-character partner role",
      () => ({ consortium: { partners: [COMPLETE_PARTNER, { ...COMPLETE_PARTNER, role: "r".repeat(5_001) }] } }),
      field("consortium.partners.1.role"),
      /1,500 characters/,
    ],
    ["a 101-character option value", () => ({ project: { domainId: "d".repeat(101) } }), field("project.domainId"), /100 characters/],
    [
      "more pathways than there are options",
      () => ({ valueCapture: { pathways: Array.from({ length: 50 }, (_, i) => `p${i}`) } }),
      field("valueCapture.pathways"),
      /./,
    ],
  ];

  it.each(oversized)("saves the other answers but not %s, naming it by its dotted path", async (_name, answers, key, message) => {
    const { id, version, before } = await savedDraft();
    const sent = { ...answers(), risk: { mitigation: "Saved alongside the refused answer" } };
    const saved = expectOk(await saveProposalDraft(bidder, { proposalId: id, baseVersion: version, answers: sent }));
    expect(saved.notSaved?.[key]).toMatch(message);
    expect(Object.keys(saved.notSaved!)).toEqual([key]);
    const after = storedRow(id);
    const [section, question] = key.split(".") as [string, string];
    // The refused answer keeps its stored value (or its empty default); the other one is saved.
    expect((after.answers[section] as Record<string, unknown> | undefined)?.[question] ?? "").toEqual(
      (before.answers[section] as Record<string, unknown> | undefined)?.[question] ?? (question === "partners" || question === "pathways" ? [] : ""),
    );
    expect((after.answers.risk as Record<string, unknown>).mitigation).toBe("Saved alongside the refused answer");
  });

  it("refuses an oversized submission too, and leaves the draft as it was", async () => {
    const draft = await completeDraft(bidder, callId);
    const before = storedRow(draft.id);
    const answers = completeAnswers();
    answers.project!.title = tooLong;
    const failure = expectFailure(await submitProposal(bidder, { proposalId: draft.id, baseVersion: draft.version, answers }), "invalid");
    expect(failure.fieldErrors?.[field("project.title")]).toMatch(/200 characters/);
    expect(storedRow(draft.id)).toEqual(before);
  });

  it("accepts an answer of exactly the maximum length", async () => {
    const { id, version } = await savedDraft();
    const longest = "y".repeat(draftCharCap(questionAt("project", "summary")));
    expectOk(await saveProposalDraft(bidder, { proposalId: id, baseVersion: version, answers: { project: { summary: longest } } }));
    expect((await getOwnProposal(bidder, id))!.answers.project!.summary).toBe(longest);
  });
});

describe("submitting", () => {
  let bidder: Actor;
  let callId: number;
  beforeAll(async () => {
    bidder = await makeUser("bidder");
    callId = makeCall().id;
  });

  it("submits a complete proposal: stored as submitted, read back as submitted, listed as submitted", async () => {
    const draft = await completeDraft(bidder, callId);
    const now = new Date();
    const result = expectOk(await submitProposal(bidder, { proposalId: draft.id, baseVersion: draft.version, answers: completeAnswers() }, now));
    expect(result.version).toBe(draft.version + 1);

    const row = storedRow(draft.id);
    expect(row.status).toBe("submitted");
    expect(row.submittedAt?.getTime()).toBe(now.getTime());
    expect(row.version).toBe(draft.version + 1);
    expect(await getOwnProposal(bidder, draft.id)).toMatchObject({ status: "submitted", submittedAt: now, answers: completeAnswers() });
    expect((await listOwnProposals(bidder))!.find((p) => p.id === draft.id)).toMatchObject({ status: "submitted" });
  });

  it("stores the answers sent with the submission (the last keystrokes are not lost)", async () => {
    const draft = await completeDraft(bidder, callId);
    const answers = completeAnswers();
    answers.project!.title = "Retitled just before submitting";
    expectOk(await submitProposal(bidder, { proposalId: draft.id, baseVersion: draft.version, answers }));
    expect((await getOwnProposal(bidder, draft.id))!.answers.project!.title).toBe("Retitled just before submitting");
  });

  it("refuses incomplete answers as invalid with errors keyed by each field, and changes nothing", async () => {
    const id = await startDraft(bidder, callId);
    const before = storedRow(id);
    const failure = expectFailure(await submitProposal(bidder, { proposalId: id, baseVersion: 1, answers: {} }), "invalid");
    const errors = failure.fieldErrors ?? {};
    for (const key of [
      "project.title",
      "project.summary",
      "project.domainId",
      "project.trlStart",
      "project.totalCost",
      "consortium.leadName",
      "consortium.partners",
      "valueCapture.pathways",
      "winWin.reciprocity",
      "risk.ipAgreement",
      "partnerContext.trackRecord",
    ]) {
      expect(errors[field(key)], key).toEqual(expect.any(String));
    }
    expect(errors[field("project.title")]).toBe("Enter project title");
    expect(errors[field("consortium.partners")]).toBe("Add at least one international partner");
    expect(storedRow(id)).toEqual(before);
    expect(auditRows(id)).toEqual([]);
  });

  it("refuses a proposal missing only one answer, naming just that field", async () => {
    const draft = await completeDraft(bidder, callId);
    const answers = completeAnswers();
    answers.risk!.mitigation = "   ";
    const failure = expectFailure(await submitProposal(bidder, { proposalId: draft.id, baseVersion: draft.version, answers }), "invalid");
    expect(Object.keys(failure.fieldErrors ?? {})).toEqual([field("risk.mitigation")]);
    expect(storedRow(draft.id).status).toBe("draft");
  });

  it("refuses a TRL or MRL at the end below the start", async () => {
    const draft = await completeDraft(bidder, callId);
    const failure = expectFailure(
      await submitProposal(bidder, { proposalId: draft.id, baseVersion: draft.version, answers: withProject({ trlStart: "6", trlEnd: "3", mrlStart: "7", mrlEnd: "4" }) }),
      "invalid",
    );
    expect(failure.fieldErrors?.[field("project.trlEnd")]).toMatch(/TRL at the end must be the same as or higher/);
    expect(failure.fieldErrors?.[field("project.mrlEnd")]).toMatch(/MRL at the end must be the same as or higher/);
  });

  it("refuses a TRL outside 1 to 9", async () => {
    const draft = await completeDraft(bidder, callId);
    const failure = expectFailure(
      await submitProposal(bidder, { proposalId: draft.id, baseVersion: draft.version, answers: withProject({ trlStart: "0", trlEnd: "10" }) }),
      "invalid",
    );
    expect(failure.fieldErrors?.[field("project.trlStart")]).toMatch(/whole number from 1 to 9/);
    expect(failure.fieldErrors?.[field("project.trlEnd")]).toMatch(/whole number from 1 to 9/);
  });

  it("refuses a grant larger than the total cost", async () => {
    const draft = await completeDraft(bidder, callId);
    const failure = expectFailure(
      await submitProposal(bidder, { proposalId: draft.id, baseVersion: draft.version, answers: withProject({ totalCost: "500000", grantRequested: "500001" }) }),
      "invalid",
    );
    expect(Object.keys(failure.fieldErrors ?? {})).toEqual([field("project.grantRequested")]);
    expect(failure.fieldErrors?.[field("project.grantRequested")]).toMatch(/same as or less than the total project cost/);
  });

  it("accepts amounts written with a pound sign and thousands separators, and a grant equal to the cost", async () => {
    const draft = await completeDraft(bidder, callId);
    expectOk(
      await submitProposal(bidder, { proposalId: draft.id, baseVersion: draft.version, answers: withProject({ totalCost: "£500,000", grantRequested: "500000" }) }),
    );
  });

  it("refuses a partner list with only UK partners", async () => {
    const draft = await completeDraft(bidder, callId);
    const answers = withPartners([
      { ...COMPLETE_PARTNER, country: "GB" },
      { ...COMPLETE_PARTNER, organisation: "University of Sheffield", country: "GB", type: "university", share: "20" },
    ]);
    const failure = expectFailure(await submitProposal(bidder, { proposalId: draft.id, baseVersion: draft.version, answers }), "invalid");
    expect(failure.fieldErrors?.[field("consortium.partners")]).toBe("Add at least one partner based outside the UK");
    expect(storedRow(draft.id).status).toBe("draft");
  });

  it("accepts a UK partner alongside one outside the UK", async () => {
    const draft = await completeDraft(bidder, callId);
    const answers = withPartners([{ ...COMPLETE_PARTNER, country: "GB", share: "10" }, COMPLETE_PARTNER]);
    expectOk(await submitProposal(bidder, { proposalId: draft.id, baseVersion: draft.version, answers }));
  });

  it("refuses partner rows with missing details, keyed by the row and column", async () => {
    const draft = await completeDraft(bidder, callId);
    const answers = withPartners([COMPLETE_PARTNER, { organisation: "", country: "", type: "", role: "", share: "0" }]);
    const failure = expectFailure(await submitProposal(bidder, { proposalId: draft.id, baseVersion: draft.version, answers }), "invalid");
    expect(Object.keys(failure.fieldErrors ?? {}).sort()).toEqual(
      ["organisation", "country", "type", "role", "share"].map((c) => field(`consortium.partners.1.${c}`)).sort(),
    );
  });

  it("refuses partners' shares that leave nothing for the UK lead", async () => {
    const draft = await completeDraft(bidder, callId);
    const answers = withPartners([
      { ...COMPLETE_PARTNER, share: "60" },
      { ...COMPLETE_PARTNER, organisation: "Toyota", country: "JP", share: "40" },
    ]);
    const failure = expectFailure(await submitProposal(bidder, { proposalId: draft.id, baseVersion: draft.version, answers }), "invalid");
    expect(failure.fieldErrors?.[field("consortium.partners")]).toMatch(/less than 100%/);
  });

  it("asks for evidence of each value-capture pathway ticked", async () => {
    const draft = await completeDraft(bidder, callId);
    const answers = completeAnswers();
    answers.valueCapture!.pathways = ["ip-creation", "uk-jobs"];
    const failure = expectFailure(await submitProposal(bidder, { proposalId: draft.id, baseVersion: draft.version, answers }), "invalid");
    expect(Object.keys(failure.fieldErrors ?? {})).toEqual([field("valueCapture.evidenceUkJobs")]);
  });

  it("refuses an answer over its word limit", async () => {
    const draft = await completeDraft(bidder, callId);
    const answers = completeAnswers();
    answers.project!.summary = Array.from({ length: 251 }, () => "word").join(" ");
    const failure = expectFailure(await submitProposal(bidder, { proposalId: draft.id, baseVersion: draft.version, answers }), "invalid");
    expect(failure.fieldErrors?.[field("project.summary")]).toBe("Project summary must be 250 words or fewer");
  });

  it("refuses a submission based on an old version as a conflict", async () => {
    const draft = await completeDraft(bidder, callId);
    expectOk(await saveProposalDraft(bidder, { proposalId: draft.id, baseVersion: draft.version, answers: completeAnswers() }));
    const before = storedRow(draft.id);
    expectFailure(await submitProposal(bidder, { proposalId: draft.id, baseVersion: draft.version, answers: completeAnswers() }), "conflict");
    expect(storedRow(draft.id)).toEqual(before);
    expect(auditRows(draft.id)).toEqual([]);
  });
});

describe("deadlines", () => {
  let bidder: Actor;
  beforeAll(async () => {
    bidder = await makeUser("bidder");
  });

  it("accepts a submission up to the last millisecond before the call closes, and refuses it from the closing time on", async () => {
    const call = makeCall();
    const onTime = await completeDraft(bidder, call.id);
    const late = await completeDraft(bidder, call.id);
    const lastMoment = new Date(call.closesAt.getTime() - 1);

    expectOk(await submitProposal(bidder, { proposalId: onTime.id, baseVersion: onTime.version, answers: completeAnswers() }, lastMoment));

    const before = storedRow(late.id);
    const failure = expectFailure(
      await submitProposal(bidder, { proposalId: late.id, baseVersion: late.version, answers: completeAnswers() }, call.closesAt),
      "closed",
    );
    expect(failure.message).toMatch(/closed/);
    expect(storedRow(late.id)).toEqual(before);
    expect(auditRows(late.id)).toEqual([]);
  });

  it("refuses a submission to a call whose closing time has passed", async () => {
    // The call ran from 30 days ago until yesterday; the draft was started while it was open.
    const call = makeClosedCall();
    const whileOpen = new Date(call.closesAt.getTime() - 5 * DAY_MS);
    const draft = await completeDraft(bidder, call.id, whileOpen);
    const before = storedRow(draft.id);

    expectFailure(await submitProposal(bidder, { proposalId: draft.id, baseVersion: draft.version, answers: completeAnswers() }), "closed");
    expect(storedRow(draft.id)).toEqual(before);
    expect(await getOwnProposal(bidder, draft.id)).toMatchObject({ status: "draft", call: { stage: "closed" } });
  });

  it("refuses saving a draft after the deadline, keeping what was saved before", async () => {
    const call = makeCall();
    const draft = await completeDraft(bidder, call.id);
    const before = storedRow(draft.id);
    const afterDeadline = new Date(call.closesAt.getTime() + 60_000);

    expectFailure(
      await saveProposalDraft(bidder, { proposalId: draft.id, baseVersion: draft.version, answers: { project: { title: "Too late" } } }, afterDeadline),
      "closed",
    );
    expectFailure(
      await saveProposalDraft(bidder, { proposalId: draft.id, baseVersion: draft.version, answers: {}, overwrite: true }, afterDeadline),
      "closed",
    );
    expect(storedRow(draft.id)).toEqual(before);
    // The bidder can still read their draft after the call closes.
    expect(await getOwnProposal(bidder, draft.id, afterDeadline)).toMatchObject({ status: "draft", call: { stage: "closed" } });
  });
});

describe("after submission", () => {
  let bidder: Actor;
  let callId: number;
  beforeAll(async () => {
    bidder = await makeUser("bidder");
    callId = makeCall().id;
  });

  it("refuses saving a submitted proposal as locked, even with overwrite", async () => {
    const done = await submitted(bidder, callId);
    const before = storedRow(done.id);
    const failure = expectFailure(
      await saveProposalDraft(bidder, { proposalId: done.id, baseVersion: done.version, answers: { project: { title: "Changed" } } }),
      "locked",
    );
    expect(failure.message).toMatch(/Reopen/);
    expectFailure(await saveProposalDraft(bidder, { proposalId: done.id, baseVersion: done.version, answers: {}, overwrite: true }), "locked");
    expect(storedRow(done.id)).toEqual(before);
  });

  it("refuses submitting it a second time as locked", async () => {
    const done = await submitted(bidder, callId);
    const before = storedRow(done.id);
    expectFailure(await submitProposal(bidder, { proposalId: done.id, baseVersion: done.version, answers: completeAnswers() }), "locked");
    expect(storedRow(done.id)).toEqual(before);
    expect(auditRows(done.id).filter((r) => r.action === "proposal.submitted")).toHaveLength(1);
  });

  it("reopening before the deadline returns it to draft, and it can be edited and submitted again", async () => {
    const done = await submitted(bidder, callId);
    const reopened = expectOk(await reopenProposal(bidder, { proposalId: done.id }));
    expect(reopened.version).toBe(done.version + 1);

    const row = storedRow(done.id);
    expect(row).toMatchObject({ status: "draft", submittedAt: null, version: done.version + 1 });
    expect(row.answers).toEqual(completeAnswers());
    expect(await getOwnProposal(bidder, done.id)).toMatchObject({ status: "draft", submittedAt: null });

    // A tab still holding the submitted version is told about the change.
    expectFailure(await saveProposalDraft(bidder, { proposalId: done.id, baseVersion: done.version, answers: completeAnswers() }), "conflict");

    const answers = completeAnswers();
    answers.project!.title = "Edited after reopening";
    const saved = expectOk(await saveProposalDraft(bidder, { proposalId: done.id, baseVersion: reopened.version, answers }));
    expect((await getOwnProposal(bidder, done.id))!.answers.project!.title).toBe("Edited after reopening");

    expectOk(await submitProposal(bidder, { proposalId: done.id, baseVersion: saved.version, answers }));
    expect(storedRow(done.id).status).toBe("submitted");
  });

  it("refuses reopening after the deadline, leaving it submitted", async () => {
    const call = makeCall();
    const done = await submitted(bidder, call.id);
    const before = storedRow(done.id);
    const afterDeadline = new Date(call.closesAt.getTime() + 1);

    expectFailure(await reopenProposal(bidder, { proposalId: done.id }, afterDeadline), "closed");
    expectFailure(await reopenProposal(bidder, { proposalId: done.id }, call.closesAt), "closed");
    expect(storedRow(done.id)).toEqual(before);
    expect(await getOwnProposal(bidder, done.id, afterDeadline)).toMatchObject({ status: "submitted", call: { stage: "closed" } });
    expect(auditRows(done.id).filter((r) => r.action === "proposal.reopened")).toEqual([]);
  });

  it("refuses reopening a proposal that is still a draft", async () => {
    const draft = await completeDraft(bidder, callId);
    const before = storedRow(draft.id);
    expectFailure(await reopenProposal(bidder, { proposalId: draft.id }), "invalid");
    expect(storedRow(draft.id)).toEqual(before);
  });
});

describe("audit trail", () => {
  it("records who submitted and who reopened which proposal of which call", async () => {
    const bidder = await makeUser("bidder");
    const call = makeCall();
    const done = await submitted(bidder, call.id);

    const afterSubmit = auditRows(done.id);
    expect(afterSubmit).toHaveLength(1);
    expect(afterSubmit[0]).toMatchObject({ actorId: bidder.id, action: "proposal.submitted", callId: call.id, proposalId: done.id });
    expect(afterSubmit[0]!.at).toBeInstanceOf(Date);

    expectOk(await reopenProposal(bidder, { proposalId: done.id }));
    const rows = auditRows(done.id);
    expect(rows.map((r) => [r.action, r.actorId, r.callId, r.proposalId])).toEqual([
      ["proposal.submitted", bidder.id, call.id, done.id],
      ["proposal.reopened", bidder.id, call.id, done.id],
    ]);
  });

  it("writes no audit row for starting or saving drafts, or for refused actions", async () => {
    const bidder = await makeUser("bidder");
    const other = await makeUser("bidder");
    const call = makeCall();
    const draft = await completeDraft(bidder, call.id);
    expectFailure(await submitProposal(bidder, { proposalId: draft.id, baseVersion: draft.version, answers: {} }), "invalid");
    expectFailure(await submitProposal(other, { proposalId: draft.id, baseVersion: draft.version, answers: completeAnswers() }), "not_found");
    expectFailure(await reopenProposal(bidder, { proposalId: draft.id }), "invalid");
    expect(auditRows(draft.id)).toEqual([]);
    expect(getDb().select().from(auditLog).where(and(eq(auditLog.actorId, other.id))).all()).toEqual([]);
  });
});

describe("partner validation and error keys", () => {
  it("refuses a partner whose country or type is not a listed option, and counts \"UK\" as the UK", async () => {
    const bidder = await makeUser("bidder");
    const call = makeCall();
    const draft = await completeDraft(bidder, call.id);
    for (const country of ["UK", "gb", "ZZ", "United Kingdom"]) {
      const answers = completeAnswers();
      answers.consortium!.partners = [{ ...COMPLETE_PARTNER, country, type: "made-up" }];
      const result = await submitProposal(bidder, { proposalId: draft.id, baseVersion: draft.version, answers });
      const failure = expectFailure(result, "invalid");
      expect(failure.fieldErrors?.["consortium.partners.0.type"]).toBe("Select partner 1's organisation type");
      if (country !== "UK") expect(failure.fieldErrors?.["consortium.partners.0.country"]).toBe("Select partner 1's country");
      else expect(failure.fieldErrors?.["consortium.partners"]).toBe("Add at least one partner based outside the UK");
    }
  });

  it("keys field errors by the form's own paths, without the request wrapper", async () => {
    const bidder = await makeUser("bidder");
    const call = makeCall();
    const draft = await completeDraft(bidder, call.id);
    const result = await submitProposal(bidder, { proposalId: draft.id, baseVersion: draft.version, answers: {} });
    const failure = expectFailure(result, "invalid");
    expect(Object.keys(failure.fieldErrors ?? {})).toContain("project.title");
    expect(Object.keys(failure.fieldErrors ?? {}).some((k) => k.startsWith("answers."))).toBe(false);
  });
});

function questionAt(sectionKey: string, questionKey: string) {
  const question = PROPOSAL_SECTIONS.find((s) => s.key === sectionKey)?.questions.find((q) => q.key === questionKey);
  if (!question) throw new Error(`no question ${sectionKey}.${questionKey}`);
  return question;
}
