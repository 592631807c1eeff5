import type { NextRequest } from "next/server";
import { handlers } from "@/lib/server/auth";
import { clientIpFrom } from "@/lib/server/client-ip";
import { throttledMessage, throttleKeys, throttleWait } from "@/lib/server/throttle";

export const { GET } = handlers;

/**
 * Sign-in posted straight to Auth.js (`/api/auth/callback/credentials`): while the account or the
 * address is throttled the answer is 429 with Retry-After, before any password is hashed.
 */
export async function POST(request: NextRequest) {
  if (request.nextUrl.pathname.endsWith("/callback/credentials")) {
    let email = "";
    try {
      const form = await request.clone().formData();
      email = String(form.get("email") ?? "");
    } catch {
      return new Response("Bad request", { status: 400 });
    }
    const wait = await throttleWait(throttleKeys("signin", { account: email || undefined, ip: clientIpFrom(request.headers) }));
    if (wait > 0) {
      return new Response(throttledMessage(wait), {
        status: 429,
        headers: { "Retry-After": String(wait), "Content-Type": "text/plain; charset=utf-8" },
      });
    }
  }
  return handlers.POST(request);
}
