/**
 * A remembered ranking that is behind by a few proposals' changes is caught up by re-reading just
 * those proposals (lib/server/manage/ranking-memo.ts, call_data_changes of migration 0010). On a
 * real SQLite file, random sequences of the writes a call sees (scores saved, assessments
 * submitted, reopened or deleted, assessors unassigned or declaring a conflict, proposals
 * withdrawn, resubmitted or edited, budgets, thresholds and rubric changed, an assessor moving
 * agency, a write rolled back) must leave the manager seeing exactly the ranking a whole read
 * gives, after every step it looks at.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getDb, getSqlite } from "@/db/client";
import { CALL_DATA_CHANGES_KEPT, callDataVersionNow, changedProposalsSince } from "@/db/ranking-rows";
import { copyRubricToCall } from "@/db/rubrics";
import { transaction } from "@/db/transaction";
import { tallyInScope } from "@/lib/domain/in-scope";
import { DEFAULT_RUBRIC } from "@/lib/domain/rubric";
import { loadRankingData, rankCall, requireCall } from "@/lib/server/manage/call-data";
import { filterOptions } from "@/lib/server/manage/ranking";
import { getRankingFrame } from "@/lib/server/manage/ranking-frame";
import { rankedCall, rankedCallWithCurrentRows } from "@/lib/server/manage/ranking-memo";
import { rankingFiltersSchema } from "@/lib/validation/manage";
import type { Actor } from "@/lib/server/users";
import { setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

const DAY = 86_400_000;
const NOW = Date.parse("2026-06-01T12:00:00Z");
const CRITERIA = DEFAULT_RUBRIC.map((c) => c.key);
const ASSESSORS = 6;

const scoresArb = fc.tuple(...CRITERIA.map(() => fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 10 }).map(String) }, { weight: 1, arbitrary: fc.constantFrom("", "6.5", "x") })));
const inScopeArb = fc.constantFrom("yes", "yes", "no", "");
const titleArb = fc.constantFrom("Batteries at scale", "Twin", "", "Zinc");
const grantArb = fc.constantFrom("100000", "250000", "", "40000");
/** A proposal's domain and partner country: the ranking page's filter choices. */
const placeArb = fc.record({ domain: fc.constantFrom("batteries", "robotics", "digital-twins"), country: fc.constantFrom("KR", "JP", "") });
type Place = typeof placeArb extends fc.Arbitrary<infer T> ? T : never;

const initialArb = fc.record({
  joint: fc.boolean(),
  required: fc.integer({ min: 1, max: 3 }),
  budget: fc.constantFrom(0, 150_000, 400_000, 10_000_000),
  threshold: fc.constantFrom(0, 40, 50),
  proposals: fc.array(
    fc.record({
      title: titleArb,
      grant: grantArb,
      place: placeArb,
      submittedAt: fc.integer({ min: 0, max: 3 }),
      assessments: fc.uniqueArray(fc.record({ assessor: fc.nat({ max: ASSESSORS - 1 }), scores: scoresArb, inScope: inScopeArb, submitted: fc.boolean() }), {
        maxLength: 4,
        selector: (a) => a.assessor,
      }),
    }),
    { minLength: 1, maxLength: 8 },
  ),
});

/** One write; `look` says whether the manager opens the ranking after it (so changes also pile up unseen). */
const stepArb = fc.record({
  look: fc.boolean(),
  write: fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant("rescore"), pick: fc.nat(), scores: scoresArb, inScope: inScopeArb }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant("submit-or-reopen"), pick: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("assess"), pick: fc.nat(), assessor: fc.nat({ max: ASSESSORS - 1 }), scores: scoresArb, inScope: inScopeArb }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete-assessment"), pick: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("unassign-or-restore"), pick: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("conflict"), pick: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("withdraw-or-submit"), pick: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("edit-proposal"), pick: fc.nat(), title: titleArb, grant: grantArb, place: placeArb }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("new-proposal"), title: titleArb, grant: grantArb, place: placeArb }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("budget"), budget: fc.constantFrom(0, 150_000, 400_000, 10_000_000) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("required"), required: fc.integer({ min: 1, max: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("rubric"), criterion: fc.nat({ max: CRITERIA.length - 1 }), threshold: fc.constantFrom(null, 3, 5) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("assessor-agency"), assessor: fc.nat({ max: ASSESSORS - 1 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("call-title") }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("rolled-back"), pick: fc.nat(), scores: scoresArb }) },
  ),
});
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;
type Initial = typeof initialArb extends fc.Arbitrary<infer T> ? T : never;

interface World {
  home: number;
  partner: number;
  manager: Actor;
  assessors: number[];
  owner: number;
}
let world: World | null = null;
let sequence = 0;

function setUp(): World {
  if (world) return world;
  const sqlite = getSqlite();
  getDb();
  const { id: home } = sqlite.prepare("SELECT id FROM agencies WHERE kind = 'home'").get() as { id: number };
  const { id: partner } = sqlite.prepare("INSERT INTO agencies (kind, name, country, currency) VALUES ('partner', 'Patch Partner', 'KR', 'KRW') RETURNING id").get() as { id: number };
  const user = sqlite.prepare("INSERT INTO users (email, name, role, organisation, agency_id) VALUES (?, ?, ?, 'Org', ?) RETURNING id");
  const { id: managerId } = user.get("manager@patch.test", "Manager", "manager", home) as { id: number };
  const manager = { id: managerId, email: "manager@patch.test", name: "Manager", organisation: "Org", role: "manager", agency: { id: home, kind: "home" } } as unknown as Actor;
  const assessors = Array.from({ length: ASSESSORS }, (_, i) => (user.get(`assessor${i}@patch.test`, `Assessor ${i}`, "assessor", i % 2 === 0 ? home : partner) as { id: number }).id);
  const { id: owner } = sqlite.prepare("INSERT INTO users (email, name, role) VALUES ('bidder@patch.test', 'Bidder', 'bidder') RETURNING id").get() as { id: number };
  world = { home, partner, manager, assessors, owner };
  return world;
}

const valuesOf = (scores: readonly string[], inScope: string) =>
  JSON.stringify({ inScope, inScopeComment: "", scores: Object.fromEntries(CRITERIA.map((k, i) => [k, scores[i]])), justifications: {}, bidderFeedback: "", privateComment: "", recommendation: "fund", confidence: "high" });
const answersOf = (title: string, grant: string, place: Place = { domain: "batteries", country: "" }) =>
  JSON.stringify({
    project: { title, grantRequested: grant, domainId: place.domain },
    consortium: { leadName: "Lead Ltd", partners: place.country ? [{ organisation: "Partner Co", country: place.country, type: "sme", role: "", share: "10" }] : [] },
  });

/** Every write as the app makes it: one transaction, so the triggers raise the version and log it with the write. */
const write = (text: string, ...params: unknown[]) =>
  transaction(async () => {
    getSqlite()
      .prepare(text)
      .run(...params);
  });

function writeCall(c: Initial): number {
  const w = setUp();
  const sqlite = getSqlite();
  const closes = NOW - 10 * DAY;
  const { id: callId } = sqlite
    .prepare(
      `INSERT INTO calls (title, opens_at, closes_at, assessment_due_at, budget, assessors_required, overall_threshold, partner_agency_id, partner_budget, partner_assessors_required, exchange_rate)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    )
    .get(`Patch call ${++sequence}`, closes - 60 * DAY, closes, NOW + DAY, c.budget, c.required, c.threshold, c.joint ? w.partner : null, c.joint ? c.budget * 1000 : null, c.joint ? 1 : null, c.joint ? 1600 : null) as {
    id: number;
  };
  copyRubricToCall(getDb(), callId, DEFAULT_RUBRIC);
  for (const p of c.proposals) {
    const at = closes - DAY + p.submittedAt * 1000;
    const { id: proposalId } = sqlite
      .prepare("INSERT INTO proposals (call_id, owner_id, status, answers, submitted_at, updated_at) VALUES (?, ?, 'submitted', ?, ?, ?) RETURNING id")
      .get(callId, w.owner, answersOf(p.title, p.grant, p.place), at, at) as { id: number };
    for (const a of p.assessments) {
      const { id: assignmentId } = sqlite.prepare("INSERT INTO assignments (proposal_id, assessor_id, conflict_declaration) VALUES (?, ?, 'none') RETURNING id").get(proposalId, w.assessors[a.assessor]) as { id: number };
      const status = a.submitted ? "submitted" : "draft";
      sqlite.prepare('INSERT INTO assessments (assignment_id, status, "values", submitted_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(assignmentId, status, valuesOf(a.scores, a.inScope), a.submitted ? closes : null, closes);
    }
  }
  return callId;
}

const pick = <T>(rows: T[], n: number): T | undefined => (rows.length === 0 ? undefined : rows[n % rows.length]);

async function apply(callId: number, step: Step["write"]): Promise<void> {
  const sqlite = getSqlite();
  const w = setUp();
  const assessmentIds = () => (sqlite.prepare("SELECT s.id FROM assessments s JOIN assignments a ON a.id = s.assignment_id JOIN proposals p ON p.id = a.proposal_id WHERE p.call_id = ? ORDER BY s.id").all(callId) as { id: number }[]).map((r) => r.id);
  const assignmentIds = () => (sqlite.prepare("SELECT a.id FROM assignments a JOIN proposals p ON p.id = a.proposal_id WHERE p.call_id = ? ORDER BY a.id").all(callId) as { id: number }[]).map((r) => r.id);
  const proposalIds = () => (sqlite.prepare("SELECT id FROM proposals WHERE call_id = ? ORDER BY id").all(callId) as { id: number }[]).map((r) => r.id);
  switch (step.kind) {
    case "rescore": {
      const id = pick(assessmentIds(), step.pick);
      if (id !== undefined) await write('UPDATE assessments SET "values" = ? WHERE id = ?', valuesOf(step.scores, step.inScope), id);
      return;
    }
    case "submit-or-reopen": {
      const id = pick(assessmentIds(), step.pick);
      if (id !== undefined) await write("UPDATE assessments SET status = CASE status WHEN 'submitted' THEN 'draft' ELSE 'submitted' END, submitted_at = CASE status WHEN 'submitted' THEN NULL ELSE ? END WHERE id = ?", NOW, id);
      return;
    }
    case "assess": {
      const proposalId = pick(proposalIds(), step.pick);
      if (proposalId === undefined) return;
      await transaction(async () => {
        sqlite.prepare("INSERT INTO assignments (proposal_id, assessor_id, conflict_declaration) VALUES (?, ?, 'none') ON CONFLICT DO NOTHING").run(proposalId, w.assessors[step.assessor]);
        const { id } = sqlite.prepare("SELECT id FROM assignments WHERE proposal_id = ? AND assessor_id = ?").get(proposalId, w.assessors[step.assessor]) as { id: number };
        sqlite.prepare(`INSERT INTO assessments (assignment_id, status, "values", submitted_at, updated_at) VALUES (?, 'submitted', ?, ?, ?) ON CONFLICT DO NOTHING`).run(id, valuesOf(step.scores, step.inScope), NOW, NOW);
      });
      return;
    }
    case "delete-assessment": {
      const id = pick(assessmentIds(), step.pick);
      if (id !== undefined) await write("DELETE FROM assessments WHERE id = ?", id);
      return;
    }
    case "unassign-or-restore": {
      const id = pick(assignmentIds(), step.pick);
      if (id !== undefined) await write("UPDATE assignments SET removed_at = CASE WHEN removed_at IS NULL THEN ? ELSE NULL END WHERE id = ?", NOW, id);
      return;
    }
    case "conflict": {
      const id = pick(assignmentIds(), step.pick);
      if (id !== undefined) await write("UPDATE assignments SET conflict_declaration = CASE conflict_declaration WHEN 'conflict' THEN 'none' ELSE 'conflict' END, declared_at = ? WHERE id = ?", NOW, id);
      return;
    }
    case "withdraw-or-submit": {
      const id = pick(proposalIds(), step.pick);
      if (id !== undefined) await write("UPDATE proposals SET status = CASE status WHEN 'submitted' THEN 'draft' ELSE 'submitted' END, submitted_at = CASE status WHEN 'submitted' THEN NULL ELSE ? END WHERE id = ?", NOW - DAY, id);
      return;
    }
    case "edit-proposal": {
      const id = pick(proposalIds(), step.pick);
      if (id !== undefined) await write("UPDATE proposals SET answers = ? WHERE id = ?", answersOf(step.title, step.grant, step.place), id);
      return;
    }
    case "new-proposal":
      await write("INSERT INTO proposals (call_id, owner_id, status, answers, submitted_at, updated_at) VALUES (?, ?, 'submitted', ?, ?, ?)", callId, w.owner, answersOf(step.title, step.grant, step.place), NOW - DAY, NOW - DAY);
      return;
    case "budget":
      await write("UPDATE calls SET budget = ? WHERE id = ?", step.budget, callId);
      return;
    case "required":
      await write("UPDATE calls SET assessors_required = ? WHERE id = ?", step.required, callId);
      return;
    case "rubric":
      await write("UPDATE rubric_criteria SET threshold = ? WHERE call_id = ? AND key = ?", step.threshold, callId, CRITERIA[step.criterion]);
      return;
    case "assessor-agency":
      await write("UPDATE users SET agency_id = CASE agency_id WHEN ? THEN ? ELSE ? END WHERE id = ?", w.home, w.partner, w.home, w.assessors[step.assessor]);
      return;
    case "call-title":
      await write("UPDATE calls SET title = title || '.' WHERE id = ?", callId);
      return;
    case "rolled-back": {
      const id = pick(assessmentIds(), step.pick);
      if (id === undefined) return;
      await expect(
        transaction(async () => {
          sqlite.prepare('UPDATE assessments SET "values" = ?, status = \'submitted\' WHERE id = ?').run(valuesOf(step.scores, "no"), id);
          throw new Error("rolled back");
        }),
      ).rejects.toThrow("rolled back");
      return;
    }
  }
}

/** How many looks caught up from the change log rather than a whole read (the property must exercise it). */
let caughtUp = 0;
/** How many frames took their filter choices from a remembered ranking that was behind. */
let framesFromStaleRanking = 0;

/** What the manager sees from the remembered ranking equals a ranking of a whole read, done now. */
async function expectWholeRanking(callId: number, seen: { version: number; callRow: string } | null): Promise<{ version: number; callRow: string }> {
  const manager = setUp().manager;
  const call = await requireCall(getDb(), callId, manager);
  const version = await callDataVersionNow(getDb(), callId);
  const callRow = JSON.stringify(call);
  if (seen && seen.callRow === callRow && seen.version < version && (await changedProposalsSince(getDb(), callId, seen.version, version))) caughtUp++;

  // The page's frame comes first, before the ranking is caught up: its filter choices are those of the proposals now.
  if (call.partnerAgencyId === null) {
    if (seen && seen.version !== version && (await rankedCallWithCurrentRows(call))) framesFromStaleRanking++;
    expect((await getRankingFrame(manager, callId, rankingFiltersSchema.parse({})))!.options).toEqual(await filterOptions(getDb(), callId));
  }

  const remembered = await rankedCall(getDb(), call);
  const whole = await loadRankingData(getDb(), call, manager);
  expect(remembered.result).toEqual(rankCall(whole));
  expect([...remembered.proposals.values()]).toEqual(whole.proposals);
  expect(remembered.rubric).toEqual(whole.rubric);
  for (const p of whole.proposals) expect(remembered.inScope.get(p.id)).toEqual(tallyInScope(whole.counted.filter((a) => a.proposalId === p.id).map((a) => a.inScope)));
  remembered.result.ranked.forEach((r, i) => expect(remembered.rankIndex.get(r.id)).toBe(i));
  expect(remembered.rankIndex.size).toBe(remembered.result.ranked.length);
  return { version, callRow };
}

describe("a remembered ranking caught up from the change log", () => {
  it("equals a whole read's ranking after every step of random writes", async () => {
    await fc.assert(
      fc.asyncProperty(initialArb, fc.array(stepArb, { minLength: 1, maxLength: 20 }), async (initial, steps) => {
        const callId = writeCall(initial);
        let seen = await expectWholeRanking(callId, null);
        for (const step of steps) {
          await apply(callId, step.write);
          if (step.look) seen = await expectWholeRanking(callId, seen);
        }
        await expectWholeRanking(callId, seen);
      }),
      { numRuns: 80, seed: 20261207 },
    );
    // Most looks follow proposal-only writes: the property must have caught many up without a whole read.
    expect(caughtUp).toBeGreaterThan(100);
    expect(framesFromStaleRanking).toBeGreaterThan(20);
  });

  it("keeps a bounded log, and a ranking remembered from before it is read whole and still right", async () => {
    const callId = writeCall({ joint: false, required: 1, budget: 400_000, threshold: 0, proposals: [{ title: "Twin", grant: "100000", place: { domain: "robotics", country: "KR" }, submittedAt: 0, assessments: [{ assessor: 0, scores: CRITERIA.map(() => "5"), inScope: "yes", submitted: true }] }] });
    const seen = await expectWholeRanking(callId, null);
    const [assessment] = getSqlite().prepare("SELECT s.id FROM assessments s JOIN assignments a ON a.id = s.assignment_id JOIN proposals p ON p.id = a.proposal_id WHERE p.call_id = ?").all(callId) as { id: number }[];
    for (let i = 0; i < CALL_DATA_CHANGES_KEPT + 20; i++) await write('UPDATE assessments SET "values" = ? WHERE id = ?', valuesOf(CRITERIA.map(() => String(i % 11)), "yes"), assessment!.id);
    const logged = getSqlite().prepare("SELECT count(DISTINCT version) AS versions, min(version) AS oldest FROM call_data_changes WHERE call_id = ?").get(callId) as { versions: number; oldest: number };
    expect(logged.versions).toBe(CALL_DATA_CHANGES_KEPT);
    expect(logged.oldest).toBeGreaterThan(seen.version + 1);
    expect(await changedProposalsSince(getDb(), callId, seen.version, await callDataVersionNow(getDb(), callId))).toBeNull();
    const now = await expectWholeRanking(callId, seen);
    expect((await rankedCall(getDb(), await requireCall(getDb(), callId, setUp().manager))).result.ranked[0]!.criterionMeans[CRITERIA[0]!]).toBe((CALL_DATA_CHANGES_KEPT + 19) % 11);
    expect(now.version).toBe(seen.version + CALL_DATA_CHANGES_KEPT + 20);
  });
});
