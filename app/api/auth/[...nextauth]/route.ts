import { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { LIMITS } from "@/lib/body-limits";
import { authOptions } from "@/server/auth/next-auth";
import { toFailure } from "@/server/entry/errors";
import { readBodyText } from "@/server/entry/read-body";
import { problem, publicRoute } from "@/server/entry/route";

// next-auth's own handler: sign-in, sign-out, CSRF. It authenticates users; it grants nothing. It reads form bodies
// whole and anonymously, so the body is read here first, within the sign-in form's limit.
const handler = publicRoute("auth.nextauth", async (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) => {
  let bounded = req;
  if (req.method === "POST") {
    try {
      const body = await readBodyText(req, LIMITS.authBody);
      // next-auth reads nextUrl: keep the request a NextRequest.
      bounded = new NextRequest(req, { body });
    } catch (err) {
      return problem(toFailure(err, "auth.nextauth"));
    }
  }
  return NextAuth(authOptions())(bounded, { params: await ctx.params });
});

export { handler as GET, handler as POST };
