import "server-only";
import { redirect } from "next/navigation";
import { paths } from "@/lib/paths";
import { foundOr404, routeIdOr404 } from "./pages";
import { getOwnProposal, type ProposalForOwner } from "./proposals";
import { requirePageActor } from "./session";

/**
 * For the pages that edit a draft (task list, sections, their check pages, the final check): the
 * signed-in bidder's own proposal; signed-out visitors go to sign-in (back to `returnTo` after),
 * anyone else's proposal is a 404, and once it is submitted or its call has closed the bidder is
 * sent to its read-only page.
 */
export async function editableProposalOr404(rawId: string, returnTo: (id: number) => string): Promise<ProposalForOwner> {
  const id = routeIdOr404(rawId);
  const actor = await requirePageActor("proposal:edit-own", returnTo(id));
  const proposal = foundOr404(await getOwnProposal(actor, id));
  if (proposal.status === "submitted" || proposal.call.stage !== "open") redirect(paths.proposal(proposal.id));
  return proposal;
}
