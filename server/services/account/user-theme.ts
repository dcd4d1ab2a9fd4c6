import { getUserTheme, setUserThemeStmt } from "@/db/user-prefs-queries";
import type { Actor } from "@/lib/domain";
import { parseTheme, type ThemeChoice } from "@/lib/theme";
import { runtime } from "@/server/runtime";
import { type UseCaseContext, useCase } from "../use-case";

/** The actor's own theme; anonymous pages (sign-in, status pages) follow the system. */
export async function readTheme(actor: Actor | null): Promise<ThemeChoice> {
  if (!actor) return "system";
  return parseTheme(await getUserTheme(runtime().db, actor.id));
}

/** Sets the actor's own theme (no one else's: the user is the actor). Audited like every other write. */
export function saveTheme(
  actor: Actor | null,
  input: { theme: ThemeChoice },
  ctx: UseCaseContext = { source: "ui" },
): Promise<{ theme: ThemeChoice }> {
  const spec = { audit: "account.theme", permission: "authenticated" as const, target: input.theme };
  return useCase(
    actor,
    spec,
    async (me, note) => {
      await note.commit(function* (tx) {
        yield setUserThemeStmt(tx, me.id, input.theme);
      });
      return { theme: input.theme };
    },
    ctx,
  );
}
