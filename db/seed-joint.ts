/**
 * Demo data for joint calls: the partner agency "Korea Institute for Advancement of Technology"
 * (KIAT, KRW) with its own manager and two assessors, and a closed UK–Korea joint call assessed by
 * both panels (two home and two KIAT assessors per proposal), with decisions still to make.
 * "Powder metallurgy for EV motor magnets" is the proposal the panels disagree on: the home panel
 * ranks it near the top and the KIAT panel fails it on value capture.
 */
import { sql } from "drizzle-orm";
import { rubricRows } from "./rubrics";
import { demoAnswers, demoAssessment, type DemoProposal } from "./demo-data";
import type { Db } from "./client";
import { agencies, assessments, assignments, auditLog, calls, proposals, rubricCriteria, users, type Role } from "./schema";
import { DEFAULT_RUBRIC } from "../lib/domain/rubric";

const DAY = 24 * 60 * 60 * 1000;

export const DEMO_PARTNER_AGENCY = {
  name: "Korea Institute for Advancement of Technology",
  country: "KR",
  currency: "KRW",
} as const;

export const DEMO_JOINT_CALL_TITLE = "UK–Korea advanced manufacturing joint call 2026";

export const DEMO_PARTNER_USERS: { email: string; name: string; role: Exclude<Role, "bidder">; organisation: string; country: string; expertise: string[] }[] = [
  { email: "kiat-manager@demo.test", name: "Ji-woo Kim", role: "manager", organisation: "Korea Institute for Advancement of Technology", country: "KR", expertise: [] },
  { email: "kiat-assessor1@demo.test", name: "Seo-yeon Lee", role: "assessor", organisation: "KAIST", country: "KR", expertise: ["batteries", "additive-manufacturing", "robotics"] },
  { email: "kiat-assessor2@demo.test", name: "Hyun-woo Choi", role: "assessor", organisation: "ETRI", country: "KR", expertise: ["ai-ml", "digital-twins", "power-electronics"] },
];

/** Won per pound, fixed for the demo call and used only to show equivalents. */
export const DEMO_EXCHANGE_RATE = 1750;

interface JointDemoProposal extends DemoProposal {
  /** Grant asked of KIAT, in won. */
  partnerGrant: number;
  /** How strong the KIAT panel finds it (drives its scores). */
  partnerQuality: number;
  partnerWeakValueCapture?: boolean;
}

const kr = (organisation: string, type: string, share: number) => ({ organisation, country: "KR", type, share });

export const JOINT_CALL_PROPOSALS: JointDemoProposal[] = [
  { title: "Dry-room free lithium-metal cell assembly", focus: "lithium-metal cell assembly without a dry room", domainId: "batteries", rdCategory: "production-technology", lead: { name: "Midlands Cell Works Ltd", type: "sme" }, partners: [kr("Hanbit Battery Materials Co.", "sme", 40)], totalCost: 800_000, grantRequested: 500_000, partnerGrant: 800_000_000, quality: 8.2, partnerQuality: 8.4 },
  { title: "Powder metallurgy for EV motor magnets", focus: "rare-earth-lean magnets for electric-vehicle motors by powder metallurgy", domainId: "electric-vehicles", rdCategory: "manufacturability", lead: { name: "Sheffield Magnetics Ltd", type: "sme" }, partners: [kr("Busan Magnet Technologies", "large-business", 45)], totalCost: 900_000, grantRequested: 550_000, partnerGrant: 1_000_000_000, quality: 8.0, partnerQuality: 5.2, partnerWeakValueCapture: true },
  { title: "Digital twins for shipyard block assembly", focus: "digital twins that schedule shipyard block assembly", domainId: "digital-twins", rdCategory: "manufacturing-enabling", lead: { name: "Clyde Marine Digital Ltd", type: "sme" }, partners: [kr("Ulsan Smart Shipbuilding Centre", "rto", 35)], totalCost: 700_000, grantRequested: 420_000, partnerGrant: 700_000_000, quality: 7.1, partnerQuality: 7.6 },
  { title: "Robotic inspection of battery welds", focus: "robotic vision inspection of battery tab welds", domainId: "robotics", rdCategory: "challenge-led", lead: { name: "Coventry Robotics Ltd", type: "sme" }, partners: [kr("Daejeon Vision Robotics", "sme", 35)], totalCost: 600_000, grantRequested: 360_000, partnerGrant: 600_000_000, quality: 6.6, partnerQuality: 6.9 },
  { title: "AI scheduling for semiconductor back-end lines", focus: "machine-learning scheduling of semiconductor packaging lines", domainId: "ai-ml", rdCategory: "manufacturing-enabling", lead: { name: "Newport Semiconductor Packaging Ltd", type: "large-business" }, partners: [kr("Korea Semiconductor Packaging Institute", "rto", 30)], totalCost: 750_000, grantRequested: 400_000, partnerGrant: 650_000_000, quality: 5.8, partnerQuality: 7.8 },
  { title: "Silicon carbide power module assembly", focus: "assembly processes for silicon carbide power modules", domainId: "power-electronics", rdCategory: "production-technology", lead: { name: "Cambridge Power Devices Ltd", type: "sme" }, partners: [kr("Gwangju Power Semiconductor Co.", "sme", 40)], totalCost: 650_000, grantRequested: 380_000, partnerGrant: 550_000_000, quality: 4.8, partnerQuality: 5.0 },
];

/** Adds KIAT, its staff and the joint call; call inside the demo seed's transaction. */
export function seedJointDemo(
  tx: Db,
  ctx: { now: Date; passwordHash: string; homeAssessorIds: [number, number]; homeManagerId: number; bidderIdFor: (index: number, p: DemoProposal) => number },
): void {
  const at = (days: number) => new Date(ctx.now.getTime() + days * DAY);
  const kiat = tx.insert(agencies).values({ kind: "partner", ...DEMO_PARTNER_AGENCY }).returning({ id: agencies.id }).get();
  const ids = new Map<string, number>();
  for (const u of DEMO_PARTNER_USERS) {
    ids.set(u.email, tx.insert(users).values({ ...u, passwordHash: ctx.passwordHash, agencyId: kiat.id }).returning({ id: users.id }).get().id);
  }
  const kiatManager = ids.get("kiat-manager@demo.test")!;
  const kiatAssessors = [ids.get("kiat-assessor1@demo.test")!, ids.get("kiat-assessor2@demo.test")!];
  const names = new Map(
    tx
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(sql`${users.id} in (${sql.join([...ctx.homeAssessorIds, ...kiatAssessors].map((i) => sql`${i}`), sql`, `)})`)
      .all()
      .map((u) => [u.id, u.name]),
  );

  const audit = (when: Date, actorId: number, action: string, callId: number, proposalId: number | null, detail: Record<string, unknown> = {}) =>
    tx
      .insert(auditLog)
      .values({ at: when, actorId, action, callId, proposalId, detail, actorAgencyId: sql`(select ${users.agencyId} from ${users} where ${users.id} = ${actorId})` })
      .run();

  const callId = tx
    .insert(calls)
    .values({
      title: DEMO_JOINT_CALL_TITLE,
      description:
        "A joint call of Innovate UK and the Korea Institute for Advancement of Technology: each agency funds the partners in its own country, both panels assess every proposal, and a project goes ahead only if both agencies fund it.",
      opensAt: at(-100),
      closesAt: at(-40),
      assessmentDueAt: at(-8),
      budget: 1_500_000,
      assessorsRequired: 2,
      overallThreshold: 50,
      partnerAgencyId: kiat.id,
      partnerBudget: 2_500_000_000,
      partnerAssessorsRequired: 2,
      exchangeRate: DEMO_EXCHANGE_RATE,
    })
    .returning({ id: calls.id })
    .get().id;
  tx.insert(rubricCriteria).values(rubricRows(callId, DEFAULT_RUBRIC)).run();
  audit(at(-101), ctx.homeManagerId, "call.created", callId, null, { title: DEMO_JOINT_CALL_TITLE });

  JOINT_CALL_PROPOSALS.forEach((p, i) => {
    const ownerId = ctx.bidderIdFor(i + 3, p);
    const submittedAt = at(-41 - i / 10);
    const answers = demoAnswers(p);
    answers.project!.partnerGrantRequested = String(p.partnerGrant);
    const proposalId = tx
      .insert(proposals)
      .values({ callId, ownerId, status: "submitted", answers, submittedAt, updatedAt: submittedAt })
      .returning({ id: proposals.id })
      .get().id;
    audit(submittedAt, ownerId, "proposal.submitted", callId, proposalId);

    const panels: [number[], number, DemoProposal][] = [
      [ctx.homeAssessorIds, ctx.homeManagerId, p],
      [kiatAssessors, kiatManager, { ...p, quality: p.partnerQuality, weakValueCapture: p.partnerWeakValueCapture }],
    ];
    for (const [assessorIds, managerId, view] of panels) {
      assessorIds.forEach((assessorId, a) => {
        const assignmentId = tx
          .insert(assignments)
          .values({ proposalId, assessorId, assignedBy: managerId, conflictDeclaration: "none", declaredAt: at(-35) })
          .returning({ id: assignments.id })
          .get().id;
        audit(at(-36), managerId, "assignment.added", callId, proposalId, { assessorId, assessorName: names.get(assessorId) });
        const assessedAt = at(-20 + a + i / 10);
        const assessmentId = tx
          .insert(assessments)
          .values({ assignmentId, status: "submitted", values: demoAssessment(view, i, a), submittedAt: assessedAt, updatedAt: assessedAt })
          .returning({ id: assessments.id })
          .get().id;
        audit(assessedAt, assessorId, "assessment.submitted", callId, proposalId, { assessmentId, assignmentId });
      });
    }
  });
}
