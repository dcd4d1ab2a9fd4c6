import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/next-auth";
import { publicRoute } from "@/server/entry/route";

// next-auth's own handler: sign-in, sign-out, CSRF. It authenticates users; it grants nothing.
const handler = publicRoute("auth.nextauth", async (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) =>
  NextAuth(authOptions())(req, { params: await ctx.params }),
);

export { handler as GET, handler as POST };
