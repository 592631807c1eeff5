import fs from "node:fs";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { loadCallRubric } from "@/db/rubrics";
import { DEMO_CALLS, DEMO_USERS, seedDemoData } from "@/db/seed";
import { assessments, assignments, auditLog, calls, proposals, users } from "@/db/schema";
import { verifyPassword } from "@/lib/crypto/password";
import { normaliseAnswers, proposalFacts } from "@/lib/domain/proposal/normalise";
import { rankProposals } from "@/lib/domain/ranking";
import { VALUE_CAPTURE_KEY, WIN_WIN_KEY } from "@/lib/domain/rubric";
import { strategicFit } from "@/lib/domain/report/strategic-fit";
import { assessmentSubmitSchema } from "@/lib/validation/assessment";
import { proposalSubmitSchema } from "@/lib/validation/proposal";
import { setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

const callByTitle = (title: string) => getDb().select().from(calls).where(eq(calls.title, title)).get()!;

describe("demo data", () => {
  it("creates the advertised accounts with the demo password, once", async () => {
    expect(await seedDemoData(getDb())).toBe(true);
    expect(await seedDemoData(getDb())).toBe(false);
    for (const u of DEMO_USERS) {
      const row = getDb().select().from(users).where(eq(users.email, u.email)).get();
      expect(row?.role).toBe(u.role);
      expect(await verifyPassword("tandem-demo", row?.passwordHash ?? null)).toBe(true);
    }
  });

  it("creates no account the README's demo-account table does not list", () => {
    const readme = fs.readFileSync("README.md", "utf8");
    const table = readme.slice(readme.indexOf("## Demo accounts"), readme.indexOf("## Configuration"));
    const listed = new Set([...table.matchAll(/`([a-z0-9-]+)@demo\.test`/g)].map((m) => m[1]!));
    // "`lead1@demo.test` … `lead6@demo.test`" lists the range between.
    const range = /`([a-z]+)(\d+)@demo\.test` … `\1(\d+)@demo\.test`/.exec(table);
    if (range) for (let i = Number(range[2]); i <= Number(range[3]); i++) listed.add(`${range[1]}${i}`);
    const seeded = getDb().select({ email: users.email }).from(users).all().map((u) => u.email);
    expect(seeded.length).toBeGreaterThan(0);
    for (const email of seeded) expect(listed, `${email} is not in the README`).toContain(email.replace("@demo.test", ""));
  });

  it("gives every call the default rubric and only complete, valid submitted proposals", async () => {
    for (const title of Object.values(DEMO_CALLS)) {
      const call = callByTitle(title);
      expect((await loadCallRubric(getDb(), call.id)).map((c) => c.weight).reduce((a, b) => a + b, 0)).toBe(100);
      for (const p of getDb().select().from(proposals).where(eq(proposals.callId, call.id)).all()) {
        if (p.status === "draft") continue; // the demo bidder's half-finished draft
        expect(proposalSubmitSchema.safeParse(p.answers).success).toBe(true);
      }
    }
    expect(callByTitle(DEMO_CALLS.open).closesAt.getTime()).toBeGreaterThan(Date.now() + 59 * 24 * 3600 * 1000);
  });

  it("fully assesses at least 12 proposals in the ranked call, with a meaningful spread", async () => {
    const call = callByTitle(DEMO_CALLS.ranked);
    const criteria = await loadCallRubric(getDb(), call.id);
    const rows = getDb()
      .select({ proposal: proposals, assessment: assessments })
      .from(assessments)
      .innerJoin(assignments, eq(assignments.id, assessments.assignmentId))
      .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
      .where(eq(proposals.callId, call.id))
      .all();
    for (const r of rows) expect(assessmentSubmitSchema(criteria).safeParse(r.assessment.values).success).toBe(true);
    const byProposal = new Map<number, typeof rows>();
    for (const r of rows) byProposal.set(r.proposal.id, [...(byProposal.get(r.proposal.id) ?? []), r]);
    const result = rankProposals(
      { criteria, assessorsRequired: call.assessorsRequired, overallThreshold: call.overallThreshold, budget: call.budget, valueCaptureKey: VALUE_CAPTURE_KEY, winWinKey: WIN_WIN_KEY },
      [...byProposal.values()].map((group) => ({
        id: group[0]!.proposal.id,
        title: "",
        submittedAt: group[0]!.proposal.submittedAt!,
        grantRequested: proposalFacts(normaliseAnswers(group[0]!.proposal.answers)).grantRequested,
        submittedAssessments: group.length,
        scores: group.flatMap((g) => Object.entries(g.assessment.values.scores).map(([criterionKey, s]) => ({ assessmentId: g.assessment.id, criterionKey, score: Number(s) }))),
      })),
    );
    expect(result.ranked.length).toBeGreaterThanOrEqual(12);
    expect(result.ranked.some((r) => !r.passes)).toBe(true);
    expect(result.ranked.some((r) => r.passes && r.withinBudget)).toBe(true);
    // The funding line skips a proposal that does not fit and takes a later, cheaper one.
    const firstMiss = result.ranked.findIndex((r) => r.passes && !r.withinBudget);
    expect(firstMiss).toBeGreaterThan(0);
    expect(result.ranked.slice(firstMiss).some((r) => r.withinBudget)).toBe(true);
    expect(result.ranked.some((r) => r.disagreements.length > 0)).toBe(true);
    expect(result.ranked.some((r) => r.failedThresholds.some((f) => f.criterionKey === VALUE_CAPTURE_KEY))).toBe(true);
    const fits = getDb().select().from(proposals).where(eq(proposals.callId, call.id)).all().map((p) => {
      const f = proposalFacts(normaliseAnswers(p.answers));
      return strategicFit(f.domainId, f.partnerCountries).level;
    });
    expect(new Set(fits).size).toBeGreaterThanOrEqual(2);
    const owner = getDb().select().from(users).where(eq(users.email, "bidder@demo.test")).get()!;
    expect(getDb().select().from(proposals).where(eq(proposals.ownerId, owner.id)).all().some((p) => p.callId === call.id)).toBe(true);
  });

  it("assigns each demo assessor unscored proposals in the call under assessment", () => {
    const call = callByTitle(DEMO_CALLS.inAssessment);
    const rows = getDb()
      .select({ assignment: assignments })
      .from(assignments)
      .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
      .where(eq(proposals.callId, call.id))
      .all();
    expect(rows.length).toBe(12);
    expect(rows.every((r) => r.assignment.conflictDeclaration === null)).toBe(true);
    expect(new Set(rows.map((r) => r.assignment.assessorId)).size).toBe(3);
  });

  it("leaves the audit trail of submissions, assignments and assessments in the ranked call", () => {
    const call = callByTitle(DEMO_CALLS.ranked);
    const actions = getDb().select().from(auditLog).where(eq(auditLog.callId, call.id)).all().map((r) => r.action);
    expect(actions.filter((a) => a === "proposal.submitted")).toHaveLength(14);
    expect(actions.filter((a) => a === "assignment.added")).toHaveLength(42);
    expect(actions.filter((a) => a === "assessment.submitted")).toHaveLength(42);
  });
});
