import { joinCommandLine, splitCommandLine } from "@/lib/command-line";
import type { ServiceForm } from "@/lib/swarm-schemas";

// The service form's text fields <-> the structured form. Pure, so the edit page can start from a service's spec.

export interface FormText {
  name: string;
  image: string;
  command: string;
  env: string;
  labels: string;
  mounts: string;
  networks: string;
  mode: "replicated" | "global";
  replicas: string;
  constraints: string;
  preferences: string;
  cpuLimit: string;
  memLimit: string;
  cpuReserve: string;
  memReserve: string;
  restartCondition: "none" | "on-failure" | "any";
  restartDelay: string;
  restartMax: string;
  parallelism: string;
  updateDelay: string;
  failureAction: "pause" | "continue" | "rollback";
  monitor: string;
  order: "stop-first" | "start-first";
  ports: string;
  endpointMode: "vip" | "dnsrr";
  secrets: string;
  configs: string;
  stopGrace: string;
}

const lines = (t: string) =>
  t
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
const list = (t: string) =>
  t
    .split(/[\s,]+/)
    .map((l) => l.trim())
    .filter(Boolean);
const num = (t: string) => (t.trim() === "" ? undefined : Number(t));

function kv(t: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of lines(t)) {
    const eq = l.indexOf("=");
    out[eq < 0 ? l : l.slice(0, eq)] = eq < 0 ? "" : l.slice(eq + 1);
  }
  return out;
}

/** The form as the schema wants it; `command` split like a shell would. Errors are the schema's to report. */
export function fromText(f: FormText): ServiceForm {
  return {
    name: f.name.trim(),
    image: f.image.trim(),
    command: f.command.trim() ? (splitCommandLine(f.command) ?? [f.command]) : [],
    args: [],
    env: lines(f.env),
    labels: kv(f.labels),
    containerLabels: {},
    mounts: lines(f.mounts).map((l) => {
      const [type, source, target, ro] = l.split(":");
      return {
        type: (type === "bind" || type === "tmpfs" ? type : "volume") as "volume",
        source: source ?? "",
        target: target ?? "",
        readOnly: ro === "ro",
      };
    }),
    networks: list(f.networks),
    mode: f.mode,
    replicas: Number(f.replicas || 0),
    constraints: lines(f.constraints),
    preferences: lines(f.preferences),
    limits: { cpus: num(f.cpuLimit), memoryMb: num(f.memLimit) },
    reservations: { cpus: num(f.cpuReserve), memoryMb: num(f.memReserve) },
    restart: {
      condition: f.restartCondition,
      delaySeconds: Number(f.restartDelay || 0),
      maxAttempts: Number(f.restartMax || 0),
    },
    update: {
      parallelism: Number(f.parallelism || 0),
      delaySeconds: Number(f.updateDelay || 0),
      failureAction: f.failureAction,
      monitorSeconds: Number(f.monitor || 0),
      order: f.order,
    },
    // published:target[/protocol], host mode (the ingress mesh needs IPVS, absent on some kernels).
    ports: lines(f.ports).map((l) => {
      const [spec, protocol] = l.split("/");
      const [a, b] = (spec ?? "").split(":");
      return {
        target: Number(b ?? a),
        ...(b !== undefined ? { published: Number(a) } : {}),
        protocol: (protocol === "udp" || protocol === "sctp" ? protocol : "tcp") as "tcp",
        mode: "host" as const,
      };
    }),
    endpointMode: f.endpointMode,
    secrets: list(f.secrets).map((name) => ({ name })),
    configs: list(f.configs).map((name) => ({ name })),
    ...(f.stopGrace.trim() ? { stopGraceSeconds: Number(f.stopGrace) } : {}),
  };
}

export function toText(s: ServiceForm): FormText {
  const join = (r: Record<string, string>) =>
    Object.entries(r)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n");
  return {
    name: s.name,
    image: s.image,
    command: joinCommandLine([...s.command, ...s.args]),
    env: s.env.join("\n"),
    labels: join(s.labels),
    mounts: s.mounts.map((m) => `${m.type}:${m.source}:${m.target}${m.readOnly ? ":ro" : ""}`).join("\n"),
    networks: s.networks.join(", "),
    mode: s.mode,
    replicas: String(s.replicas),
    constraints: s.constraints.join("\n"),
    preferences: s.preferences.join("\n"),
    cpuLimit: s.limits.cpus?.toString() ?? "",
    memLimit: s.limits.memoryMb?.toString() ?? "",
    cpuReserve: s.reservations.cpus?.toString() ?? "",
    memReserve: s.reservations.memoryMb?.toString() ?? "",
    restartCondition: s.restart.condition,
    restartDelay: String(s.restart.delaySeconds),
    restartMax: String(s.restart.maxAttempts),
    parallelism: String(s.update.parallelism),
    updateDelay: String(s.update.delaySeconds),
    failureAction: s.update.failureAction,
    monitor: String(s.update.monitorSeconds),
    order: s.update.order,
    ports: s.ports.map((p) => `${p.published ? `${p.published}:` : ""}${p.target}/${p.protocol}`).join("\n"),
    endpointMode: s.endpointMode,
    secrets: s.secrets.map((x) => x.name).join(", "),
    configs: s.configs.map((x) => x.name).join(", "),
    stopGrace: s.stopGraceSeconds?.toString() ?? "",
  };
}

export const EMPTY_FORM: FormText = {
  name: "",
  image: "",
  command: "",
  env: "",
  labels: "",
  mounts: "",
  networks: "",
  mode: "replicated",
  replicas: "1",
  constraints: "",
  preferences: "",
  cpuLimit: "",
  memLimit: "",
  cpuReserve: "",
  memReserve: "",
  restartCondition: "any",
  restartDelay: "5",
  restartMax: "0",
  parallelism: "1",
  updateDelay: "0",
  failureAction: "pause",
  monitor: "5",
  order: "stop-first",
  ports: "",
  endpointMode: "vip",
  secrets: "",
  configs: "",
  stopGrace: "",
};
