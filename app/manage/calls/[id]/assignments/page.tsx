import type { Metadata } from "next";
import { AssignmentBoard } from "@/components/manage/AssignmentBoard";
import { CallHeader } from "@/components/manage/CallHeader";
import { paths } from "@/lib/paths";
import { parseRouteId } from "@/lib/route-id";
import { getAssignmentBoard, suggestAssessors } from "@/lib/server/manage/assignments";
import { foundOr404, routeIdOr404 } from "@/lib/server/pages";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Assessors" };

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

/**
 * The call's assessors: automatic assignment, the paged proposals with a combobox each, the pool.
 * `?proposal=&q=` is the combobox's search without JavaScript: that proposal's matching assessors.
 */
export default async function AssignmentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const callId = routeIdOr404(id);
  const actor = await requirePageActor("assignment:manage", paths.callAssignments(callId));
  const [page, proposalId, q] = [parseRouteId(one(query.page)) ?? 1, parseRouteId(one(query.proposal)), one(query.q)];
  const [board, found] = await Promise.all([
    getAssignmentBoard(actor, callId, new Date(), page),
    proposalId === null ? null : suggestAssessors(actor, { callId: id, query: { proposalId: String(proposalId), q, limit: "20" } }),
  ]);
  const search = proposalId === null ? null : { proposalId, q, found: found?.ok ? found.data : null, problem: one(query.problem) || null };
  const b = foundOr404(board);
  return (
    <>
      <CallHeader call={b.call} current="assignments" title="Assessors" />
      <AssignmentBoard board={b} search={search} assigned={parseRouteId(one(query.assigned))} />
    </>
  );
}
