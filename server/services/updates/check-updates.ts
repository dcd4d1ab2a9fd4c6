import { EventEmitter } from "node:events";
import { listRegistryRows } from "@/db/registry-queries";
import { type ImageUpdateRow, listImageUpdates, saveImageUpdates } from "@/db/update-queries";
import type { ContainerSummary, Diff } from "@/lib/domain";
import { registryHostOfUrl } from "@/lib/image-ref";
import { decideUpdate, localDigestFor, parseImageRef, type RegistryRef, repoKey } from "@/lib/registry-ref";
import { policyFor } from "@/lib/update-policy";
import type { UpdateView } from "@/lib/updates";
import type { DockerAccess } from "@/server/endpoints/docker/docker-access";
import { BUDGET_MS } from "@/server/endpoints/docker/engine-budget";
import { runtime } from "@/server/runtime";
import { authConfigFor } from "../registries/registry-credentials";
import { type Login, RegistryError, type RemoteManifest, remoteManifest } from "./registry-client";
import { registryLimiter } from "./registry-limiter";
import { storedPolicies } from "./update-policies";

/** Check results as they change, per endpoint: the updates topic sends them on (globalThis: two bundles). */
export type UpdateEvents = EventEmitter<{ diff: [string, Diff<UpdateView>] }>;
const EVENTS = Symbol.for("berth.update-events");
export function updateEvents(): UpdateEvents {
  const g = globalThis as { [EVENTS]?: UpdateEvents };
  g[EVENTS] ??= new EventEmitter().setMaxListeners(0) as UpdateEvents;
  return g[EVENTS];
}

export const toUpdateView = (r: ImageUpdateRow): UpdateView => ({
  id: r.containerId,
  endpointId: r.endpointId,
  containerName: r.containerName,
  image: r.image,
  state: r.state as UpdateView["state"],
  localDigest: r.localDigest,
  remoteDigest: r.remoteDigest,
  detail: r.detail,
  checkedAt: r.checkedAt,
});

export async function storedUpdates(endpointId: string): Promise<UpdateView[]> {
  return (await listImageUpdates(runtime().db, endpointId)).map(toUpdateView);
}

/** The saved login and scheme for a registry host: a saved URL starting http:// means plain HTTP. */
async function registryAccess(): Promise<(host: string) => { login: Login | null; scheme?: "http" | "https" }> {
  const rows = await listRegistryRows(runtime().db);
  return (host) => {
    const row = rows.find((r) => {
      try {
        return registryHostOfUrl(r.url) === host;
      } catch {
        return false;
      }
    });
    if (!row) return { login: null };
    const scheme = /^http:\/\//i.test(row.url.trim()) ? "http" : undefined;
    const auth = row.username || row.secret ? authConfigFor(row, host) : null;
    return { login: auth ? { username: auth.username, password: auth.password } : null, scheme };
  };
}

/** What a check needs of a container: the store's summary, or just these for one container just made. */
type Checked = Pick<ContainerSummary, "id" | "name" | "image"> & { labels?: Record<string, string> };

interface Target {
  c: Checked;
  image: string;
  imageId: string;
}

/**
 * Checks the containers of one Docker endpoint (all, or `only` these ids): each container's reference (its
 * Config.Image), the repo digest its image was pulled with, and the registry's digest for the tag, asked once per
 * reference through the per-registry limiter. Writes the rows (pruning containers gone on a full check) and
 * sends the changes on updateEvents. Images that never came from a registry (imported, built here) are "unknown";
 * they cause no registry request at all.
 */
export async function runEndpointCheck(
  session: DockerAccess,
  containers: readonly Checked[],
  opts: { only?: ReadonlySet<string> } = {},
): Promise<UpdateView[]> {
  const rt = runtime();
  const api = session.client(BUDGET_MS.action);
  const endpointId = session.endpointId;
  // Policy "off" (the container's own, or its stack's): not checked, so no badge and no alert for it.
  const policies = await storedPolicies(endpointId);
  const chosen = (opts.only ? containers.filter((c) => opts.only!.has(c.id)) : containers).filter(
    (c) => policyFor(policies, { name: c.name, labels: c.labels ?? {} }).policy !== "off",
  );
  const targets: Target[] = [];
  for (const c of chosen) {
    try {
      const info = (await api.getContainer(c.id).inspect()) as { Image: string; Config?: { Image?: string } };
      targets.push({ c, image: info.Config?.Image ?? c.image, imageId: info.Image });
    } catch {
      // Gone between the list and now: the next check prunes it.
    }
  }
  const repoDigests = new Map<string, string[] | null>();
  for (const id of new Set(targets.map((t) => t.imageId))) {
    try {
      repoDigests.set(id, ((await api.getImage(id).inspect()) as { RepoDigests?: string[] }).RepoDigests ?? []);
    } catch {
      repoDigests.set(id, null);
    }
  }
  const access = await registryAccess();
  const remote = new Map<string, Promise<RemoteManifest>>();
  const ask = (ref: RegistryRef, local: string) => {
    const key = `${repoKey(ref)}:${ref.tag}|${local}`;
    let p = remote.get(key);
    if (!p) {
      const { login, scheme } = access(ref.host);
      p = registryLimiter().run(ref.apiHost, () => remoteManifest(ref, login, local, { scheme }));
      p.catch(() => {});
      remote.set(key, p);
    }
    return p;
  };
  const now = Date.now();
  const rows = await Promise.all(
    targets.map(async (t): Promise<ImageUpdateRow> => {
      const base = {
        endpointId,
        containerId: t.c.id,
        containerName: t.c.name,
        image: t.image,
        imageId: t.imageId,
        checkedAt: now,
        localDigest: null as string | null,
        remoteDigest: null as string | null,
        detail: null as string | null,
      };
      const ref = parseImageRef(t.image);
      if (!ref) return { ...base, state: "unknown", detail: "Made from an image id, not a tag: nothing to compare" };
      if (ref.digest) return { ...base, state: "unknown", detail: "Pinned to a digest: nothing newer behind it" };
      const digests = repoDigests.get(t.imageId);
      const local = localDigestFor(digests, ref);
      if (!local)
        return {
          ...base,
          state: "unknown",
          detail: digests === null ? "The image could not be read" : "The image was not pulled from a registry",
        };
      try {
        const m = await ask(ref, local);
        return { ...base, localDigest: local, remoteDigest: m.digest, state: decideUpdate(local, m) };
      } catch (err) {
        const message = err instanceof RegistryError ? err.message : `Check failed: ${(err as Error).message}`;
        return { ...base, localDigest: local, state: "error", detail: message };
      }
    }),
  );
  const before = opts.only ? [] : await listImageUpdates(rt.db, endpointId);
  await saveImageUpdates(rt.db, endpointId, rows, !opts.only);
  const views = rows.map(toUpdateView);
  const checked = new Set(rows.map((r) => r.containerId));
  const gone = before.filter((r) => !checked.has(r.containerId)).map((r) => r.containerId);
  updateEvents().emit("diff", endpointId, { upsert: views, remove: gone });
  return views;
}
