/**
 * The app's server actions as tests call them: the same steps as in production after the session
 * (permission table → zod → data layer → typed result), with the actor and the clock the test
 * chooses: `startProposal(owner, { callId }, now)`.
 */
import { invokerOf } from "@/lib/server/action";
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
export const autoAssignCall = invokerOf(manageActions.autoAssignAction);
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
