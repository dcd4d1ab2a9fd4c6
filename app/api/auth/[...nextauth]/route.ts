import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/next-auth";

// next-auth's own handler: sign-in, sign-out, CSRF. It authenticates users; it grants nothing.
async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(authOptions())(req, { params: await ctx.params });
}

export { handler as GET, handler as POST };
