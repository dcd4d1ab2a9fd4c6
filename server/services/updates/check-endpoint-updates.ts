import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import type { CheckUpdatesInput } from "@/lib/update-schemas";
import type { UpdateView } from "@/lib/updates";
import { containersOf, dockerOf } from "@/server/endpoints/access";
import { authorize } from "../authorize";
import { type UseCaseContext, useCase } from "../use-case";
import { runEndpointCheck, storedUpdates } from "./check-updates";

/** The last check's result per container of an endpoint (what the list's badges show). */
export async function listUpdates(actor: Actor | null, endpointId: string): Promise<UpdateView[]> {
  authorize(actor, "container:read", { endpointId });
  return storedUpdates(endpointId);
}

/**
 * "Check for updates" on one endpoint, now: the same check the schedule runs. Operators only, since it makes Berth
 * call out to registries with saved credentials; audited with what it found.
 */
export async function checkEndpointUpdates(
  actor: Actor | null,
  input: CheckUpdatesInput,
  ctx?: UseCaseContext,
): Promise<{ checked: number; available: number; failed: number }> {
  return useCase(
    actor,
    {
      audit: "updates.check",
      permission: "container:operate",
      resource: { endpointId: input.endpointId },
      describe: (r) => `${r.checked} checked, ${r.available} with an update, ${r.failed} failed`,
    },
    async () => {
      const session = dockerOf(input.endpointId);
      const store = containersOf(input.endpointId);
      if (!store) throw new UserError("The endpoint keeps no container list", 409);
      const views = await runEndpointCheck(session, [...store.values()]);
      return {
        checked: views.length,
        available: views.filter((v) => v.state === "available").length,
        failed: views.filter((v) => v.state === "error").length,
      };
    },
    ctx,
  );
}
