/**
 * Appendices on a real SQLite file: the upload checks (each refusal with the text the page shows),
 * replacing and removing until submission, files locked at submission, uploads counting toward
 * completeness, and who may download a file (everyone else gets nothing: the route answers 404).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { copySlotsToCall } from "@/db/appendix-slots";
import { makeDemoPdf } from "@/db/demo-pdf";
import { getDb } from "@/db/client";
import { appendixFiles, auditLog, proposals } from "@/db/schema";
import { DEFAULT_APPENDIX_SLOTS, formatSize, uploadErrorMessage } from "@/lib/domain/appendices";
import { downloadResponse, getAppendixDownload, getAppendixSlotPage } from "@/lib/server/appendices";
import { getOwnProposal } from "@/lib/server/proposals";
import {
  addAppendixSlot,
  completeSection,
  markAppendixTask,
  removeAppendix,
  removeAppendixSlot,
  reopenProposal,
  saveProposalDraft,
  submitProposal,
  uploadAppendix,
} from "../support/actions";
import { getCallSlots } from "@/lib/server/manage/appendix-slots";
import { getCallAuditLog } from "@/lib/server/manage/audit-log";
import type { Actor } from "@/lib/server/users";
import { makeAssignment } from "../support/assessment-factories";
import { expectFailure, expectOk } from "../support/results";
import { DAY_MS, completeAnswers, makeCall, makeUser, setupTempDatabase } from "../support/temp-db";

const database = setupTempDatabase();

const PLAN = DEFAULT_APPENDIX_SLOTS[0]!;
const LETTERS = DEFAULT_APPENDIX_SLOTS[1]!;
const pdf = (text = "Gantt chart") => new Uint8Array(makeDemoPdf([text])) as Uint8Array<ArrayBuffer>;
const file = (name: string, bytes: Uint8Array, size = bytes.length) => ({ name, size, bytes: bytes as Uint8Array<ArrayBuffer> });

let bidder: Actor;
let otherBidder: Actor;
let manager: Actor;
let assessor: Actor;
let conflicted: Actor;
let undeclared: Actor;
let unassigned: Actor;

beforeAll(async () => {
  bidder = await makeUser("bidder");
  otherBidder = await makeUser("bidder");
  manager = await makeUser("manager");
  assessor = await makeUser("assessor");
  conflicted = await makeUser("assessor");
  undeclared = await makeUser("assessor");
  unassigned = await makeUser("assessor");
});

/** An open call with the default slots and a complete draft (one international partner). */
async function draftWithSlots() {
  const call = makeCall();
  copySlotsToCall(getDb(), call.id);
  const [row] = await getDb()
    .insert(proposals)
    .values({ callId: call.id, ownerId: bidder.id, answers: completeAnswers(), updatedAt: new Date() })
    .returning();
  return { call, proposal: row! };
}

const upload = (proposalId: number, slotKey: string, f: ReturnType<typeof file> | null, actor: Actor = bidder) =>
  uploadAppendix(actor, { proposalId, slotKey, file: f });

describe("upload checks", () => {
  it("refuses each bad file with the GOV.UK wording the page shows, and stores nothing", async () => {
    const { proposal } = await draftWithSlots();
    const exe = new Uint8Array(Buffer.from("MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode", "latin1"));
    const encrypted = new Uint8Array(Buffer.from("%PDF-1.7\n1 0 obj\n<< >>\nendobj\ntrailer\n<< /Root 1 0 R /Encrypt 5 0 R >>\n%%EOF\n", "latin1"));
    const cases: [ReturnType<typeof file> | null, string, string][] = [
      [null, "missing", "Select a project plan (Gantt chart)"],
      [file("plan.pdf", new Uint8Array(0)), "empty", "The selected file is empty"],
      [file("plan.pdf", exe), "wrong-type", "The selected file must be a PDF"],
      [file("plan.pdf", new Uint8Array(Buffer.from("just some text, renamed"))), "wrong-type", "The selected file must be a PDF"],
      [file("plan.pdf", encrypted), "password-protected", "The selected file is password protected"],
      [file("plan.pdf", pdf(), PLAN.maxBytes + 1), "too-large", "The selected file must be smaller than 10MB"],
    ];
    for (const [f, refusal, text] of cases) {
      const failure = expectFailure(await upload(proposal.id, PLAN.key, f), "invalid");
      expect(failure.fieldErrors?.file).toBe(text);
      expect(uploadErrorMessage(refusal as Parameters<typeof uploadErrorMessage>[0], PLAN)).toBe(text);
    }
    expect(await getDb().select().from(appendixFiles).where(eq(appendixFiles.proposalId, proposal.id))).toEqual([]);
  });

  it("recognises a PDF by its content whatever its name, and stores it with its size and hash", async () => {
    const { proposal } = await draftWithSlots();
    const bytes = pdf();
    const done = expectOk(await upload(proposal.id, PLAN.key, file("C:\\Users\\me\\plan.final.exe", bytes)));
    expect(done.filename).toBe("plan.final.pdf");
    const [row] = await getDb().select().from(appendixFiles).where(eq(appendixFiles.id, done.fileId));
    expect(row).toMatchObject({ fileType: "pdf", sizeBytes: bytes.length });
    expect(Buffer.compare(row!.content, Buffer.from(bytes))).toBe(0);
  });

  it("replaces the file of a one-file slot, and refuses more files than a slot allows", async () => {
    const { proposal } = await draftWithSlots();
    expectOk(await upload(proposal.id, PLAN.key, file("first.pdf", pdf("first"))));
    const second = expectOk(await upload(proposal.id, PLAN.key, file("second.pdf", pdf("second"))));
    expect(second.replaced).toBe(true);
    const page = (await getAppendixSlotPage(bidder, proposal.id, PLAN.key))!;
    expect(page.files.map((f) => f.filename)).toEqual(["second.pdf"]);

    for (let i = 0; i < LETTERS.maxFiles; i++) expectOk(await upload(proposal.id, LETTERS.key, file(`letter-${i}.pdf`, pdf(`letter ${i}`))));
    const failure = expectFailure(await upload(proposal.id, LETTERS.key, file("one-more.pdf", pdf())), "invalid");
    expect(failure.fieldErrors?.file).toBe(uploadErrorMessage("too-many", LETTERS));
  });

  it("refuses another bidder's proposal and other roles", async () => {
    const { proposal } = await draftWithSlots();
    expectFailure(await upload(proposal.id, PLAN.key, file("x.pdf", pdf()), otherBidder), "not_found");
    expectFailure(await upload(proposal.id, PLAN.key, file("x.pdf", pdf()), manager), "forbidden");
    expectFailure(await uploadAppendix(null, { proposalId: proposal.id, slotKey: PLAN.key, file: file("x.pdf", pdf()) }), "unauthenticated");
  });
});

describe("completeness", () => {
  it("counts uploads toward the section: 'Yes' is refused until the files are there", async () => {
    const { proposal } = await draftWithSlots();
    const refused = expectFailure(await markAppendixTask(bidder, { proposalId: proposal.id, slotKey: LETTERS.key, completed: "yes" }), "invalid");
    expect(refused.fieldErrors?.file).toBe("Upload a letter of support");
    expect(expectFailure(await markAppendixTask(bidder, { proposalId: proposal.id, slotKey: LETTERS.key }), "invalid").fieldErrors?.completed).toBe(
      "Select whether you've completed this section",
    );
    expectOk(await upload(proposal.id, LETTERS.key, file("letter.pdf", pdf())));
    expectOk(await markAppendixTask(bidder, { proposalId: proposal.id, slotKey: LETTERS.key, completed: "yes" }));
    const own = (await getOwnProposal(bidder, proposal.id))!;
    const tasks = own.tasks.groups.flatMap((g) => g.tasks);
    expect(tasks.find((t) => t.key === "appendix:letters-of-support")?.status).toBe("completed");
    expect(tasks.find((t) => t.key === "appendix:project-plan")?.status).toBe("not-started");

    // Submitting without the project plan is refused, naming it.
    const failure = expectFailure(await submitProposal(bidder, { proposalId: proposal.id, baseVersion: own.version }), "invalid");
    expect(failure.fieldErrors?.["appendix:project-plan"]).toBe("Upload a project plan (Gantt chart)");
  });

  it("marks a completed letters section as a problem when a partner is added later", async () => {
    const { proposal } = await draftWithSlots();
    expectOk(await upload(proposal.id, LETTERS.key, file("letter.pdf", pdf())));
    expectOk(await markAppendixTask(bidder, { proposalId: proposal.id, slotKey: LETTERS.key, completed: "yes" }));
    const answers = completeAnswers();
    const partners = answers.consortium!.partners as { organisation: string; country: string; type: string; role: string; share: string }[];
    answers.consortium!.partners = [...partners, { ...partners[0]!, organisation: "Second partner", share: "10" }];
    expectOk(await saveProposalDraft(bidder, { proposalId: proposal.id, baseVersion: proposal.version, answers }));
    const own = (await getOwnProposal(bidder, proposal.id))!;
    const letters = own.tasks.groups.flatMap((g) => g.tasks).find((t) => t.key === "appendix:letters-of-support")!;
    expect(letters.status).toBe("problem");
    expect(letters.problems[0]?.message).toBe("Upload a letter of support from each international partner: you have 2 partners and 1 file");
  });

  it("refuses 'Yes' on an incomplete section with every missing answer, and saves 'No'", async () => {
    const { proposal } = await draftWithSlots();
    const answers = completeAnswers();
    answers.project = { ...answers.project!, summary: "", domainId: "" };
    const refused = expectFailure(
      await completeSection(bidder, { proposalId: proposal.id, baseVersion: proposal.version, answers, sectionKey: "project", completed: "yes" }),
      "invalid",
    );
    expect(refused.fieldErrors).toMatchObject({
      "project.summary": "Enter project summary",
      "project.domainId": "Select technology domain",
      completed: "You cannot mark this section as completed until the problems listed are fixed",
    });
    const saved = expectOk(
      await completeSection(bidder, { proposalId: proposal.id, baseVersion: proposal.version, answers, sectionKey: "project", completed: "no" }),
    );
    const own = (await getOwnProposal(bidder, proposal.id))!;
    expect(own.version).toBe(saved.version);
    expect(own.answers.project!.summary).toBe("");
    expect(own.tasks.groups[0]!.tasks[0]!.status).toBe("in-progress");
  });
});

describe("locking at submission", () => {
  it("locks the files of a submitted proposal, and unlocks them when it is reopened before the deadline", async () => {
    const { proposal } = await draftWithSlots();
    const plan = expectOk(await upload(proposal.id, PLAN.key, file("plan.pdf", pdf())));
    expectOk(await upload(proposal.id, LETTERS.key, file("letter.pdf", pdf())));
    const submitted = expectOk(await submitProposal(bidder, { proposalId: proposal.id, baseVersion: proposal.version }));
    expect(submitted.version).toBe(proposal.version + 1);

    expectFailure(await upload(proposal.id, PLAN.key, file("late.pdf", pdf())), "locked");
    expectFailure(await removeAppendix(bidder, { proposalId: proposal.id, fileId: plan.fileId }), "locked");
    expectFailure(await markAppendixTask(bidder, { proposalId: proposal.id, slotKey: PLAN.key, completed: "no" }), "locked");
    expect(await getDb().select({ id: appendixFiles.id }).from(appendixFiles).where(eq(appendixFiles.proposalId, proposal.id))).toHaveLength(2);

    expectOk(await reopenProposal(bidder, { proposalId: proposal.id }));
    expectOk(await removeAppendix(bidder, { proposalId: proposal.id, fileId: plan.fileId }));
    expect(await getDb().select({ id: appendixFiles.id }).from(appendixFiles).where(eq(appendixFiles.proposalId, proposal.id))).toHaveLength(1);
  });

  it("refuses changes once the call has closed", async () => {
    const { proposal } = await draftWithSlots();
    const later = new Date(Date.now() + 31 * DAY_MS);
    expectFailure(await uploadAppendix(bidder, { proposalId: proposal.id, slotKey: PLAN.key, file: file("p.pdf", pdf()) }, later), "closed");
  });
});

describe("backups", () => {
  it("includes every uploaded file, byte for byte, in a backup of the database", async () => {
    const { proposal } = await draftWithSlots();
    const bytes = pdf("In the backup");
    const { fileId } = expectOk(await upload(proposal.id, PLAN.key, file("plan.pdf", bytes)));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-appendix-backup-"));
    const backupFile = path.join(dir, "backup.db");
    const run = spawnSync("node", ["scripts/backup.mjs", backupFile], { env: { ...process.env, DATABASE_PATH: database.file }, encoding: "utf8" });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const copy = new Database(backupFile, { readonly: true });
    const row = copy.prepare("select content from appendix_files where id = ?").get(fileId) as { content: Buffer };
    copy.close();
    expect(Buffer.compare(row.content, Buffer.from(bytes))).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("downloads", () => {
  it("serves the file only to its owner, managers and assigned assessors with no conflict; everyone else gets nothing", async () => {
    const { proposal } = await draftWithSlots();
    const { fileId } = expectOk(await upload(proposal.id, PLAN.key, file("plan.pdf", pdf())));
    expectOk(await upload(proposal.id, LETTERS.key, file("letter.pdf", pdf())));

    // A draft: only its owner.
    expect(await getAppendixDownload(bidder, fileId)).not.toBeNull();
    expect(await getAppendixDownload(manager, fileId)).toBeNull();

    expectOk(await submitProposal(bidder, { proposalId: proposal.id, baseVersion: proposal.version }));
    makeAssignment(proposal.id, assessor.id);
    makeAssignment(proposal.id, conflicted.id, { declaration: "conflict", details: "Former employer" });
    makeAssignment(proposal.id, undeclared.id, { declaration: null });

    const allowed = [bidder, manager, assessor];
    const refused = [otherBidder, conflicted, undeclared, unassigned, null];
    for (const actor of allowed) expect((await getAppendixDownload(actor, fileId))?.filename).toBe("plan.pdf");
    for (const actor of refused) expect(await getAppendixDownload(actor, fileId)).toBeNull();
    expect(await getAppendixDownload(manager, 999_999)).toBeNull();

    const ok = downloadResponse(await getAppendixDownload(manager, fileId));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Content-Disposition")).toBe(`attachment; filename="plan.pdf"; filename*=UTF-8''plan.pdf`);
    expect(ok.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(ok.headers.get("Content-Type")).toBe("application/pdf");
    expect(Buffer.from(await ok.arrayBuffer()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const missing = downloadResponse(await getAppendixDownload(conflicted, fileId));
    expect(missing.status).toBe(404);
  });
});

describe("auditing a bidder's uploads and removals", () => {
  it("audits each upload, replacement and removal with the file's name, size and hash, shown to managers once submitted", async () => {
    const { call, proposal } = await draftWithSlots();
    const first = pdf("first plan");
    expectOk(await upload(proposal.id, PLAN.key, file("first.pdf", first)));
    const second = pdf("second plan");
    expectOk(await upload(proposal.id, PLAN.key, file("second.pdf", second)));
    const letter = expectOk(await upload(proposal.id, LETTERS.key, file("letter.pdf", pdf("letter"))));
    expectOk(await removeAppendix(bidder, { proposalId: proposal.id, fileId: letter.fileId }));
    // A refused upload is not audited (it changes nothing).
    expectFailure(await upload(proposal.id, PLAN.key, file("empty.pdf", new Uint8Array(0))), "invalid");

    const rows = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.proposalId, proposal.id), eq(auditLog.callId, call.id)))
      .orderBy(auditLog.id);
    const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
    expect(rows.map((r) => [r.action, r.actorId, r.detail])).toEqual([
      ["appendix.uploaded", bidder.id, { slotKey: PLAN.key, slotName: PLAN.name, filename: "first.pdf", sizeBytes: first.length, sha256: sha(first), replaced: false }],
      ["appendix.uploaded", bidder.id, { slotKey: PLAN.key, slotName: PLAN.name, filename: "second.pdf", sizeBytes: second.length, sha256: sha(second), replaced: true }],
      ["appendix.uploaded", bidder.id, expect.objectContaining({ slotKey: LETTERS.key, filename: "letter.pdf", replaced: false })],
      ["appendix.removed", bidder.id, expect.objectContaining({ slotKey: LETTERS.key, slotName: LETTERS.name, filename: "letter.pdf" })],
    ]);

    // The draft stays private: its file history reaches the call's audit log once it is submitted.
    const logged = async () => (await getCallAuditLog(manager, call.id))!.entries.filter((e) => e.action.startsWith("appendix."));
    expect(await logged()).toEqual([]);
    await getDb().update(proposals).set({ status: "submitted", submittedAt: new Date() }).where(eq(proposals.id, proposal.id));
    const entries = await logged();
    expect(entries.map((e) => e.actionLabel)).toEqual(["Appendix file removed", "Appendix file uploaded", "Appendix file uploaded", "Appendix file uploaded"]);
    expect(entries.at(-1)!.summary).toBe(`${PLAN.name}: “first.pdf”, ${formatSize(first.length)}, SHA-256 ${sha(first)}`);
    expect(entries[0]!.actorName).toBe(bidder.name);
  });
});

describe("a call's appendix slots", () => {
  it("lets a manager add and remove slots until the call closes, never one with files, and audits it", async () => {
    const { call, proposal } = await draftWithSlots();
    const added = expectOk(
      await addAppendixSlot(manager, {
        callId: call.id,
        values: { name: "Market study", hint: "", required: "no", allowedTypes: ["pdf", "png"], maxMegabytes: "5", maxFiles: "2", perPartner: false },
      }),
    );
    expect(added.key).toBe("market-study");
    const listed = (await getCallSlots(manager, call.id))!;
    expect(listed.slots.map((s) => [s.name, s.required, s.allowedTypes, s.maxBytes, s.maxFiles])).toEqual([
      ["Project plan (Gantt chart)", true, ["pdf"], 10 * 1024 * 1024, 1],
      ["Letters of support", true, ["pdf"], 10 * 1024 * 1024, 10],
      ["Market study", false, ["pdf", "png"], 5 * 1024 * 1024, 2],
    ]);
    const bad = expectFailure(
      await addAppendixSlot(manager, { callId: call.id, values: { name: "", required: "yes", allowedTypes: [], maxMegabytes: "50", maxFiles: "0" } }),
      "invalid",
    );
    expect(bad.fieldErrors).toMatchObject({
      name: "Enter a name for the appendix",
      allowedTypes: "Select at least one file type",
      maxMegabytes: "Maximum size must be a whole number of megabytes from 1 to 20",
      maxFiles: "Maximum number of files must be a whole number from 1 to 20",
    });

    // The optional slot is "Not provided"-able; a slot with a file cannot be removed.
    expectOk(await upload(proposal.id, PLAN.key, file("plan.pdf", pdf())));
    const plan = listed.slots.find((s) => s.key === PLAN.key)!;
    expectFailure(await removeAppendixSlot(manager, { callId: call.id, slotId: plan.id }), "locked");
    const study = listed.slots.find((s) => s.key === "market-study")!;
    expectOk(await removeAppendixSlot(manager, { callId: call.id, slotId: study.id }));
    expectFailure(await addAppendixSlot(bidder, { callId: call.id, values: {} }), "forbidden");
    const later = new Date(Date.now() + 31 * DAY_MS);
    expectFailure(await removeAppendixSlot(manager, { callId: call.id, slotId: plan.id }, later), "closed");
  });
});
