"use server";

import { paths } from "@/lib/paths";
import { declareConflictInput, reopenAssessmentInput, saveAssessmentInput, submitAssessmentInput } from "@/lib/validation/assessment-actions";
import { serverAction } from "../action";
import * as assessments from "../assessments";

// Each action: session → permission → zod (the form's schema) → data layer (assignment,
// declaration, version, the call's rubric) → revalidate → typed result.

export const declareConflictAction = serverAction({
  name: "assessment.declare-conflict",
  permission: "assessment:score",
  schema: declareConflictInput,
  run: (input, actor, now) => assessments.declareConflict(actor, input, now),
  revalidate: [{ path: paths.assessments, type: "layout" }],
});

/** The assessor's draft autosave, reached through its JSON route app/api/assessments/[id]/draft (`actionRoute`). */
export const saveAssessmentDraftAction = serverAction({
  name: "assessment.save-draft",
  permission: "assessment:score",
  schema: saveAssessmentInput,
  run: (input, actor, now) => assessments.saveAssessmentDraft(actor, input, now),
});

export const submitAssessmentAction = serverAction({
  name: "assessment.submit",
  permission: "assessment:score",
  schema: submitAssessmentInput,
  run: (input, actor, now) => assessments.submitAssessment(actor, input, now),
  revalidate: [{ path: paths.assessments, type: "layout" }],
});

/** A manager reopens a submitted assessment so its assessor can change it. */
export const reopenAssessmentAction = serverAction({
  name: "assessment.reopen",
  permission: "assessment:reopen",
  schema: reopenAssessmentInput,
  run: (input, actor, now) => assessments.reopenAssessment(actor, input, now),
  revalidate: [
    { path: paths.manage, type: "layout" },
    { path: paths.assessments, type: "layout" },
  ],
});
