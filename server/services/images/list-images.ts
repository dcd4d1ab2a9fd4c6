import type Docker from "dockerode";
import type { Actor } from "@/lib/domain";
import { UnauthenticatedError } from "@/lib/errors";
import { can } from "@/lib/policy";
import type { ContainerRef, ImageSummary } from "@/lib/resources";
import { dockerApi, dockerOf } from "@/server/endpoints/access";
import { diskUsage } from "@/server/endpoints/docker/disk-usage";
import { engineMessage } from "@/server/endpoints/docker/engine-errors";
import { runtime } from "@/server/runtime";
import { useCase } from "../use-case";

interface EngineImage {
  Id: string;
  RepoTags?: string[] | null;
  Size?: number;
  SharedSize?: number;
  Created?: number;
  ParentId?: string;
}

const name = (names?: string[]) => (names?.[0] ?? "").replace(/^\//, "");

/** Images of one engine, each with the containers (any state) created from it. No size=true anywhere. */
export async function readImages(api: Docker, endpointId: string, withSharedSize = false): Promise<ImageSummary[]> {
  const [images, containers] = await Promise.all([
    withSharedSize
      ? diskUsage(api, endpointId).then((df) => (df.Images ?? []) as EngineImage[])
      : (api.listImages({ all: false }) as Promise<EngineImage[]>),
    api.listContainers({ all: true }),
  ]);
  const users = new Map<string, ContainerRef[]>();
  for (const c of containers) {
    const list = users.get(c.ImageID) ?? [];
    list.push({ id: c.Id, name: name(c.Names) });
    users.set(c.ImageID, list);
  }
  return images
    .map((i) => ({
      key: `${endpointId}/${i.Id}`,
      endpointId,
      imageId: i.Id,
      repoTags: (i.RepoTags ?? []).filter((t) => t !== "<none>:<none>"),
      size: i.Size ?? 0,
      sharedSize: Math.max(0, i.SharedSize ?? 0),
      created: (i.Created ?? 0) * 1000,
      parentId: i.ParentId ?? "",
      containers: users.get(i.Id) ?? [],
    }))
    .sort((a, b) => (a.repoTags[0] ?? "~").localeCompare(b.repoTags[0] ?? "~") || b.created - a.created);
}

export function listImages(actor: Actor | null, endpointId: string): Promise<ImageSummary[]> {
  return useCase(actor, { permission: "image:read", resource: { endpointId }, engine: true }, () =>
    readImages(dockerApi(endpointId), endpointId),
  );
}

export interface AcrossEndpoints<T> {
  items: T[];
  /** Endpoints that could not be read, with why. */
  errors: { endpointId: string; name: string; error: string }[];
}

/** One list across every endpoint the actor may read `image:read` on; a down endpoint is reported, not fatal. */
const CAPABILITY = { "image:read": "images", "network:read": "networks", "volume:read": "volumes" } as const;

export async function listAcrossEndpoints<T>(
  actor: Actor | null,
  action: "image:read" | "network:read" | "volume:read",
  read: (api: Docker, endpointId: string) => Promise<T[]>,
): Promise<AcrossEndpoints<T>> {
  if (!actor) throw new UnauthenticatedError();
  const eps = runtime()
    .endpoints.views()
    .filter((e) => can(actor, action, { endpointId: e.id }));
  const out: AcrossEndpoints<T> = { items: [], errors: [] };
  await Promise.all(
    eps.map(async (e) => {
      const session = runtime().endpoints.session(e.id);
      // Endpoints of a kind without this resource (a Kubernetes cluster has no Docker images) are not asked.
      if (session && !session.capabilities.has(CAPABILITY[action])) return;
      if (!session || e.health.state !== "up") {
        out.errors.push({ endpointId: e.id, name: e.name, error: e.health.reason ?? "Endpoint is not connected" });
        return;
      }
      try {
        out.items.push(...(await read(dockerOf(e.id).api, e.id)));
      } catch (err) {
        out.errors.push({ endpointId: e.id, name: e.name, error: engineMessage(err) });
      }
    }),
  );
  return out;
}

export function listImagesAcross(actor: Actor | null): Promise<AcrossEndpoints<ImageSummary>> {
  return listAcrossEndpoints(actor, "image:read", (api, id) => readImages(api, id));
}
