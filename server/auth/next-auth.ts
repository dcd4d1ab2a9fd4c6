import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { findUserByName } from "@/db/queries";
import { setRecoveryCodes } from "@/db/totp-queries";
import { signInInput } from "@/lib/schemas";
import { runtime } from "@/server/runtime";
import { verifyPassword } from "./passwords";
import { SignInThrottle } from "./throttle";
import { consumeRecoveryCode, verifyTotp } from "./totp";

const throttle = new SignInThrottle();

/** One answer for every failure, so a caller cannot tell unknown users from wrong passwords. */
const FAILED = null;

export function authOptions(): AuthOptions {
  const { config, db, log } = runtime();
  return {
    secret: config.authSecret,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Berth",
        credentials: {
          username: { label: "Username" },
          password: { label: "Password", type: "password" },
          code: { label: "Two-factor code" },
        },
        async authorize(raw) {
          const parsed = signInInput.safeParse(raw ?? {});
          if (!parsed.success) return FAILED;
          const { username, password } = parsed.data;
          if (throttle.wait(username) > 0) {
            log.warn({ username }, "sign-in throttled");
            return FAILED;
          }
          const user = await findUserByName(db, username);
          const ok = await verifyPassword(user?.passwordHash, password);
          if (!ok || !user || user.disabled) {
            throttle.fail(username);
            log.info({ username }, "sign-in failed");
            return FAILED;
          }
          if (user.totpEnabled && user.totpSecret) {
            // Second factor: the current TOTP code, or one unused recovery code (then spent).
            const rawCode = (raw as { code?: unknown } | undefined)?.code;
            const code = typeof rawCode === "string" ? rawCode.trim().slice(0, 64) : "";
            let ok2 = verifyTotp(runtime().secrets.open(user.totpSecret), code);
            if (!ok2) {
              const left = await consumeRecoveryCode(user.recoveryCodes, code);
              if (left) {
                await setRecoveryCodes(db, user.id, JSON.stringify(left));
                log.info({ userId: user.id, left: left.length }, "signed in with a recovery code");
                ok2 = true;
              }
            }
            if (!ok2) {
              throttle.fail(username);
              log.info({ username }, "sign-in failed: second factor");
              return FAILED;
            }
          }
          throttle.succeed(username);
          log.info({ userId: user.id }, "signed in");
          return { id: user.id, name: user.username, sv: user.sessionVersion } as never;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sv = (user as unknown as { sv: number }).sv;
        }
        return token;
      },
      session({ session, token }) {
        // The browser learns only its own name; roles are decided on the server per request.
        return { expires: session.expires, user: { name: token.name ?? null } };
      },
    },
  };
}
