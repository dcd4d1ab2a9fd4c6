import type Docker from "dockerode";
import { type CreateBody, type InspectLike, inspectToCreateBody } from "@/server/endpoints/docker/container-spec-map";
import type { DockerAccess } from "@/server/endpoints/docker/docker-access";
import { BUDGET_MS, graceBudgetMs, graceOf } from "@/server/endpoints/docker/engine-budget";
import { dockerUserError } from "@/server/endpoints/docker/engine-errors";
import { openSwapJournal } from "./swap-journal";

export interface Replacement {
  id: string;
  /** Set when the old container could not be removed at the end and is left, stopped, under this name. */
  leftover?: string;
}

type Network = { name: string; aliases: string[] };

const sideName = (name: string, tag: string, stamp: string) => `${name.slice(0, 100)}-berth-${tag}-${stamp}`;

function ignoreNotModified(err: unknown): void {
  if ((err as { statusCode?: number }).statusCode !== 304) throw err;
}
const isGone = (err: unknown) => (err as { statusCode?: number }).statusCode === 404;

async function connectAll(api: Docker, id: string, networks: Network[]): Promise<void> {
  for (const n of networks)
    await api.getNetwork(n.name).connect({
      Container: id,
      EndpointConfig: n.aliases.length ? { Aliases: n.aliases } : {},
    });
}

/**
 * Replaces a container with one made from `body`, under the same name, with a way back at every step: create the new
 * one under a temporary name (a bad image or setting fails here, before the old one is touched), rename the old one
 * aside, stop it, give the new one the name, start it if the old one ran, and remove the old one. On any failure the
 * new one is removed and the old one gets its name and state back; an auto-remove container that vanished when
 * stopped is made again from its own settings. The thrown error says what failed and how the rollback went.
 */
export async function replaceContainer(
  session: DockerAccess,
  inspect: Docker.ContainerInspectInfo,
  next: {
    body: CreateBody;
    extraNetworks: Network[];
    /**
     * Runs once the new container is started under the name, before the old one is removed: throwing rolls the swap
     * back like any failed step (Update uses it to wait for the new container to be healthy).
     */
    verify?: (newId: string) => Promise<void>;
  },
  who: { action: string; actorName: string },
): Promise<Replacement> {
  const api = session.client(BUDGET_MS.action);
  const name = inspect.Name.replace(/^\//, "");
  const stamp = Date.now().toString(36);
  // Durable before the first engine step: a Berth killed mid-swap is finished or undone at the next connect.
  const journal = await openSwapJournal({
    endpointId: session.endpointId,
    name,
    oldId: inspect.Id,
    oldSideName: sideName(name, "old", stamp),
    newSideName: sideName(name, "new", stamp),
    wasRunning: inspect.State.Running,
    action: who.action,
    actorName: who.actorName,
  });
  const old = api.getContainer(inspect.Id);
  // Stopping the old one waits out its grace period (and an auto-remove one's removal after it).
  const oldStopping = session.client(graceBudgetMs(graceOf(inspect))).getContainer(inspect.Id);
  const wasRunning = inspect.State.Running;
  let created: Docker.Container | undefined;
  let renamedOld = false;
  let step = "create the new container";
  try {
    created = await api.createContainer({ ...next.body, name: sideName(name, "new", stamp) });
    await journal.step("created", { newId: created.id });
    step = "connect the new container to its networks";
    await connectAll(api, created.id, next.extraNetworks);
    step = "rename the old container aside";
    await old.rename({ name: sideName(name, "old", stamp) });
    renamedOld = true;
    await journal.step("old-aside");
    step = "stop the old container";
    if (wasRunning) {
      await oldStopping.stop().catch(ignoreNotModified);
      // An auto-remove container goes once stopped; wait until it has, so a rollback knows where it stands.
      if (inspect.HostConfig?.AutoRemove)
        await oldStopping.wait({ condition: "removed" }).catch((err: unknown) => {
          if (!isGone(err)) throw err;
        });
    }
    await journal.step("old-stopped");
    step = "name the new container";
    await created.rename({ name });
    await journal.step("new-named");
    step = "start the new container";
    if (wasRunning) await created.start();
    if (wasRunning && next.verify) {
      step = "confirm the new container works";
      await journal.step("verifying");
      await next.verify(created.id);
    }
  } catch (err) {
    const e = dockerUserError(err);
    const outcome = await rollBack();
    // A rollback that could not finish stays in the journal: the next connect tries again.
    if (outcome.startsWith("rollback")) journal.release();
    else await journal.close();
    e.message = `Could not ${step}: ${e.message} (${outcome})`;
    throw e;
  }

  async function rollBack(): Promise<string> {
    const problems: string[] = [];
    const removedNew = created
      ? await created
          .remove({ force: true })
          .then(() => true)
          .catch((err: unknown) => isGone(err) || !problems.push(`remove the new one (${created?.id.slice(0, 12)})`))
      : false;
    const newNote = created && removedNew ? `the new container ${created.id.slice(0, 12)} was removed; ` : "";
    let gone = false;
    if (renamedOld)
      await old.rename({ name }).catch((err) => {
        if (isGone(err)) gone = true;
        else problems.push(`rename the old one back from ${sideName(name, "old", stamp)}`);
      });
    if (gone) {
      // Auto-remove: stopping it removed it. Make it again from its own settings, as Recreate would.
      try {
        const again = inspectToCreateBody(inspect as unknown as InspectLike);
        const made = await api.createContainer({ ...again.body, name });
        await connectAll(api, made.id, again.extraNetworks);
        if (wasRunning) await made.start();
        return `rolled back: ${newNote}the old container was auto-removed when stopped and was made again from its settings as ${made.id.slice(0, 12)}`;
      } catch (err) {
        return `rollback failed: the old container was auto-removed when stopped and could not be made again: ${dockerUserError(err).message}`;
      }
    }
    if (wasRunning)
      await old
        .start()
        .catch(ignoreNotModified)
        .catch(() => problems.push("start the old one again"));
    if (problems.length) return `rollback could not ${problems.join(", ")}`;
    // Nothing was made (the create itself failed): the old container was never touched.
    return created ? `rolled back: ${newNote}the old container is unchanged` : "rolled back";
  }

  // The new container is in place. The old one failing to go leaves a stopped spare, not a broken service; an
  // auto-remove one is already gone (404), which is the removal we wanted.
  const removed = await old
    .remove({ force: true })
    .then(() => true)
    .catch((err: unknown) => isGone(err));
  await journal.close();
  return { id: created.id, ...(removed ? {} : { leftover: sideName(name, "old", stamp) }) };
}
