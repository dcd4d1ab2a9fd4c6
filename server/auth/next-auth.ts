import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { runtime } from "@/server/runtime";
import { signIn } from "@/server/services/account/sign-in";
import { clientAddressFrom } from "./client-address";

export function authOptions(): AuthOptions {
  const { config } = runtime();
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
        // One answer (null) for every failure, so a caller cannot tell unknown users from wrong passwords.
        authorize: (raw, req) => signIn(raw ?? {}, clientAddressFrom(req?.headers)) as never,
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
