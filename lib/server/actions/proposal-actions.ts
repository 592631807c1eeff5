"use server";

import { redirect } from "next/navigation";
import { paths } from "@/lib/paths";
import { completeSectionInput, proposalRefInput, saveDraftEnvelope, startProposalInput, submitProposalInput } from "@/lib/validation/proposal";
import { serverAction } from "../action";
import * as proposals from "../proposals";

// Each action: session → permission → zod (the form's schema) → data layer (ownership, deadline,
// version) → revalidate → typed result. Field errors are keyed by the form's own paths.

/**
 * The draft autosave. The browser reaches it through its JSON route, app/api/proposals/[id]/draft
 * (`actionRoute`: the same steps, without the server-action plumbing, issue 12); no page hands it
 * to a client as a server action.
 */
export const saveProposalDraftAction = serverAction({
  name: "proposal.save-draft",
  permission: "proposal:edit-own",
  // The answers are checked field by field in the data layer, so one invalid answer does not
  // block the others (lib/server/autosave.ts).
  schema: saveDraftEnvelope,
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

/**
 * Used by a plain <form>: starts a draft and goes straight to it, or back to the calls with the
 * problem. Like every action it is a public endpoint: anything but a form is refused by the schema.
 */
export async function startProposalAction(formData: unknown): Promise<void> {
  const result = await startProposal({ callId: formData instanceof FormData ? formData.get("callId") : undefined });
  if (!result.ok) redirect(result.code === "unauthenticated" ? paths.signIn : `${paths.calls}?problem=${result.code}`);
}

/** "Have you completed this section?" with the section's answers, saved in one write. */
export const completeSectionAction = serverAction({
  name: "proposal.complete-section",
  permission: "proposal:edit-own",
  schema: completeSectionInput,
  fieldsWithin: "answers",
  run: (input, actor, now) => proposals.completeSection(actor, input, now),
  revalidate: [{ path: paths.proposals, type: "layout" }],
});
