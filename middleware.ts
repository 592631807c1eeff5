import NextAuth from "next-auth";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { authConfig } from "@/lib/auth.config";
import { ACTION_CALL_BODY_LIMIT_BYTES, SERVER_ACTION_BODY_LIMIT_BYTES } from "@/lib/limits";
import { contentSecurityPolicy, SIGNED_IN_AREAS } from "@/lib/security-headers";

/**
 * Runs before pages and server actions (never before /api or static files):
 * - pages get a Content-Security-Policy with a fresh nonce per request, which Next.js puts on its
 *   own inline scripts (the pattern of the Next.js CSP guide);
 * - signed-in areas redirect signed-out visitors early (pages and actions check again themselves);
 * - a server action skips the session entirely (the action decrypts it once, itself) and gets only
 *   the cheap checks that turn a malformed request into a 4xx instead of an error: a foreign
 *   Origin (403), an oversized body (413), a body that is not what a form sends (400/415).
 */
const { auth } = NextAuth(authConfig);

const withAuth = auth((request) => pageResponse(request));

export default async function middleware(request: NextRequest, event: NextFetchEvent) {
  if (request.headers.has("next-action")) return checkActionRequest(request);
  const path = request.nextUrl.pathname;
  // CSV exports answer a signed-out request with 401 themselves, never a redirect to a page.
  if (path.includes("/export/")) return NextResponse.next();
  if (SIGNED_IN_AREAS.some((area) => path === area || path.startsWith(`${area}/`))) {
    return (withAuth as unknown as (r: NextRequest, e: NextFetchEvent) => Promise<Response>)(request, event);
  }
  return pageResponse(request);
}

function pageResponse(request: NextRequest): NextResponse {
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce, request.nextUrl.protocol === "https:");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

function plain(status: number, text: string): NextResponse {
  return new NextResponse(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

async function checkActionRequest(request: NextRequest): Promise<NextResponse> {
  if (request.method !== "POST") return plain(405, "Server actions are called with POST.");
  const origin = request.headers.get("origin");
  if (!origin) return plain(403, "This request did not come from a Tandem page.");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return plain(403, "This request did not come from a Tandem page.");
  }
  // Next.js compares the Origin with X-Forwarded-Host (which Tandem's server only keeps when the
  // deployment trusts its proxy) or Host.
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (originHost !== host) return plain(403, "This request came from another site.");

  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > SERVER_ACTION_BODY_LIMIT_BYTES) return plain(413, "This request is too large.");
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    if (!/boundary=/i.test(type)) return plain(400, "This request's body is malformed.");
    return NextResponse.next();
  }
  if (!type.startsWith("text/plain")) return plain(415, "This request's body is not a form or action call.");
  // Only a form post carries a file: an action call from script gets the smaller limit.
  if (declared > ACTION_CALL_BODY_LIMIT_BYTES) return plain(413, "This request is too large.");
  const body = await request.text();
  if (new TextEncoder().encode(body).length > ACTION_CALL_BODY_LIMIT_BYTES) return plain(413, "This request is too large.");
  // React sends an action's arguments as a JSON array (encodeReply); anything else is garbage.
  try {
    if (!Array.isArray(JSON.parse(body))) return plain(400, "This request's body is malformed.");
  } catch {
    return plain(400, "This request's body is malformed.");
  }
  return NextResponse.next();
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
