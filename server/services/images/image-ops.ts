import type { Actor } from "@/lib/domain";
import { redactCommandLine, redactLabels } from "@/lib/redaction";
import type { RemoveImageInput, TagImageInput } from "@/lib/resource-schemas";
import { shortId } from "@/lib/resources";
import { dockerApi } from "@/server/endpoints/access";
import { BUDGET_MS } from "@/server/endpoints/docker/engine-budget";
import { type UseCaseContext, useCase } from "../use-case";

export function removeImage(actor: Actor | null, input: RemoveImageInput, ctx?: UseCaseContext): Promise<void> {
  return useCase(
    actor,
    {
      permission: "image:manage",
      audit: "image.remove",
      resource: { endpointId: input.endpointId },
      target: input.image,
      detail: input.force ? "force" : undefined,
      engine: true,
    },
    async () => {
      const api = dockerApi(input.endpointId, BUDGET_MS.remove);
      await api.getImage(input.image).remove({ force: input.force });
    },
    ctx,
  );
}

export function tagImage(actor: Actor | null, input: TagImageInput, ctx?: UseCaseContext): Promise<void> {
  const target = `${input.repository}:${input.tag}`;
  return useCase(
    actor,
    {
      permission: "image:manage",
      audit: "image.tag",
      resource: { endpointId: input.endpointId },
      target,
      detail: input.image,
      engine: true,
    },
    async () => {
      const api = dockerApi(input.endpointId, BUDGET_MS.action);
      await api.getImage(input.image).tag({ repo: input.repository, tag: input.tag });
    },
    ctx,
  );
}

export interface ImageDetail {
  id: string;
  repoTags: string[];
  repoDigests: string[];
  created: string;
  size: number;
  architecture: string;
  os: string;
  cmd: string[];
  entrypoint: string[];
  workingDir: string;
  exposedPorts: string[];
  labels: Record<string, string>;
  layers: string[];
  history: { id: string; created: number; createdBy: string; size: number; comment: string }[];
}

/** Inspect plus layer history. Environment variables are left out and history is redacted (lib/redaction.ts). */
export function inspectImage(actor: Actor | null, endpointId: string, image: string): Promise<ImageDetail> {
  return useCase(actor, { permission: "image:read", resource: { endpointId }, engine: true }, async () => {
    const api = dockerApi(endpointId);
    const img = api.getImage(image);
    const [info, history] = await Promise.all([img.inspect(), img.history()]);
    const cfg = info.Config ?? ({} as typeof info.Config);
    return {
      id: info.Id,
      repoTags: info.RepoTags ?? [],
      repoDigests: info.RepoDigests ?? [],
      created: info.Created,
      size: info.Size,
      architecture: info.Architecture,
      os: info.Os,
      cmd: cfg?.Cmd ?? [],
      entrypoint: Array.isArray(cfg?.Entrypoint) ? cfg.Entrypoint : cfg?.Entrypoint ? [cfg.Entrypoint] : [],
      workingDir: cfg?.WorkingDir ?? "",
      exposedPorts: Object.keys(cfg?.ExposedPorts ?? {}),
      labels: redactLabels(cfg?.Labels ?? {}),
      layers: info.RootFS?.Layers ?? [],
      history: (history as { Id: string; Created: number; CreatedBy: string; Size: number; Comment: string }[]).map(
        (h) => ({
          id: h.Id === "<missing>" ? "" : shortId(h.Id),
          created: h.Created * 1000,
          // ENV/ARG values and secret-looking flags of the build steps are redacted for everyone.
          createdBy: redactCommandLine(h.CreatedBy ?? ""),
          size: h.Size,
          comment: h.Comment,
        }),
      ),
    };
  });
}
