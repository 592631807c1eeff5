import { count, eq, sql } from "drizzle-orm";
import { hashPassword } from "../lib/crypto/password";
import { DEFAULT_RUBRIC } from "../lib/domain/rubric";
import type { Db } from "./client";
import type { PartnerRow } from "../lib/domain/proposal/questions";
import {
  AWAITING_ASSIGNMENT_PROPOSALS,
  IN_ASSESSMENT_PROPOSALS,
  PORTFOLIO_CALL_PROPOSALS,
  RANKED_CALL_PROPOSALS,
  demoAnswers,
  demoAssessment,
  RANKED_CALL_HABITS,
  type DemoProposal,
} from "./demo-data";
import { createHash } from "node:crypto";
import { DEFAULT_APPENDIX_SLOTS, type AppendixSlot } from "../lib/domain/appendices";
import type { InvitationStatus, DeclineReason } from "../lib/domain/invitations";
import { slotRows } from "./appendix-slots";
import { makeDemoPdf } from "./demo-pdf";
import { rubricRows } from "./rubrics";
import { EACH_GROUP, ruleLabel, type BalanceRule } from "../lib/domain/portfolio-optimiser/rules";
import { seedJointDemo } from "./seed-joint";
import {
  agencies,
  appendixFiles,
  appendixSlots,
  assessments,
  assignments,
  auditLog,
  calls,
  invitations,
  portfolioScenarios,
  proposals,
  rubricCriteria,
  users,
  type Role,
} from "./schema";

export const DEMO_PASSWORD = "tandem-demo";
const DAY = 24 * 60 * 60 * 1000;

export const DEMO_USERS: { email: string; name: string; role: Role; organisation: string; country: string; expertise: string[] }[] = [
  { email: "bidder@demo.test", name: "Bea Bidder", role: "bidder", organisation: "Northern Composites Ltd", country: "GB", expertise: [] },
  { email: "assessor1@demo.test", name: "Ada Assessor", role: "assessor", organisation: "University of Leeds", country: "GB", expertise: ["additive-manufacturing", "graphene-2d-materials", "batteries"] },
  { email: "assessor2@demo.test", name: "Ben Assessor", role: "assessor", organisation: "Fraunhofer IPT", country: "DE", expertise: ["digital-twins", "robotics", "predictive-systems"] },
  { email: "assessor3@demo.test", name: "Cleo Assessor", role: "assessor", organisation: "A*STAR SIMTech", country: "SG", expertise: ["green-hydrogen-production", "hydrogen-fuel-cells", "ai-ml"] },
  { email: "manager@demo.test", name: "Mo Manager", role: "manager", organisation: "Innovate UK", country: "GB", expertise: [] },
];

/** Other applicants who own the demo proposals (same password; listed in the README too). */
const DEMO_LEADS = Array.from({ length: 6 }, (_, i) => ({
  email: `lead${i + 1}@demo.test`,
  name: `Demo Applicant ${i + 1}`,
  role: "bidder" as const,
  organisation: "",
  country: "GB",
  expertise: [],
}));

export const DEMO_OPEN_CALL_TITLE = "International R&I collaboration in advanced manufacturing and materials";

export const DEMO_CALLS = {
  open: DEMO_OPEN_CALL_TITLE,
  upcoming: "UK–Japan digital manufacturing partnerships 2027",
  ranked: "Net zero and industrial digitalisation partnerships 2026",
  inAssessment: "Advanced materials and clean energy collaboration 2026",
  awaitingAssignment: "Supply chain resilience collaboration 2026",
  portfolio: "Clean and digital manufacturing portfolio 2026",
} as const;

/**
 * The saved scenario on the portfolio call: two balance rules, each of which changes the plan and
 * costs quality (the rank-order line funds two proposals of one lead organisation and no net zero).
 */
export const DEMO_SCENARIO = {
  name: "Net zero share and one award per lead",
  budget: 2_000_000,
  rules: [
    { dimension: "theme", group: "net-zero", bound: "min", measure: "share", value: 30 },
    { dimension: "lead-organisation", group: EACH_GROUP, bound: "max", measure: "count", value: 1 },
  ] satisfies BalanceRule[],
} as const;

const DESCRIPTION =
  "Funding for UK-led research and innovation projects with international partners, in the technology domains and partner countries identified by the 2021 international benchmarking of advanced manufacturing and materials.";

/**
 * Whether `npm start` seeds demo data into an empty database. The demo accounts share a published
 * password, so with NODE_ENV=production they are seeded only when SEED_DEMO_DATA=true is given
 * explicitly, and then with a warning. Elsewhere they are seeded unless SEED_DEMO_DATA=false.
 */
export function shouldSeedDemoData(env: Record<string, string | undefined>): { seed: boolean; warning?: string } {
  if (env.NODE_ENV === "production") {
    if (env.SEED_DEMO_DATA !== "true") return { seed: false };
    return {
      seed: true,
      warning:
        "WARNING: SEED_DEMO_DATA=true with NODE_ENV=production: an empty database gets demo accounts whose password is published in the README. Never do this where real applicants can reach the app.",
    };
  }
  return { seed: env.SEED_DEMO_DATA !== "false" };
}

/** Demo data for a fresh database; does nothing when any user exists. */
export async function seedDemoData(db: Db, now = new Date()): Promise<boolean> {
  const existing = db.select({ n: count() }).from(users).get();
  if ((existing?.n ?? 0) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const at = (days: number) => new Date(now.getTime() + days * DAY);

  db.transaction((tx) => {
    const homeAgency = tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.kind, "home")).get()!;
    const ids = new Map<string, number>();
    const names = new Map<number, string>();
    for (const u of [...DEMO_USERS, ...DEMO_LEADS]) {
      const agencyId = u.role === "bidder" ? null : homeAgency.id;
      const row = tx.insert(users).values({ ...u, passwordHash, agencyId }).returning({ id: users.id }).get();
      ids.set(u.email, row.id);
      names.set(row.id, u.name);
    }
    const id = (email: string) => ids.get(email)!;
    const assessorIds = ["assessor1@demo.test", "assessor2@demo.test", "assessor3@demo.test"].map(id);
    const manager = id("manager@demo.test");

    const createCall = (
      title: string,
      window: { opens: number; closes: number; due: number },
      budget: number,
      slots: readonly AppendixSlot[] = DEFAULT_APPENDIX_SLOTS,
    ) => {
      const call = tx
        .insert(calls)
        .values({
          title,
          description: DESCRIPTION,
          opensAt: at(window.opens),
          closesAt: at(window.closes),
          assessmentDueAt: at(window.due),
          budget,
          assessorsRequired: 3,
          overallThreshold: 50,
        })
        .returning({ id: calls.id })
        .get();
      tx.insert(rubricCriteria).values(rubricRows(call.id, DEFAULT_RUBRIC)).run();
      if (slots.length > 0) tx.insert(appendixSlots).values(slotRows(call.id, slots)).run();
      return call.id;
    };

    // Appendices: a project plan and a letter from each partner, as small real PDFs.
    const attach = (callId: number, proposalId: number, p: DemoProposal, ownerId: number) => {
      const slots = tx.select().from(appendixSlots).where(eq(appendixSlots.callId, callId)).all();
      const put = (slotKey: string, filename: string, lines: string[]) => {
        const slot = slots.find((s) => s.key === slotKey);
        if (!slot) return;
        const content = makeDemoPdf(lines);
        tx.insert(appendixFiles)
          .values({
            proposalId,
            slotId: slot.id,
            filename,
            fileType: "pdf",
            sizeBytes: content.length,
            sha256: createHash("sha256").update(content).digest("hex"),
            content,
            uploadedBy: ownerId,
          })
          .run();
      };
      const stem = p.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
      put("project-plan", `${stem}-gantt-chart.pdf`, [
        `${p.title}: project plan`,
        "WP1 Requirements and design (months 1-6)",
        "WP2 Development with the international partner (months 4-18)",
        "WP3 Demonstration at a UK site (months 16-24)",
        "Milestones: M6 design review, M12 prototype, M24 demonstration",
      ]);
      for (const partner of p.partners) {
        put("letters-of-support", `letter-of-support-${partner.organisation.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}.pdf`, [
          `Letter of support from ${partner.organisation}`,
          `We confirm our role in "${p.title}" and commit named staff and facilities`,
          `for the full duration of the project, with ${partner.share}% of the effort.`,
        ]);
      }
    };

    // The audit trail the real actions would have left, so the demo calls' logs are not empty.
    const audit = (at: Date, actorId: number, action: string, callId: number, proposalId: number, detail: Record<string, unknown> = {}) =>
      tx
        .insert(auditLog)
        .values({ at, actorId, action, callId, proposalId, detail, actorAgencyId: sql`(select ${users.agencyId} from ${users} where ${users.id} = ${actorId})` })
        .run();

    const submit = (callId: number, p: DemoProposal, ownerEmail: string, submittedAt: Date) => {
      const proposalId = tx
        .insert(proposals)
        .values({ callId, ownerId: id(ownerEmail), status: "submitted", answers: demoAnswers(p), submittedAt, updatedAt: submittedAt })
        .returning({ id: proposals.id })
        .get().id;
      audit(submittedAt, id(ownerEmail), "proposal.submitted", callId, proposalId);
      attach(callId, proposalId, p, id(ownerEmail));
      return proposalId;
    };

    const assign = (callId: number, proposalId: number, assessorId: number, at: Date, declared: boolean) => {
      const assignmentId = tx
        .insert(assignments)
        .values({ proposalId, assessorId, assignedBy: manager, ...(declared ? { conflictDeclaration: "none" as const, declaredAt: at } : {}) })
        .returning({ id: assignments.id })
        .get().id;
      audit(at, manager, "assignment.added", callId, proposalId, { assessorId, assessorName: names.get(assessorId) });
      return assignmentId;
    };

    const ownerOf = (index: number, p: DemoProposal) =>
      p.lead.name === "Northern Composites Ltd" ? "bidder@demo.test" : `lead${(index % DEMO_LEADS.length) + 1}@demo.test`;

    // The open call also takes optional supporting documents (shown as "Not provided" when skipped).
    const open = createCall(DEMO_CALLS.open, { opens: -1, closes: 60, due: 90 }, 5_000_000, [
      ...DEFAULT_APPENDIX_SLOTS,
      {
        key: "supporting-documents",
        name: "Other supporting documents",
        hint: "For example a market study or test results, if they help assessors.",
        required: false,
        allowedTypes: ["pdf", "png", "jpeg"],
        maxBytes: 10 * 1024 * 1024,
        maxFiles: 3,
        perPartner: false,
      },
    ]);

    // Invitations in every state, each with the audit entries answering it would leave.
    const invite = (callId: number, assessorId: number, status: InvitationStatus, answer: { max?: number; reason?: DeclineReason; details?: string } = {}, days = -3) => {
      const invitedAt = at(days);
      const respondedAt = status === "invited" ? null : at(days + 1);
      tx.insert(invitations)
        .values({
          callId,
          assessorId,
          invitedBy: manager,
          status,
          maxProposals: answer.max ?? null,
          declineReason: answer.reason ?? null,
          declineDetails: answer.details ?? "",
          invitedAt,
          respondedAt,
        })
        .run();
      tx.insert(auditLog).values({ at: invitedAt, actorId: manager, action: "invitation.sent", callId, detail: { assessorId, assessorName: names.get(assessorId) } }).run();
      if (status === "accepted") {
        tx.insert(auditLog).values({ at: respondedAt!, actorId: assessorId, action: "invitation.accepted", callId, detail: { maxProposals: answer.max ?? null } }).run();
      } else if (status === "declined") {
        tx.insert(auditLog).values({ at: respondedAt!, actorId: assessorId, action: "invitation.declined", callId, detail: { reason: answer.reason, details: answer.details ?? "" } }).run();
      }
    };
    const [ada, ben, cleo] = assessorIds as [number, number, number];
    invite(open, ada, "invited");
    invite(open, ben, "declined", { reason: "time" });
    invite(open, cleo, "accepted", { max: 8 });

    /** Submits the proposals and has every demo assessor score each of them. */
    const submitAssessed = (callId: number, list: DemoProposal[], habits?: readonly number[]) =>
      list.forEach((p, i) => {
        const proposalId = submit(callId, p, ownerOf(i, p), at(-46 - (i % 5) * 3 + i / 100));
        assessorIds.forEach((assessorId, a) => {
          const assignmentId = assign(callId, proposalId, assessorId, at(-40), true);
          const submittedAt = at(-20 + a);
          const assessmentId = tx
            .insert(assessments)
            .values({ assignmentId, status: "submitted", values: demoAssessment(p, i, a, habits), submittedAt, updatedAt: submittedAt })
            .returning({ id: assessments.id })
            .get().id;
          audit(submittedAt, assessorId, "assessment.submitted", callId, proposalId, { assessmentId, assignmentId });
        });
      });

    // Closed and fully assessed: a ranking to read and decisions to make.
    const ranked = createCall(DEMO_CALLS.ranked, { opens: -120, closes: -45, due: -10 }, 2_800_000);
    for (const a of assessorIds) invite(ranked, a, "accepted", {}, -60);
    submitAssessed(ranked, RANKED_CALL_PROPOSALS, RANKED_CALL_HABITS);
    // Closed and assigned, not yet scored: each demo assessor has work to do.
    const inAssessment = createCall(DEMO_CALLS.inAssessment, { opens: -60, closes: -5, due: 25 }, 3_000_000);
    invite(inAssessment, ada, "accepted", {}, -20);
    invite(inAssessment, ben, "accepted", { max: 10 }, -20);
    invite(inAssessment, cleo, "accepted", {}, -20);
    IN_ASSESSMENT_PROPOSALS.forEach((p, i) => {
      const proposalId = submit(inAssessment, p, ownerOf(i + 1, p), at(-6 - i));
      for (const assessorId of assessorIds) assign(inAssessment, proposalId, assessorId, at(-4), false);
    });

    // Closed, nobody assigned yet: for automatic assignment.
    const awaiting = createCall(DEMO_CALLS.awaitingAssignment, { opens: -50, closes: -2, due: 40 }, 2_000_000);
    for (const a of assessorIds) invite(awaiting, a, "accepted", {}, -10);
    AWAITING_ASSIGNMENT_PROPOSALS.forEach((p, i) => submit(awaiting, p, ownerOf(i + 2, p), at(-3 - i / 10)));

    // Closed and fully assessed, built for balancing a portfolio, with one saved scenario.
    const portfolio = createCall(DEMO_CALLS.portfolio, { opens: -100, closes: -40, due: -8 }, 2_000_000);
    for (const a of assessorIds) invite(portfolio, a, "accepted", {}, -90);
    submitAssessed(portfolio, PORTFOLIO_CALL_PROPOSALS);

    // A saved portfolio scenario (issue 10); it is solved the first time it is viewed.
    const scenarioAt = at(-5);
    const scenarioId = tx
      .insert(portfolioScenarios)
      .values({ callId: portfolio, name: DEMO_SCENARIO.name, budget: DEMO_SCENARIO.budget, rules: [...DEMO_SCENARIO.rules], createdBy: manager, updatedAt: scenarioAt })
      .returning({ id: portfolioScenarios.id })
      .get().id;
    tx.insert(auditLog)
      .values({
        at: scenarioAt,
        actorId: manager,
        action: "scenario.created",
        callId: portfolio,
        detail: {
          scenarioId,
          name: DEMO_SCENARIO.name,
          budget: DEMO_SCENARIO.budget,
          qualityMeasure: "raw",
          rules: DEMO_SCENARIO.rules.map((r) => ruleLabel(r, DEMO_SCENARIO.budget)),
          pins: [],
          exclusions: [],
        },
      })
      .run();

    // Not open yet: assessors are invited ahead of time.
    const upcoming = createCall(DEMO_CALLS.upcoming, { opens: 20, closes: 110, due: 140 }, 3_000_000);
    invite(upcoming, ada, "invited");
    invite(upcoming, ben, "accepted");
    invite(upcoming, cleo, "declined", { reason: "other", details: "On sabbatical in Japan until the spring." });

    // A joint UK–Korea call with the partner agency KIAT, assessed by both panels.
    seedJointDemo(tx, {
      now,
      passwordHash,
      homeAssessorIds: [assessorIds[0]!, assessorIds[1]!],
      homeManagerId: manager,
      bidderIdFor: (index, p) => id(ownerOf(index, p)),
    });

    // Last, so the submitted proposals keep their ids (the pinned demo CSVs name them).
    seedBidderDraft(tx, open, id("bidder@demo.test"), at(-1));
  });
  return true;
}

/**
 * The demo bidder's half-finished draft on the open call, so the task list shows every status:
 * Project completed; Consortium marked completed before a second partner was half added ("There
 * is a problem"); Value capture and the project plan in progress; the rest not yet started; and
 * "Check your answers and submit" cannot start yet.
 */
function seedBidderDraft(tx: Pick<Db, "insert" | "select">, callId: number, ownerId: number, updatedAt: Date): void {
  const full = demoAnswers({
    title: "Recycled carbon fibre for automotive body panels",
    focus: "reclaiming and re-aligning carbon fibre from aerospace offcuts for automotive body panels",
    domainId: "remanufacturing",
    rdCategory: "manufacturability",
    lead: { name: "Northern Composites Ltd", type: "sme" },
    partners: [{ organisation: "Fraunhofer Institute for Chemical Technology", country: "DE", type: "rto", share: 35 }],
    totalCost: 800_000,
    grantRequested: 480_000,
    quality: 7,
  });
  const answers = {
    project: full.project!,
    consortium: {
      ...full.consortium!,
      partners: [
        ...(full.consortium!.partners as PartnerRow[]),
        { organisation: "Tohoku Composites Centre", country: "JP", type: "", role: "", share: "" },
      ],
    },
    valueCapture: { workforceSkillsCreation: full.valueCapture!.workforceSkillsCreation!, workforceSkillsCapture: "" },
  };
  const proposalId = tx
    .insert(proposals)
    .values({ callId, ownerId, status: "draft", answers, completedTasks: ["project", "consortium"], version: 7, updatedAt })
    .returning({ id: proposals.id })
    .get().id;
  const plan = tx.select().from(appendixSlots).where(eq(appendixSlots.callId, callId)).all().find((s) => s.key === "project-plan");
  if (plan) {
    const content = makeDemoPdf(["Recycled carbon fibre: draft project plan", "WP1 Fibre reclamation trials (months 1-9)", "Still to add: WP2 and WP3"]);
    tx.insert(appendixFiles)
      .values({
        proposalId,
        slotId: plan.id,
        filename: "draft-gantt-chart.pdf",
        fileType: "pdf",
        sizeBytes: content.length,
        sha256: createHash("sha256").update(content).digest("hex"),
        content,
        uploadedBy: ownerId,
      })
      .run();
  }
}
