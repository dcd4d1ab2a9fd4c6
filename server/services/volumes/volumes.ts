import type Docker from "dockerode";
import type { Actor } from "@/lib/domain";
import { redactLabels } from "@/lib/redaction";
import type { CreateVolumeInput } from "@/lib/resource-schemas";
import { type ContainerRef, type PrunePlan, planVolumePrune, type VolumeSummary } from "@/lib/resources";
import { BUDGET_MS } from "@/server/endpoints/docker/engine-budget";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../authorize";
import { type AcrossEndpoints, listAcrossEndpoints } from "../images/list-images";
import { engineMessage, engineOp, engineRead, type OpContext, sessionFor } from "../resources/engine-op";

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
      ? api.df().then((df: { Volumes?: EngineVolume[] | null }) => df.Volumes ?? [])
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
  return engineRead(actor, "volume:read", endpointId, (api) => readVolumes(api, endpointId));
}

export function listVolumesAcross(actor: Actor | null): Promise<AcrossEndpoints<VolumeSummary>> {
  return listAcrossEndpoints(actor, "volume:read", (api, id) => readVolumes(api, id));
}

export function createVolume(
  actor: Actor | null,
  input: CreateVolumeInput,
  ctx?: OpContext,
): Promise<{ name: string }> {
  return engineOp(
    actor,
    {
      permission: "volume:manage",
      audit: "volume.create",
      endpointId: input.endpointId,
      target: input.name || "(anonymous)",
      detail: input.driver,
    },
    async (api) => {
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
  ctx?: OpContext,
): Promise<void> {
  return engineOp(
    actor,
    {
      permission: "volume:manage",
      audit: "volume.remove",
      endpointId: input.endpointId,
      target: input.name,
      budgetMs: BUDGET_MS.remove,
    },
    async (api) => {
      await api.getVolume(input.name).remove({ force: input.force });
    },
    ctx,
  );
}

export function inspectVolume(actor: Actor | null, endpointId: string, name: string): Promise<unknown> {
  return engineRead(actor, "volume:read", endpointId, (api) => api.getVolume(name).inspect());
}

export function previewVolumePrune(actor: Actor | null, endpointId: string): Promise<PrunePlan<VolumeSummary>> {
  return engineRead(actor, "volume:read", endpointId, async (api) =>
    planVolumePrune(await readVolumes(api, endpointId)),
  );
}

/** Removes exactly the previewed volumes still unused (the plan is recomputed); never the engine's blind prune. */
export async function pruneVolumes(
  actor: Actor | null,
  input: { endpointId: string; names: string[] },
  ctx: OpContext = {},
): Promise<{ removed: string[]; skipped: { name: string; reason: string }[] }> {
  const audit = { actor, action: "volume.prune", endpointId: input.endpointId, source: ctx.source };
  try {
    authorize(actor, "volume:manage", { endpointId: input.endpointId });
  } catch (err) {
    await recordAudit({ ...audit, outcome: "denied", detail: (err as Error).message });
    throw err;
  }
  // Each removal may take a while (the driver deletes the data); the listing is a read.
  const api = sessionFor(input.endpointId).client(BUDGET_MS.remove);
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
  await recordAudit({
    ...audit,
    target: `${out.removed.length} volume(s)`,
    outcome: out.skipped.length && !out.removed.length ? "failure" : "success",
    detail: `removed ${out.removed.join(", ").slice(0, 800) || "none"}${out.skipped.length ? `; skipped ${out.skipped.length}` : ""}`,
  });
  return out;
}
