import "server-only";
import { createHash } from "node:crypto";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { agencyMaySeeCall } from "@/lib/domain/agencies";
import { transaction } from "@/db/transaction";
import { appendixFiles, appendixSlots, assignments, calls, proposals, type AppendixSlotRow } from "@/db/schema";
import {
  FILE_TYPES,
  checkUpload,
  cleanFilename,
  uploadErrorMessage,
  type AppendixSlot,
  type FileType,
} from "@/lib/domain/appendices";
import { acceptsProposals } from "@/lib/domain/call-stage";
import { normaliseAnswers } from "@/lib/domain/proposal/normalise";
import { appendixTask, appendixTaskKey, partnerCount, type SlotWithFiles } from "@/lib/domain/proposal/tasks";
import type { markAppendixInput, removeAppendixInput, uploadAppendixInput } from "@/lib/validation/appendices";
import { NOT_COMPLETE_YET } from "@/lib/validation/tasks";
import { recordAudit } from "./audit";
import type { z } from "zod";
import { ActionError } from "./action-error";
import { guardedRead } from "./guard";
import { loadOwnedProposal } from "./own-proposal";
import type { Actor } from "./users";

/**
 * Appendices: each call's slots, and the files bidders upload into them. Files are stored in
 * SQLite itself (appendix_files.content), so a backup of the database file includes them.
 * Bidders change their own files only while the proposal is a draft and the call is open;
 * downloads are for the owner, managers, and assessors assigned to the submitted proposal who
 * have declared no conflict. Anyone else gets null (the route answers 404).
 */

type Reader = Pick<Db, "select">;

export interface CallSlot extends AppendixSlot {
  id: number;
}

export interface AppendixFileMeta {
  id: number;
  slotId: number;
  filename: string;
  fileType: FileType;
  typeLabel: string;
  sizeBytes: number;
  uploadedAt: Date;
}

const toSlot = (row: AppendixSlotRow): CallSlot => ({
  id: row.id,
  key: row.key,
  name: row.name,
  hint: row.hint,
  required: row.required,
  allowedTypes: row.allowedTypes.filter((t): t is FileType => t in FILE_TYPES),
  maxBytes: row.maxBytes,
  maxFiles: row.maxFiles,
  perPartner: row.perPartner,
});

export async function loadCallSlots(db: Reader, callId: number): Promise<CallSlot[]> {
  const rows = await db.select().from(appendixSlots).where(eq(appendixSlots.callId, callId)).orderBy(asc(appendixSlots.position));
  return rows.map(toSlot);
}

const fileMetaColumns = {
  id: appendixFiles.id,
  slotId: appendixFiles.slotId,
  filename: appendixFiles.filename,
  fileType: appendixFiles.fileType,
  sizeBytes: appendixFiles.sizeBytes,
  uploadedAt: appendixFiles.createdAt,
};

function toMeta(row: { id: number; slotId: number; filename: string; fileType: string; sizeBytes: number; uploadedAt: Date }): AppendixFileMeta {
  const fileType = (row.fileType in FILE_TYPES ? row.fileType : "pdf") as FileType;
  return { ...row, fileType, typeLabel: FILE_TYPES[fileType].label };
}

/** The files of one proposal (metadata only, never the content), oldest first. */
export async function loadProposalFiles(db: Reader, proposalId: number): Promise<AppendixFileMeta[]> {
  const rows = await db.select(fileMetaColumns).from(appendixFiles).where(eq(appendixFiles.proposalId, proposalId)).orderBy(asc(appendixFiles.id));
  return rows.map(toMeta);
}

export interface SlotFiles {
  slot: CallSlot;
  files: AppendixFileMeta[];
}

/** Each slot of the proposal's call with the proposal's files in it. */
export async function loadSlotFiles(db: Reader, callId: number, proposalId: number): Promise<SlotFiles[]> {
  const [slots, files] = await Promise.all([loadCallSlots(db, callId), loadProposalFiles(db, proposalId)]);
  return slots.map((slot) => ({ slot, files: files.filter((f) => f.slotId === slot.id) }));
}

export const slotCounts = (slots: readonly SlotFiles[]): SlotWithFiles[] => slots.map((s) => ({ slot: s.slot, files: s.files.length }));

// --- the bidder's slot page -------------------------------------------------------------------

export interface AppendixSlotPage {
  proposalId: number;
  callTitle: string;
  editable: boolean;
  slot: CallSlot;
  files: AppendixFileMeta[];
  /** "yes" when the bidder marked it completed, "no" when they said they would come back. */
  completed: "yes" | "no" | "";
  partners: number;
  status: ReturnType<typeof appendixTask>["status"];
  problems: string[];
}

/** A bidder's own slot page, or null (the page shows "not found"). */
export const getAppendixSlotPage = guardedRead("proposal:edit-own", async (actor, proposalId: number, slotKey: string, now: Date = new Date()): Promise<AppendixSlotPage | null> => {
  const db = getDb();
  const row = await loadOwnedProposal(db, actor, proposalId);
  if (!row) return null;
  const slots = await loadSlotFiles(db, row.call.id, proposalId);
  const here = slots.find((s) => s.slot.key === slotKey);
  if (!here) return null;
  const answers = normaliseAnswers(row.proposal.answers);
  const partners = partnerCount(answers);
  const task = appendixTask({ slot: here.slot, files: here.files.length }, partners, row.proposal.completedTasks);
  const key = appendixTaskKey(slotKey);
  return {
    proposalId,
    callTitle: row.call.title,
    editable: row.proposal.status === "draft" && acceptsProposals(row.call, now),
    slot: here.slot,
    files: here.files,
    completed: row.proposal.completedTasks.includes(key) ? "yes" : here.files.length > 0 ? "no" : "",
    partners,
    status: task.status,
    problems: task.problems.map((p) => p.message),
  };
});

async function requireEditableDraft(db: Reader, actor: Actor, proposalId: number, now: Date) {
  const row = await loadOwnedProposal(db, actor, proposalId);
  if (!row) throw new ActionError("not_found", "We could not find that proposal.");
  if (row.proposal.status === "submitted") {
    throw new ActionError("locked", "This proposal has been submitted, so its files are locked. Reopen it to change them.");
  }
  if (!acceptsProposals(row.call, now)) throw new ActionError("closed", "The call has closed, so this proposal's files can no longer change.");
  return row;
}

async function requireSlot(db: Reader, callId: number, slotKey: string): Promise<CallSlot> {
  const [row] = await db
    .select()
    .from(appendixSlots)
    .where(and(eq(appendixSlots.callId, callId), eq(appendixSlots.key, slotKey)))
    .limit(1);
  if (!row) throw new ActionError("not_found", "We could not find that appendix.");
  return toSlot(row);
}

const refuse = (message: string) => new ActionError("invalid", "There is a problem with the file.", { file: message });

/**
 * Uploads a file into a slot after checking it (lib/domain/appendices.ts): empty, too large,
 * wrong type by content, password-protected PDF, or too many files are refused with the GOV.UK
 * wording, keyed "file". In a one-file slot, a new upload replaces the old file.
 */
export async function uploadAppendix(me: Actor, input: z.output<typeof uploadAppendixInput>, now = new Date()) {
  return transaction(async (tx) => {
    const row = await requireEditableDraft(tx, me, input.proposalId, now);
    const slot = await requireSlot(tx, row.call.id, input.slotKey);
    const existing = await tx
      .select({ id: appendixFiles.id })
      .from(appendixFiles)
      .where(and(eq(appendixFiles.proposalId, input.proposalId), eq(appendixFiles.slotId, slot.id)));
    if (!input.file) throw refuse(uploadErrorMessage("missing", slot));
    const check = checkUpload(slot, { size: input.file.size, bytes: input.file.bytes }, existing.length);
    if (!check.ok) throw refuse(uploadErrorMessage(check.refusal, slot));
    const bytes = Buffer.from(input.file.bytes!);
    if (slot.maxFiles === 1 && existing.length > 0) {
      await tx.delete(appendixFiles).where(inArray(appendixFiles.id, existing.map((e) => e.id)));
    }
    const [created] = await tx
      .insert(appendixFiles)
      .values({
        proposalId: input.proposalId,
        slotId: slot.id,
        filename: cleanFilename(input.file.name, check.fileType),
        fileType: check.fileType,
        sizeBytes: bytes.length,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        content: bytes,
        uploadedBy: me.id,
      })
      .returning({ id: appendixFiles.id, filename: appendixFiles.filename, sha256: appendixFiles.sha256 });
    await tx.update(proposals).set({ updatedAt: now }).where(eq(proposals.id, input.proposalId));
    const replaced = slot.maxFiles === 1 && existing.length > 0;
    await recordAudit(tx, {
      at: now,
      actorId: me.id,
      action: "appendix.uploaded",
      callId: row.call.id,
      proposalId: input.proposalId,
      detail: { slotKey: slot.key, slotName: slot.name, filename: created!.filename, sizeBytes: bytes.length, sha256: created!.sha256, replaced },
    });
    return { fileId: created!.id, filename: created!.filename, replaced };
  });
}

/** Removes one of the bidder's own files, until submission. */
export async function removeAppendix(me: Actor, { proposalId, fileId }: z.output<typeof removeAppendixInput>, now = new Date()) {
  return transaction(async (tx) => {
    const row = await requireEditableDraft(tx, me, proposalId, now);
    const [file] = await tx
      .select({ id: appendixFiles.id, filename: appendixFiles.filename, sha256: appendixFiles.sha256, slotKey: appendixSlots.key, slotName: appendixSlots.name })
      .from(appendixFiles)
      .innerJoin(appendixSlots, eq(appendixSlots.id, appendixFiles.slotId))
      .where(and(eq(appendixFiles.id, fileId), eq(appendixFiles.proposalId, proposalId)))
      .limit(1);
    if (!file) throw new ActionError("not_found", "We could not find that file.");
    await tx.delete(appendixFiles).where(eq(appendixFiles.id, file.id));
    await tx.update(proposals).set({ updatedAt: now }).where(eq(proposals.id, proposalId));
    await recordAudit(tx, {
      at: now,
      actorId: me.id,
      action: "appendix.removed",
      callId: row.call.id,
      proposalId,
      detail: { slotKey: file.slotKey, slotName: file.slotName, filename: file.filename, sha256: file.sha256 },
    });
    return { filename: file.filename, slotKey: file.slotKey };
  });
}

/**
 * "Have you completed this section?" for an appendix slot. "Yes" is refused, naming what is
 * missing, until the slot has the files it needs; "No" removes the mark.
 */
export async function markAppendixTask(me: Actor, { proposalId, slotKey, completed }: z.output<typeof markAppendixInput>, now = new Date()) {
  return transaction(async (tx) => {
    const row = await requireEditableDraft(tx, me, proposalId, now);
    const slot = await requireSlot(tx, row.call.id, slotKey);
    const files = (
      await tx
        .select({ id: appendixFiles.id })
        .from(appendixFiles)
        .where(and(eq(appendixFiles.proposalId, proposalId), eq(appendixFiles.slotId, slot.id)))
    ).length;
    const key = appendixTaskKey(slotKey);
    if (completed === "yes") {
      const task = appendixTask({ slot, files }, partnerCount(normaliseAnswers(row.proposal.answers)), [key]);
      if (task.problems.length > 0) {
        throw new ActionError("invalid", "This section is not complete yet.", {
          file: task.problems[0]!.message,
          completed: NOT_COMPLETE_YET,
        });
      }
    }
    const others = row.proposal.completedTasks.filter((k) => k !== key);
    await tx
      .update(proposals)
      .set({ completedTasks: completed === "yes" ? [...others, key] : others })
      .where(eq(proposals.id, proposalId));
    return { completed };
  });
}

// --- downloads -------------------------------------------------------------------------------

export interface AppendixDownload {
  filename: string;
  mediaType: string;
  content: Buffer;
}

/**
 * A file for download, or null for anyone who may not have it: the owning bidder; a manager, once
 * the proposal is submitted; an assessor assigned to the submitted proposal (not removed) who has
 * declared no conflict. Everyone else, including an assessor who has not yet declared, gets null.
 */
export async function getAppendixDownload(actor: Actor | null, fileId: number): Promise<AppendixDownload | null> {
  if (!actor || !Number.isInteger(fileId) || fileId <= 0) return null;
  const db = getDb();
  const [row] = await db
    .select({ file: appendixFiles, ownerId: proposals.ownerId, status: proposals.status, proposalId: proposals.id, partnerAgencyId: calls.partnerAgencyId })
    .from(appendixFiles)
    .innerJoin(proposals, eq(proposals.id, appendixFiles.proposalId))
    .innerJoin(calls, eq(calls.id, proposals.callId))
    .where(eq(appendixFiles.id, fileId))
    .limit(1);
  if (!row) return null;
  let allowed = false;
  if (actor.role === "bidder") allowed = row.ownerId === actor.id;
  // A manager only for a call their agency takes part in (a partner agency: its joint calls).
  else if (actor.role === "manager") allowed = row.status === "submitted" && actor.agency !== null && agencyMaySeeCall(actor.agency, row);
  else if (actor.role === "assessor" && row.status === "submitted") {
    const mine = await db
        .select({ id: assignments.id })
        .from(assignments)
        .where(
          and(
            eq(assignments.proposalId, row.proposalId),
            eq(assignments.assessorId, actor.id),
            isNull(assignments.removedAt),
            eq(assignments.conflictDeclaration, "none"),
          ),
        )
        .limit(1);
    allowed = mine.length === 1;
  }
  if (!allowed) return null;
  const fileType = (row.file.fileType in FILE_TYPES ? row.file.fileType : "pdf") as FileType;
  return { filename: row.file.filename, mediaType: FILE_TYPES[fileType].mediaType, content: row.file.content };
}

/** The HTTP response for a download: the file as an attachment, never rendered by the browser. */
export function downloadResponse(file: AppendixDownload | null): Response {
  if (!file) {
    return new Response("Page not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" } });
  }
  const ascii = file.filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(new Uint8Array(file.content), {
    status: 200,
    headers: {
      "Content-Type": file.mediaType,
      "Content-Length": String(file.content.length),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}

/**
 * The appendices an assessor may open for one of their assignments: only once they have declared
 * no conflict, on a submitted proposal, while the assignment stands. Otherwise an empty list.
 */
export const appendicesForAssignment = guardedRead("assessment:score", async (actor, assignmentId: number): Promise<SlotFiles[]> => {
  const db = getDb();
  const [row] = await db
    .select({ proposalId: proposals.id, callId: proposals.callId })
    .from(assignments)
    .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
    .where(
      and(
        eq(assignments.id, assignmentId),
        eq(assignments.assessorId, actor.id),
        isNull(assignments.removedAt),
        eq(assignments.conflictDeclaration, "none"),
        eq(proposals.status, "submitted"),
      ),
    )
    .limit(1);
  return row ? loadSlotFiles(db, row.callId, row.proposalId) : [];
});

/** A submitted proposal's appendices for a manager (drafts stay private to their bidder). */
export const appendicesForManager = guardedRead("ranking:read", async (actor, callId: number, proposalId: number): Promise<SlotFiles[]> => {
  const db = getDb();
  const [row] = await db
    .select({ id: proposals.id, partnerAgencyId: calls.partnerAgencyId })
    .from(proposals)
    .innerJoin(calls, eq(calls.id, proposals.callId))
    .where(and(eq(proposals.id, proposalId), eq(proposals.callId, callId), eq(proposals.status, "submitted")))
    .limit(1);
  // A call the manager's agency takes no part in has nothing to show them.
  return row && actor.agency && agencyMaySeeCall(actor.agency, row) ? loadSlotFiles(db, callId, proposalId) : [];
});
