"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { registerSchema, signInSchema } from "@/lib/validation/auth";
import { failure, fieldErrorsFrom } from "../action-error";
import { signIn, signOut } from "../auth";
import { clientIp } from "../client-ip";
import { recordThrottleFailure, throttledMessage, throttleKeys, throttleWait } from "../throttle";
import { createUser, endAllSessions, findUserByEmail } from "../users";
import { serverAction } from "../action";

/** Only a path on this site, so a crafted link cannot send someone elsewhere after signing in. */
function safeReturnPath(callbackUrl: unknown): string {
  if (typeof callbackUrl !== "string" || callbackUrl === "") return "/";
  try {
    // Middleware passes an absolute URL; keep only its path, whatever host it names.
    const url = new URL(callbackUrl, "http://tandem.invalid");
    const path = `${url.pathname}${url.search}`;
    return path.startsWith("/") && !path.startsWith("//") ? path : "/";
  } catch {
    return "/";
  }
}

export async function signInAction(raw: unknown, callbackUrl?: string): Promise<ActionResult> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return failure("invalid", "There is a problem with what you entered.", fieldErrorsFrom(parsed.error));
  const keys = throttleKeys("signin", { account: parsed.data.email, ip: await clientIp() });
  const wait = await throttleWait(keys);
  if (wait > 0) return failure("throttled", throttledMessage(wait), { email: throttledMessage(wait) });
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeReturnPath(callbackUrl) });
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === "throttled") {
      const message = throttledMessage(Math.max(1, await throttleWait(keys)));
      return failure("throttled", message, { email: message });
    }
    if (error instanceof CredentialsSignin && error.code === "disabled") {
      return failure("forbidden", "This account has been disabled. Contact your portfolio manager.", {
        email: "This account has been disabled. Contact your portfolio manager.",
      });
    }
    if (error instanceof AuthError) {
      return failure("invalid", "The email address or password is incorrect.", {
        email: "Enter the email address and password of your account",
      });
    }
    throw error; // the redirect after a successful sign-in is thrown too
  }
  return { ok: true, data: undefined };
}

export async function registerAction(raw: unknown): Promise<ActionResult> {
  const parsed = registerSchema.safeParse(raw);
  if (!parsed.success) return failure("invalid", "There is a problem with what you entered.", fieldErrorsFrom(parsed.error));
  const { email, name, organisation, password } = parsed.data;
  // Saying "already registered" helps real applicants, so it stays; to stop it being used to list
  // accounts, each such answer counts against the address, throttled like a failed sign-in.
  const keys = throttleKeys("register", { ip: await clientIp() });
  const wait = await throttleWait(keys);
  if (wait > 0) return failure("throttled", throttledMessage(wait), { email: throttledMessage(wait) });
  const taken = async () => {
    await recordThrottleFailure(keys);
    return failure("invalid", "There is a problem with what you entered.", {
      email: "An account with this email address already exists. Sign in instead.",
    });
  };
  if (await findUserByEmail(email)) return taken();
  try {
    await createUser({ email, name, organisation, password, role: "bidder", country: "GB" });
  } catch (error) {
    // Two registrations with one email at once: the unique index decides, the second is told so.
    if (error instanceof Error && "code" in error && error.code === "SQLITE_CONSTRAINT_UNIQUE") return taken();
    throw error;
  }
  await signIn("credentials", { email, password, redirectTo: "/proposals" });
  return { ok: true, data: undefined };
}

/**
 * Ends every session of the signed-in account ("sign out everywhere"): its session version moves
 * on, so this cookie, and any copy of it, stops working even before it expires.
 */
export const endAllSessionsAction = serverAction({
  name: "session.end-all",
  permission: "session:end",
  schema: z.object({}),
  run: (_input, actor) => endAllSessions(actor),
});

/**
 * Sign-out is always "sign out everywhere": the sessions end (through the action above), then the
 * cookie is cleared. A session that had already ended (expired, revoked) still gets its cookie
 * cleared.
 */
export async function signOutAction(): Promise<void> {
  await endAllSessionsAction({});
  await signOut({ redirectTo: "/" });
}
