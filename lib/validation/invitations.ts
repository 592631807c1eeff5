/**
 * Assessor invitations: the manager's invite form and the assessor's answer. The same schemas
 * serve the forms and the server actions.
 */
import { z } from "zod";
import { DECLINE_REASONS, type DeclineReason } from "@/lib/domain/invitations";

export const MAX_PROPOSALS_LIMIT = 500;
export const MAX_DETAILS_CHARS = 2_000;

const ref = (what: string) => z.coerce.number({ error: `Unknown ${what}` }).int().positive(`Unknown ${what}`);

export const inviteAssessorsInput = z.object({
  callId: ref("call"),
  assessorIds: z.array(ref("assessor")).min(1, "Select at least one assessor to invite").max(500),
});

/** What the response form holds (strings as typed). */
export interface InvitationResponseValues {
  response: "" | "accept" | "decline";
  maxProposals: string;
  declineReason: "" | DeclineReason;
  declineDetails: string;
}

export const invitationResponseSchema = z
  .object({
    response: z.enum(["", "accept", "decline"]).default(""),
    maxProposals: z.string().max(20).default(""),
    declineReason: z.enum(["", ...DECLINE_REASONS]).default(""),
    declineDetails: z.string().max(MAX_DETAILS_CHARS, `Reason must be ${MAX_DETAILS_CHARS.toLocaleString("en-GB")} characters or fewer`).default(""),
  })
  .superRefine((v, ctx) => {
    const problem = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (v.response === "") problem("response", "Select whether you will assess proposals for this call");
    if (v.response === "accept") {
      const max = v.maxProposals.trim();
      if (max !== "" && (!/^\d+$/.test(max) || Number(max) < 1 || Number(max) > MAX_PROPOSALS_LIMIT)) {
        problem("maxProposals", `Maximum number of proposals must be a whole number between 1 and ${MAX_PROPOSALS_LIMIT}`);
      }
    }
    if (v.response === "decline") {
      if (v.declineReason === "") problem("declineReason", "Select why you are declining");
      if (v.declineReason === "other" && v.declineDetails.trim() === "") problem("declineDetails", "Enter why you are declining");
    }
  });

export const respondInvitationInput = z.object({ invitationId: ref("invitation"), values: invitationResponseSchema });
