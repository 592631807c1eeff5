"use server";

import { redirect } from "next/navigation";
import { paths } from "@/lib/paths";
import { markAppendixInput, removeAppendixInput, uploadAppendixInput } from "@/lib/validation/appendices";
import { serverAction } from "../action";
import * as appendices from "../appendices";

// The appendix page's forms post FormData (they work without JavaScript); each adapter turns it
// into the action's input and calls the one wrapper: session → permission → zod → data layer
// (ownership, deadline, the file itself) → revalidate → typed result.

export interface AppendixFormState {
  /** Messages keyed "file" or "completed", shown in the error summary and beside the field. */
  errors: Record<string, string>;
  /** The file just uploaded (for the success message). */
  uploaded?: string;
}

const formText = (formData: FormData, name: string) => {
  const v = formData.get(name);
  return typeof v === "string" ? v : "";
};

export const uploadAppendixAction = serverAction({
  name: "appendix.upload",
  permission: "proposal:edit-own",
  schema: uploadAppendixInput,
  run: (input, actor, now) => appendices.uploadAppendix(actor, input, now),
  revalidate: [{ path: paths.proposals, type: "layout" }],
});

export const removeAppendixAction = serverAction({
  name: "appendix.remove",
  permission: "proposal:edit-own",
  schema: removeAppendixInput,
  run: (input, actor, now) => appendices.removeAppendix(actor, input, now),
  revalidate: [{ path: paths.proposals, type: "layout" }],
});

export const markAppendixAction = serverAction({
  name: "appendix.mark-completed",
  permission: "proposal:edit-own",
  schema: markAppendixInput,
  run: (input, actor, now) => appendices.markAppendixTask(actor, input, now),
  revalidate: [{ path: paths.proposals, type: "layout" }],
});

export async function uploadAppendixForm(_previous: AppendixFormState, formData: FormData): Promise<AppendixFormState> {
  const chosen = formData.get("file");
  const file =
    chosen instanceof File && (chosen.size > 0 || chosen.name !== "")
      ? { name: chosen.name, size: chosen.size, bytes: new Uint8Array(await chosen.arrayBuffer()) }
      : null;
  const result = await uploadAppendixAction({ proposalId: formText(formData, "proposalId"), slotKey: formText(formData, "slotKey"), file });
  if (!result.ok) return { errors: result.fieldErrors ?? { file: result.message } };
  return { errors: {}, uploaded: result.data.filename };
}

export async function removeAppendixForm(formData: FormData): Promise<void> {
  const proposalId = Number(formText(formData, "proposalId"));
  const result = await removeAppendixAction({ proposalId, fileId: formText(formData, "fileId") });
  if (!result.ok) redirect(result.code === "unauthenticated" ? paths.signIn : paths.editProposal(proposalId));
  redirect(`${paths.proposalAppendix(proposalId, result.data.slotKey)}?removed=${encodeURIComponent(result.data.filename)}`);
}

export async function markAppendixForm(_previous: AppendixFormState, formData: FormData): Promise<AppendixFormState> {
  const proposalId = Number(formText(formData, "proposalId"));
  const result = await markAppendixAction({ proposalId, slotKey: formText(formData, "slotKey"), completed: formText(formData, "completed") || undefined });
  if (!result.ok) return { errors: result.fieldErrors ?? { completed: result.message } };
  redirect(formText(formData, "return") === "final" ? paths.checkProposal(proposalId) : paths.editProposal(proposalId));
}
