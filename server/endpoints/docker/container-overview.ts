import type { ContainerOverview } from "@/lib/container-overview";

// A `docker inspect` document as the Overview tab's facts (lib/container-overview.ts).

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** Quotes an argv element the way a shell user would read it. */
function shellWord(s: string): string {
  return /^[a-zA-Z0-9_./:=@%+-]+$/.test(s) ? s : `"${s.replace(/(["\\$`])/g, "\\$1")}"`;
}

export function toOverview(inspect: unknown): ContainerOverview {
  const doc = obj(inspect);
  const state = obj(doc.State);
  const config = obj(doc.Config);
  const health = obj(state.Health);
  const logs = Array.isArray(health.Log) ? health.Log : [];
  const lastLog = obj(logs[logs.length - 1]);
  const args = Array.isArray(doc.Args) ? doc.Args.map(String) : [];
  const ports: ContainerOverview["ports"] = [];
  for (const [container, bindings] of Object.entries(obj(obj(doc.NetworkSettings).Ports))) {
    if (!Array.isArray(bindings) || bindings.length === 0) ports.push({ container, host: "" });
    else for (const b of bindings) ports.push({ container, host: `${str(obj(b).HostIp)}:${str(obj(b).HostPort)}` });
  }
  return {
    id: str(doc.Id),
    name: str(doc.Name).replace(/^\//, ""),
    state: str(state.Status) || "unknown",
    running: state.Running === true,
    startedAt: str(state.StartedAt) || undefined,
    finishedAt: str(state.FinishedAt) || undefined,
    exitCode: typeof state.ExitCode === "number" ? state.ExitCode : undefined,
    health: health.Status
      ? {
          status: str(health.Status),
          failingStreak: Number(health.FailingStreak ?? 0),
          lastOutput: str(lastLog.Output).trim() || undefined,
        }
      : undefined,
    restartCount: Number(doc.RestartCount ?? 0),
    image: str(config.Image),
    imageId: str(doc.Image),
    command: [str(doc.Path), ...args].filter(Boolean).map(shellWord).join(" "),
    tty: config.Tty === true,
    mounts: (Array.isArray(doc.Mounts) ? doc.Mounts : []).map((m) => {
      const o = obj(m);
      return {
        type: str(o.Type),
        source: str(o.Name) || str(o.Source),
        destination: str(o.Destination),
        mode: str(o.Mode),
        rw: o.RW !== false,
      };
    }),
    networks: Object.entries(obj(obj(doc.NetworkSettings).Networks)).map(([name, n]) => ({
      name,
      ip: str(obj(n).IPAddress),
      gateway: str(obj(n).Gateway),
      mac: str(obj(n).MacAddress),
    })),
    ports,
  };
}
