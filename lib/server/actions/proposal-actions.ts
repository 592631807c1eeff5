"use server";

import { redirect } from "next/navigation";
import { paths } from "@/lib/paths";
import { proposalRefInput, saveDraftInput, startProposalInput, submitProposalInput } from "@/lib/validation/proposal";
import { serverAction } from "../action";
import * as proposals from "../proposals";

// Each action: session → permission → zod (the form's schema) → data layer (ownership, deadline,
// version) → revalidate → typed result. Field errors are keyed by the form's own paths.

export const saveProposalDraftAction = serverAction({
  name: "proposal.save-draft",
  permission: "proposal:edit-own",
  schema: saveDraftInput,
  fieldsWithin: "answers",
  run: (input, actor, now) => proposals.saveProposalDraft(actor, input, now),
});

export const submitProposalAction = serverAction({
  name: "proposal.submit",
  permission: "proposal:edit-own",
  schema: submitProposalInput,
  fieldsWithin: "answers",
  run: (input, actor, now) => proposals.submitProposal(actor, input, now),
  revalidate: [paths.proposals],
});

export const reopenProposalAction = serverAction({
  name: "proposal.reopen",
  permission: "proposal:edit-own",
  schema: proposalRefInput,
  run: (input, actor, now) => proposals.reopenProposal(actor, input, now),
  revalidate: [paths.proposals],
});

/** Starts a draft; on success the wrapper redirects to it. */
export const startProposal = serverAction({
  name: "proposal.start",
  permission: "proposal:create",
  schema: startProposalInput,
  run: (input, actor, now) => proposals.startProposal(actor, input, now),
  revalidate: [paths.proposals],
  redirectTo: (data) => paths.editProposal(data.id),
});

/** Used by a plain <form>: starts a draft and goes straight to it, or back to the calls with the problem. */
export async function startProposalAction(formData: FormData): Promise<void> {
  const result = await startProposal({ callId: formData.get("callId") });
  if (!result.ok) redirect(result.code === "unauthenticated" ? paths.signIn : `${paths.calls}?problem=${result.code}`);
}
