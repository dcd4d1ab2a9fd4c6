import { defineRoute, noInput } from "@/server/entry/route";
import { listTokens } from "@/server/services/tokens/list-tokens";

export const dynamic = "force-dynamic";

/** GET /api/v1/tokens: the caller's own personal access tokens (never their secrets). */
export const GET = defineRoute(
  {
    name: "api.tokens.list",
    summary: "The caller's own personal access tokens (never their values)",
    schema: noInput,
    permission: "authenticated",
  },
  (actor) => listTokens(actor),
);
