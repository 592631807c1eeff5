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

/**
 * Decrypts the session cookie once (no re-encryption, unlike a full `auth()` round trip) and
 * returns the claims, or null when there is no valid, unexpired token.
 */
export async function readSessionClaims(): Promise<SessionClaims | null> {
  const jar = await cookies();
  for (const name of SESSION_COOKIES) {
    const token = jar.get(name)?.value;
    if (!token) continue;
    try {
      const payload = await decode({ token, secret: process.env.AUTH_SECRET ?? "", salt: name });
      return claimsFrom(payload);
    } catch {
      return null; // tampered, expired or signed with another secret
    }
  }
  return null;
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
export const currentActor = cache(async (): Promise<Actor | null> => {
  const claims = await readSessionClaims();
  const actor = claims ? await findSessionActor(claims) : null;
  if (actor) noteRequestUser(actor.id);
  return actor;
});

/** For pages: signed-out visitors go to sign-in, the wrong role goes to "not allowed". */
export async function requirePageActor(permission: Permission, returnTo: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`${paths.signIn}?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!actorMay(actor, permission)) redirect(paths.notAllowed);
  return actor;
}
