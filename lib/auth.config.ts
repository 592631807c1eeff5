import type { NextAuthConfig } from "next-auth";
import type { Role } from "@/db/schema";

/**
 * The edge-safe half of the auth configuration (used by middleware): pages, session and the
 * early redirect for signed-out visitors. Credentials and the database live in lib/server/auth.ts.
 * Middleware only redirects early; every page and action checks again on the server.
 */
const SIGNED_IN_AREAS = ["/proposals", "/assessments", "/manage"];

export const authConfig = {
  pages: { signIn: "/signin" },
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  // Auth.js builds its URLs from X-Forwarded-Host only when trustHost is on. scripts/server.mjs
  // drops a client's X-Forwarded-Host unless AUTH_TRUST_HOST=true or AUTH_URL is set, so here the
  // host is the one the request was sent to (or AUTH_URL's, which wins when set).
  trustHost: true,
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      // A server action answers "unauthenticated" itself (every action checks the session), so the
      // form can keep what was typed; a redirect here would look like a lost connection instead.
      if (request.headers.has("next-action")) return true;
      const path = request.nextUrl.pathname;
      if (SIGNED_IN_AREAS.some((area) => path === area || path.startsWith(`${area}/`))) return Boolean(auth?.user);
      return true;
    },
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
