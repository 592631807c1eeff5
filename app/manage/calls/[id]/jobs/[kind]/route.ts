import { jobProgress } from "@/lib/server/jobs/progress";
import { currentActor } from "@/lib/server/session";

export const dynamic = "force-dynamic";

const STATUS = { unauthenticated: 401, forbidden: 403, not_found: 404, invalid: 404 } as const;

/** A background job's progress as JSON, polled by components/jobs/JobProgress.tsx. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; kind: string }> }) {
  const { id, kind } = await params;
  const key = new URL(request.url).searchParams.get("key");
  const result = await jobProgress(await currentActor(), { callId: id, kind, key });
  const headers = { "Cache-Control": "no-store" };
  if (!result.ok) {
    const status = result.code in STATUS ? STATUS[result.code as keyof typeof STATUS] : 500;
    return Response.json({ message: result.message }, { status, headers });
  }
  if (!result.data) return Response.json({ message: "No such computation." }, { status: 404, headers });
  return Response.json(result.data, { headers });
}
