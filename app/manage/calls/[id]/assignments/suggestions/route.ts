import { suggestAssessors } from "@/lib/server/manage/assignments";
import { currentActor } from "@/lib/server/session";

export const dynamic = "force-dynamic";

const STATUS = { unauthenticated: 401, forbidden: 403, not_found: 404 } as const;

/** Ranked assessors for one proposal, as small JSON, for the board's combobox (components/manage/AssessorCombobox.tsx). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const result = await suggestAssessors(await currentActor(), { callId: id, query });
  const headers = { "Cache-Control": "no-store" };
  if (!result.ok) return Response.json({ message: result.message }, { status: STATUS[result.code as keyof typeof STATUS] ?? 500, headers });
  return Response.json(result.data, { headers });
}
