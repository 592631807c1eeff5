import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authConfig } from "@/lib/auth.config";
import { signInSchema } from "@/lib/validation/auth";
import { PasswordHashBusyError, verifyPassword } from "@/lib/crypto/password";
import { clearThrottle, recordThrottleFailure, throttleKeys, throttleWait } from "./throttle";
import { clientIpFrom } from "./client-ip";
import { findUserByEmail } from "./users";

/** Refused because the account or the address has failed too often; `code` reaches the sign-in page. */
export class ThrottledSignin extends CredentialsSignin {
  code = "throttled";
}

/** The password was right but a manager has disabled the account. */
export class DisabledSignin extends CredentialsSignin {
  code = "disabled";
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) throw new CredentialsSignin();
        const keys = throttleKeys("signin", { account: parsed.data.email, ip: clientIpFrom(request.headers) });
        if ((await throttleWait(keys)) > 0) throw new ThrottledSignin();
        const user = await findUserByEmail(parsed.data.email);
        let ok: boolean;
        try {
          // Verify even when the user is unknown so timing does not reveal which emails exist.
          ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
        } catch (error) {
          if (error instanceof PasswordHashBusyError) throw new ThrottledSignin();
          throw error;
        }
        if (!user || !ok) {
          await recordThrottleFailure(keys);
          throw new CredentialsSignin();
        }
        if (user.disabledAt) throw new DisabledSignin();
        await clearThrottle(keys.slice(0, 1));
        return { id: String(user.id), email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
      },
    }),
  ],
});

const DUMMY_HASH =
  "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";
