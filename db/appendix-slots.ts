import { DEFAULT_APPENDIX_SLOTS, type AppendixSlot } from "../lib/domain/appendices";
import type { Db } from "./client";
import { appendixSlots } from "./schema";

/** The rows that give a call its appendix slots, the defaults unless told otherwise (call creation and the seed). */
export function slotRows(callId: number, slots: readonly AppendixSlot[] = DEFAULT_APPENDIX_SLOTS): (typeof appendixSlots.$inferInsert)[] {
  return slots.map((s, position) => ({ callId, position, ...s, allowedTypes: [...s.allowedTypes] }));
}

/** Gives a call its appendix slots, inside the caller's transaction. */
export async function copySlotsToCall(tx: Pick<Db, "insert">, callId: number, slots: readonly AppendixSlot[] = DEFAULT_APPENDIX_SLOTS): Promise<void> {
  if (slots.length === 0) return;
  await tx.insert(appendixSlots).values(slotRows(callId, slots));
}
