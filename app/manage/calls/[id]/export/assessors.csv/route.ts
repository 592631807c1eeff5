import { assessorsCsv, csvDownload } from "@/lib/server/manage/csv";
import { currentActor } from "@/lib/server/session";

export const dynamic = "force-dynamic";

/** Assessors' leniency as CSV, for managers only: 401 without a session, 403 for other roles, 404 for no such call. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const [{ id }, actor] = await Promise.all([params, currentActor()]);
  return csvDownload(actor, id, assessorsCsv);
}
