"use server";

import { redirect } from "next/navigation";
import { paths } from "@/lib/paths";
import { parseRouteId } from "@/lib/route-id";
import { DEFAULT_RUBRIC } from "@/lib/domain/rubric";
import {
  assignInput,
  callFormSchema,
  callRefInput,
  personFormSchema,
  recordDecisionInput,
  setPasswordSchema,
  unassignInput,
  updateCallInput,
  userRefInput,
  accountStateInput,
} from "@/lib/validation/manage";
import { publicAction, serverAction, type Revalidation } from "../action";
import { setAccountDisabled } from "../accounts";
import { confirmReleaseInput, partnerAgencyFormSchema } from "@/lib/validation/agencies";
import * as agenciesAdmin from "../manage/agencies-admin";
import * as assignments from "../manage/assignments";
import * as joint from "../manage/joint";
import * as callsAdmin from "../manage/calls-admin";
import * as decisions from "../manage/decisions";
import * as people from "../manage/people";

// Each action: session → permission → zod (the form's schema) → data layer (the record-level
// checks) → revalidate → typed result.

/** Every manager page reads live data, so a change refreshes all of them. */
const MANAGER_PAGES: readonly Revalidation[] = [{ path: paths.manage, type: "layout" }];

export const createCallAction = serverAction({
  name: "call.create",
  permission: "call:configure",
  schema: callFormSchema(DEFAULT_RUBRIC),
  run: (values, actor, now) => callsAdmin.createCall(actor, values, now),
  revalidate: MANAGER_PAGES,
});

export const updateCallAction = serverAction({
  name: "call.update",
  permission: "call:configure",
  schema: updateCallInput,
  run: (input, actor, now) => callsAdmin.updateCall(actor, input, now),
  revalidate: MANAGER_PAGES,
});

export const assignAssessorAction = serverAction({
  name: "assignment.add",
  permission: "assignment:manage",
  schema: assignInput,
  run: (input, actor, now) => assignments.assignAssessor(actor, input, now),
  revalidate: MANAGER_PAGES,
});

/**
 * The board's assign button without JavaScript (components/manage/AssessorSearchResults.tsx): a
 * form post of callId, proposalId, assessorId, the board's page and the search, answered with a
 * redirect back to the board: `assigned=` on success, the search and `problem=` (a code) on a refusal.
 */
export async function assignAssessorForm(formData: FormData): Promise<void> {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : "";
  };
  const callId = parseRouteId(text("callId"));
  if (callId === null) redirect(paths.manage);
  const result = await assignAssessorAction({ proposalId: text("proposalId"), assessorId: text("assessorId") });
  if (!result.ok && result.code === "unauthenticated") redirect(paths.signIn);
  const back = new URLSearchParams();
  const page = parseRouteId(text("page"));
  if (page !== null && page > 1) back.set("page", String(page));
  const proposalId = parseRouteId(text("proposalId"));
  if (result.ok) {
    if (proposalId !== null) back.set("assigned", String(proposalId));
  } else {
    if (proposalId !== null) back.set("proposal", String(proposalId));
    back.set("q", text("q"));
    back.set("problem", result.code);
  }
  redirect(`${paths.callAssignments(callId)}?${back}${proposalId !== null ? `#assign-${proposalId}` : ""}`);
}

export const unassignAssessorAction = serverAction({
  name: "assignment.remove",
  permission: "assignment:manage",
  schema: unassignInput,
  run: (input, actor, now) => assignments.unassignAssessor(actor, input, now),
  revalidate: MANAGER_PAGES,
});

export const autoAssignAction = serverAction({
  name: "assignment.auto",
  permission: "assignment:manage",
  schema: callRefInput,
  run: (input, actor, now) => assignments.startAutoAssign(actor, input, now),
  revalidate: MANAGER_PAGES,
});

export const recordDecisionAction = serverAction({
  name: "decision.record",
  permission: "decision:record",
  schema: recordDecisionInput,
  run: (input, actor, now) => decisions.recordDecision(actor, input, now),
  revalidate: MANAGER_PAGES,
});

export const releaseDecisionsAction = serverAction({
  name: "decision.release",
  permission: "decision:record",
  schema: callRefInput,
  run: (input, actor, now) => decisions.releaseDecisions(actor, input, now),
  // Bidders' proposal pages now show the outcome.
  revalidate: [...MANAGER_PAGES, { path: paths.proposals, type: "layout" }],
});

export const createPersonAction = serverAction({
  name: "person.create",
  permission: "user:manage",
  schema: personFormSchema,
  run: (input, actor, now) => people.createPerson(actor, input, now),
  revalidate: MANAGER_PAGES,
});

export const issuePasswordLinkAction = serverAction({
  name: "person.issue-link",
  permission: "user:manage",
  schema: userRefInput,
  run: (input, actor, now) => people.issuePasswordLink(actor, input, now),
  revalidate: MANAGER_PAGES,
});

/** A home manager creates a partner agency and its first manager (who gets a set-password link). */
export const createPartnerAgencyAction = serverAction({
  name: "agency.create",
  permission: "agency:manage",
  schema: partnerAgencyFormSchema,
  run: (input, actor, now) => agenciesAdmin.createPartnerAgency(actor, input, now),
  revalidate: MANAGER_PAGES,
});

/** One agency of a joint call confirms the release; decisions go out once both agencies have. */
export const confirmReleaseAction = serverAction({
  name: "decision.confirm-release",
  permission: "decision:record",
  schema: confirmReleaseInput,
  run: (input, actor, now) => joint.confirmRelease(actor, input, now),
  revalidate: [...MANAGER_PAGES, { path: paths.proposals, type: "layout" }],
});

/** The public set-password page: the one-time token is the only credential. */
export const setPasswordAction = publicAction({
  name: "person.set-password",
  schema: setPasswordSchema,
  run: (input, now) => people.setPasswordWithToken(input, now),
});

/** Disables or re-enables an account (audited); disabling ends its sessions at once. */
export const setAccountDisabledAction = serverAction({
  name: "person.set-disabled",
  permission: "user:manage",
  schema: accountStateInput,
  run: (input, actor, now) => setAccountDisabled(actor, input, now),
  revalidate: [paths.accounts],
});
