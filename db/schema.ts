import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const ROLES = ["bidder", "assessor", "manager"] as const;
export type Role = (typeof ROLES)[number];

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

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
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

export const calls = sqliteTable("calls", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  title: text("title").notNull(),
  description: text("description").notNull().default(""),
  opensAt: integer("opens_at", { mode: "timestamp_ms" }).notNull(),
  closesAt: integer("closes_at", { mode: "timestamp_ms" }).notNull(),
  assessmentDueAt: integer("assessment_due_at", { mode: "timestamp_ms" }).notNull(),
  budget: integer("budget").notNull(),
  assessorsRequired: integer("assessors_required").notNull().default(3),
  overallThreshold: integer("overall_threshold").notNull().default(0),
  decisionsReleasedAt: integer("decisions_released_at", { mode: "timestamp_ms" }),
  createdAt: createdAt(),
});

export const PROPOSAL_STATUSES = ["draft", "submitted"] as const;
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
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("proposals_owner_idx").on(t.ownerId), index("proposals_call_idx").on(t.callId)],
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
  },
  (t) => [index("audit_call_idx").on(t.callId)],
);

export type UserRow = typeof users.$inferSelect;
export type CallRow = typeof calls.$inferSelect;
export type ProposalRow = typeof proposals.$inferSelect;
