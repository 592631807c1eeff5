/** Assessor invitations to a call: their states and the reasons an assessor may decline. */
export const INVITATION_STATUSES = ["invited", "accepted", "declined"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export const DECLINE_REASONS = ["conflict", "expertise", "time", "other"] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const DECLINE_REASON_LABELS: Record<DeclineReason, string> = {
  conflict: "Conflict of interest with applicants",
  expertise: "Not my area of expertise",
  time: "Not enough time",
  other: "Other",
};

export const INVITATION_STATUS_LABELS: Record<InvitationStatus, string> = {
  invited: "Invited, no answer yet",
  accepted: "Accepted",
  declined: "Declined",
};
