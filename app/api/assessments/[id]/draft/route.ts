import { saveAssessmentDraftAction } from "@/lib/server/actions/assessment-actions";
import { actionRoute } from "@/lib/server/action";

/** The assessor's draft autosave (components/form/autosave): the save action as a JSON route (see actionRoute). */
export const POST = actionRoute(saveAssessmentDraftAction, { idField: "assignmentId" });
