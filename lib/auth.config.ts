import type { NextAuthConfig } from "next-auth";
import type { Role } from "@/db/schema";

/**
 * The edge-safe half of the auth configuration: pages, session and the token's claims. Credentials
 * and the database live in lib/server/auth.ts. Middleware only looks for the session cookie (it
 * never decrypts it); every page and action checks the session on the server (lib/server/session.ts).
 */

/** Auth.js's session cookie: `__Secure-` prefixed when served over HTTPS. */
export const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

export const authConfig = {
  pages: { signIn: "/signin" },
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  // Auth.js builds its URLs from X-Forwarded-Host only when trustHost is on. scripts/server.mjs
  // drops a client's X-Forwarded-Host unless AUTH_TRUST_HOST=true or AUTH_URL is set, so here the
  // host is the one the request was sent to (or AUTH_URL's, which wins when set).
  trustHost: true,
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = (user as { role?: Role }).role;
        // Compared with the account's on every request (lib/server/session.ts): bumping it revokes.
        token.sv = (user as { sessionVersion?: number }).sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
} satisfies NextAuthConfig;
