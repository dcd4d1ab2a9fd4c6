import type Docker from "dockerode";
import { COMPOSE_LABEL } from "@/lib/compose/project-labels";
import { NotFoundError } from "@/lib/errors";
import { projectContainers } from "./compose-engine";

// Stop, start, restart and down of a Compose project found by its labels: works the same on projects Berth deployed
// and on those `docker compose` or `docker-compose` did, with or without their file.

export type ProjectVerb = "start" | "stop" | "restart";

export async function projectVerb(api: Docker, project: string, verb: ProjectVerb): Promise<string[]> {
  const all = (await projectContainers(api, project)).filter((c) => c.Labels[COMPOSE_LABEL.oneoff] !== "True");
  if (!all.length) throw new NotFoundError(`No containers of project ${project}`);
  const done: string[] = [];
  for (const c of all) {
    const ctr = api.getContainer(c.Id);
    if (verb === "start" && c.State !== "running") await ctr.start();
    else if (verb === "stop" && c.State === "running") await ctr.stop();
    else if (verb === "restart") await ctr.restart();
    else continue;
    done.push(c.Names[0]?.slice(1) ?? c.Id.slice(0, 12));
  }
  return done;
}

export interface DownOutcome {
  containers: string[];
  networks: string[];
  volumes: string[];
}

/** `docker compose down [-v]`: containers (with their anonymous volumes under -v), the project's networks, volumes. */
export async function projectDown(api: Docker, project: string, withVolumes: boolean): Promise<DownOutcome> {
  const out: DownOutcome = { containers: [], networks: [], volumes: [] };
  for (const c of await projectContainers(api, project)) {
    await api.getContainer(c.Id).remove({ force: true, v: withVolumes });
    out.containers.push(c.Names[0]?.slice(1) ?? c.Id.slice(0, 12));
  }
  const filters = { label: [`${COMPOSE_LABEL.project}=${project}`] };
  for (const n of (await api.listNetworks({ filters })) as { Id: string; Name: string }[]) {
    await api.getNetwork(n.Id).remove();
    out.networks.push(n.Name);
  }
  if (withVolumes)
    for (const v of ((await api.listVolumes({ filters })) as { Volumes?: { Name: string }[] }).Volumes ?? []) {
      await api.getVolume(v.Name).remove();
      out.volumes.push(v.Name);
    }
  return out;
}
