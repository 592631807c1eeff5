/**
 * Managers' screens ask SQLite for what they show (lib/server/manage/call-data.ts loadRankingData,
 * lib/server/manage/overview.ts). The rule of which assessments count moved into SQL, and answer
 * fields are read from an index instead of whole documents, so on fuzzed random calls (fast-check,
 * seeded) the lean reads must give exactly what the full read and lib/domain/ranking.ts give: the
 * ranking rows, the three rankings of a joint call, the overview's counts and a drill-down's position.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getDb, getSqlite } from "@/db/client";
import { copyRubricToCall } from "@/db/rubrics";
import { DEFAULT_RUBRIC } from "@/lib/domain/rubric";
import { readyToRank } from "@/lib/domain/ranking";
import { getCallOverview } from "@/lib/server/manage/calls-admin";
import {
  assessorsRequiredFor,
  countsTowardRanking,
  hasDeclaredConflict,
  isActive,
  loadCallData,
  loadRankingData,
  rankCall,
  rankJoint,
  requireCall,
} from "@/lib/server/manage/call-data";
import { getProposalReview } from "@/lib/server/manage/review";
import { matchesFilters } from "@/lib/domain/portfolio";
import { filterOptions, getCallRanking, RANKING_PAGE_SIZE, rankedRows, rankingOptions } from "@/lib/server/manage/ranking";
import { rankingFiltersSchema } from "@/lib/validation/manage";
import type { Actor } from "@/lib/server/users";
import { setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

const DAY = 86_400_000;
const NOW = new Date("2026-06-01T12:00:00Z");
const DOMAINS = ["batteries", "hydrogen-fuel-cells", "digital-twins", "robotics", "no-such-domain", ""];
const COUNTRIES = ["KR", "JP", "DE", "GB", "US", "", "kr"];
const CRITERIA = DEFAULT_RUBRIC.map((c) => c.key);

const scoreArb = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 10 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom("", " 7 ", "11", "-1", "6.5", "x") },
);
const assessmentArb = fc.record({
  status: fc.constantFrom("draft", "submitted", "submitted", "submitted"),
  scores: fc.tuple(...CRITERIA.map(() => scoreArb)),
  inScope: fc.constantFrom("yes", "yes", "no", ""),
  submittedAt: fc.integer({ min: 0, max: 5 }),
});
const assignmentArb = fc.record({
  assessor: fc.nat({ max: 7 }),
  removed: fc.boolean(),
  conflict: fc.constantFrom(null, "none", "none", "conflict"),
  assessment: fc.option(assessmentArb, { freq: 4 }),
});
const proposalArb = fc.record({
  status: fc.constantFrom("draft", "submitted", "submitted", "submitted", "submitted"),
  title: fc.constantFrom("Batteries at scale", "  Padded title  ", "", "Twin"),
  grant: fc.constantFrom("100000", "£250,000", "", "abc", "40000"),
  partnerGrant: fc.constantFrom("300000000", "", "5"),
  domain: fc.constantFrom(...DOMAINS),
  rdCategory: fc.constantFrom("industrial-research", "experimental-development", ""),
  lead: fc.constantFrom("UK Lead Ltd", "  Spaced Lead  ", ""),
  partners: fc.array(fc.record({ organisation: fc.constantFrom("Partner A", "Partner B", ""), country: fc.constantFrom(...COUNTRIES) }), { maxLength: 3 }),
  submittedAt: fc.integer({ min: 0, max: 3 }),
  assignments: fc.uniqueArray(assignmentArb, { maxLength: 6, selector: (a) => a.assessor }),
  decision: fc.constantFrom(null, "fund", "reserve", "reject"),
  partnerDecision: fc.constantFrom(null, "fund", "reject"),
  /** Answers stored in a shape the form would not save (older data, a hand edit): both reads must agree on them too. */
  oddity: fc.constantFrom(null, null, null, "numeric-money", "partners-object", "partner-not-object", "no-consortium", "title-number", "country-number", "domain-array"),
});

/** The stored answers of a fuzzed proposal, bent into the shape its oddity names. */
function storedAnswers(p: FuzzProposal): Record<string, Record<string, unknown>> {
  const project: Record<string, unknown> = { title: p.title, grantRequested: p.grant, partnerGrantRequested: p.partnerGrant, domainId: p.domain, rdCategory: p.rdCategory, summary: "Long text not read" };
  const partners: unknown[] = p.partners.map((x) => ({ ...x, type: "sme", role: "", share: "10" }));
  const consortium: Record<string, unknown> = { leadName: p.lead, partners };
  switch (p.oddity) {
    case "numeric-money":
      project.grantRequested = 120_000;
      project.partnerGrantRequested = 7;
      break;
    case "partners-object":
      consortium.partners = { organisation: "Partner A", country: "KR" };
      break;
    case "partner-not-object":
      partners.push("Partner C", null, 42);
      break;
    case "no-consortium":
      return { project };
    case "title-number":
      project.title = 1234;
      consortium.leadName = ["UK Lead Ltd"];
      break;
    case "country-number":
      partners.push({ organisation: "Partner D", country: 82 });
      break;
    case "domain-array":
      project.domainId = ["batteries"];
      project.rdCategory = { key: "industrial-research" };
      break;
  }
  return { project, consortium };
}
const callArb = fc.record({
  joint: fc.boolean(),
  required: fc.integer({ min: 1, max: 3 }),
  partnerRequired: fc.integer({ min: 1, max: 2 }),
  budget: fc.constantFrom(0, 150_000, 400_000, 10_000_000),
  threshold: fc.constantFrom(0, 40, 50),
  overdue: fc.boolean(),
  proposals: fc.array(proposalArb, { maxLength: 10 }),
});
type FuzzCall = typeof callArb extends fc.Arbitrary<infer T> ? T : never;
type FuzzProposal = FuzzCall["proposals"][number];

let sequence = 0;
interface World {
  home: { id: number };
  partner: { id: number };
  managers: { home: Actor; partner: Actor };
  /** Assessors 0–3 belong to the home agency, 4–7 to the partner agency. */
  assessors: number[];
}
let world: World | null = null;

function setUp(): World {
  if (world) return world;
  const sqlite = getSqlite();
  getDb();
  const home = sqlite.prepare("SELECT id FROM agencies WHERE kind = 'home'").get() as { id: number };
  const partner = sqlite.prepare("INSERT INTO agencies (kind, name, country, currency) VALUES ('partner', 'Fuzz Partner', 'KR', 'KRW') RETURNING id").get() as { id: number };
  const user = sqlite.prepare("INSERT INTO users (email, name, role, organisation, agency_id) VALUES (?, ?, ?, 'Org', ?) RETURNING id");
  const manager = (agency: { id: number }, kind: "home" | "partner"): Actor => {
    const { id } = user.get(`manager-${kind}@fuzz.test`, `Manager ${kind}`, "manager", agency.id) as { id: number };
    return { id, email: `manager-${kind}@fuzz.test`, name: `Manager ${kind}`, organisation: "Org", role: "manager", agency: { id: agency.id, kind } } as unknown as Actor;
  };
  const assessors = Array.from({ length: 8 }, (_, i) => (user.get(`assessor${i}@fuzz.test`, `Assessor ${i}`, "assessor", i < 4 ? home.id : partner.id) as { id: number }).id);
  world = { home, partner, managers: { home: manager(home, "home"), partner: manager(partner, "partner") }, assessors };
  return world;
}

/** Writes one fuzzed call straight into the database; returns its id. */
function writeCall(c: FuzzCall): number {
  const w = setUp();
  const sqlite = getSqlite();
  const closes = NOW.getTime() - 10 * DAY;
  const { id: callId } = sqlite
    .prepare(
      `INSERT INTO calls (title, opens_at, closes_at, assessment_due_at, budget, assessors_required, overall_threshold, partner_agency_id, partner_budget, partner_assessors_required, exchange_rate)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    )
    .get(
      `Fuzz call ${++sequence}`,
      closes - 60 * DAY,
      closes,
      NOW.getTime() + (c.overdue ? -DAY : DAY),
      c.budget,
      c.required,
      c.threshold,
      c.joint ? w.partner.id : null,
      c.joint ? c.budget * 1000 : null,
      c.joint ? c.partnerRequired : null,
      c.joint ? 1600 : null,
    ) as { id: number };
  copyRubricToCall(getDb(), callId, DEFAULT_RUBRIC);
  const owner = (sqlite.prepare("INSERT INTO users (email, name, role) VALUES (?, 'Bidder', 'bidder') RETURNING id").get(`bidder${sequence}@fuzz.test`) as { id: number }).id;
  for (const p of c.proposals) {
    const answers = storedAnswers(p);
    const at = closes - DAY + p.submittedAt * 1000;
    const { id: proposalId } = sqlite
      .prepare("INSERT INTO proposals (call_id, owner_id, status, answers, submitted_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")
      .get(callId, owner, p.status, JSON.stringify(answers), p.status === "submitted" ? at : null, at) as { id: number };
    for (const a of p.assignments) {
      const { id: assignmentId } = sqlite
        .prepare("INSERT INTO assignments (proposal_id, assessor_id, conflict_declaration, conflict_details, removed_at) VALUES (?, ?, ?, ?, ?) RETURNING id")
        .get(proposalId, w.assessors[a.assessor], a.conflict, a.conflict === "conflict" ? "Worked with them" : "", a.removed ? closes : null) as { id: number };
      if (a.assessment) {
        const values = {
          inScope: a.assessment.inScope,
          inScopeComment: "",
          scores: Object.fromEntries(CRITERIA.map((k, i) => [k, a.assessment!.scores[i]])),
          justifications: {},
          bidderFeedback: "Feedback",
          privateComment: "Private",
          recommendation: "fund",
          confidence: "high",
        };
        const sub = closes + a.assessment.submittedAt * 1000;
        sqlite
          .prepare('INSERT INTO assessments (assignment_id, status, "values", submitted_at, updated_at) VALUES (?, ?, ?, ?, ?)')
          .run(assignmentId, a.assessment.status, JSON.stringify(values), a.assessment.status === "submitted" ? sub : null, sub);
      }
    }
    const decide = sqlite.prepare("INSERT INTO decisions (proposal_id, agency_id, outcome, feedback, decided_by, decided_at) VALUES (?, ?, ?, '', ?, ?)");
    if (p.decision) decide.run(proposalId, w.home.id, p.decision, w.managers.home.id, NOW.getTime());
    if (c.joint && p.partnerDecision) decide.run(proposalId, w.partner.id, p.partnerDecision, w.managers.partner.id, NOW.getTime());
  }
  return callId;
}

const viewersOf = (c: FuzzCall) => (c.joint ? [setUp().managers.home, setUp().managers.partner] : [setUp().managers.home]);
const RUNS = { numRuns: 60, seed: 20261126 };
const FILTERS = [{}, { domain: "batteries" }, { country: "kr" }, { theme: "net-zero" }, { fit: "listed" }, { rdCategory: "industrial-research" }];

describe("lean ranking reads on fuzzed calls", () => {
  it("give exactly the full read's ranking rows, joint rankings and counted assessments", async () => {
    await fc.assert(
      fc.asyncProperty(callArb, async (c) => {
        const callId = writeCall(c);
        for (const viewer of viewersOf(c)) {
          const call = await requireCall(getDb(), callId, viewer);
          const [lean, full] = [await loadRankingData(getDb(), call, viewer), await loadCallData(getDb(), call, viewer, { full: true })];
          expect(lean.counted).toEqual(full.counted);
          expect(lean.proposals).toEqual(full.proposals.map(({ id, title, submittedAt, grantRequested, partnerGrantRequested, leadOrganisation, facts }) => ({ id, title, submittedAt, grantRequested, partnerGrantRequested, leadOrganisation, facts })));
          expect(rankedRows(lean)).toEqual(rankedRows(full));
          if (c.joint) expect(rankJoint(lean)).toEqual(rankJoint(full));
          // The page's frame offers the filter choices from two fields alone; the full read's rows give the same.
          expect(await filterOptions(getDb(), callId)).toEqual(rankingOptions(full.proposals.map((p) => p.facts)));
          // The ranking page (its ranking remembered for the call's data version, read at most once
          // here) shows the full read's rows, counts and funding line, with and without filters.
          const all = rankedRows(full);
          for (const raw of FILTERS) {
            const filters = rankingFiltersSchema.parse(raw);
            const page = (await getCallRanking(viewer, callId, filters, 1, NOW))!;
            const shown = all.ranked.filter((r) => matchesFilters(r.facts, filters));
            expect(page.page.rows).toEqual(shown.slice(0, RANKING_PAGE_SIZE));
            expect(page.shownAwaiting).toEqual(all.awaiting.filter((r) => matchesFilters(r.facts, filters)));
            expect(page.counts).toEqual({ ranked: all.ranked.length, awaiting: all.awaiting.length, shownRanked: shown.length });
            const within = all.ranked.filter((r) => r.withinBudget);
            expect(page.funding).toEqual({ budget: call.budget, passing: all.ranked.filter((r) => r.passes).length, withinBudget: within.length, allocated: within.reduce((s, r) => s + r.grantRequested, 0) });
          }
        }
      }),
      RUNS,
    );
  });

  it("count the overview's assessments, rankings and decisions as the full read does", async () => {
    await fc.assert(
      fc.asyncProperty(callArb, async (c) => {
        const callId = writeCall(c);
        for (const viewer of viewersOf(c)) {
          const call = await requireCall(getDb(), callId, viewer);
          const full = await loadCallData(getDb(), call, viewer, { full: true });
          const overview = (await getCallOverview(viewer, callId, NOW))!;
          // The overview's rules, computed from every row of the full read.
          const own = full.assignments.filter((a) => a.sameAgency);
          const active = own.filter(isActive);
          const scoring = active.filter((a) => !hasDeclaredConflict(a));
          const required = assessorsRequiredFor(call, viewer);
          const titleOf = new Map(full.proposals.map((p) => [p.id, p.title]));
          const outcomes = [...full.decisions.values()].map((d) => d.outcome);
          const ranked = c.joint
            ? rankCall(full).ranked.length
            : full.proposals.filter((p) => readyToRank(full.assignments.filter((a) => a.proposalId === p.id && countsTowardRanking(a)).length, call.assessorsRequired)).length;
          expect(overview.proposals).toEqual({ submitted: full.proposals.length, draft: full.draftProposals });
          expect(overview.assessments).toEqual({
            notStarted: scoring.filter((a) => a.assessment === null).length,
            draft: scoring.filter((a) => a.assessment?.status === "draft").length,
            submitted: scoring.filter((a) => a.assessment?.status === "submitted").length,
            conflictDeclared: active.filter(hasDeclaredConflict).length,
            required: full.proposals.length * required,
            unfilled: full.proposals.reduce((sum, p) => sum + Math.max(0, required - scoring.filter((a) => a.proposalId === p.id).length), 0),
          });
          expect(overview.ranking).toEqual({ ranked, awaiting: full.proposals.length - ranked });
          expect(overview.overdue).toEqual(
            c.overdue
              ? scoring
                  .filter((a) => a.assessment?.status !== "submitted")
                  .map((a) => ({ proposalId: a.proposalId, proposalTitle: titleOf.get(a.proposalId), assessorName: a.assessorName, status: a.assessment ? "draft" : "not started" }))
              : [],
          );
          expect(overview.conflicts).toEqual(
            own.filter(hasDeclaredConflict).map((a) => ({ proposalId: a.proposalId, proposalTitle: titleOf.get(a.proposalId), assessorName: a.assessorName, details: a.conflictDetails, declaredAt: a.declaredAt })),
          );
          expect(overview.decisions).toMatchObject({
            recorded: full.decisions.size,
            fund: outcomes.filter((o) => o === "fund").length,
            reserve: outcomes.filter((o) => o === "reserve").length,
            reject: outcomes.filter((o) => o === "reject").length,
            undecided: full.proposals.filter((p) => !full.decisions.has(p.id)).length,
          });
        }
      }),
      { ...RUNS, numRuns: 40 },
    );
  });

  it("place a drill-down's proposal exactly where the whole ranking does", async () => {
    await fc.assert(
      fc.asyncProperty(callArb.filter((c) => c.proposals.some((p) => p.status === "submitted")), fc.nat(), async (c, pick) => {
        const callId = writeCall(c);
        const viewer = setUp().managers.home;
        const full = await loadCallData(getDb(), await requireCall(getDb(), callId, viewer), viewer, { full: true });
        const target = full.proposals[pick % full.proposals.length]!;
        const review = (await getProposalReview(viewer, callId, target.id, NOW))!;
        const { ranked, awaiting } = rankedRows(full);
        const row = ranked.find((r) => r.id === target.id);
        expect(review.ranking).toEqual(row ? { kind: "ranked", row, of: ranked.length } : { kind: "awaiting", row: awaiting.find((r) => r.id === target.id) });
        expect(review.proposal.answers).toEqual(target.answers);
        const counted = full.assignments.filter((a) => a.proposalId === target.id && countsTowardRanking(a));
        expect(review.assessments.map((a) => a.assessmentId).sort()).toEqual(counted.map((a) => a.assessment!.id).sort());
      }),
      { ...RUNS, numRuns: 30 },
    );
  });
});
