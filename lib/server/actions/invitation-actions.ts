"use server";

import { redirect } from "next/navigation";
import { paths } from "@/lib/paths";
import { inviteAssessorsInput, respondInvitationInput } from "@/lib/validation/invitations";
import { serverAction } from "../action";
import * as invitations from "../invitations";

export const respondToInvitationAction = serverAction({
  name: "invitation.respond",
  permission: "assessment:score",
  schema: respondInvitationInput,
  fieldsWithin: "values",
  run: (input, actor, now) => invitations.respondToInvitation(actor, input, now),
  revalidate: [{ path: paths.assessments, type: "layout" }, { path: paths.manage, type: "layout" }],
});

export const inviteAssessorsAction = serverAction({
  name: "invitation.send",
  permission: "assignment:manage",
  schema: inviteAssessorsInput,
  run: (input, actor, now) => invitations.inviteAssessors(actor, input, now),
  revalidate: [{ path: paths.manage, type: "layout" }, { path: paths.assessments, type: "layout" }],
});

/** The manager's invite form (plain HTML: works without JavaScript). */
export async function inviteAssessorsForm(formData: FormData): Promise<void> {
  const callId = Number(formData.get("callId"));
  const result = await inviteAssessorsAction({ callId, assessorIds: formData.getAll("assessorIds").map(String) });
  if (!result.ok) {
    if (result.code === "unauthenticated") redirect(paths.signIn);
    redirect(`${paths.callInvitations(callId)}?problem=${result.code === "invalid" ? "none-selected" : result.code}`);
  }
  redirect(`${paths.callInvitations(callId)}?sent=${result.data.invited.length}`);
}
