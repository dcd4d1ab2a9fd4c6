import type Docker from "dockerode";
import { BERTH_COMPOSE_VERSION, COMPOSE_LABEL } from "@/lib/compose/project-labels";
import type { ProjectPlan, ServicePlan } from "@/server/endpoints/docker/compose-plan";
import type { ProgressMessage } from "@/server/endpoints/docker/pull-progress";
import {
  configHash,
  containerNumber,
  DeployError,
  imageId,
  type Json,
  type ProjectContainer,
  projectContainers,
  pullWithProgress,
  unbuiltImage,
  waitForCondition,
} from "./compose-engine";

// `docker compose up -d` over the Engine API: images (by pull policy), networks, volumes, then each service in
// dependency order, waiting for the conditions it names. A container is recreated only when its config hash or its
// image changed; the old one is set aside first and put back if the new one cannot be made. Orphans go on request.

export interface UpReporter {
  step(text: string, service?: string, level?: "info" | "warn"): void;
  pull(image: string, msg: ProgressMessage | null): void;
}

export interface UpOptions {
  removeOrphans: boolean;
  /** A client without a request deadline for pulls (a big image streams for minutes); defaults to `api`. */
  pullApi?: Docker;
  /** How long a dependency may take to meet its condition. */
  dependencyTimeoutMs?: number;
}

export interface UpOutcome {
  created: string[];
  recreated: string[];
  unchanged: string[];
  removed: string[];
}

const fail = (service: string | undefined, err: unknown): DeployError =>
  err instanceof DeployError
    ? err
    : new DeployError(service, (err as { json?: { message?: string } })?.json?.message ?? (err as Error).message);

async function ensureImages(
  api: Docker,
  pulls: Docker,
  plan: ProjectPlan,
  report: UpReporter,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const pulled = new Set<string>();
  for (const s of plan.services) {
    if (pulled.has(s.image) || (ids.has(s.image) && s.pullPolicy !== "always")) continue;
    const have = await imageId(api, s.image);
    if (s.build) {
      // `docker compose up --no-build`: the image the file builds is used as the engine has it.
      if (!have) throw new DeployError(undefined, unbuiltImage(s.service, s.image));
      report.step(`Not built (Berth has no builder): using ${s.image} as it is on the engine`, s.service);
      ids.set(s.image, have);
      continue;
    }
    if (have && s.pullPolicy !== "always") {
      ids.set(s.image, have);
      continue;
    }
    if (!have && s.pullPolicy === "never")
      throw new DeployError(s.service, `image ${s.image} is not on the engine and the pull policy is "never"`);
    report.step(`Pulling ${s.image}`, s.service);
    report.pull(s.image, null);
    try {
      await pullWithProgress(pulls, s.image, (m) => report.pull(s.image, m));
    } catch (err) {
      report.pull(s.image, { error: (err as Error).message });
      throw new DeployError(s.service, `pulling ${s.image} failed: ${(err as Error).message}`);
    }
    const id = await imageId(api, s.image);
    if (!id) throw new DeployError(s.service, `image ${s.image} is missing after the pull`);
    ids.set(s.image, id);
    pulled.add(s.image);
    report.step(`Pulled ${s.image}`, s.service);
  }
  return ids;
}

async function ensureResources(api: Docker, plan: ProjectPlan, report: UpReporter): Promise<void> {
  const nets = new Set(((await api.listNetworks()) as { Name: string }[]).map((n) => n.Name));
  for (const n of plan.networks) {
    if (nets.has(n.name)) continue;
    if (n.external) throw new DeployError(undefined, `external network ${n.name} does not exist`);
    await api.createNetwork(n.create as never);
    report.step(`Network ${n.name} created`);
  }
  const vols = new Set(
    (((await api.listVolumes()) as { Volumes?: { Name: string }[] }).Volumes ?? []).map((v) => v.Name),
  );
  for (const v of plan.volumes) {
    if (vols.has(v.name)) continue;
    if (v.external) throw new DeployError(undefined, `external volume ${v.name} does not exist`);
    await api.createVolume(v.create as never);
    report.step(`Volume ${v.name} created`);
  }
}

/** What the hash covers: everything about the container except which number it is. */
export const hashOf = (s: ServicePlan) =>
  configHash({ config: s.config, host: s.host, networks: s.networks, networkMode: s.networkMode ?? null });

function createBody(plan: ProjectPlan, s: ServicePlan, n: number, hash: string, networkMode: string | undefined): Json {
  const first = s.networks[0];
  return {
    ...s.config,
    Labels: {
      ...((s.config.Labels as Record<string, string>) ?? {}),
      [COMPOSE_LABEL.project]: plan.project,
      [COMPOSE_LABEL.service]: s.service,
      [COMPOSE_LABEL.number]: String(n),
      [COMPOSE_LABEL.oneoff]: "False",
      [COMPOSE_LABEL.hash]: hash,
      [COMPOSE_LABEL.workingDir]: plan.workingDir,
      [COMPOSE_LABEL.configFiles]: `${plan.workingDir}/docker-compose.yml`,
      [COMPOSE_LABEL.version]: BERTH_COMPOSE_VERSION,
    },
    HostConfig: { ...s.host, NetworkMode: networkMode ?? first?.name ?? "default" },
    ...(first
      ? {
          NetworkingConfig: {
            EndpointsConfig: {
              [first.name]: {
                Aliases: first.aliases,
                ...(first.ipv4 ? { IPAMConfig: { IPv4Address: first.ipv4 } } : {}),
              },
            },
          },
        }
      : {}),
  };
}

interface OldMount {
  Type: string;
  Name?: string;
  Destination: string;
}

/** Keeps the data of a recreated container: its volumes at paths the new config gives no named volume or bind. */
function keepVolumes(body: Json, old: OldMount[]): void {
  const host = body.HostConfig as Json;
  const binds = (host.Binds as string[] | undefined) ?? [];
  const taken = new Set([
    ...binds.map((b) => b.split(":")[1]),
    ...((host.Mounts as { Target: string; Source?: string }[] | undefined) ?? [])
      .filter((m) => m.Source)
      .map((m) => m.Target),
  ]);
  const kept = old.filter((m) => m.Type === "volume" && m.Name && !taken.has(m.Destination));
  if (!kept.length) return;
  host.Binds = [...binds, ...kept.map((m) => `${m.Name}:${m.Destination}:rw`)];
  // A copy: the plan's Config.Volumes is shared by every replica of the service.
  const anon = { ...((body.Volumes as Json | undefined) ?? {}) };
  for (const m of kept) delete anon[m.Destination];
  body.Volumes = Object.keys(anon).length ? anon : undefined;
  host.Mounts = ((host.Mounts as { Target: string; Source?: string }[] | undefined) ?? []).filter(
    (m) => m.Source || !kept.some((k) => k.Destination === m.Target),
  );
}

async function createAndStart(api: Docker, s: ServicePlan, name: string, body: Json): Promise<string> {
  const c = await api.createContainer({ ...body, name } as never);
  try {
    for (const net of s.networks.slice(1))
      await api.getNetwork(net.name).connect({
        Container: c.id,
        EndpointConfig: { Aliases: net.aliases, ...(net.ipv4 ? { IPAMConfig: { IPv4Address: net.ipv4 } } : {}) },
      });
    await c.start();
  } catch (err) {
    await c.remove({ force: true }).catch(() => {});
    throw err;
  }
  return c.id;
}

async function recreate(api: Docker, s: ServicePlan, old: ProjectContainer, name: string, body: Json): Promise<string> {
  const info = (await api.getContainer(old.Id).inspect()) as { Mounts: OldMount[]; State: { Running: boolean } };
  const wasRunning = info.State.Running;
  keepVolumes(body, info.Mounts ?? []);
  const aside = `${old.Id.slice(0, 12)}_${name}`;
  if (wasRunning) await api.getContainer(old.Id).stop();
  await api.getContainer(old.Id).rename({ name: aside });
  try {
    const id = await createAndStart(api, s, name, body);
    await api.getContainer(old.Id).remove({ force: true });
    return id;
  } catch (err) {
    // Put the old container back as it was, so a failed redeploy leaves the service running.
    await api
      .getContainer(old.Id)
      .rename({ name })
      .catch(() => {});
    if (wasRunning)
      await api
        .getContainer(old.Id)
        .start()
        .catch(() => {});
    throw err;
  }
}

export async function composeUp(
  api: Docker,
  plan: ProjectPlan,
  report: UpReporter,
  opts: UpOptions,
): Promise<UpOutcome> {
  const out: UpOutcome = { created: [], recreated: [], unchanged: [], removed: [] };
  const images = await ensureImages(api, opts.pullApi ?? api, plan, report);
  await ensureResources(api, plan, report);
  const existing = await projectContainers(api, plan.project);
  const running = new Map<string, string[]>();
  for (const s of plan.services) {
    try {
      for (const dep of s.dependsOn) {
        if (dep.condition !== "service_started")
          report.step(`Waiting for ${dep.service} (${dep.condition})`, s.service);
        await waitForCondition(
          api,
          dep.service,
          running.get(dep.service) ?? [],
          dep.condition,
          opts.dependencyTimeoutMs ?? 300_000,
        );
      }
      let networkMode = s.networkMode;
      if (networkMode?.startsWith("service:")) {
        const target = running.get(networkMode.slice(8))?.[0];
        if (!target) throw new Error(`network_mode ${networkMode}: that service has no container`);
        networkMode = `container:${target}`;
      }
      const hash = hashOf(s);
      const imgId = images.get(s.image);
      const mine = existing
        .filter((c) => c.Labels[COMPOSE_LABEL.service] === s.service && c.Labels[COMPOSE_LABEL.oneoff] !== "True")
        .sort((a, b) => containerNumber(a) - containerNumber(b));
      const ids: string[] = [];
      for (let n = 1; n <= s.replicas; n++) {
        const name = s.containerName ?? `${plan.project}-${s.service}-${n}`;
        const old = mine.find((c) => containerNumber(c) === n);
        const body = createBody(plan, s, n, hash, networkMode);
        if (old && old.Labels[COMPOSE_LABEL.hash] === hash && old.ImageID === imgId) {
          if (old.State !== "running") {
            await api.getContainer(old.Id).start();
            report.step(`Container ${name} started`, s.service);
          } else report.step(`Container ${name} up to date`, s.service);
          out.unchanged.push(name);
          ids.push(old.Id);
        } else if (old) {
          const why = old.ImageID !== imgId ? "image changed" : "configuration changed";
          report.step(`Recreating ${name} (${why})`, s.service);
          ids.push(await recreate(api, s, old, name, body));
          report.step(`Container ${name} recreated`, s.service);
          out.recreated.push(name);
        } else {
          ids.push(await createAndStart(api, s, name, body));
          report.step(`Container ${name} created and started`, s.service);
          out.created.push(name);
        }
      }
      for (const extra of mine.filter((c) => containerNumber(c) > s.replicas)) {
        await api.getContainer(extra.Id).remove({ force: true });
        report.step(`Container ${extra.Names[0]?.slice(1)} removed (scaled down)`, s.service);
        out.removed.push(extra.Names[0]?.slice(1) ?? extra.Id);
      }
      running.set(s.service, ids);
    } catch (err) {
      throw fail(s.service, err);
    }
  }
  const wanted = new Set(plan.services.map((s) => s.service));
  for (const c of existing.filter((x) => !wanted.has(x.Labels[COMPOSE_LABEL.service] ?? ""))) {
    const name = c.Names[0]?.slice(1) ?? c.Id.slice(0, 12);
    if (!opts.removeOrphans) {
      report.step(
        `Orphan container ${name} (service ${c.Labels[COMPOSE_LABEL.service]} is not in the file) left running`,
        undefined,
        "warn",
      );
      continue;
    }
    await api.getContainer(c.Id).remove({ force: true });
    report.step(`Orphan container ${name} removed`);
    out.removed.push(name);
  }
  return out;
}
