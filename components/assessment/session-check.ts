/**
 * Whether the browser still has a session, asked of next-auth's session endpoint.
 *
 * Why: when the session has expired, middleware redirects a server action's POST to the sign-in
 * page, so the action never returns its "unauthenticated" result and the call just fails, which
 * looks like a lost connection. Asking here tells the two apart, so the assessor is told to sign
 * in again rather than to wait for a connection that is already fine.
 */
export async function hasSession(): Promise<boolean> {
  try {
    const response = await fetch("/api/auth/session", { cache: "no-store", credentials: "same-origin" });
    if (!response.ok) return true; // cannot tell: treat it as a connection problem
    const session = (await response.json()) as { user?: unknown } | null;
    return Boolean(session?.user);
  } catch {
    return true; // truly offline: the caller keeps retrying
  }
}
