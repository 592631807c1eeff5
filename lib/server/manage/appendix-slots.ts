import "server-only";
import { and, asc, count, eq, max } from "drizzle-orm";
import { getDb } from "@/db/client";
import { transaction } from "@/db/transaction";
import { appendixFiles, appendixSlots } from "@/db/schema";
import { FILE_TYPES, MB, type FileType } from "@/lib/domain/appendices";
import type { z } from "zod";
import type { addSlotInput, removeSlotInput } from "@/lib/validation/appendix-slots";
import { actorMay } from "@/lib/domain/permissions";
import { hasClosed, type CallTimes } from "@/lib/domain/call-stage";
import { ActionError } from "../action-error";
import { requireMayConfigure } from "../agencies";
import { guardedRead } from "../guard";
import type { CallSlot } from "../appendices";
import { recordAudit } from "../audit";
import type { Actor } from "../users";
import { callHeading, requireCall, type CallHeading } from "./call-data";

/**
 * A call's appendix slots, as its manager defines them. Slots change only until the call closes,
 * and a slot bidders have uploaded files to cannot be removed (their files would be lost).
 */

export interface ManagedSlot extends CallSlot {
  files: number;
}

export interface CallSlots {
  call: CallHeading;
  editable: boolean;
  slots: ManagedSlot[];
}

export const getCallSlots = guardedRead("call:manage", async (actor, callId: number, now: Date = new Date()): Promise<CallSlots> => {
    const db = getDb();
    const call = await requireCall(db, callId, actor);
    const rows = await db
      .select({ slot: appendixSlots, files: count(appendixFiles.id) })
      .from(appendixSlots)
      .leftJoin(appendixFiles, eq(appendixFiles.slotId, appendixSlots.id))
      .where(eq(appendixSlots.callId, callId))
      .groupBy(appendixSlots.id)
      .orderBy(asc(appendixSlots.position));
    const heading = callHeading(call, now, actor);
    return {
      call: heading,
      // A partner agency's managers see a joint call's slots but never change them.
      editable: (heading.stage === "upcoming" || heading.stage === "open") && actorMay(actor, "call:configure"),
      slots: rows.map(({ slot, files }) => ({
        id: slot.id,
        key: slot.key,
        name: slot.name,
        hint: slot.hint,
        required: slot.required,
        allowedTypes: slot.allowedTypes.filter((t): t is FileType => t in FILE_TYPES),
        maxBytes: slot.maxBytes,
        maxFiles: slot.maxFiles,
        perPartner: slot.perPartner,
        files,
      })),
    };
});

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60) || "appendix";

function requireEditable(call: CallTimes, now: Date) {
  if (hasClosed(call, now)) {
    throw new ActionError("closed", "The call has closed, so its appendices can no longer change.");
  }
}

export async function addAppendixSlot(me: Actor, { callId, values }: z.output<typeof addSlotInput>, now = new Date()) {
  requireMayConfigure(me);
  return transaction(async (tx) => {
        const call = await requireCall(tx, callId, me);
        requireEditable(call, now);
        const existing = await tx.select({ key: appendixSlots.key }).from(appendixSlots).where(eq(appendixSlots.callId, callId));
        const base = slug(values.name);
        let key = base;
        for (let i = 2; existing.some((e) => e.key === key); i++) key = `${base}-${i}`;
        const [{ last } = { last: null }] = await tx
          .select({ last: max(appendixSlots.position) })
          .from(appendixSlots)
          .where(eq(appendixSlots.callId, callId));
        await tx.insert(appendixSlots).values({
          callId,
          position: (last ?? -1) + 1,
          key,
          name: values.name,
          hint: values.hint,
          required: values.required === "yes",
          allowedTypes: values.allowedTypes,
          maxBytes: values.maxMegabytes * MB,
          maxFiles: values.maxFiles,
          perPartner: values.perPartner,
        });
        await recordAudit(tx, { at: now, actorId: me.id, action: "appendices.updated", callId, detail: { added: values.name } });
        return { key };
  });
}

export async function removeAppendixSlot(me: Actor, { callId, slotId }: z.output<typeof removeSlotInput>, now = new Date()) {
  requireMayConfigure(me);
  return transaction(async (tx) => {
      const call = await requireCall(tx, callId, me);
      requireEditable(call, now);
      const [slot] = await tx
        .select()
        .from(appendixSlots)
        .where(and(eq(appendixSlots.id, slotId), eq(appendixSlots.callId, callId)))
        .limit(1);
      if (!slot) throw new ActionError("not_found", "We could not find that appendix.");
      const [{ files } = { files: 0 }] = await tx.select({ files: count() }).from(appendixFiles).where(eq(appendixFiles.slotId, slotId));
      if (files > 0) {
        throw new ActionError("locked", `Bidders have uploaded ${files === 1 ? "a file" : `${files} files`} to ${slot.name}, so it cannot be removed.`);
      }
      await tx.delete(appendixSlots).where(eq(appendixSlots.id, slotId));
      await recordAudit(tx, { at: now, actorId: me.id, action: "appendices.updated", callId, detail: { removed: slot.name } });
      return { name: slot.name };
  });
}
