import { DECLINE_REASON_LABELS, INVITATION_STATUS_LABELS } from "@/lib/domain/invitations";
import type { InvitationState } from "@/lib/server/invitations";

/** "Accepted, at most 5 proposals", "Declined: Not enough time", "Invited, no answer yet". */
export function InvitationStateText({ state }: { state: Pick<InvitationState, "status" | "maxProposals" | "declineReason" | "declineDetails"> }) {
  const tone = state.status === "accepted" ? "tag--green" : state.status === "declined" ? "tag--red" : "tag--yellow";
  return (
    <>
      <strong className={`tag ${tone}`}>{INVITATION_STATUS_LABELS[state.status]}</strong>
      {state.status === "accepted" ? (
        <span> {state.maxProposals === null ? "no maximum" : `at most ${state.maxProposals} ${state.maxProposals === 1 ? "proposal" : "proposals"}`}</span>
      ) : null}
      {state.status === "declined" && state.declineReason ? (
        <span>
          {" "}
          {DECLINE_REASON_LABELS[state.declineReason]}
          {state.declineDetails ? `: ${state.declineDetails}` : ""}
        </span>
      ) : null}
    </>
  );
}
