import type Docker from "dockerode";
import type { Actor, ContainerSummary, NetworkSummary } from "@/lib/domain";
import { UnauthenticatedError } from "@/lib/errors";
import { can } from "@/lib/policy";
import { rankCandidates, type SearchCandidate, type SearchResult, searchTerms } from "@/lib/search";
import { dockerOf } from "@/server/endpoints/access";
import { timeout } from "@/server/endpoints/docker/connect";
import { runtime } from "@/server/runtime";

/** An engine that takes longer than this to list its images or volumes is left out of the answer, and named. */
const ENGINE_BUDGET_MS = 2_000;
const COMPOSE_PROJECT = "com.docker.compose.project";

export type { SearchResult };

const enc = encodeURIComponent;

/**
 * Searches what the actor may see, and nothing else: endpoints they may read; on each, containers and networks from
 * the live stores (no engine round trip), images and volumes from the engine within a time budget, each only where
 * the actor holds the matching read permission. A hidden endpoint contributes nothing, not even its name.
 */
export async function search(actor: Actor | null, query: string, limit = 50): Promise<SearchResult> {
  if (!actor) throw new UnauthenticatedError();
  const result: SearchResult = { query, hits: [], incomplete: [] };
  if (!searchTerms(query).length) return result;
  const rt = runtime();
  const candidates: SearchCandidate[] = [];
  const endpoints = rt.endpoints.views().filter((e) => can(actor, "endpoint:read", { endpointId: e.id }));
  await Promise.all(
    endpoints.map(async (e) => {
      const base = { endpointId: e.id, endpointName: e.name };
      const at = { endpointId: e.id };
      candidates.push({
        ...base,
        kind: "endpoint",
        name: e.name,
        extra: [],
        href: `/endpoints/${enc(e.id)}/containers`,
      });
      const session = rt.endpoints.session(e.id);
      if (!session) return;
      if (can(actor, "container:read", at)) {
        for (const c of session.store<ContainerSummary>("containers")?.values() ?? []) {
          const project = c.labels[COMPOSE_PROJECT];
          candidates.push({
            ...base,
            kind: "container",
            name: c.name,
            extra: [c.image, c.id.slice(0, 12), ...(project ? [project] : [])],
            href: `/endpoints/${enc(e.id)}/containers/${enc(c.id)}`,
            detail: `${c.state} · ${c.image}`,
          });
        }
      }
      if (can(actor, "network:read", at)) {
        for (const n of session.store<NetworkSummary>("networks")?.values() ?? []) {
          candidates.push({
            ...base,
            kind: "network",
            name: n.name,
            extra: [n.driver, n.id.slice(0, 12)],
            href: `/endpoints/${enc(e.id)}/networks/${enc(n.id)}`,
            detail: n.driver,
          });
        }
      }
      const wantImages = can(actor, "image:read", at);
      const wantVolumes = can(actor, "volume:read", at);
      if (!wantImages && !wantVolumes) return;
      // Images and volumes are asked of the engine itself; kinds without them are skipped, not reported.
      if (!session.capabilities.has("images") && !session.capabilities.has("volumes")) return;
      if (e.health.state !== "up") {
        result.incomplete.push({ ...base, name: e.name, reason: "not connected" });
        return;
      }
      try {
        const [images, volumes] = await timeout(
          Promise.all([
            wantImages ? dockerOf(e.id).api.listImages() : Promise.resolve([]),
            wantVolumes
              ? dockerOf(e.id)
                  .api.listVolumes()
                  .then((r) => r.Volumes ?? [])
              : Promise.resolve([]),
          ]),
          ENGINE_BUDGET_MS,
        );
        for (const img of images as Docker.ImageInfo[]) {
          const tags = (img.RepoTags ?? []).filter((t) => t !== "<none>:<none>");
          const shortId = img.Id.replace(/^sha256:/, "").slice(0, 12);
          candidates.push({
            ...base,
            kind: "image",
            name: tags[0] ?? shortId,
            extra: [...tags.slice(1), shortId],
            href: `/endpoints/${enc(e.id)}/images/${shortId}`,
            detail: tags.length > 1 ? `${tags.length} tags` : undefined,
          });
        }
        for (const v of volumes) {
          candidates.push({
            ...base,
            kind: "volume",
            name: v.Name,
            extra: [v.Driver ?? ""],
            href: `/endpoints/${enc(e.id)}/volumes/${enc(v.Name)}`,
            detail: v.Driver,
          });
        }
      } catch (err) {
        const timedOut = (err as { code?: string }).code === "BERTH_TIMEOUT";
        result.incomplete.push({ ...base, name: e.name, reason: timedOut ? "timed out" : "engine error" });
      }
    }),
  );
  result.hits = rankCandidates(query, candidates, limit);
  result.incomplete.sort((a, b) => a.name.localeCompare(b.name));
  return result;
}
