import { decode, encode } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { authConfig, SESSION_COOKIES } from "@/lib/auth.config";
import { ACTION_CALL_BODY_LIMIT_BYTES, SERVER_ACTION_BODY_LIMIT_BYTES } from "@/lib/limits";
import { paths } from "@/lib/paths";
import { foreignRequestReason } from "@/lib/same-origin";
import { contentSecurityPolicy, SIGNED_IN_AREAS } from "@/lib/security-headers";

/**
 * Runs before pages and server actions (never before /api or static files, so never before the
 * draft autosave routes, which check the origin, size and session themselves: see actionRoute in
 * lib/server/action.ts):
 * - pages get a Content-Security-Policy with a fresh nonce per request, which Next.js puts on its
 *   own inline scripts (the pattern of the Next.js CSP guide);
 * - a visitor with no session cookie at all is sent to sign-in from the signed-in areas at once.
 *   The cookie is not decrypted here: every page checks the session itself (`requirePageActor`,
 *   lib/server/session.ts), which decrypts it once per request and also refuses a revoked session
 *   or a disabled account, so decrypting here too would only double the work (issue 12).
 *   Middleware is never the guard (some requests, such as prefetches, skip it). The one exception
 *   keeps the session sliding, as Auth.js's middleware did on every page: at most once an hour per
 *   browser (`SESSION_REFRESHED`), the session token is re-issued with a fresh expiry;
 * - a server action skips the session entirely (the action decrypts it once, itself) and gets only
 *   the cheap checks that turn a malformed request into a 4xx instead of an error: a foreign
 *   Origin (403), an oversized body (413), a body that is not what a form sends (400/415).
 */
export default async function middleware(request: NextRequest) {
  if (request.headers.has("next-action")) return checkActionRequest(request);
  const path = request.nextUrl.pathname;
  // CSV exports answer a signed-out request with 401 themselves, never a redirect to a page.
  if (path.includes("/export/")) return NextResponse.next();
  if (!SIGNED_IN_AREAS.some((area) => path === area || path.startsWith(`${area}/`))) return pageResponse(request);
  const cookie = SESSION_COOKIES.find((name) => request.cookies.has(name));
  if (!cookie) {
    const signIn = new URL(paths.signIn, request.nextUrl);
    signIn.searchParams.set("callbackUrl", `${path}${request.nextUrl.search}`);
    return NextResponse.redirect(signIn);
  }
  const response = pageResponse(request);
  if (!refreshedRecently(request)) await slideSession(request, response, cookie);
  return response;
}

/**
 * A plain cookie saying when this browser's session token was last re-issued. It only decides
 * whether to re-issue it again: forging it can only keep one's own session from sliding.
 */
const SESSION_REFRESHED = "tandem.session-refreshed";
const REFRESH_EVERY_MS = 60 * 60 * 1000;

function refreshedRecently(request: NextRequest): boolean {
  const at = Number(request.cookies.get(SESSION_REFRESHED)?.value);
  return Number.isFinite(at) && Date.now() - at < REFRESH_EVERY_MS;
}

/**
 * Re-issues a valid session token with a fresh expiry (what Auth.js's session endpoint does), so an
 * active user stays signed in. An invalid or expired token is left alone: the page refuses it.
 */
async function slideSession(request: NextRequest, response: NextResponse, cookie: (typeof SESSION_COOKIES)[number]): Promise<void> {
  const secret = process.env.AUTH_SECRET ?? "";
  const maxAge = authConfig.session.maxAge;
  const payload = await decode({ token: request.cookies.get(cookie)?.value, secret, salt: cookie }).catch(() => null);
  if (!payload) return;
  const options = { httpOnly: true, sameSite: "lax", path: "/", secure: cookie.startsWith("__Secure-"), maxAge } as const;
  response.cookies.set(cookie, await encode({ token: payload, secret, salt: cookie, maxAge }), options);
  response.cookies.set(SESSION_REFRESHED, String(Date.now()), options);
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
  const foreign = foreignRequestReason(request.headers);
  if (foreign) return plain(403, foreign);

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
