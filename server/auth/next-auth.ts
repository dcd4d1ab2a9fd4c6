import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { runtime } from "@/server/runtime";
import { signIn } from "@/server/services/account/sign-in";
import { recordAudit } from "@/server/services/audit/record-audit";
import { clientAddressFrom } from "./client-address";
import { endSession, newSessionId, SESSION_MAX_AGE_S } from "./session-revocation";

export function authOptions(): AuthOptions {
  const { config, log } = runtime();
  return {
    secret: config.authSecret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Berth",
        credentials: {
          username: { label: "Username" },
          password: { label: "Password", type: "password" },
          code: { label: "Two-factor code" },
        },
        // One answer (null) for every failure, so a caller cannot tell unknown users from wrong passwords.
        authorize: (raw, req) => signIn(raw ?? {}, clientAddressFrom(req?.headers)) as never,
      }),
    ],
    events: {
      // Sign-out ends the session on the server too, not only the cookie in this browser (server/auth/session-revocation).
      async signOut({ token }) {
        const { sid, sub, name } = (token ?? {}) as { sid?: unknown; sub?: unknown; name?: unknown };
        if (typeof sid !== "string") return;
        try {
          await endSession(sid);
        } catch (err) {
          log.error({ err }, "could not end the session on sign-out");
          return;
        }
        if (typeof sub === "string" && typeof name === "string") {
          const actor = { id: sub, username: name, isAdmin: false, grants: {} };
          await recordAudit({ actor, action: "auth.sign_out", target: name, outcome: "success", source: "ui" });
        }
      },
    },
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sv = (user as unknown as { sv: number }).sv;
          // Fixed for the life of this sign-in (next-auth re-signs the cookie as it rolls; this id stays), so signing
          // out can end every copy of it.
          token.sid = newSessionId();
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
