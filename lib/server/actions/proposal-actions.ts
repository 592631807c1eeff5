"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { paths } from "@/lib/paths";
import * as proposals from "../proposals";
import { currentActor } from "../session";

// Thin wrappers: each one resolves the session, then the data layer checks permission, ownership,
// deadline and validates with the same zod schema the form uses.

export async function saveProposalDraftAction(raw: unknown) {
  return proposals.saveProposalDraft(await currentActor(), raw);
}

export async function submitProposalAction(raw: unknown) {
  const result = await proposals.submitProposal(await currentActor(), raw);
  if (result.ok) revalidatePath(paths.proposals);
  return result;
}

export async function reopenProposalAction(raw: unknown) {
  const result = await proposals.reopenProposal(await currentActor(), raw);
  if (result.ok) revalidatePath(paths.proposals);
  return result;
}

/** Used by a plain <form>: starts a draft and goes straight to it. */
export async function startProposalAction(formData: FormData): Promise<void> {
  const result = await proposals.startProposal(await currentActor(), { callId: formData.get("callId") });
  if (!result.ok) {
    redirect(result.code === "unauthenticated" ? paths.signIn : `${paths.calls}?problem=${result.code}`);
  }
  redirect(paths.editProposal(result.data.id));
}
