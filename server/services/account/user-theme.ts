import { getUserTheme, setUserTheme } from "@/db/user-prefs-queries";
import type { Actor } from "@/lib/domain";
import { UnauthenticatedError } from "@/lib/errors";
import { parseTheme, type ThemeChoice } from "@/lib/theme";
import { runtime } from "@/server/runtime";
import { recordAudit } from "../audit/record-audit";

/** The actor's own theme; anonymous pages (sign-in, status pages) follow the system. */
export async function readTheme(actor: Actor | null): Promise<ThemeChoice> {
  if (!actor) return "system";
  return parseTheme(await getUserTheme(runtime().db, actor.id));
}

/** Sets the actor's own theme (no one else's: the user is the actor). Audited like every other write. */
export async function saveTheme(actor: Actor | null, input: { theme: ThemeChoice }): Promise<{ theme: ThemeChoice }> {
  if (!actor) throw new UnauthenticatedError();
  await setUserTheme(runtime().db, actor.id, input.theme);
  await recordAudit({ actor, action: "account.theme", target: input.theme, outcome: "success", source: "ui" });
  return { theme: input.theme };
}
