import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { loadCallRubric } from "@/db/rubrics";
import { seedDemoData } from "@/db/seed";
import { DEMO_JOINT_CALL_TITLE, DEMO_PARTNER_AGENCY, DEMO_PARTNER_USERS } from "@/db/seed-joint";
import { agencies, assessments, assignments, calls, proposals, users } from "@/db/schema";
import { verifyPassword } from "@/lib/crypto/password";
import { rankJointCall, type Panel } from "@/lib/domain/joint";
import { VALUE_CAPTURE_KEY, WIN_WIN_KEY } from "@/lib/domain/rubric";
import { normaliseAnswers, proposalFacts } from "@/lib/domain/proposal/normalise";
import { parseScore } from "@/lib/validation/assessment";
import { proposalSubmitSchemaFor } from "@/lib/validation/proposal";
import { setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

describe("joint-call demo data", () => {
  it("adds KIAT in won with its own manager and two assessors, all with the demo password", async () => {
    await seedDemoData(getDb());
    const kiat = getDb().select().from(agencies).where(eq(agencies.name, DEMO_PARTNER_AGENCY.name)).get()!;
    expect([kiat.kind, kiat.country, kiat.currency]).toEqual(["partner", "KR", "KRW"]);
    for (const u of DEMO_PARTNER_USERS) {
      const row = getDb().select().from(users).where(eq(users.email, u.email)).get()!;
      expect([row.role, row.agencyId]).toEqual([u.role, kiat.id]);
      expect(await verifyPassword("tandem-demo", row.passwordHash)).toBe(true);
    }
    expect(DEMO_PARTNER_USERS.filter((u) => u.role === "assessor")).toHaveLength(2);
  });

  it("has a joint UK–Korea call assessed by both panels, with a proposal the panels disagree on", async () => {
    const db = getDb();
    const call = db.select().from(calls).where(eq(calls.title, DEMO_JOINT_CALL_TITLE)).get()!;
    const kiat = db.select().from(agencies).where(eq(agencies.id, call.partnerAgencyId!)).get()!;
    const joint = { agencyName: kiat.name, country: kiat.country, countryName: "South Korea", currency: kiat.currency };
    const rubric = await loadCallRubric(db, call.id);
    const rows = db
      .select({ proposal: proposals, assessment: assessments, agencyId: users.agencyId })
      .from(assessments)
      .innerJoin(assignments, eq(assignments.id, assessments.assignmentId))
      .innerJoin(users, eq(users.id, assignments.assessorId))
      .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
      .where(eq(proposals.callId, call.id))
      .all();
    const byProposal = new Map<number, typeof rows>();
    for (const r of rows) byProposal.set(r.proposal.id, [...(byProposal.get(r.proposal.id) ?? []), r]);
    for (const group of byProposal.values()) {
      expect(proposalSubmitSchemaFor(joint).safeParse(group[0]!.proposal.answers).success).toBe(true);
    }
    const result = rankJointCall(
      {
        criteria: rubric,
        overallThreshold: call.overallThreshold,
        valueCaptureKey: VALUE_CAPTURE_KEY,
        winWinKey: WIN_WIN_KEY,
        budgets: { home: call.budget, partner: call.partnerBudget! },
        assessorsRequired: { home: call.assessorsRequired, partner: call.partnerAssessorsRequired! },
      },
      [...byProposal.values()].map((group) => {
        const facts = proposalFacts(normaliseAnswers(group[0]!.proposal.answers));
        return {
          id: group[0]!.proposal.id,
          title: facts.title,
          submittedAt: group[0]!.proposal.submittedAt!,
          grants: { home: facts.grantRequested, partner: facts.partnerGrantRequested },
          assessments: group.map((r) => ({
            assessmentId: r.assessment.id,
            panel: (r.agencyId === kiat.id ? "partner" : "home") as Panel,
            scores: rubric.map((c) => ({ criterionKey: c.key, score: parseScore(r.assessment.values.scores[c.key] ?? "", c)! })),
          })),
        };
      }),
    );
    expect(result.joint.ranked.length).toBeGreaterThanOrEqual(5);
    expect(result.home.awaiting).toEqual([]);
    expect(result.partner.awaiting).toEqual([]);
    expect(result.comparison.some((c) => c.disagreement.length > 0)).toBe(true);
    expect(result.comparison.some((c) => c.fundableByBoth)).toBe(true);
  });
});
