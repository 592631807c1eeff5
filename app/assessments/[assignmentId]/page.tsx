import type { Metadata } from "next";
import { AssignmentView } from "@/components/assessment/AssignmentView";
import { paths } from "@/lib/paths";
import { declareConflictAction, submitAssessmentAction } from "@/lib/server/actions/assessment-actions";
import { appendicesForAssignment } from "@/lib/server/appendices";
import { getAssignmentForAssessor } from "@/lib/server/assessments";
import { foundOr404, routeIdOr404 } from "@/lib/server/pages";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Assess a proposal" };

const ACTIONS = { declare: declareConflictAction, submit: submitAssessmentAction };

/** One assignment: declare any conflict first, then read the proposal and score it. */
export default async function AssessmentPage({
  params,
  searchParams,
}: {
  params: Promise<{ assignmentId: string }>;
  searchParams: Promise<{ submitted?: string }>;
}) {
  const [{ assignmentId }, { submitted }] = await Promise.all([params, searchParams]);
  const id = routeIdOr404(assignmentId);
  const actor = await requirePageActor("assessment:score", paths.assessment(id));
  const page = foundOr404(await getAssignmentForAssessor(actor, id));
  // The files only once the assessor has declared no conflict (the read refuses them before).
  const appendices = page.stage === "assess" ? ((await appendicesForAssignment(actor, id)) ?? []) : [];
  return <AssignmentView page={page} appendices={appendices} justSubmitted={submitted === "1"} actions={ACTIONS} />;
}
