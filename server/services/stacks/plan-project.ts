import { DotenvError, parseDotenv } from "@/lib/compose/dotenv";
import { ComposeError, parseCompose } from "@/lib/compose/parse";
import { UserError } from "@/lib/errors";
import { type PlanOptions, type ProjectPlan, toProjectPlan } from "@/server/endpoints/docker/compose-plan";

/** Compose text + .env to a project plan, or a 400 naming the line; nothing reaches the engine before this works. */
export function planProject(
  project: string,
  compose: string,
  envText: string,
  opts: Omit<PlanOptions, "env">,
): { plan: ProjectPlan; warnings: string[]; env: Record<string, string> } {
  let env: Record<string, string>;
  try {
    env = parseDotenv(envText);
  } catch (err) {
    if (err instanceof DotenvError) throw new UserError(`.env ${err.message}`, 400, "invalid_env");
    throw err;
  }
  try {
    const parsed = parseCompose(compose, env, { kind: "project" });
    return { plan: toProjectPlan(project, parsed.file, { ...opts, env }), warnings: parsed.warnings, env };
  } catch (err) {
    if (err instanceof ComposeError) throw new UserError(err.message, 400, "invalid_compose");
    throw err;
  }
}
