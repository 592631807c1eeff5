/**
 * middleware.ts: the early redirect, the CSP nonce and the sliding session, without decrypting
 * the session on every page (issue 12: one decrypt per request, done by the page itself).
 */
import { decode, encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { TEST_AUTH_SECRET, setTestAuthSecret } from "../support/auth-secret";
import middleware from "@/middleware";

const SECRET = TEST_AUTH_SECRET;
const COOKIE = "authjs.session-token";
setTestAuthSecret();

const request = (path: string, cookies: Record<string, string> = {}, headers: Record<string, string> = {}) =>
  new NextRequest(`http://tandem.test${path}`, {
    headers: { ...headers, cookie: Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join("; ") },
  });

const token = () => encode({ token: { uid: "7", email: "bidder@example.test", sv: 1 }, secret: SECRET, salt: COOKIE, maxAge: 60 });

describe("middleware", () => {
  it("sends a visitor without a session cookie to sign-in, coming back to the page asked for", async () => {
    const response = await middleware(request("/proposals/3/edit?x=1"));
    expect(response.status).toBe(307);
    const to = new URL(response.headers.get("location")!);
    expect(to.pathname).toBe("/signin");
    expect(to.searchParams.get("callbackUrl")).toBe("/proposals/3/edit?x=1");
  });

  it("lets a request with a session cookie through to the page, which checks the session itself", async () => {
    // Not even a valid token: middleware does not decrypt it (the page refuses it and redirects).
    const response = await middleware(request("/manage", { [COOKIE]: "not-a-token", "tandem.session-refreshed": String(Date.now()) }));
    expect(response.status).toBe(200);
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("gives every page a fresh nonce, signed in or not", async () => {
    const nonces = await Promise.all(["/", "/signin", "/calls"].map(async (path) => (await middleware(request(path))).headers.get("content-security-policy")));
    expect(new Set(nonces).size).toBe(3);
  });

  it("re-issues a valid session token at most once an hour, so an active session slides", async () => {
    const stale = await middleware(request("/proposals", { [COOKIE]: await token() }));
    const issued = stale.cookies.get(COOKIE);
    expect(issued?.value).toBeTruthy();
    expect(issued?.maxAge).toBe(8 * 60 * 60);
    const claims = await decode({ token: issued!.value, secret: SECRET, salt: COOKIE });
    expect(claims).toMatchObject({ uid: "7", email: "bidder@example.test", sv: 1 });
    expect(claims!.exp! - Math.floor(Date.now() / 1000)).toBeGreaterThan(8 * 60 * 60 - 60);
    expect(stale.cookies.get("tandem.session-refreshed")?.value).toMatch(/^\d+$/);

    const fresh = await middleware(request("/proposals", { [COOKIE]: await token(), "tandem.session-refreshed": String(Date.now()) }));
    expect(fresh.cookies.get(COOKIE)).toBeUndefined();
  });

  it("never re-issues a token it cannot verify", async () => {
    const response = await middleware(request("/proposals", { [COOKIE]: "forged" }));
    expect(response.status).toBe(200);
    expect(response.cookies.get(COOKIE)).toBeUndefined();
  });

  it("refuses a server action call from another site before it runs", async () => {
    const call = (headers: Record<string, string>) =>
      new NextRequest("http://tandem.test/proposals/1/sections/project", {
        method: "POST",
        headers: { "next-action": "abc", host: "tandem.test", "content-type": "text/plain;charset=UTF-8", ...headers },
        body: "[]",
      });
    expect((await middleware(call({ origin: "https://evil.example" }))).status).toBe(403);
    expect((await middleware(call({ origin: "http://tandem.test", "sec-fetch-site": "cross-site" }))).status).toBe(403);
    expect((await middleware(call({ origin: "http://tandem.test", "sec-fetch-site": "same-origin" }))).status).toBe(200);
  });
});
