/**
 * The app's server actions as tests call them: the same steps as in production after the session
 * (permission table → zod → data layer → typed result), with the actor and the clock the test
 * chooses: `startProposal(owner, { callId }, now)`.
 */
import type { ActionResult } from "@/lib/action-result";
import { invokerOf } from "@/lib/server/action";
import { waitForJob } from "@/lib/server/jobs";
import type { AutoAssignReport } from "@/lib/server/manage/assignments";
import type { Actor } from "@/lib/server/users";
import * as assessmentActions from "@/lib/server/actions/assessment-actions";
import * as manageActions from "@/lib/server/actions/manage-actions";
import * as proposalActions from "@/lib/server/actions/proposal-actions";

export const startProposal = invokerOf(proposalActions.startProposal);
export const saveProposalDraft = invokerOf(proposalActions.saveProposalDraftAction);
export const submitProposal = invokerOf(proposalActions.submitProposalAction);
export const reopenProposal = invokerOf(proposalActions.reopenProposalAction);

export const declareConflict = invokerOf(assessmentActions.declareConflictAction);
export const saveAssessmentDraft = invokerOf(assessmentActions.saveAssessmentDraftAction);
export const submitAssessment = invokerOf(assessmentActions.submitAssessmentAction);
export const reopenAssessment = invokerOf(assessmentActions.reopenAssessmentAction);

export const createCall = invokerOf(manageActions.createCallAction);
export const updateCall = invokerOf(manageActions.updateCallAction);
export const assignAssessor = invokerOf(manageActions.assignAssessorAction);
export const unassignAssessor = invokerOf(manageActions.unassignAssessorAction);
const startAutoAssign = invokerOf(manageActions.autoAssignAction);
/**
 * "Assign automatically" as a manager sees it end to end: the action starts the background job;
 * this waits for the worker and answers with the run's report, or with its failure message.
 */
export async function autoAssignCall(actor: Actor | null, raw: unknown, now?: Date): Promise<ActionResult<AutoAssignReport>> {
  const started = await startAutoAssign(actor, raw, now);
  if (!started.ok) return started;
  const row = await waitForJob(started.data.jobId);
  if (row?.status === "done") return { ok: true, data: row.result as AutoAssignReport };
  return { ok: false, code: "error", message: row?.error ?? "The job did not finish." };
}
export const recordDecision = invokerOf(manageActions.recordDecisionAction);
export const releaseDecisions = invokerOf(manageActions.releaseDecisionsAction);
export const createPerson = invokerOf(manageActions.createPersonAction);
export const issuePasswordLink = invokerOf(manageActions.issuePasswordLinkAction);

const setPassword = invokerOf(manageActions.setPasswordAction);
/** The public set-password action: no session, the token is the credential. */
export const setPasswordWithToken = (raw: unknown, now?: Date) => setPassword(null, raw, now);
export const setAccountDisabled = invokerOf(manageActions.setAccountDisabledAction);

import * as appendixActions from "@/lib/server/actions/appendix-actions";
import * as appendixSlotActions from "@/lib/server/actions/appendix-slot-actions";
import * as invitationActions from "@/lib/server/actions/invitation-actions";

export const completeSection = invokerOf(proposalActions.completeSectionAction);
export const uploadAppendix = invokerOf(appendixActions.uploadAppendixAction);
export const removeAppendix = invokerOf(appendixActions.removeAppendixAction);
export const markAppendixTask = invokerOf(appendixActions.markAppendixAction);
export const addAppendixSlot = invokerOf(appendixSlotActions.addAppendixSlotAction);
export const removeAppendixSlot = invokerOf(appendixSlotActions.removeAppendixSlotAction);
export const inviteAssessors = invokerOf(invitationActions.inviteAssessorsAction);
export const respondToInvitation = invokerOf(invitationActions.respondToInvitationAction);
