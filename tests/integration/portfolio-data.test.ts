/**
 * The portfolio optimiser, the lottery draw, scenario adoption and the call form read only what
 * they use (lib/server/manage/portfolio-data.ts) instead of the whole call (loadCallData). A
 * speed-up that changed what a manager sees would be a bug, so on generated calls (fast-check,
 * seeded; home-only and joint; drafts, awaiting proposals, removed, conflicted, draft and
 * unstarted assessments; odd stored answers) the lean reads must give exactly what the old
 * whole-call path gave (tests/support/portfolio-old-path.ts).
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, getSqlite } from "@/db/client";
import { copyRubricToCall } from "@/db/rubrics";
import { DEFAULT_RUBRIC } from "@/lib/domain/rubric";
import { requireCall } from "@/lib/server/manage/call-data";
import { countSubmittedProposals, loadCallFormLocks, loadPortfolioSource, loadPrefilledFeedback } from "@/lib/server/manage/portfolio-data";
import { candidatesOf, instanceOf, PORTFOLIO_JOB } from "@/lib/server/manage/scenarios";
import type { Actor } from "@/lib/server/users";
import { oldCallFormLocks, oldPortfolioSource, oldPrefilledFeedback } from "../support/portfolio-old-path";
import { makeUser, setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

const DAY = 86_400_000;
const CLOSED = Date.now() - 10 * DAY;
const CRITERIA = DEFAULT_RUBRIC.map((c) => c.key);

// Stored answers as bidders' drafts and old rows can hold them, not only as the form writes them.
const trlArb = fc.constantFrom<unknown>("3", " 7 ", "9", "", "10", "0", "x", "4.5", 5, null, undefined);
const scoreArb = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 10 }).map(String) }, { weight: 1, arbitrary: fc.constantFrom("", "11", "x") });
const assessmentArb = fc.record({
  status: fc.constantFrom("draft", "submitted", "submitted", "submitted", "submitted"),
  scores: fc.tuple(...CRITERIA.map(() => scoreArb)),
  // Always a string: the assessment form's schema requires one (the old whole-call path threw on a missing one).
  feedback: fc.constantFrom("Clear plan.", "  Padded feedback  ", "", "   ", "Two\nlines"),
  // Few distinct times, so ties fall back to the assignment's id.
  submittedAt: fc.integer({ min: 0, max: 2 }),
});
const assignmentArb = fc.record({
  assessor: fc.nat({ max: 5 }),
  removed: fc.constantFrom(false, false, false, true),
  conflict: fc.constantFrom(null, "none", "none", "none", "conflict"),
  assessment: fc.option(assessmentArb, { freq: 6 }),
});
const proposalArb = fc.record({
  status: fc.constantFrom("draft", "submitted", "submitted", "submitted"),
  title: fc.constantFrom<string>("Batteries at scale", "  Padded  ", ""),
  grant: fc.constantFrom<string>("100000", "£250,000", "", "abc"),
  domain: fc.constantFrom<string>("batteries", "hydrogen-fuel-cells", "digital-twins", "no-such-domain", ""),
  rdCategory: fc.constantFrom<string>("industrial-research", "experimental-development", ""),
  trlStart: trlArb,
  lead: fc.constantFrom<string>("Acme Ltd", "  acme  ltd ", "Beta plc", ""),
  partners: fc.array(fc.record({ organisation: fc.constantFrom<string>("Partner A", ""), country: fc.constantFrom<string>("KR", "DE", "GB", "", "jp") }), { maxLength: 2 }),
  submittedAt: fc.integer({ min: 0, max: 3 }),
  assignments: fc.uniqueArray(assignmentArb, { minLength: 1, maxLength: 6, selector: (a) => a.assessor }),
});
const callArb = fc.record({
  joint: fc.boolean(),
  required: fc.integer({ min: 1, max: 2 }),
  budget: fc.constantFrom<number>(0, 150_000, 10_000_000),
  threshold: fc.constantFrom(0, 50),
  proposals: fc.array(proposalArb, { maxLength: 9 }),
});
type GeneratedCall = typeof callArb extends fc.Arbitrary<infer T> ? T : never;

let manager: Actor;
let partnerAgencyId: number;
/** Assessors 0–2 belong to the home agency, 3–5 to the partner agency. */
let assessors: number[];
let bidderId: number;
let sequence = 0;

beforeAll(async () => {
  manager = await makeUser("manager");
  bidderId = (await makeUser("bidder")).id;
  partnerAgencyId = (getSqlite().prepare("INSERT INTO agencies (kind, name, country, currency) VALUES ('partner', 'Generated Partner', 'KR', 'KRW') RETURNING id").get() as { id: number }).id;
  assessors = [];
  for (let i = 0; i < 6; i++) assessors.push((await makeUser("assessor", i < 3 ? {} : { agencyId: partnerAgencyId })).id);
});

/** Writes a generated call straight into the database; returns its id. */
function writeCall(c: GeneratedCall): number {
  const sqlite = getSqlite();
  const { id: callId } = sqlite
    .prepare(
      `INSERT INTO calls (title, opens_at, closes_at, assessment_due_at, budget, assessors_required, overall_threshold, partner_agency_id, partner_budget, partner_assessors_required, exchange_rate)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    )
    .get(`Generated call ${++sequence}`, CLOSED - 60 * DAY, CLOSED, CLOSED + 20 * DAY, c.budget, c.required, c.threshold, ...(c.joint ? [partnerAgencyId, c.budget * 1000, 1, 1600] : [null, null, null, null])) as { id: number };
  copyRubricToCall(getDb(), callId, DEFAULT_RUBRIC);
  const insertProposal = sqlite.prepare("INSERT INTO proposals (call_id, owner_id, status, answers, submitted_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
  const insertAssignment = sqlite.prepare("INSERT INTO assignments (proposal_id, assessor_id, conflict_declaration, conflict_details, removed_at) VALUES (?, ?, ?, ?, ?) RETURNING id");
  const insertAssessment = sqlite.prepare('INSERT INTO assessments (assignment_id, status, "values", submitted_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  for (const p of c.proposals) {
    const answers = {
      project: { title: p.title, grantRequested: p.grant, partnerGrantRequested: "5000", domainId: p.domain, rdCategory: p.rdCategory, trlStart: p.trlStart, summary: "A long answer nobody here reads" },
      consortium: { leadName: p.lead, partners: p.partners.map((x) => ({ ...x, type: "sme", role: "", share: "10" })) },
    };
    const at = CLOSED - DAY + p.submittedAt * 1000;
    const { id: proposalId } = insertProposal.get(callId, bidderId, p.status, JSON.stringify(answers), p.status === "submitted" ? at : null, at) as { id: number };
    for (const a of p.assignments) {
      const { id: assignmentId } = insertAssignment.get(proposalId, assessors[a.assessor], a.conflict, a.conflict === "conflict" ? "Worked with them" : "", a.removed ? CLOSED : null) as { id: number };
      if (!a.assessment) continue;
      const values = {
        inScope: "yes",
        inScopeComment: "",
        scores: Object.fromEntries(CRITERIA.map((k, i) => [k, a.assessment!.scores[i]])),
        justifications: { [CRITERIA[0]!]: "A justification nobody here reads" },
        bidderFeedback: a.assessment.feedback,
        privateComment: "Private",
        recommendation: "fund",
        confidence: "high",
      };
      const sub = CLOSED + a.assessment.submittedAt * 1000;
      insertAssessment.run(assignmentId, a.assessment.status, JSON.stringify(values), a.assessment.status === "submitted" ? sub : null, sub);
    }
  }
  return callId;
}

const submittedIds = (callId: number) =>
  (getSqlite().prepare("SELECT id FROM proposals WHERE call_id = ? AND status = 'submitted' ORDER BY id").all(callId) as { id: number }[]).map((r) => r.id);

const RUNS = { numRuns: 60, seed: 20261126 };

describe("the portfolio's lean reads on generated calls", () => {
  it("give the optimiser exactly the candidates the whole-call read gave", async () => {
    let ranked = 0;
    await fc.assert(
      fc.asyncProperty(callArb, async (c) => {
        const call = await requireCall(getDb(), writeCall(c), manager);
        const lean = candidatesOf(await loadPortfolioSource(getDb(), call));
        expect(lean).toEqual(candidatesOf(await oldPortfolioSource(getDb(), call)));
        ranked += lean.length;
      }),
      RUNS,
    );
    // The generated calls rank enough proposals for the comparison to mean something.
    expect(ranked).toBeGreaterThan(60);
  });

  it("pre-fill each decision's feedback exactly as the whole-call read did, for the whole call or part of it", async () => {
    await fc.assert(
      fc.asyncProperty(callArb, fc.nat(), async (c, pick) => {
        const call = await requireCall(getDb(), writeCall(c), manager);
        const all = submittedIds(call.id);
        const some = all.filter((_, i) => (pick >> i) % 2 === 1);
        for (const ids of [all, some]) {
          expect(await loadPrefilledFeedback(getDb(), call, ids, manager)).toEqual(await oldPrefilledFeedback(getDb(), call, ids, manager));
        }
        expect(await countSubmittedProposals(getDb(), call.id)).toBe(all.length);
      }),
      RUNS,
    );
  });

  it("lock the call form exactly when the whole-call read did", async () => {
    await fc.assert(
      fc.asyncProperty(callArb, async (c) => {
        const call = await requireCall(getDb(), writeCall(c), manager);
        expect(await loadCallFormLocks(getDb(), call.id)).toEqual(await oldCallFormLocks(getDb(), call, manager));
      }),
      { ...RUNS, numRuns: 40 },
    );
  });
});

describe("the portfolio's lean reads on a call of over 500 proposals", () => {
  it("pre-fill every proposal's feedback when asked for more than an IN list holds", async () => {
    const proposals = Array.from({ length: 600 }, (_, i) => ({
      status: i % 7 === 0 ? "draft" : "submitted",
      title: `Proposal ${i}`,
      grant: "100000",
      domain: "batteries",
      rdCategory: "",
      trlStart: String(1 + (i % 9)),
      lead: `Lead ${i % 13}`,
      partners: [],
      submittedAt: i % 4,
      assignments: [0, 1, 2].map((assessor) => ({
        assessor: (assessor + i) % 6,
        removed: (i + assessor) % 11 === 0,
        conflict: (i + assessor) % 9 === 0 ? "conflict" : null,
        assessment: (i + assessor) % 5 === 0 ? null : { status: (i + assessor) % 8 === 0 ? "draft" : "submitted", scores: CRITERIA.map(() => String(i % 11)), feedback: `Feedback ${i}/${assessor}`, submittedAt: assessor % 2 },
      })),
    })) as GeneratedCall["proposals"];
    const call = await requireCall(getDb(), writeCall({ joint: false, required: 2, budget: 5_000_000, threshold: 50, proposals }), manager);
    const ids = submittedIds(call.id);
    expect(ids.length).toBeGreaterThan(500);
    const lean = await loadPrefilledFeedback(getDb(), call, ids, manager);
    expect(lean).toEqual(await oldPrefilledFeedback(getDb(), call, ids, manager));
    expect([...lean.values()].filter((f) => f !== "").length).toBeGreaterThan(400);
    expect(candidatesOf(await loadPortfolioSource(getDb(), call))).toEqual(candidatesOf(await oldPortfolioSource(getDb(), call)));
  });
});

describe("the scenario job's input", () => {
  it("is the instance the whole-call read gave, for a saved scenario", async () => {
    const c = fc.sample(callArb.filter((g) => !g.joint && g.proposals.length > 3), { numRuns: 1, seed: 7 })[0]!;
    const call = await requireCall(getDb(), writeCall(c), manager);
    const settings = { budget: 400_000, qualityMeasure: "raw" as const, rules: [], pins: [], exclusions: [] };
    const { id } = getSqlite()
      .prepare("INSERT INTO portfolio_scenarios (call_id, name, budget, quality_measure, rules, pins, exclusions, created_by, updated_at) VALUES (?, 'Generated', ?, 'raw', '[]', '[]', '[]', ?, ?) RETURNING id")
      .get(call.id, settings.budget, manager.id, Date.now()) as { id: number };
    const input = await PORTFOLIO_JOB.input(call.id, String(id));
    expect(input).toEqual(instanceOf(settings, candidatesOf(await oldPortfolioSource(getDb(), call))));
    expect(input.candidates.length).toBeGreaterThan(0);
  });
});
