import type Docker from "dockerode";
import type { Actor } from "@/lib/domain";
import { redactLabels } from "@/lib/redaction";
import type { CreateVolumeInput } from "@/lib/resource-schemas";
import { type ContainerRef, type PrunePlan, planVolumePrune, type VolumeSummary } from "@/lib/resources";
import { dockerApi } from "@/server/endpoints/access";
import { diskUsage } from "@/server/endpoints/docker/disk-usage";
import { BUDGET_MS } from "@/server/endpoints/docker/engine-budget";
import { engineMessage } from "@/server/endpoints/docker/engine-errors";
import { type AcrossEndpoints, listAcrossEndpoints } from "../images/list-images";
import { type UseCaseContext, useCase } from "../use-case";

interface EngineVolume {
  Name: string;
  Driver?: string;
  Mountpoint?: string;
  CreatedAt?: string;
  Labels?: Record<string, string> | null;
  UsageData?: { Size?: number; RefCount?: number } | null;
}

/**
 * Volumes with the containers that mount them. Sizes come from /system/df (the engine computes them for the local
 * driver); when `withSizes` is false the cheap list is used and sizes stay unknown.
 */
export async function readVolumes(api: Docker, endpointId: string, withSizes = true): Promise<VolumeSummary[]> {
  const [volumes, containers] = await Promise.all([
    withSizes
      ? diskUsage(api, endpointId).then((df) => (df.Volumes ?? []) as EngineVolume[])
      : api.listVolumes().then((r) => (r.Volumes ?? []) as EngineVolume[]),
    api.listContainers({ all: true }),
  ]);
  const users = new Map<string, ContainerRef[]>();
  for (const c of containers) {
    for (const m of c.Mounts ?? []) {
      if (m.Type !== "volume" || !m.Name) continue;
      const list = users.get(m.Name) ?? [];
      list.push({ id: c.Id, name: (c.Names?.[0] ?? "").replace(/^\//, "") });
      users.set(m.Name, list);
    }
  }
  return volumes
    .map((v) => {
      const size = v.UsageData?.Size;
      return {
        key: `${endpointId}/${v.Name}`,
        endpointId,
        name: v.Name,
        driver: v.Driver ?? "",
        mountpoint: v.Mountpoint ?? "",
        size: typeof size === "number" && size >= 0 ? size : null,
        containers: users.get(v.Name) ?? [],
        labels: redactLabels(v.Labels ?? {}),
        created: v.CreatedAt ? Date.parse(v.CreatedAt) || 0 : 0,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function listVolumes(actor: Actor | null, endpointId: string): Promise<VolumeSummary[]> {
  return useCase(actor, { permission: "volume:read", resource: { endpointId }, engine: true }, () =>
    readVolumes(dockerApi(endpointId), endpointId),
  );
}

export function listVolumesAcross(actor: Actor | null): Promise<AcrossEndpoints<VolumeSummary>> {
  return listAcrossEndpoints(actor, "volume:read", (api, id) => readVolumes(api, id));
}

export function createVolume(
  actor: Actor | null,
  input: CreateVolumeInput,
  ctx?: UseCaseContext,
): Promise<{ name: string }> {
  return useCase(
    actor,
    {
      engine: true,
      permission: "volume:manage",
      audit: "volume.create",
      resource: { endpointId: input.endpointId },
      target: input.name || "(anonymous)",
      detail: input.driver,
    },
    async () => {
      const api = dockerApi(input.endpointId, BUDGET_MS.action);
      // dockerode answers a Volume handle (`name`), not the engine's JSON (`Name`).
      const v = (await api.createVolume({
        ...(input.name ? { Name: input.name } : {}),
        Driver: input.driver,
        Labels: input.labels,
      })) as unknown as { name?: string; Name?: string };
      return { name: v.name ?? v.Name ?? input.name };
    },
    ctx,
  );
}

export function removeVolume(
  actor: Actor | null,
  input: { endpointId: string; name: string; force: boolean },
  ctx?: UseCaseContext,
): Promise<void> {
  return useCase(
    actor,
    {
      engine: true,
      permission: "volume:manage",
      audit: "volume.remove",
      resource: { endpointId: input.endpointId },
      target: input.name,
    },
    async () => {
      const api = dockerApi(input.endpointId, BUDGET_MS.remove);
      await api.getVolume(input.name).remove({ force: input.force });
    },
    ctx,
  );
}

export function inspectVolume(actor: Actor | null, endpointId: string, name: string): Promise<unknown> {
  return useCase(actor, { permission: "volume:read", resource: { endpointId }, engine: true }, () =>
    dockerApi(endpointId).getVolume(name).inspect(),
  );
}

export function previewVolumePrune(actor: Actor | null, endpointId: string): Promise<PrunePlan<VolumeSummary>> {
  return useCase(actor, { permission: "volume:read", resource: { endpointId }, engine: true }, async () =>
    planVolumePrune(await readVolumes(dockerApi(endpointId), endpointId)),
  );
}

/** Removes exactly the previewed volumes still unused (the plan is recomputed); never the engine's blind prune. */
export function pruneVolumes(
  actor: Actor | null,
  input: { endpointId: string; names: string[] },
  ctx?: UseCaseContext,
): Promise<{ removed: string[]; skipped: { name: string; reason: string }[] }> {
  const spec = {
    audit: "volume.prune",
    permission: "volume:manage" as const,
    resource: { endpointId: input.endpointId },
    engine: true,
  };
  return useCase(
    actor,
    spec,
    async (_actor, note) => {
      // Each removal may take a while (the driver deletes the data); the listing is a read.
      const api = dockerApi(input.endpointId, BUDGET_MS.remove);
      const plan = planVolumePrune(await readVolumes(api, input.endpointId, false));
      const unused = new Set(plan.items.map((v) => v.name));
      const out = { removed: [] as string[], skipped: [] as { name: string; reason: string }[] };
      for (const name of input.names) {
        if (!unused.has(name)) {
          out.skipped.push({ name, reason: "in use or gone since the preview" });
          continue;
        }
        try {
          await api.getVolume(name).remove();
          out.removed.push(name);
        } catch (err) {
          out.skipped.push({ name, reason: engineMessage(err) });
        }
      }
      note.target = `${out.removed.length} volume(s)`;
      note.outcome = out.skipped.length && !out.removed.length ? "failure" : "success";
      note.detail = `removed ${out.removed.join(", ").slice(0, 800) || "none"}${out.skipped.length ? `; skipped ${out.skipped.length}` : ""}`;
      return out;
    },
    ctx,
  );
}
