import type Docker from "dockerode";
import type { RecreateContainerInput } from "@/lib/container-spec";
import { type InspectLike, inspectToCreateBody } from "@/lib/container-spec-map";
import type { Actor } from "@/lib/domain";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { runtime } from "@/server/runtime";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../authorize";
import type { OpContext } from "./container-op";
import { engineError, longClient, pulledNote, pullImage, restrictionRefusal } from "./engine";

export interface RecreatedContainer {
  id: string;
  name: string;
}

/**
 * Replaces a container with a new one made from its own inspect (optionally after pulling its image again):
 * rename the old one aside, stop it, create the new one under the old name, start it if the old one ran, then
 * remove the old one. Any failure before the end rolls back: the new one is removed and the old one gets its name
 * and state back. A recreate is a create, so a non-admin's is held to the same restrictions.
 */
export async function recreateContainer(
  actor: Actor | null,
  input: RecreateContainerInput,
  ctx: OpContext = {},
): Promise<RecreatedContainer> {
  const audit = {
    actor,
    action: "container.recreate",
    endpointId: input.endpointId,
    target: input.containerId,
    source: ctx.source,
  };
  try {
    authorize(actor, "container:operate", { endpointId: input.endpointId });
    authorize(actor, "container:create", { endpointId: input.endpointId });
  } catch (err) {
    await recordAudit({ ...audit, outcome: "denied", detail: (err as Error).message });
    throw err;
  }
  const session = runtime().endpoints.session(input.endpointId);
  if (!session) throw new NotFoundError("Endpoint not found");
  const api = longClient(session.api);
  const fail = async (err: unknown, step: string) => {
    const e = engineError(err);
    await recordAudit({ ...audit, outcome: "failure", detail: `${step}: ${e.message}` });
    return e;
  };

  let inspect: Docker.ContainerInspectInfo;
  try {
    inspect = await api.getContainer(input.containerId).inspect();
  } catch (err) {
    throw await fail(err, "inspect");
  }
  const name = inspect.Name.replace(/^\//, "");
  audit.target = name;
  const { body, extraNetworks } = inspectToCreateBody(inspect as unknown as InspectLike);
  let refusal: string | null;
  try {
    refusal = await restrictionRefusal(actor, api, body);
  } catch (err) {
    throw await fail(err, "check");
  }
  if (refusal) {
    await recordAudit({ ...audit, outcome: "denied", detail: refusal });
    throw new ForbiddenError(refusal);
  }
  let pull: { registry: string | null } | null = null;
  if (input.pull) {
    try {
      pull = await pullImage(api, body.Image);
    } catch (err) {
      throw await fail(err, `pull ${body.Image}`);
    }
  }

  const old = api.getContainer(inspect.Id);
  const wasRunning = inspect.State.Running;
  const asideName = `${name}-berth-old-${Date.now().toString(36)}`.slice(-128).replace(/^[^a-zA-Z0-9]+/, "");
  let created: Docker.Container | undefined;
  let renamed = false;
  try {
    await old.rename({ name: asideName });
    renamed = true;
    if (wasRunning) await old.stop().catch(ignoreNotModified);
    created = await api.createContainer({ ...body, name });
    for (const n of extraNetworks) {
      await api.getNetwork(n.name).connect({
        Container: created.id,
        EndpointConfig: n.aliases.length ? { Aliases: n.aliases } : {},
      });
    }
    if (wasRunning) await created.start();
  } catch (err) {
    const rollback: string[] = [];
    if (created) await created.remove({ force: true }).catch(() => rollback.push("remove the new container"));
    if (renamed) await old.rename({ name }).catch(() => rollback.push(`rename ${asideName} back`));
    if (wasRunning)
      await old
        .start()
        .catch(ignoreNotModified)
        .catch(() => rollback.push("restart the old container"));
    const e = engineError(err);
    const detail = rollback.length ? ` (rollback could not ${rollback.join(", ")})` : " (rolled back)";
    await recordAudit({ ...audit, outcome: "failure", detail: `${e.message}${detail}` });
    e.message = `${e.message}${detail}`;
    throw e;
  }
  // The new container is in place; the old one's removal failing leaves a stopped spare, not a broken service.
  // An auto-remove container is already gone once stopped (404): that is the removal we wanted.
  const leftover = await old
    .remove({ force: true })
    .then(() => "")
    .catch((err: { statusCode?: number }) =>
      err.statusCode === 404 ? "" : `; the old container is left as ${asideName}`,
    );
  await recordAudit({
    ...audit,
    outcome: "success",
    detail: `${body.Image}${pulledNote(pull)} -> ${created.id.slice(0, 12)}${leftover}`,
  });
  return { id: created.id, name };
}

function ignoreNotModified(err: unknown): void {
  if ((err as { statusCode?: number }).statusCode !== 304) throw err;
}
