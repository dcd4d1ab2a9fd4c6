import type Docker from "dockerode";
import { deleteSwap, openSwaps, type SwapRow } from "@/db/swap-queries";
import type { Actor } from "@/lib/domain";
import type { DockerAccess } from "@/server/endpoints/docker/docker-access";
import { BUDGET_MS, graceBudgetMs, graceOf } from "@/server/endpoints/docker/engine-budget";
import { dockerUserError } from "@/server/endpoints/docker/engine-errors";
import type { Runtime } from "@/server/runtime";
import { recordAudit } from "../audit/record-audit";
import { isInFlight } from "./swap-journal";

/** Who the audit log names for what Berth did on its own. */
const BERTH: Actor = { id: "berth", username: "berth (swap recovery)", isAdmin: true, grants: {} };
const short = (id: string) => id.slice(0, 12);
const SWAP_VERBS: Record<string, string> = {
  "container.recreate": "Recreate",
  "container.edit": "Edit",
  "container.update": "Update",
};
const isGone = (err: unknown) => (err as { statusCode?: number }).statusCode === 404;

/**
 * Finishes or undoes Edit/Recreate swaps that a stopped Berth left half-done, each time an endpoint connects. The
 * engine's state decides, not the journal's step: the container under the user's name stays (the new one if it
 * already took the name, finishing the swap); otherwise the old one gets its name back and runs as before (undoing
 * it), and the other one goes. Each recovery is audited.
 */
export function startSwapRecovery(rt: Runtime): void {
  const running = new Set<string>();
  const run = (endpointId: string) => {
    if (running.has(endpointId)) return;
    running.add(endpointId);
    void recoverSwaps(rt, endpointId)
      .catch((err) => rt.log.error({ err: (err as Error).message, endpointId }, "swap recovery failed"))
      .finally(() => running.delete(endpointId));
  };
  const wasUp = new Map<string, boolean>();
  rt.endpoints.on("health", (endpointId, h) => {
    // With replicas, only the endpoint's owner recovers (a mirror's "up" is the owner's, seen from afar).
    const up = h.state === "up" && rt.endpoints.session(endpointId)?.owning === true;
    if (up && !wasUp.get(endpointId)) run(endpointId);
    wasUp.set(endpointId, up);
  });
  for (const v of rt.endpoints.views()) if (v.health.state === "up" && rt.endpoints.session(v.id)?.owning) run(v.id);
}

export async function recoverSwaps(rt: Runtime, endpointId: string): Promise<number> {
  // Swaps are Docker container swaps: endpoints of other kinds have none.
  if (rt.endpoints.session(endpointId)?.kind !== "docker") return 0;
  const session = rt.endpoints.access(endpointId, "docker");
  const rows = (await openSwaps(rt.db, endpointId)).filter((r) => !isInFlight(r.id));
  for (const row of rows) {
    const base = { actor: BERTH, action: "container.swap-recovery", endpointId, target: row.name };
    const what = `${SWAP_VERBS[row.action] ?? "Edit"} by ${row.actorName} was interrupted (last step: ${row.step})`;
    try {
      const outcome = await recoverOne(session, row);
      await recordAudit({ ...base, outcome: outcome.ok ? "success" : "failure", detail: `${what}; ${outcome.text}` });
      await deleteSwap(rt.db, row.id);
      rt.log.info({ endpointId, name: row.name, outcome: outcome.text }, "half-done swap recovered");
    } catch (err) {
      // Left in the journal: the next connect tries again.
      const message = dockerUserError(err).message;
      await recordAudit({ ...base, outcome: "failure", detail: `${what}; recovery failed, will retry: ${message}` });
    }
  }
  return rows.length;
}

async function recoverOne(session: DockerAccess, row: SwapRow): Promise<{ ok: boolean; text: string }> {
  const api = session.client(BUDGET_MS.action);
  const find = (ref: string) =>
    api
      .getContainer(ref)
      .inspect()
      .catch((err: unknown) => {
        if (isGone(err)) return null;
        throw err;
      });
  const holder = await find(row.name);
  const holderId = holder && holder.Name === `/${row.name}` ? holder.Id : null;
  const old = await find(row.oldId);
  // Killed after the create but before the journal had the new id: the temporary name finds it.
  const fresh = row.newId ? await find(row.newId) : await find(row.newSideName);
  const remove = (c: Docker.ContainerInspectInfo | null) =>
    c
      ? api
          .getContainer(c.Id)
          .remove({ force: true })
          .catch((err: unknown) => {
            if (!isGone(err)) throw err;
          })
      : Promise.resolve();
  const startIf = async (c: Docker.ContainerInspectInfo) => {
    if (row.wasRunning && !c.State.Running)
      await api
        .getContainer(c.Id)
        .start()
        .catch((err: unknown) => {
          if ((err as { statusCode?: number }).statusCode !== 304) throw err;
        });
  };

  if (holderId && fresh && holderId === fresh.Id) {
    await startIf(fresh);
    await remove(old);
    return {
      ok: true,
      text: `finished: the new container ${short(fresh.Id)} holds the name${row.wasRunning ? " and runs" : ""}${old ? `; the old one ${short(old.Id)} was removed` : ""}`,
    };
  }
  if (holderId && old && holderId === old.Id) {
    await remove(fresh);
    await startIf(old);
    return {
      ok: true,
      text: `undone: the old container ${short(old.Id)} kept its name${fresh ? `; the new one ${short(fresh.Id)} was removed` : ""}`,
    };
  }
  if (holderId) {
    return {
      ok: false,
      text: `another container (${short(holderId)}) now holds the name; the swap's containers were left as they are`,
    };
  }
  if (old) {
    await remove(fresh);
    await api.getContainer(old.Id).rename({ name: row.name });
    if (row.step === "old-aside" && row.wasRunning && old.State.Running) {
      // Killed right after the rename: the engine may still be carrying out the swap's stop (it does not stop when
      // the caller goes), which would leave the container exited. A restart ends running either way.
      await session
        .client(graceBudgetMs(graceOf(old)))
        .getContainer(old.Id)
        .restart();
    } else await startIf(old);
    return {
      ok: true,
      text: `undone: the old container ${short(old.Id)} has its name back${row.wasRunning ? " and runs again" : ""}${fresh ? `; the new one ${short(fresh.Id)} was removed` : ""}`,
    };
  }
  if (fresh) {
    await api.getContainer(fresh.Id).rename({ name: row.name });
    await startIf(fresh);
    return { ok: true, text: `finished: the old container was gone; the new one ${short(fresh.Id)} took the name` };
  }
  return { ok: false, text: "neither the old nor the new container exists any more; nothing to put back" };
}
