/**
 * Text that does not lie, and autosave that does not lie (issue 11), on a real SQLite file.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { proposals } from "@/db/schema";
import { canonicalInteger, isBlankText } from "@/lib/domain/text";
import { proposalProblems } from "@/lib/domain/proposal/completeness";
import { MAX_PROPOSALS_PER_CALL } from "@/lib/server/proposals";
import { saveProposalDraft, startProposal, submitProposal } from "../support/actions";
import type { Actor } from "@/lib/server/users";
import { registerSchema } from "@/lib/validation/auth";
import { lotteryRedoSchema } from "@/lib/validation/calibration";
import { personFormSchema } from "@/lib/validation/manage";
import { scenarioSchema } from "@/lib/validation/portfolio";
import { assessmentDraftSchema } from "@/lib/validation/assessment";
import { DEFAULT_RUBRIC } from "@/lib/domain/rubric";
import { expectFailure, expectOk } from "../support/results";
import { completeAnswers, makeCall, makeUser, setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

const ZERO_WIDTH = "\u200B\u200C\u200D\u2060\uFEFF";
const RLO = "\u202E";

function stored(id: number) {
  return getDb().select().from(proposals).where(eq(proposals.id, id)).get()!;
}

const registration = (changes: Record<string, string>) => ({
  name: "Ada Lovelace",
  organisation: "Analytical Engines Ltd",
  email: "ada@example.com",
  password: "a-long-enough-password",
  confirmPassword: "a-long-enough-password",
  ...changes,
});

const scenario = (changes: Record<string, unknown>) => ({ name: "Balanced", budget: "100000", qualityMeasure: "raw", rules: [], pins: [], exclusions: [], ...changes });

describe("names, titles and organisations", () => {
  it("normalises to NFC, so a decomposed accent is stored as one character", () => {
    const parsed = registerSchema.parse(registration({ name: "Jose\u0301 Garci\u0301a" }));
    expect(parsed.name).toBe("José García");
    expect(parsed.name.length).toBe(11);
  });

  it("normalises portfolio scenarios and lottery reasons too, and refuses an invisible scenario name", () => {
    expect(scenarioSchema.parse(scenario({ name: "Re\u0301sume\u0301" })).name).toBe("Résumé");
    expect(scenarioSchema.safeParse(scenario({ name: ZERO_WIDTH })).error?.issues[0]?.message).toBe("Enter a name for the scenario");
    const pinned = scenarioSchema.parse(scenario({ pins: [{ proposalId: 3, reason: "Cafe\u0301 partner" }] } as never));
    expect(pinned.pins[0]!.reason).toBe("Café partner");
    expect(lotteryRedoSchema.parse({ callId: 1, reason: "  Score corrige\u0301 after the draw " }).reason).toBe("Score corrigé after the draw");
  });

  it("refuses a name made only of zero-width or other invisible characters", () => {
    expect(isBlankText(ZERO_WIDTH + " \u3164")).toBe(true);
    const result = registerSchema.safeParse(registration({ name: ZERO_WIDTH }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Enter your full name");
  });

  it.each([
    ["a registration name", () => registerSchema.safeParse(registration({ name: `Ada ${RLO}ecalevol` }))],
    ["a registration organisation", () => registerSchema.safeParse(registration({ organisation: `Evil\u2066Corp` }))],
    ["a portfolio scenario's name", () => scenarioSchema.safeParse(scenario({ name: `Plan ${RLO}A` }))],
    [
      "a staff member's name",
      () => personFormSchema.safeParse({ role: "assessor", name: `Bob\u202Atest`, email: "b@example.com", organisation: "Org", country: "GB", expertise: ["robotics"] }),
    ],
  ])("refuses bidi-override controls in %s", (_what, parse) => {
    const result = parse();
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join(" ")).toMatch(/text-direction control/);
  });

  it("stores a score of -0 as 0, and 07 as 7", () => {
    expect(canonicalInteger("-0")).toBe("0");
    expect(canonicalInteger("+0")).toBe("0");
    const schema = assessmentDraftSchema(DEFAULT_RUBRIC);
    const key = DEFAULT_RUBRIC[0]!.key;
    const parsed = schema.parse({ scores: { [key]: "-0" } });
    expect(parsed.scores[key]).toBe("0");
  });
});

/** A fresh bidder and an open call, with a function that starts one more draft on it. */
async function bidderWithCall(): Promise<{ bidder: Actor; draft: () => Promise<number> }> {
  const bidder = await makeUser("bidder");
  const callId = makeCall().id;
  const draft = async () => expectOk(await startProposal(bidder, { callId })).id;
  return { bidder, draft };
}

describe("proposal answers", () => {
  let bidder: Actor;
  let draft: () => Promise<number>;
  beforeAll(async () => {
    ({ bidder, draft } = await bidderWithCall());
  });

  it("refuses a title of zero-width spaces at submission, as if it were empty", () => {
    const answers = completeAnswers();
    answers.project!.title = ZERO_WIDTH;
    expect(proposalProblems(answers).map((p) => p.field)).toContain("project.title");
  });

  it("refuses a single 19,000-character word at submission even though it is one word", () => {
    const answers = completeAnswers();
    answers.project!.summary = "x".repeat(3_751);
    const problem = proposalProblems(answers).find((p) => p.field === "project.summary");
    expect(problem?.message).toMatch(/3,750 characters/);
  });

  it("does not save a title with a right-to-left override, and names it", async () => {
    const id = await draft();
    const saved = expectOk(await saveProposalDraft(bidder, { proposalId: id, baseVersion: 1, answers: { project: { title: `Safe ${RLO}txt.exe`, summary: "Kept" } } }));
    expect(saved.notSaved?.["project.title"]).toMatch(/text-direction/);
    expect((stored(id).answers.project as Record<string, string>).summary).toBe("Kept");
  });

  it("does not save a checklist that repeats an option", async () => {
    const id = await draft();
    const saved = expectOk(
      await saveProposalDraft(bidder, { proposalId: id, baseVersion: 1, answers: { valueCapture: { pathways: ["ip-creation", "ip-creation"] } } }),
    );
    expect(saved.notSaved?.["valueCapture.pathways"]).toMatch(/only once/);
  });

  it("stores answers in NFC", async () => {
    const id = await draft();
    expectOk(await saveProposalDraft(bidder, { proposalId: id, baseVersion: 1, answers: { project: { summary: "Cafe\u0301 culture" } } }));
    expect((stored(id).answers.project as Record<string, string>).summary).toBe("Café culture");
  });

  it(`refuses a bidder's ${MAX_PROPOSALS_PER_CALL + 1}st draft in one call, and counts only drafts`, async () => {
    const owner = await makeUser("bidder");
    const call = makeCall().id;
    for (let i = 0; i < MAX_PROPOSALS_PER_CALL; i++) expectOk(await startProposal(owner, { callId: call }));
    const before = getDb().select().from(proposals).all().length;
    expectFailure(await startProposal(owner, { callId: call }), "invalid");
    expect(getDb().select().from(proposals).all().length).toBe(before);
    expectOk(await startProposal(owner, { callId: makeCall().id }));
  });
});

describe("idempotent autosave", () => {
  let bidder: Actor;
  let draft: () => Promise<number>;
  beforeAll(async () => {
    ({ bidder, draft } = await bidderWithCall());
  });
  const summary = (text: string) => ({ project: { summary: text } });

  it("acknowledges a retry of a save already applied, without writing again", async () => {
    const id = await draft();
    const first = expectOk(await saveProposalDraft(bidder, { proposalId: id, baseVersion: 1, answers: summary("one"), saveId: "save-aaaa-1" }));
    const before = stored(id);
    const retry = expectOk(await saveProposalDraft(bidder, { proposalId: id, baseVersion: 1, answers: summary("one"), saveId: "save-aaaa-1" }));
    expect(retry.version).toBe(first.version);
    expect(stored(id)).toEqual(before);
  });

  it("after a lost response, the next save from the same page carries on instead of conflicting", async () => {
    const id = await draft();
    // Applied on the server, but the browser never heard back: it is still on version 1.
    expectOk(await saveProposalDraft(bidder, { proposalId: id, baseVersion: 1, answers: summary("lost"), saveId: "save-lost-1" }));
    const second = expectOk(
      await saveProposalDraft(bidder, { proposalId: id, baseVersion: 1, answers: summary("lost and more"), saveId: "save-next-2", unconfirmed: ["save-lost-1"] }),
    );
    expect(second.version).toBe(3);
    // Two lost in a row.
    expectOk(await saveProposalDraft(bidder, { proposalId: id, baseVersion: 1, answers: summary("third"), saveId: "save-next-3", unconfirmed: ["save-lost-1", "save-next-2"] }));
    expect((stored(id).answers.project as Record<string, string>).summary).toBe("third");
  });

  it("still refuses a genuinely different concurrent edit as a conflict, changing nothing", async () => {
    const id = await draft();
    expectOk(await saveProposalDraft(bidder, { proposalId: id, baseVersion: 1, answers: summary("tab A"), saveId: "tab-a-0001" }));
    const before = stored(id);
    // Tab B started from version 1 and lost nothing: the row was written by someone else.
    expectFailure(await saveProposalDraft(bidder, { proposalId: id, baseVersion: 1, answers: summary("tab B"), saveId: "tab-b-0001" }), "conflict");
    // A lost save of tab B's own that the row does not come from does not help either.
    expectFailure(
      await saveProposalDraft(bidder, { proposalId: id, baseVersion: 1, answers: summary("tab B"), saveId: "tab-b-0002", unconfirmed: ["tab-b-0000"] }),
      "conflict",
    );
    expect(stored(id)).toEqual(before);
  });

  it("a submission clears the save id, so an old retry cannot be taken as applied afterwards", async () => {
    const id = await draft();
    const saved = expectOk(await saveProposalDraft(bidder, { proposalId: id, baseVersion: 1, answers: completeAnswers(), saveId: "before-submit" }));
    expectOk(await submitProposal(bidder, { proposalId: id, baseVersion: saved.version, answers: completeAnswers() }));
    expect(stored(id).lastSaveId).toBeNull();
    expectFailure(await saveProposalDraft(bidder, { proposalId: id, baseVersion: 1, answers: summary("x"), saveId: "before-submit" }), "locked");
  });

  it("refuses a malformed save id as invalid", async () => {
    const id = await draft();
    expectFailure(await saveProposalDraft(bidder, { proposalId: id, baseVersion: 1, answers: {}, saveId: "<script>" }), "invalid");
    expectFailure(await saveProposalDraft(bidder, { proposalId: id, baseVersion: 1, answers: {}, unconfirmed: "x" }), "invalid");
  });
});
