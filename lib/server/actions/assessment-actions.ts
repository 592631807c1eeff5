"use server";

import { revalidatePath } from "next/cache";
import { paths } from "@/lib/paths";
import * as assessments from "../assessments";
import { currentActor } from "../session";

// Thin wrappers: each one resolves the session, then the data layer checks permission and the
// assignment, and validates with the same zod schemas the forms use.

export async function declareConflictAction(raw: unknown) {
  const result = await assessments.declareConflict(await currentActor(), raw);
  if (result.ok) revalidatePath(paths.assessments, "layout");
  return result;
}

export async function saveAssessmentDraftAction(raw: unknown) {
  return assessments.saveAssessmentDraft(await currentActor(), raw);
}

export async function submitAssessmentAction(raw: unknown) {
  const result = await assessments.submitAssessment(await currentActor(), raw);
  if (result.ok) revalidatePath(paths.assessments, "layout");
  return result;
}
