import type { Metadata } from "next";
import { AssignmentBoard } from "@/components/manage/AssignmentBoard";
import { CallHeader } from "@/components/manage/CallHeader";
import { paths } from "@/lib/paths";
import { parseRouteId } from "@/lib/route-id";
import { getAssignmentBoard } from "@/lib/server/manage/assignments";
import { foundOr404, routeIdOr404 } from "@/lib/server/pages";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Assessors" };

/** The call's assessors: automatic assignment, the paged proposals with a combobox each, the pool. */
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
  const page = parseRouteId(typeof query.page === "string" ? query.page : "") ?? 1;
  const board = foundOr404(await getAssignmentBoard(actor, callId, new Date(), page));
  return (
    <>
      <CallHeader call={board.call} current="assignments" title="Assessors" />
      <AssignmentBoard board={board} />
    </>
  );
}
