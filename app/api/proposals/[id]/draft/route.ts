import { saveProposalDraftAction } from "@/lib/server/actions/proposal-actions";
import { actionRoute } from "@/lib/server/action";

/** The bidder's draft autosave (components/form/autosave): the save action as a JSON route (see actionRoute). */
export const POST = actionRoute(saveProposalDraftAction, { idField: "proposalId" });
