import type { CreateBody, ImageConfigLike } from "./container-spec-map";

// What an image update recreates: the container's own settings, without what its old image supplied. A container's
// inspect merges the image's labels, env, command, healthcheck... into its config; copied as they are, the new
// container would keep the old image's values and never see the new image's (its healthcheck least of all).

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function withoutImageDefaults(body: CreateBody, image: ImageConfigLike): CreateBody {
  const out: CreateBody = { ...body, HostConfig: body.HostConfig };
  const labels = body.Labels as Record<string, string> | null | undefined;
  if (labels) {
    const imageLabels = image.Labels ?? {};
    out.Labels = Object.fromEntries(Object.entries(labels).filter(([k, v]) => imageLabels[k] !== v));
  }
  const env = body.Env as string[] | null | undefined;
  if (env) {
    const imageEnv = new Set(image.Env ?? []);
    out.Env = env.filter((e) => !imageEnv.has(e));
  }
  for (const key of [
    "Cmd",
    "Entrypoint",
    "WorkingDir",
    "User",
    "Healthcheck",
    "StopSignal",
    "Shell",
    "OnBuild",
  ] as const) {
    if (key in out && same(out[key], image[key])) delete out[key];
  }
  if ("ArgsEscaped" in out && same(out.ArgsEscaped, image.ArgsEscaped)) delete out.ArgsEscaped;
  // Ports the image exposes come back with it; a published one stays (its binding needs the exposure).
  const bound = (body.HostConfig.PortBindings as Record<string, unknown> | null | undefined) ?? {};
  const exposed = body.ExposedPorts as Record<string, object> | null | undefined;
  if (exposed)
    out.ExposedPorts = Object.fromEntries(
      Object.entries(exposed).filter(([k]) => !(k in (image.ExposedPorts ?? {})) || k in bound),
    );
  const volumes = body.Volumes as Record<string, object> | null | undefined;
  if (volumes) out.Volumes = Object.fromEntries(Object.entries(volumes).filter(([k]) => !(k in (image.Volumes ?? {}))));
  return out;
}
