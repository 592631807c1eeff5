import { bareSaveDraft, benchHandlerEnabled, parseBareSave } from "@/lib/server/bench/bare-autosave";

export const dynamic = "force-dynamic";

const notFound = () => new Response("Not found", { status: 404 });

/** Bench only (see lib/server/bench/bare-autosave.ts): 404 unless the bench secret is configured and given. */
export async function POST(request: Request) {
  if (!benchHandlerEnabled(request)) return notFound();
  const input = parseBareSave(await request.json().catch(() => null));
  if (!input) return new Response("Bad request", { status: 400 });
  const version = await bareSaveDraft(input);
  return version === null ? new Response("Conflict", { status: 409 }) : Response.json({ version });
}
