"use server";

import { redirect } from "next/navigation";
import { paths } from "@/lib/paths";
import { addSlotInput, removeSlotInput } from "@/lib/validation/appendix-slots";
import { serverAction } from "../action";
import * as slots from "../manage/appendix-slots";

export interface SlotFormState {
  errors: Record<string, string>;
}

const text = (formData: FormData, name: string) => {
  const v = formData.get(name);
  return typeof v === "string" ? v : "";
};

export const addAppendixSlotAction = serverAction({
  name: "appendix-slot.add",
  // Call set-up: the home agency's alone (a partner agency's managers see the slots, never change them).
  permission: "call:configure",
  schema: addSlotInput,
  fieldsWithin: "values",
  run: (input, actor, now) => slots.addAppendixSlot(actor, input, now),
  revalidate: [{ path: paths.manage, type: "layout" }],
});

export const removeAppendixSlotAction = serverAction({
  name: "appendix-slot.remove",
  permission: "call:configure",
  schema: removeSlotInput,
  run: (input, actor, now) => slots.removeAppendixSlot(actor, input, now),
  revalidate: [{ path: paths.manage, type: "layout" }],
});

/** The manager's "Add an appendix" form (works without JavaScript). */
export async function addAppendixSlotForm(_previous: SlotFormState, formData: FormData): Promise<SlotFormState> {
  const callId = Number(text(formData, "callId"));
  const result = await addAppendixSlotAction({
    callId,
    values: {
      name: text(formData, "name"),
      hint: text(formData, "hint"),
      required: text(formData, "required") || undefined,
      allowedTypes: formData.getAll("allowedTypes").map(String),
      maxMegabytes: text(formData, "maxMegabytes"),
      maxFiles: text(formData, "maxFiles"),
      perPartner: formData.get("perPartner") === "yes",
    },
  });
  if (!result.ok) return { errors: result.fieldErrors ?? { name: result.message } };
  redirect(`${paths.callAppendices(callId)}?added=1`);
}

export async function removeAppendixSlotForm(formData: FormData): Promise<void> {
  const callId = Number(text(formData, "callId"));
  const result = await removeAppendixSlotAction({ callId, slotId: text(formData, "slotId") });
  if (!result.ok) {
    if (result.code === "unauthenticated") redirect(paths.signIn);
    redirect(`${paths.callAppendices(callId)}?problem=${encodeURIComponent(result.code)}`);
  }
  redirect(`${paths.callAppendices(callId)}?removed=${encodeURIComponent(result.data.name)}`);
}
