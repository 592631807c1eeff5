import { parseRouteId } from "@/lib/route-id";
import { downloadResponse, getAppendixDownload } from "@/lib/server/appendices";
import { currentActor } from "@/lib/server/session";

/**
 * An appendix, as an attachment with nosniff. Anyone who may not have it (including signed-out
 * visitors) gets the same 404 as for a file that does not exist.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ fileId: string }> }) {
  const id = parseRouteId((await params).fileId);
  return downloadResponse(id === null ? null : await getAppendixDownload(await currentActor(), id));
}
