"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { paths } from "@/lib/paths";
import { reopenAssessment } from "../assessments";
import * as assignments from "../manage/assignments";
import * as callsAdmin from "../manage/calls-admin";
import * as decisions from "../manage/decisions";
import * as people from "../manage/people";
import { currentActor } from "../session";

// Thin wrappers: each one resolves the session; the data layer checks the permission, validates
// with the same zod schema the form uses, and refuses what the record does not allow.

/** Every manager page reads live data, so a change refreshes all of them. */
function refreshManagerPages<T>(result: ActionResult<T>): ActionResult<T> {
  if (result.ok) revalidatePath(paths.manage, "layout");
  return result;
}

export async function createCallAction(raw: unknown) {
  return refreshManagerPages(await callsAdmin.createCall(await currentActor(), raw));
}

export async function updateCallAction(raw: unknown) {
  return refreshManagerPages(await callsAdmin.updateCall(await currentActor(), raw));
}

export async function assignAssessorAction(raw: unknown) {
  return refreshManagerPages(await assignments.assignAssessor(await currentActor(), raw));
}

export async function unassignAssessorAction(raw: unknown) {
  return refreshManagerPages(await assignments.unassignAssessor(await currentActor(), raw));
}

export async function autoAssignAction(raw: unknown) {
  return refreshManagerPages(await assignments.autoAssignCall(await currentActor(), raw));
}

export async function recordDecisionAction(raw: unknown) {
  return refreshManagerPages(await decisions.recordDecision(await currentActor(), raw));
}

export async function releaseDecisionsAction(raw: unknown) {
  const result = refreshManagerPages(await decisions.releaseDecisions(await currentActor(), raw));
  // Bidders' proposal pages now show the outcome.
  if (result.ok) revalidatePath(paths.proposals, "layout");
  return result;
}

/** Reopens a submitted assessment (lib/server/assessments.ts) so its assessor can change it. */
export async function reopenAssessmentAsManagerAction(raw: unknown) {
  const result = refreshManagerPages(await reopenAssessment(await currentActor(), raw));
  if (result.ok) revalidatePath(paths.assessments, "layout");
  return result;
}

export async function createPersonAction(raw: unknown) {
  return refreshManagerPages(await people.createPerson(await currentActor(), raw));
}

export async function issuePasswordLinkAction(raw: unknown) {
  return refreshManagerPages(await people.issuePasswordLink(await currentActor(), raw));
}

/** The public set-password page: the one-time token is the only credential. */
export async function setPasswordAction(raw: unknown) {
  return people.setPasswordWithToken(raw);
}
