import { z } from "zod";
import { tokenRefInput } from "@/lib/access-schemas";
import { defineRoute } from "@/server/entry/route";
import { revokeToken } from "@/server/services/tokens/revoke-token";

export const dynamic = "force-dynamic";

/** DELETE /api/v1/tokens/{tokenId}: revokes one of the caller's own tokens. */
export const DELETE = defineRoute(
  {
    name: "api.tokens.revoke",
    summary: "Revoke one of the caller's tokens",
    schema: z.object({ params: tokenRefInput }),
    permission: "authenticated",
  },
  (actor, { params }) => revokeToken(actor, params, { source: "api" }),
);
