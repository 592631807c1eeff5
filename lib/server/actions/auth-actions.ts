"use server";

import { AuthError } from "next-auth";
import type { ActionResult } from "@/lib/action-result";
import { registerSchema, signInSchema } from "@/lib/validation/auth";
import { failure, fieldErrorsFrom } from "../action-error";
import { signIn, signOut } from "../auth";
import { createUser, findUserByEmail } from "../users";

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
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeReturnPath(callbackUrl) });
  } catch (error) {
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
  const taken = failure("invalid", "There is a problem with what you entered.", {
    email: "An account with this email address already exists. Sign in instead.",
  });
  if (await findUserByEmail(email)) return taken;
  try {
    await createUser({ email, name, organisation, password, role: "bidder", country: "GB" });
  } catch (error) {
    // Two registrations with one email at once: the unique index decides, the second is told so.
    if (error instanceof Error && "code" in error && error.code === "SQLITE_CONSTRAINT_UNIQUE") return taken;
    throw error;
  }
  await signIn("credentials", { email, password, redirectTo: "/proposals" });
  return { ok: true, data: undefined };
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
