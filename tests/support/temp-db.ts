/**
 * Integration-test support: a real SQLite file in a fresh temporary directory (never a mock),
 * and small factories for the rows the tests need.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { closeDb, getDb, getSqlite } from "@/db/client";
import { calls, type CallRow, type Role } from "@/db/schema";
import {
  PROPOSAL_SECTIONS,
  type AnswerValue,
  type PartnerRow,
  type ProposalAnswers,
  type Question,
  type SectionAnswers,
} from "@/lib/domain/proposal/questions";
import { createUser, type Actor } from "@/lib/server/users";

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface TempDatabase {
  /** The database file of this test file (set once beforeAll has run). */
  readonly file: string;
}

/**
 * Call at the top of a test file. Before the file's tests it points DATABASE_PATH at a new file in
 * a fresh temporary directory (migrations are applied by getDb() on first use); afterwards it
 * closes the connection and removes the directory.
 */
export function setupTempDatabase(): TempDatabase {
  let dir = "";
  let file = "";
  const previous = process.env.DATABASE_PATH;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-test-"));
    file = path.join(dir, "tandem.db");
    process.env.DATABASE_PATH = file;
    closeDb();
  });

  afterAll(() => {
    closeDb();
    if (previous === undefined) delete process.env.DATABASE_PATH;
    else process.env.DATABASE_PATH = previous;
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  return {
    get file() {
      return file;
    },
  };
}

let sequence = 0;
const unique = () => `${Date.now().toString(36)}-${process.pid}-${++sequence}`;

/** Every row of every table, as one string: a refused action can be shown to have changed nothing. */
export function databaseSnapshot(): string {
  const sqlite = getSqlite();
  const tables = sqlite.prepare("select name from sqlite_master where type = 'table' order by name").all() as { name: string }[];
  return JSON.stringify(tables.map((t) => [t.name, sqlite.prepare(`select * from "${t.name}"`).all()]));
}

export const TEST_PASSWORD = "correct-horse-battery-staple";

/** A user of the given role with a unique email, created through the real createUser. */
export function makeUser(
  role: Role,
  overrides: Partial<Omit<Parameters<typeof createUser>[0], "role">> = {},
): Promise<Actor> {
  const id = unique();
  return createUser({
    email: `${role}-${id}@test.example`,
    name: `Test ${role} ${id}`,
    password: TEST_PASSWORD,
    organisation: `Test ${role} organisation`,
    country: "GB",
    ...overrides,
    role,
  });
}

/** A call inserted straight into `calls`; by default open from yesterday until 30 days from now. */
export function makeCall(options: Partial<Omit<typeof calls.$inferInsert, "id">> = {}): CallRow {
  const now = Date.now();
  const opensAt = options.opensAt ?? new Date(now - DAY_MS);
  const closesAt = options.closesAt ?? new Date(now + 30 * DAY_MS);
  return getDb()
    .insert(calls)
    .values({
      title: `Test call ${unique()}`,
      budget: 1_000_000,
      assessmentDueAt: new Date(closesAt.getTime() + 30 * DAY_MS),
      ...options,
      opensAt,
      closesAt,
    })
    .returning()
    .get();
}

/** A call that closed yesterday (it opened 30 days ago). */
export function makeClosedCall(): CallRow {
  const now = Date.now();
  return makeCall({ opensAt: new Date(now - 30 * DAY_MS), closesAt: new Date(now - DAY_MS) });
}

// Values chosen for particular questions; every other question gets a generic valid answer.
const CHOSEN: Record<string, Record<string, AnswerValue>> = {
  project: {
    title: "Hydrogen fuel-cell stacks for heavy-duty vehicles",
    // Shortlisted with Germany in Table 6.2 ("Hydrogen: fuel cells": Germany, the US, Japan).
    domainId: "hydrogen-fuel-cells",
    trlStart: "3",
    trlEnd: "6",
    mrlStart: "4",
    mrlEnd: "7",
    durationMonths: "24",
    totalCost: "500000",
    grantRequested: "300000",
  },
  consortium: {
    leadName: "Northern Fuel Cells Ltd",
    leadType: "sme",
  },
  valueCapture: {
    pathways: ["ip-creation"],
  },
  risk: {
    ipAgreement: "heads-of-terms",
  },
};

export const COMPLETE_PARTNER: PartnerRow = {
  organisation: "Fraunhofer Institute for Solar Energy Systems",
  country: "DE",
  type: "rto",
  role: "Develops the membrane electrode assemblies and hosts the durability test rig.",
  share: "40",
};

function genericAnswer(question: Question, section: SectionAnswers): AnswerValue {
  switch (question.kind) {
    case "text":
      return `A ${question.label.toLowerCase()}`.slice(0, question.maxChars);
    case "longText": {
      if (question.askedWhen) {
        const selected = section[question.askedWhen.question];
        if (!Array.isArray(selected) || !(selected as unknown[]).includes(question.askedWhen.value)) return "";
      }
      const sentence = `Our answer to "${question.label}" explains the plan in a few plain words.`;
      return sentence.split(/\s+/).slice(0, question.maxWords).join(" ");
    }
    case "select":
      return question.options[0]!.value;
    case "integer":
      return String(question.min);
    case "money":
      return "1000";
    case "checklist":
      return question.options.slice(0, Math.max(1, question.minSelected)).map((o) => o.value);
    case "partners":
      return [{ ...COMPLETE_PARTNER }];
  }
}

/**
 * Answers to every question that pass proposalSubmitSchema, built from the question definitions
 * (so new questions are answered too). Each call returns a fresh, independent object.
 */
export function completeAnswers(): ProposalAnswers {
  const answers: ProposalAnswers = {};
  for (const section of PROPOSAL_SECTIONS) {
    const chosen = CHOSEN[section.key] ?? {};
    const target: SectionAnswers = {};
    // Checklists first, so the evidence questions they ask for can be answered.
    const ordered = [...section.questions].sort((a, b) => Number(b.kind === "checklist") - Number(a.kind === "checklist"));
    for (const q of ordered) {
      const value = chosen[q.key];
      target[q.key] = value !== undefined ? structuredClone(value) : genericAnswer(q, target);
    }
    answers[section.key] = Object.fromEntries(section.questions.map((q) => [q.key, target[q.key]!]));
  }
  return answers;
}
