import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import { SESSION_COOKIES } from "@/lib/auth.config";
import type { Permission } from "@/lib/domain/permissions";
import { actorMay } from "@/lib/domain/permissions";
import { paths } from "@/lib/paths";
import { noteRequestUser } from "./request-context";
import { findSessionActor, type Actor } from "./users";

/** What Tandem puts in the session token at sign-in (see lib/auth.config.ts). */
export interface SessionClaims {
  uid: number;
  email: string;
  sessionVersion: number;
}

/** Where a session cookie is read from: `cookies()` in a page or action, the request in a route handler. */
export interface CookieSource {
  get(name: string): { value: string } | undefined;
}

/**
 * Decrypts the session cookie (no re-encryption, unlike a full `auth()` round trip) and returns the
 * claims, or null when there is no valid, unexpired token.
 */
export async function readSessionClaims(jar: CookieSource): Promise<SessionClaims | null> {
  for (const name of SESSION_COOKIES) {
    const token = jar.get(name)?.value;
    if (!token) continue;
    return decryptedClaims(name, token);
  }
  return null;
}

/**
 * Decrypting a session token (HKDF key derivation, then AES and HMAC through WebCrypto) cost about
 * 1–2 ms of the server's one thread per request, most of an autosave's own work beyond the bare
 * transaction (issue 12). A token is immutable, so its decrypted claims are remembered for the
 * next request that carries the very same token, until the token's own expiry: a bounded map,
 * oldest first out. Nothing else is cached: the account is re-read on every request
 * (`findSessionActor`), so sign-out, a password change or disabling still ends a session at once.
 */
const DECRYPTED_LIMIT = 5_000;
const decrypted = new Map<string, { secret: string; claims: SessionClaims; expiresAtMs: number }>();

async function decryptedClaims(name: (typeof SESSION_COOKIES)[number], token: string): Promise<SessionClaims | null> {
  const secret = process.env.AUTH_SECRET ?? "";
  const key = `${name}\n${token}`;
  const known = decrypted.get(key);
  if (known && known.secret === secret && known.expiresAtMs > Date.now()) return known.claims;
  if (known) decrypted.delete(key);
  let payload: Record<string, unknown> | null;
  try {
    payload = await decode({ token, secret, salt: name });
  } catch {
    return null; // tampered, expired or signed with another secret
  }
  const claims = claimsFrom(payload);
  const exp = Number(payload?.exp);
  if (claims && Number.isFinite(exp)) {
    if (decrypted.size >= DECRYPTED_LIMIT) decrypted.delete(decrypted.keys().next().value!);
    decrypted.set(key, { secret, claims, expiresAtMs: exp * 1000 });
  }
  return claims;
}

export function claimsFrom(payload: Record<string, unknown> | null): SessionClaims | null {
  if (!payload) return null;
  const uid = Number(payload.uid);
  const sessionVersion = payload.sv;
  const email = payload.email;
  if (!Number.isInteger(uid) || uid <= 0 || typeof sessionVersion !== "number" || typeof email !== "string") return null;
  return { uid, email, sessionVersion };
}

/**
 * The signed-in user, re-read from the database once per request. A token is honoured only while
 * the account's session version and email still match it and the account is not disabled, so
 * sign-out, a password change or disabling ends every session at once, and a token made for
 * another database that shares the secret is refused.
 */
export const currentActor = cache(async (): Promise<Actor | null> => sessionActor(await cookies()));

/**
 * The signed-in user for these cookies, with the checks above: at most one decryption, then the
 * account re-read. A route handler passes its request's cookies (lib/server/action.ts, actionRoute).
 */
export async function sessionActor(jar: CookieSource): Promise<Actor | null> {
  const claims = await readSessionClaims(jar);
  const actor = claims ? await findSessionActor(claims) : null;
  if (actor) noteRequestUser(actor.id);
  return actor;
}

/** For pages: signed-out visitors go to sign-in, the wrong role goes to "not allowed". */
export async function requirePageActor(permission: Permission, returnTo: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`${paths.signIn}?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!actorMay(actor, permission)) redirect(paths.notAllowed);
  return actor;
}
