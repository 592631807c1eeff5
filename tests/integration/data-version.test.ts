import { and, eq, isNull, ne } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { DEMO_CALLS, seedDemoData } from "@/db/seed";
import { assessments, assignments, auditLog, calls, proposals, rubricCriteria, users } from "@/db/schema";
import { callDataVersion } from "@/lib/server/jobs";
import { setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

/**
 * The staleness guarantee of issue 9 ("stored results are invalidated when a score changes"):
 * callDataVersion, a counter raised by SQLite triggers, must change on every write that changes
 * an input of the calibration or scenario jobs, and on no other. Each case writes one real row of
 * the seeded demo data in a real SQLite file.
 */
let ranked: number;
let other: number;

async function callId(title: string): Promise<number> {
  const [row] = await getDb().select({ id: calls.id }).from(calls).where(eq(calls.title, title));
  return row!.id;
}

/** A counted assessment of the ranked call (submitted, current assignment, no conflict), with its assignment and proposal. */
async function countedAssessment(offset = 0) {
  const rows = await getDb()
    .select({ assessment: assessments, assignment: assignments })
    .from(assessments)
    .innerJoin(assignments, eq(assessments.assignmentId, assignments.id))
    .innerJoin(proposals, eq(assignments.proposalId, proposals.id))
    .where(and(eq(proposals.callId, ranked), eq(assessments.status, "submitted"), isNull(assignments.removedAt), ne(assignments.conflictDeclaration, "conflict")))
    .orderBy(assessments.id);
  return rows[offset]!;
}

async function submittedProposal() {
  const [row] = await getDb().select().from(proposals).where(and(eq(proposals.callId, ranked), eq(proposals.status, "submitted"))).orderBy(proposals.id).limit(1);
  return row!;
}

/** Runs a write and says whether the call's version changed. */
async function changes(write: () => Promise<unknown> | unknown, call = ranked): Promise<boolean> {
  const before = await callDataVersion(call);
  await write();
  return (await callDataVersion(call)) !== before;
}

beforeAll(async () => {
  await seedDemoData(getDb());
  ranked = await callId(DEMO_CALLS.ranked);
  other = await callId(DEMO_CALLS.portfolio);
});

describe("callDataVersion changes on every write to a calibration or scenario input", () => {
  it("reads one row: a call's version is a plain counter", async () => {
    expect(await callDataVersion(ranked)).toMatch(/^inputs-\d+$/);
    expect(await callDataVersion(999_999)).toBe("inputs-0");
  });

  it("the call's budget, threshold and required assessors", async () => {
    const db = getDb();
    const [call] = await db.select().from(calls).where(eq(calls.id, ranked));
    expect(await changes(() => db.update(calls).set({ budget: call!.budget + 1 }).where(eq(calls.id, ranked)).run())).toBe(true);
    expect(await changes(() => db.update(calls).set({ overallThreshold: call!.overallThreshold + 1 }).where(eq(calls.id, ranked)).run())).toBe(true);
    expect(await changes(() => db.update(calls).set({ assessorsRequired: call!.assessorsRequired + 1 }).where(eq(calls.id, ranked)).run())).toBe(true);
    expect(await changes(() => db.update(calls).set({ partnerBudget: 5 }).where(eq(calls.id, ranked)).run())).toBe(true);
    expect(await changes(() => db.update(calls).set({ budget: call!.budget, overallThreshold: call!.overallThreshold, assessorsRequired: call!.assessorsRequired, partnerBudget: null }).where(eq(calls.id, ranked)).run())).toBe(true);
  });

  it("the rubric: a weight, a threshold, a scale, a criterion added or removed", async () => {
    const db = getDb();
    const [criterion] = await db.select().from(rubricCriteria).where(eq(rubricCriteria.callId, ranked)).orderBy(rubricCriteria.position).limit(1);
    const c = criterion!;
    expect(await changes(() => db.update(rubricCriteria).set({ weight: c.weight + 1 }).where(eq(rubricCriteria.id, c.id)).run())).toBe(true);
    expect(await changes(() => db.update(rubricCriteria).set({ threshold: (c.threshold ?? 0) + 1 }).where(eq(rubricCriteria.id, c.id)).run())).toBe(true);
    expect(await changes(() => db.update(rubricCriteria).set({ scaleMax: c.scaleMax + 1 }).where(eq(rubricCriteria.id, c.id)).run())).toBe(true);
    expect(await changes(() => db.update(rubricCriteria).set({ weight: c.weight, threshold: c.threshold, scaleMax: c.scaleMax }).where(eq(rubricCriteria.id, c.id)).run())).toBe(true);
    const { id: _id, ...copy } = c;
    let added = 0;
    expect(await changes(() => (added = db.insert(rubricCriteria).values({ ...copy, key: "extra", position: 99 }).returning().get().id))).toBe(true);
    expect(await changes(() => db.delete(rubricCriteria).where(eq(rubricCriteria.id, added)).run())).toBe(true);
  });

  it("a submitted proposal's answers, its reopening and its submission", async () => {
    const db = getDb();
    const p = await submittedProposal();
    const answers = p.answers as { project: Record<string, unknown> };
    const renamed = { ...answers, project: { ...answers.project, title: `${String(answers.project.title)} (renamed)` } };
    expect(await changes(() => db.update(proposals).set({ answers: renamed, version: p.version + 1 }).where(eq(proposals.id, p.id)).run())).toBe(true);
    expect(await changes(() => db.update(proposals).set({ status: "draft", submittedAt: null }).where(eq(proposals.id, p.id)).run())).toBe(true);
    expect(await changes(() => db.update(proposals).set({ status: "submitted", submittedAt: p.submittedAt, answers: p.answers }).where(eq(proposals.id, p.id)).run())).toBe(true);
  });

  it("whether an assignment with a submitted assessment counts: removed, restored, a conflict declared", async () => {
    const db = getDb();
    const { assignment } = await countedAssessment();
    const now = new Date();
    expect(await changes(() => db.update(assignments).set({ removedAt: now }).where(eq(assignments.id, assignment.id)).run())).toBe(true);
    expect(await changes(() => db.update(assignments).set({ removedAt: null }).where(eq(assignments.id, assignment.id)).run())).toBe(true);
    expect(await changes(() => db.update(assignments).set({ conflictDeclaration: "conflict" }).where(eq(assignments.id, assignment.id)).run())).toBe(true);
    expect(await changes(() => db.update(assignments).set({ conflictDeclaration: assignment.conflictDeclaration }).where(eq(assignments.id, assignment.id)).run())).toBe(true);
  });

  it("a counted assessment's scores, in-scope answer, reopening and submission", async () => {
    const db = getDb();
    const { assessment } = await countedAssessment(1);
    const values = assessment.values;
    const [key] = Object.keys(values.scores);
    const rescored = { ...values, scores: { ...values.scores, [key!]: values.scores[key!] === "1" ? "2" : "1" } };
    expect(await changes(() => db.update(assessments).set({ values: rescored, version: assessment.version + 1 }).where(eq(assessments.id, assessment.id)).run())).toBe(true);
    expect(await changes(() => db.update(assessments).set({ values: { ...rescored, inScope: values.inScope === "no" ? "yes" : "no" } }).where(eq(assessments.id, assessment.id)).run())).toBe(true);
    expect(await changes(() => db.update(assessments).set({ status: "draft", submittedAt: null }).where(eq(assessments.id, assessment.id)).run())).toBe(true);
    expect(await changes(() => db.update(assessments).set({ status: "submitted", values, submittedAt: new Date() }).where(eq(assessments.id, assessment.id)).run())).toBe(true);
  });

  it("a counted assessor's name", async () => {
    const db = getDb();
    const { assignment } = await countedAssessment();
    const [u] = await db.select().from(users).where(eq(users.id, assignment.assessorId));
    expect(await changes(() => db.update(users).set({ name: `${u!.name} Jr` }).where(eq(users.id, u!.id)).run())).toBe(true);
    expect(await changes(() => db.update(users).set({ name: u!.name }).where(eq(users.id, u!.id)).run())).toBe(true);
  });
});

describe("callDataVersion does not change on writes that are no input", () => {
  it("a draft proposal's save, a draft assessment's save, a new assignment", async () => {
    const db = getDb();
    const p = await submittedProposal();
    const { id: _id, ...copy } = p;
    let draftId = 0;
    expect(await changes(() => (draftId = db.insert(proposals).values({ ...copy, status: "draft", submittedAt: null }).returning().get().id))).toBe(false);
    expect(await changes(() => db.update(proposals).set({ answers: { project: { title: "Typing…" } }, version: 2, updatedAt: new Date() }).where(eq(proposals.id, draftId)).run())).toBe(false);

    // A draft assessment on a call still in assessment: created, then saved again.
    const call = await callId(DEMO_CALLS.inAssessment);
    const [open] = await db
      .select({ assignment: assignments, assessmentId: assessments.id })
      .from(assignments)
      .innerJoin(proposals, eq(assignments.proposalId, proposals.id))
      .leftJoin(assessments, eq(assessments.assignmentId, assignments.id))
      .where(and(eq(proposals.callId, call), isNull(assessments.id)))
      .limit(1);
    const { values } = (await countedAssessment()).assessment;
    let draft = 0;
    expect(await changes(() => (draft = db.insert(assessments).values({ assignmentId: open!.assignment.id, status: "draft", values, updatedAt: new Date() }).returning().get().id), call)).toBe(false);
    const rescored = { ...values, scores: Object.fromEntries(Object.keys(values.scores).map((k) => [k, "3"])) };
    expect(await changes(() => db.update(assessments).set({ values: rescored, version: 2, lastSaveId: "save-1", updatedAt: new Date() }).where(eq(assessments.id, draft)).run(), call)).toBe(false);
    // A new assignment (no assessment on it yet).
    const [spare] = await db.select().from(proposals).where(and(eq(proposals.callId, call), eq(proposals.status, "submitted"))).limit(1);
    const [stranger] = await db.select().from(users).where(eq(users.email, "kiat-assessor1@demo.test"));
    expect(await changes(() => db.insert(assignments).values({ proposalId: spare!.id, assessorId: stranger!.id }).run(), call)).toBe(false);
  });

  it("a submitted assessment's texts, a removed assignment removed again, a declaration of no conflict", async () => {
    const db = getDb();
    const { assessment, assignment } = await countedAssessment(2);
    expect(await changes(() => db.update(assessments).set({ values: { ...assessment.values, bidderFeedback: "Clearer now." }, updatedAt: new Date() }).where(eq(assessments.id, assessment.id)).run())).toBe(false);
    expect(await changes(() => db.update(assignments).set({ conflictDeclaration: "none", conflictDetails: "Checked again." }).where(eq(assignments.id, assignment.id)).run())).toBe(false);
    expect(await changes(() => db.update(assignments).set({ removedAt: new Date(1) }).where(eq(assignments.id, assignment.id)).run())).toBe(true);
    expect(await changes(() => db.update(assignments).set({ removedAt: new Date(2) }).where(eq(assignments.id, assignment.id)).run())).toBe(false);
    expect(await changes(() => db.update(assignments).set({ removedAt: null }).where(eq(assignments.id, assignment.id)).run())).toBe(true);
  });

  it("the call's title, its lottery switch, a rubric's guidance, an assessor's email, the audit log", async () => {
    const db = getDb();
    expect(await changes(() => db.update(calls).set({ title: "Renamed call", lotteryEnabled: true, description: "New words" }).where(eq(calls.id, ranked)).run())).toBe(false);
    const [criterion] = await db.select().from(rubricCriteria).where(eq(rubricCriteria.callId, ranked)).limit(1);
    expect(await changes(() => db.update(rubricCriteria).set({ guidance: ["Read it twice."], source: "Elsewhere" }).where(eq(rubricCriteria.id, criterion!.id)).run())).toBe(false);
    const { assignment } = await countedAssessment();
    expect(await changes(() => db.update(users).set({ email: `renamed-${assignment.assessorId}@test.example` }).where(eq(users.id, assignment.assessorId)).run())).toBe(false);
    expect(await changes(() => db.insert(auditLog).values({ at: new Date(), action: "calibration.lottery_set", callId: ranked, detail: {} }).run())).toBe(false);
  });

  it("another call's writes leave this call's version alone", async () => {
    const db = getDb();
    const [call] = await db.select().from(calls).where(eq(calls.id, other));
    expect(await changes(() => db.update(calls).set({ budget: call!.budget + 1 }).where(eq(calls.id, other)).run(), ranked)).toBe(false);
    expect(await changes(() => db.update(calls).set({ budget: call!.budget }).where(eq(calls.id, other)).run(), other)).toBe(true);
  });
});
