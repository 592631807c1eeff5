/**
 * The benchmark's data: a closed call of 5,000 submitted proposals with realistic answers (every
 * question answered, long answers at about a third of their word limit), 3 submitted assessments
 * each from a pool of 500 assessors with balanced loads, plus an open call where 50 bidders hold
 * drafts (for the autosave figure). Written straight into a fresh SQLite file with prepared
 * statements, so building it takes seconds.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb, getDb, getSqlite } from "../../../db/client";
import { demoAnswers, demoAssessment, type DemoProposal } from "../../../db/demo-data";
import { copyRubricToCall } from "../../../db/rubrics";
import { hashPassword } from "../../../lib/crypto/password";
import { normaliseOrganisation } from "../../../lib/domain/assignment";
import { PROPOSAL_SECTIONS, type ProposalAnswers } from "../../../lib/domain/proposal/questions";
import { RD_CATEGORIES } from "../../../lib/domain/report/rd-categories";
import { SHORTLISTED_OPPORTUNITIES } from "../../../lib/domain/report/opportunities";
import { TECHNOLOGY_DOMAINS } from "../../../lib/domain/report/technology-domains";
import { DEFAULT_RUBRIC } from "../../../lib/domain/rubric";
import { mulberry32 } from "../../../lib/domain/mulberry32";

export interface LargeCallSize {
  proposals: number;
  assessors: number;
  assessorsPerProposal: number;
  bidders: number;
}

export const FULL_SIZE: LargeCallSize = { proposals: 5_000, assessors: 500, assessorsPerProposal: 3, bidders: 50 };

export interface LargeCall {
  dir: string;
  file: string;
  size: LargeCallSize;
  password: string;
  manager: { id: number; email: string; name: string; organisation: string; role: "manager"; agency: { id: number; kind: "home" } };
  closedCallId: number;
  openCallId: number;
  /** A proposal in the closed call, for the drill-down figure. */
  sampleProposalId: number;
  /** Bidders of the open call, each with one draft. */
  bidders: { email: string; proposalId: number }[];
  answersBytes: number;
  valuesBytes: number;
  buildSeconds: number;
}

const DAY = 86_400_000;


const WORDS =
  "the consortium will develop validate and scale a manufacturing process with partners who bring complementary capability test rigs data and skilled staff so that production moves to a UK site with suppliers apprenticeships and intellectual property held under a signed agreement that sets out rights duties funding publication and dispute resolution while key performance indicators track progress against milestones".split(
    " ",
  );

function prose(random: () => number, words: number, topic: string): string {
  const out: string[] = [`For ${topic},`];
  while (out.length < words) {
    const sentence = 8 + Math.floor(random() * 10);
    for (let i = 0; i < sentence && out.length < words; i++) out.push(WORDS[Math.floor(random() * WORDS.length)]!);
    out[out.length - 1] += ".";
  }
  return out.join(" ");
}

function longAnswers(random: () => number, p: DemoProposal): ProposalAnswers {
  const answers = demoAnswers(p);
  for (const section of PROPOSAL_SECTIONS) {
    const target = answers[section.key]!;
    for (const q of section.questions) {
      if (q.kind === "longText" && typeof target[q.key] === "string" && target[q.key] !== "") {
        target[q.key] = prose(random, Math.round(q.maxWords * (0.12 + random() * 0.12)), p.focus);
      }
    }
  }
  return answers;
}

const PARTNER_TYPES = ["university", "rto", "sme", "large-business"];
const LEAD_TYPES = ["sme", "large-business", "university", "rto"];

/** What `writeLargeCall` writes, and where its names come from. */
export interface LargeCallOptions {
  size: LargeCallSize;
  seed: number;
  /** Users are `manager@DOMAIN`, `assessorN@DOMAIN`, `bidderN@DOMAIN`. */
  emailDomain: string;
  /** The closed call's title; the open call (only when `size.bidders` > 0) is `Bench: open call`. */
  closedTitle: string;
  password: string;
  /** The last this many proposals get no assessors (a board with gaps to fill). Default 0. */
  awaitingAssessors?: number;
}

export type WrittenLargeCall = Pick<LargeCall, "manager" | "closedCallId" | "openCallId" | "sampleProposalId" | "bidders" | "answersBytes" | "valuesBytes">;

/** Builds the call into a new temporary SQLite file and points DATABASE_PATH at it. */
export async function buildLargeCall(size: LargeCallSize = FULL_SIZE, seed = 20_26): Promise<LargeCall> {
  const started = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-bench-"));
  const file = path.join(dir, "bench.db");
  process.env.DATABASE_PATH = file;
  closeDb();
  const password = "bench-password-not-secret";
  const written = await writeLargeCall({ size, seed, emailDomain: "bench.test", closedTitle: "Bench: large closed call", password });
  return { dir, file, size, password, ...written, buildSeconds: (performance.now() - started) / 1000 };
}

/**
 * Writes a closed call of `size.proposals` submitted, assessed proposals (and, when
 * `size.bidders` > 0, an open call with that many drafts) into the database at DATABASE_PATH,
 * in one transaction. The e2e fixture (tests/e2e/support/large-call.ts) writes it into the
 * e2e server's database.
 */
export async function writeLargeCall(options: LargeCallOptions): Promise<WrittenLargeCall> {
  const { size, seed, emailDomain, closedTitle, password } = options;
  const awaitingAssessors = options.awaitingAssessors ?? 0;
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const db = getDb();
  const sqlite = getSqlite();
  const passwordHash = await hashPassword(password);
  const now = Date.now();

  // Partner organisations: mostly pairs the report shortlists, so strategic fit varies.
  // "EU" is a territory, not a country a partner is located in: use one of its members instead.
  const pairs = SHORTLISTED_OPPORTUNITIES.flatMap((o) => o.countries.map((country) => ({ domainId: o.domainId, country: country === "EU" ? "FR" : country })));
  const partnerOrgs = Array.from({ length: 400 }, (_, i) => ({ organisation: `Partner Institute ${i + 1}`, country: pick(pairs).country }));
  const assessorOrgs = [
    ...Array.from({ length: 120 }, (_, i) => `University ${i + 1}`),
    // A fifth of the partner institutes also employ assessors: organisation conflicts.
    ...partnerOrgs.filter((_, i) => i % 5 === 0).map((p) => p.organisation),
  ];

  const homeAgencyId = (sqlite.prepare("SELECT id FROM agencies WHERE kind = 'home'").get() as { id: number }).id;
  const insertUser = sqlite.prepare(
    // Staff belong to the home agency (the migration creates it; a trigger refuses staff without one), bidders to none.
    "INSERT INTO users (email, name, password_hash, role, organisation, country, expertise, agency_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
  );
  const insertCall = sqlite.prepare(
    "INSERT INTO calls (title, description, opens_at, closes_at, assessment_due_at, budget, assessors_required, overall_threshold) VALUES (?, '', ?, ?, ?, ?, ?, 50) RETURNING id",
  );
  const insertProposal = sqlite.prepare(
    "INSERT INTO proposals (call_id, owner_id, status, answers, version, submitted_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?) RETURNING id",
  );
  const insertAssignment = sqlite.prepare(
    "INSERT INTO assignments (proposal_id, assessor_id, assigned_by, conflict_declaration, declared_at) VALUES (?, ?, ?, 'none', ?) RETURNING id",
  );
  const insertAssessment = sqlite.prepare(
    "INSERT INTO assessments (assignment_id, status, \"values\", submitted_at, updated_at) VALUES (?, 'submitted', ?, ?, ?)",
  );

  let answersBytes = 0;
  let valuesBytes = 0;
  const result = sqlite.transaction(() => {
    const manager = {
      email: `manager@${emailDomain}`,
      name: "Bench Manager",
      organisation: "Innovate UK",
      role: "manager" as const,
      id: 0,
      agency: { id: homeAgencyId, kind: "home" as const },
    };
    manager.id = (insertUser.get(manager.email, manager.name, passwordHash, "manager", manager.organisation, "GB", "[]", homeAgencyId) as { id: number }).id;

    const assessors = Array.from({ length: size.assessors }, (_, i) => {
      const expertise = [...new Set(Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(TECHNOLOGY_DOMAINS).id))];
      const organisation = pick(assessorOrgs);
      const id = (insertUser.get(`assessor${i + 1}@${emailDomain}`, `Assessor ${String(i + 1).padStart(3, "0")}`, passwordHash, "assessor", organisation, "GB", JSON.stringify(expertise), homeAgencyId) as { id: number }).id;
      return { id, organisation: normaliseOrganisation(organisation), index: i };
    });

    const closedCallId = (insertCall.get(closedTitle, now - 120 * DAY, now - 10 * DAY, now + 20 * DAY, 500_000_000, size.assessorsPerProposal) as { id: number }).id;
    const openCallId =
      size.bidders > 0 ? (insertCall.get("Bench: open call", now - DAY, now + 60 * DAY, now + 90 * DAY, 5_000_000, size.assessorsPerProposal) as { id: number }).id : 0;
    copyRubricToCall(db, closedCallId, DEFAULT_RUBRIC);
    if (openCallId) copyRubricToCall(db, openCallId, DEFAULT_RUBRIC);

    const load = new Array<number>(size.assessors).fill(0);
    let sampleProposalId = 0;
    const bidders: { email: string; proposalId: number }[] = [];
    for (let i = 0; i < size.proposals; i++) {
      const pair = random() < 0.6 ? pick(pairs) : { domainId: pick(TECHNOLOGY_DOMAINS).id, country: pick(partnerOrgs).country };
      const partners = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
        const org = pick(partnerOrgs);
        return { organisation: org.organisation, country: org.country, type: pick(PARTNER_TYPES), share: 10 + Math.floor(random() * 20) };
      });
      partners[0]!.country = pair.country;
      const totalCost = 200_000 + Math.floor(random() * 1_600) * 1_000;
      const demo: DemoProposal = {
        title: `Project ${i + 1}: ${pick(TECHNOLOGY_DOMAINS).shortName} at production scale`,
        focus: `a production-scale process for ${TECHNOLOGY_DOMAINS.find((d) => d.id === pair.domainId)?.shortName.toLowerCase() ?? "the technology"}`,
        domainId: pair.domainId,
        rdCategory: pick(RD_CATEGORIES).key,
        lead: { name: `UK Lead ${i + 1} Ltd`, type: pick(LEAD_TYPES) },
        partners,
        totalCost,
        grantRequested: Math.round((totalCost * (0.5 + random() * 0.2)) / 1000) * 1000,
        quality: 2 + random() * 7.5,
        contested: random() < 0.05,
        weakValueCapture: random() < 0.1,
      };
      const answers = JSON.stringify(longAnswers(random, demo));
      answersBytes += answers.length;
      const ownerEmail = `bidder${i + 1}@${emailDomain}`;
      const ownerId = (insertUser.get(ownerEmail, `Bidder ${i + 1}`, passwordHash, "bidder", demo.lead.name, "GB", "[]", null) as { id: number }).id;
      const submittedAt = now - 11 * DAY - (size.proposals - i) * 60_000;
      const proposalId = (insertProposal.get(closedCallId, ownerId, "submitted", answers, submittedAt, submittedAt) as { id: number }).id;
      if (i === Math.floor(size.proposals / 2)) sampleProposalId = proposalId;

      // Three distinct, unconflicted assessors, least loaded first (loads end balanced).
      const organisations = new Set([demo.lead.name, ...partners.map((p) => p.organisation)].map(normaliseOrganisation));
      const start = Math.floor(random() * size.assessors);
      const chosen: number[] = [];
      const wanted = i >= size.proposals - awaitingAssessors ? 0 : size.assessorsPerProposal;
      for (let target = Math.min(...load); chosen.length < wanted && target <= Math.max(...load) + 1; target++) {
        for (let k = 0; k < size.assessors && chosen.length < wanted; k++) {
          const a = (start + k) % size.assessors;
          if (load[a] === target && !chosen.includes(a) && !organisations.has(assessors[a]!.organisation)) chosen.push(a);
        }
      }
      chosen.forEach((a, slot) => {
        load[a]!++;
        const assignmentId = (insertAssignment.get(proposalId, assessors[a]!.id, manager.id, now - 9 * DAY) as { id: number }).id;
        const values = JSON.stringify(demoAssessment(demo, i, slot));
        valuesBytes += values.length;
        const at = now - 5 * DAY + slot * 1000;
        insertAssessment.run(assignmentId, values, at, at);
      });

      if (i < size.bidders) {
        const draft = JSON.stringify(demoAnswers(demo));
        const id = (insertProposal.get(openCallId, ownerId, "draft", draft, null, now) as { id: number }).id;
        bidders.push({ email: ownerEmail, proposalId: id });
      }
    }
    return { manager, closedCallId, openCallId, sampleProposalId, bidders };
  })();
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.exec("ANALYZE");

  return { ...result, answersBytes, valuesBytes };
}

export function removeLargeCall(call: LargeCall): void {
  closeDb();
  fs.rmSync(call.dir, { recursive: true, force: true });
}
