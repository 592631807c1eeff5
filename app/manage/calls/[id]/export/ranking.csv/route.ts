import { csvResponse, rankingCsv } from "@/lib/server/manage/csv";
import { currentActor } from "@/lib/server/session";

export const dynamic = "force-dynamic";

/** The ranking as CSV, for managers only: 401 without a session, 403 for other roles, 404 for no such call. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return csvResponse(await rankingCsv(await currentActor(), { callId: id }));
}
