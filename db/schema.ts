import { sql } from "drizzle-orm";
import { blob, index, integer, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { DECLINE_REASONS, INVITATION_STATUSES } from "../lib/domain/invitations";
import type { ProposalChoice } from "../lib/domain/portfolio-optimiser/model";
import { QUALITY_MEASURES, type BalanceRule } from "../lib/domain/portfolio-optimiser/rules";
import { AGENCY_KINDS } from "../lib/domain/agencies";
import type { ScoreBand } from "../lib/domain/rubric";
import type { AssessmentFormValues } from "../lib/validation/assessment";

export const ROLES = ["bidder", "assessor", "manager"] as const;
export type Role = (typeof ROLES)[number];

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

/**
 * Funding agencies: one home agency (the UK funder, created by the migration) and any number of
 * partner agencies. Budgets and grants are whole units of the agency's currency.
 */
export const agencies = sqliteTable(
  "agencies",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: AGENCY_KINDS }).notNull(),
    name: text("name").notNull(),
    /** ISO 3166-1 alpha-2. */
    country: text("country").notNull(),
    /** ISO 4217 (lib/domain/agencies.ts CURRENCIES). */
    currency: text("currency").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("agencies_name_unique").on(t.name),
    // There is exactly one home agency.
    uniqueIndex("agencies_one_home").on(t.kind).where(sql`kind = 'home'`),
  ],
);

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    role: text("role", { enum: ROLES }).notNull(),
    organisation: text("organisation").notNull().default(""),
    country: text("country").notNull().default(""),
    /** JSON array of technology-domain ids (assessors' expertise). */
    expertise: text("expertise", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    /**
     * Copied into the session token at sign-in and compared on every request: bumping it (sign-out,
     * "sign out everywhere", a password change, disabling) ends every session issued before.
     */
    sessionVersion: integer("session_version").notNull().default(1),
    /** Set while a manager has disabled the account: it cannot sign in and its sessions end. */
    disabledAt: integer("disabled_at", { mode: "timestamp_ms" }),
    /** Staff (managers, assessors) belong to exactly one agency; bidders to none (triggers enforce it). */
    agencyId: integer("agency_id").references((): AnySQLiteColumn => agencies.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email), index("users_agency_idx").on(t.agencyId)],
);

/**
 * Failed sign-ins, registrations and set-password attempts per key ("signin:email:…",
 * "signin:ip:…", …), kept in SQLite so the throttle survives a restart (lib/server/throttle.ts).
 */
export const authThrottle = sqliteTable("auth_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lastFailureAt: integer("last_failure_at", { mode: "timestamp_ms" }).notNull(),
  lockedUntil: integer("locked_until", { mode: "timestamp_ms" }),
});

export const calls = sqliteTable("calls", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  title: text("title").notNull(),
  description: text("description").notNull().default(""),
  opensAt: integer("opens_at", { mode: "timestamp_ms" }).notNull(),
  closesAt: integer("closes_at", { mode: "timestamp_ms" }).notNull(),
  assessmentDueAt: integer("assessment_due_at", { mode: "timestamp_ms" }).notNull(),
  /** The home agency's budget, whole pounds. */
  budget: integer("budget").notNull(),
  /** Home-agency assessors needed per proposal. */
  assessorsRequired: integer("assessors_required").notNull().default(3),
  overallThreshold: integer("overall_threshold").notNull().default(0),
  decisionsReleasedAt: integer("decisions_released_at", { mode: "timestamp_ms" }),
  /** The manager lets a lottery decide among proposals "too close to call" (lib/domain/calibration/lottery.ts). */
  lotteryEnabled: integer("lottery_enabled", { mode: "boolean" }).notNull().default(false),
  /** Set on a joint call: the partner agency. A home-only call leaves the partner columns null. */
  partnerAgencyId: integer("partner_agency_id").references(() => agencies.id),
  /** The partner agency's budget, whole units of its currency. */
  partnerBudget: integer("partner_budget"),
  /** Partner-agency assessors needed per proposal. */
  partnerAssessorsRequired: integer("partner_assessors_required"),
  /** Partner currency units per pound, fixed for the call and used only to show equivalents. */
  exchangeRate: real("exchange_rate"),
  createdAt: createdAt(),
});

export const PROPOSAL_STATUSES = ["draft", "submitted"] as const;

/**
 * The answer fields a manager's row of a submitted proposal shows (title, money, domain, R&D
 * category, TRL, lead and partners), each indexed as `answers -> path` in
 * `proposals_submitted_rows_idx`. A query selecting exactly these expressions for submitted
 * proposals is answered from the index. Changing the list needs a migration (npm run db:generate).
 */
export const PROPOSAL_ROW_FIELDS = [
  "$.project.title",
  "$.project.domainId",
  "$.project.rdCategory",
  "$.project.trlStart",
  "$.project.grantRequested",
  "$.project.partnerGrantRequested",
  "$.project.totalCost",
  "$.consortium.leadName",
  "$.consortium.partners",
] as const;

export const PROPOSAL_ROWS_INDEX = "proposals_submitted_rows_idx";

/** What a ranking reads of each submitted assessment, indexed as `values -> path` in `assessments_submitted_scores_idx`. */
export const ASSESSMENT_SCORE_FIELDS = ["$.scores", "$.inScope"] as const;
export const ASSESSMENT_SCORES_INDEX = "assessments_submitted_scores_idx";
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const proposals = sqliteTable(
  "proposals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    callId: integer("call_id")
      .notNull()
      .references(() => calls.id),
    ownerId: integer("owner_id")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: PROPOSAL_STATUSES }).notNull().default("draft"),
    /** The answers, keyed by section then question (see lib/domain/proposal/questions.ts). */
    answers: text("answers", { mode: "json" }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
    /** Incremented on every write; a save based on an older version is refused as a conflict. */
    version: integer("version").notNull().default(1),
    /** The id of the autosave that wrote this version (null after any other write): makes saves idempotent. */
    lastSaveId: text("last_save_id"),
    /**
     * Task keys the bidder answered "Yes, I've completed this section" for (see
     * lib/domain/proposal/tasks.ts); "No, I'll come back later" removes the key.
     */
    completedTasks: text("completed_tasks", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("proposals_owner_idx").on(t.ownerId),
    index("proposals_call_idx").on(t.callId),
    // Managers' rows of a call's submitted proposals, read from this index alone: the few answer
    // fields they show, as JSON, so no answer document is read or parsed (lib/server/manage/call-data.ts).
    index(PROPOSAL_ROWS_INDEX)
      .on(t.callId, t.submittedAt, t.updatedAt, ...PROPOSAL_ROW_FIELDS.map((path) => sql`${t.answers} -> ${sql.raw(`'${path}'`)}`))
      .where(sql`${t.status} = 'submitted'`),
  ],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorId: integer("actor_id").references(() => users.id),
    action: text("action").notNull(),
    callId: integer("call_id").references(() => calls.id),
    proposalId: integer("proposal_id").references(() => proposals.id),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
    /** The actor's agency when the entry was written (null for bidders and the system). */
    actorAgencyId: integer("actor_agency_id").references(() => agencies.id),
  },
  (t) => [index("audit_call_idx").on(t.callId)],
);

/** A call's rubric: its own copy of the criteria, so each call can set weights and thresholds. */
export const rubricCriteria = sqliteTable(
  "rubric_criteria",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    callId: integer("call_id")
      .notNull()
      .references(() => calls.id),
    position: integer("position").notNull(),
    key: text("key").notNull(),
    title: text("title").notNull(),
    source: text("source").notNull().default(""),
    guidance: text("guidance", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    scaleMin: integer("scale_min").notNull(),
    scaleMax: integer("scale_max").notNull(),
    bands: text("bands", { mode: "json" }).$type<ScoreBand[]>().notNull(),
    /** Percent, whole number; a call's weights add up to 100. */
    weight: integer("weight").notNull(),
    threshold: real("threshold"),
  },
  (t) => [uniqueIndex("rubric_call_key_unique").on(t.callId, t.key)],
);

export const CONFLICT_DECLARATIONS = ["none", "conflict"] as const;

/**
 * An assessor assigned to a proposal. Rows are never deleted: unassigning sets removedAt (so a
 * started draft stays on record), and a declared conflict ends the assignment for the assessor.
 */
export const assignments = sqliteTable(
  "assignments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id),
    assessorId: integer("assessor_id")
      .notNull()
      .references(() => users.id),
    assignedBy: integer("assigned_by").references(() => users.id),
    /** null until the assessor declares, before seeing the proposal. */
    conflictDeclaration: text("conflict_declaration", { enum: CONFLICT_DECLARATIONS }),
    conflictDetails: text("conflict_details").notNull().default(""),
    declaredAt: integer("declared_at", { mode: "timestamp_ms" }),
    removedAt: integer("removed_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("assignments_proposal_assessor_unique").on(t.proposalId, t.assessorId),
    index("assignments_assessor_idx").on(t.assessorId),
  ],
);

export const ASSESSMENT_STATUSES = ["draft", "submitted"] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export const assessments = sqliteTable("assessments", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  assignmentId: integer("assignment_id")
    .notNull()
    .unique()
    .references(() => assignments.id),
  status: text("status", { enum: ASSESSMENT_STATUSES }).notNull().default("draft"),
  /** Scores as typed, texts, recommendation and confidence (lib/validation/assessment.ts). */
  values: text("values", { mode: "json" }).$type<AssessmentFormValues>().notNull(),
  version: integer("version").notNull().default(1),
  /** The id of the autosave that wrote this version (null after any other write). */
  lastSaveId: text("last_save_id"),
  submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  createdAt: createdAt(),
}, (t) => [
  // The scores and in-scope answer of submitted assessments, read from this index alone when a
  // call is ranked: no assessment's texts are read or parsed (lib/server/manage/call-data.ts).
  index(ASSESSMENT_SCORES_INDEX)
    .on(t.assignmentId, ...ASSESSMENT_SCORE_FIELDS.map((path) => sql`${t.values} -> ${sql.raw(`'${path}'`)}`))
    .where(sql`${t.status} = 'submitted'`),
]);

export const DECISION_OUTCOMES = ["fund", "reserve", "reject"] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/**
 * An agency's decision on a proposal, recorded by one of its managers; bidders see it only once
 * the call's decisions are released. A home-only call has the home agency's decision only; a joint
 * call one per agency (the joint outcome is computed, lib/domain/joint.ts).
 */
export const decisions = sqliteTable(
  "decisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id),
    outcome: text("outcome", { enum: DECISION_OUTCOMES }).notNull(),
    feedback: text("feedback").notNull(),
    decidedBy: integer("decided_by")
      .notNull()
      .references(() => users.id),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("decisions_proposal_agency_unique").on(t.proposalId, t.agencyId)],
);

/** On a joint call, each agency confirms the release; decisions are released once both have. */
export const releaseConfirmations = sqliteTable(
  "release_confirmations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    callId: integer("call_id")
      .notNull()
      .references(() => calls.id),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id),
    confirmedBy: integer("confirmed_by")
      .notNull()
      .references(() => users.id),
    confirmedAt: integer("confirmed_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("release_confirmations_call_agency_unique").on(t.callId, t.agencyId)],
);

/** One-time links a manager hands to a new account holder to set their password. */
export const passwordTokens = sqliteTable("password_tokens", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  userId: integer("user_id")
    .notNull()
    .references(() => users.id),
  /** SHA-256 of the token: the token itself is only ever shown once, to the manager. */
  tokenHash: text("token_hash").notNull().unique(),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  usedAt: integer("used_at", { mode: "timestamp_ms" }),
  createdAt: createdAt(),
});

export const JOB_STATUSES = ["queued", "running", "done", "failed"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * Long computations run in a worker thread (lib/server/jobs): one row per run, with its progress
 * while it runs and its result when done. `dataVersion` is the version of the call's data the run
 * was computed from; a result is stale once the call's data version differs.
 */
export const backgroundJobs = sqliteTable(
  "background_jobs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** A registered job kind (lib/server/jobs/registry.ts). */
    kind: text("kind").notNull(),
    callId: integer("call_id")
      .notNull()
      .references(() => calls.id),
    /** Tells apart several results of one kind on one call (e.g. a scenario); "" by default. */
    key: text("key").notNull().default(""),
    status: text("status", { enum: JOB_STATUSES }).notNull().default("queued"),
    /** 0–1. */
    progress: real("progress").notNull().default(0),
    message: text("message").notNull().default(""),
    dataVersion: text("data_version").notNull(),
    /** The computation's JSON result once done. */
    result: text("result", { mode: "json" }).$type<unknown>(),
    /** A plain message for the page when it failed (details go to the server log). */
    error: text("error"),
    requestedBy: integer("requested_by").references(() => users.id),
    createdAt: createdAt(),
    startedAt: integer("started_at", { mode: "timestamp_ms" }),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("background_jobs_call_kind_idx").on(t.callId, t.kind, t.key)],
);

/**
 * Each call's input version: a counter that SQLite triggers (hand-written in migration 0009, as
 * the agency triggers of 0007 are) raise on every write that changes an input of the calibration
 * or scenario jobs: the call's budgets, thresholds and required assessors; its rubric; a submitted
 * proposal's answers, status or submission time; an assignment's assessor, removal or conflict
 * when it holds a submitted assessment; a submitted assessment's scores or in-scope answer, and
 * any change of status; the name of an assessor with a submitted assessment on the call.
 * `callDataVersion` (lib/server/jobs/data-version.ts) reads it by primary key. A call with no row
 * has had no such write yet (version 0).
 */
export const callDataVersions = sqliteTable("call_data_versions", {
  callId: integer("call_id")
    .primaryKey()
    .references(() => calls.id, { onDelete: "cascade" }),
  version: integer("version").notNull().default(0),
});

/**
 * Which proposal each raise of a call's input version concerns, written by the same triggers
 * (hand-written in migration 0010) in the same transaction: one row per proposal a bump touches,
 * or one row with a null proposal when the bump concerns the whole call (its settings, its rubric,
 * an assessor's name or agency). With it a remembered ranking that is behind only by a few
 * proposals' bumps re-reads just those proposals (lib/server/manage/ranking-memo.ts). The triggers
 * keep only the last versions of each call (CALL_DATA_CHANGES_KEPT); a gap means "read it all".
 */
export const callDataChanges = sqliteTable(
  "call_data_changes",
  {
    callId: integer("call_id")
      .notNull()
      .references(() => calls.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    /** Not a reference: a deleted proposal's id must stay in the log. */
    proposalId: integer("proposal_id"),
  },
  (t) => [index("call_data_changes_call_version_idx").on(t.callId, t.version)],
);

/**
 * A named what-if portfolio scenario for a call (issue 10): its own budget, balance rules, pins,
 * exclusions and quality measure. At most one per call is adopted. The last solve's outcome is
 * kept with the hash of the solver input it was computed from, so a stale plan is never shown
 * as current.
 */
export const portfolioScenarios = sqliteTable(
  "portfolio_scenarios",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    callId: integer("call_id")
      .notNull()
      .references(() => calls.id),
    name: text("name").notNull(),
    budget: integer("budget").notNull(),
    qualityMeasure: text("quality_measure", { enum: QUALITY_MEASURES }).notNull().default("raw"),
    rules: text("rules", { mode: "json" }).$type<BalanceRule[]>().notNull().default(sql`'[]'`),
    pins: text("pins", { mode: "json" }).$type<ProposalChoice[]>().notNull().default(sql`'[]'`),
    exclusions: text("exclusions", { mode: "json" }).$type<ProposalChoice[]>().notNull().default(sql`'[]'`),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    adoptedAt: integer("adopted_at", { mode: "timestamp_ms" }),
    adoptedBy: integer("adopted_by").references(() => users.id),
    /** SHA-256 of the solver input the stored outcome was computed from. */
    resultInputHash: text("result_input_hash"),
    /** The solve (lib/server/solver/portfolio.ts PortfolioSolve); checked when read back. */
    result: text("result", { mode: "json" }).$type<unknown>(),
    solvedAt: integer("solved_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("portfolio_scenarios_call_name_unique").on(t.callId, t.name), index("portfolio_scenarios_call_idx").on(t.callId)],
);

export type PortfolioScenarioRow = typeof portfolioScenarios.$inferSelect;

export const LOTTERY_STATUSES = ["committed", "drawn", "superseded"] as const;
export type LotteryStatus = (typeof LOTTERY_STATUSES)[number];

/**
 * A funding lottery among a call's proposals "too close to call". Committed: the seed's SHA-256
 * is in the audit log, the seed is kept here unrevealed. Drawn: the seed is revealed (audit log)
 * with the drawn order. Superseded: redone, with the reason.
 */
export const lotteries = sqliteTable(
  "lotteries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    callId: integer("call_id")
      .notNull()
      .references(() => calls.id),
    status: text("status", { enum: LOTTERY_STATUSES }).notNull().default("committed"),
    /** 64 hexadecimal characters; shown to nobody until the draw. */
    seed: text("seed").notNull(),
    seedSha256: text("seed_sha256").notNull(),
    /** The group, sorted by proposal id. */
    entries: text("entries", { mode: "json" }).$type<{ id: number; grantRequested: number }[]>().notNull(),
    /** The budget left after the proposals in the "fund" zone. */
    remainingBudget: integer("remaining_budget").notNull(),
    drawOrder: text("draw_order", { mode: "json" }).$type<number[]>(),
    funded: text("funded", { mode: "json" }).$type<number[]>(),
    reserve: text("reserve", { mode: "json" }).$type<number[]>(),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    drawnAt: integer("drawn_at", { mode: "timestamp_ms" }),
    supersededAt: integer("superseded_at", { mode: "timestamp_ms" }),
    redoReason: text("redo_reason"),
  },
  (t) => [index("lotteries_call_idx").on(t.callId)],
);

/** What a call asks bidders to upload (lib/domain/appendices.ts has the defaults and the checks). */
export const appendixSlots = sqliteTable(
  "appendix_slots",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    callId: integer("call_id")
      .notNull()
      .references(() => calls.id),
    position: integer("position").notNull(),
    key: text("key").notNull(),
    name: text("name").notNull(),
    hint: text("hint").notNull().default(""),
    required: integer("required", { mode: "boolean" }).notNull().default(true),
    /** File types by content (lib/domain/appendices.ts FILE_TYPES); PDF by default. */
    allowedTypes: text("allowed_types", { mode: "json" }).$type<string[]>().notNull().default(sql`'["pdf"]'`),
    maxBytes: integer("max_bytes").notNull().default(10 * 1024 * 1024),
    maxFiles: integer("max_files").notNull().default(1),
    /** Complete only with at least one file per international partner (letters of support). */
    perPartner: integer("per_partner", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [uniqueIndex("appendix_slots_call_key_unique").on(t.callId, t.key)],
);

/**
 * Uploaded appendices, kept in the database itself (a backup of the SQLite file includes them).
 * Rows are deleted when the bidder removes or replaces a file before submission.
 */
export const appendixFiles = sqliteTable(
  "appendix_files",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id),
    slotId: integer("slot_id")
      .notNull()
      .references(() => appendixSlots.id),
    /** The name the bidder's computer gave it, cleaned for display and download. */
    filename: text("filename").notNull(),
    /** Detected from the content (magic bytes), never from the name. */
    fileType: text("file_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    content: blob("content", { mode: "buffer" }).notNull(),
    uploadedBy: integer("uploaded_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("appendix_files_proposal_idx").on(t.proposalId)],
);

/** A manager's invitation to an assessor to assess a call's proposals, and the answer. */
export const invitations = sqliteTable(
  "invitations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    callId: integer("call_id")
      .notNull()
      .references(() => calls.id),
    assessorId: integer("assessor_id")
      .notNull()
      .references(() => users.id),
    invitedBy: integer("invited_by")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: INVITATION_STATUSES }).notNull().default("invited"),
    /** Set when accepting: the most proposals of this call they will take (null: no limit). */
    maxProposals: integer("max_proposals"),
    declineReason: text("decline_reason", { enum: DECLINE_REASONS }),
    declineDetails: text("decline_details").notNull().default(""),
    invitedAt: integer("invited_at", { mode: "timestamp_ms" }).notNull(),
    respondedAt: integer("responded_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("invitations_call_assessor_unique").on(t.callId, t.assessorId),
    index("invitations_assessor_idx").on(t.assessorId),
  ],
);

export type AppendixSlotRow = typeof appendixSlots.$inferSelect;
export type AppendixFileRow = typeof appendixFiles.$inferSelect;
export type InvitationRow = typeof invitations.$inferSelect;
export type AgencyRow = typeof agencies.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type RubricCriterionRow = typeof rubricCriteria.$inferSelect;
export type AssignmentRow = typeof assignments.$inferSelect;
export type AssessmentRow = typeof assessments.$inferSelect;
export type DecisionRow = typeof decisions.$inferSelect;
export type CallRow = typeof calls.$inferSelect;
export type ProposalRow = typeof proposals.$inferSelect;
export type BackgroundJobRow = typeof backgroundJobs.$inferSelect;
export type LotteryRow = typeof lotteries.$inferSelect;
