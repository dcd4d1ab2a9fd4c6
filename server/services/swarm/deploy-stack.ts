import { ComposeError, parseCompose } from "@/lib/compose/parse";
import { type StackPlan, toStackPlan } from "@/lib/compose/to-stack";
import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import type { DeployStackInput } from "@/lib/swarm-schemas";
import { applyStackPlan, type DeployOutcome } from "@/server/endpoints/docker/stack-deploy";
import type { UseCaseContext } from "../use-case";
import { assertServiceAllowed } from "./service-restrictions";
import { swarmOp } from "./swarm-op";

/** Compose text to a stack plan, or a 400 naming the line; nothing reaches the engine before this succeeds. */
export function planStack(
  stack: string,
  compose: string,
  env: Record<string, string>,
): { plan: StackPlan; warnings: string[] } {
  try {
    const parsed = parseCompose(compose, env);
    return { plan: toStackPlan(stack, parsed.file, env), warnings: parsed.warnings };
  } catch (err) {
    if (err instanceof ComposeError) throw new UserError(err.message, 400, "invalid_compose");
    throw err;
  }
}

/**
 * `docker stack deploy` from a compose file: create or update the stack's networks and services, named
 * `<stack>_<service>` and labelled as the CLI labels them. Non-admins get the container restrictions on every service.
 */
export function deployStack(
  actor: Actor | null,
  input: DeployStackInput,
  ctx?: UseCaseContext,
): Promise<DeployOutcome> {
  return swarmOp(
    actor,
    { permission: "swarm:operate", audit: "swarm.stack.deploy", endpointId: input.endpointId, target: input.stack },
    async (api, store, who) => {
      const { plan, warnings } = planStack(input.stack, input.compose, input.env);
      for (const s of plan.services) await assertServiceAllowed(who, api, s.spec);
      try {
        const out = await applyStackPlan(api, plan);
        out.warnings.unshift(...warnings);
        return out;
      } catch (err) {
        if ((err as { userFacing?: boolean }).userFacing) throw new UserError((err as Error).message, 409);
        throw err;
      } finally {
        await store.refresh("services");
      }
    },
    ctx,
  );
}
