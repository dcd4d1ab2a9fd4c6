import type { ContainerSpecInput } from "@/lib/container-spec";
import { RESTART_POLICIES } from "@/lib/restart-policies";

// What the create form holds: strings as typed. The shared zod schema turns them into a spec on the server.

export interface PortState {
  hostIp: string;
  hostPort: string;
  containerPort: string;
  protocol: "tcp" | "udp" | "sctp";
}
export interface VolumeState {
  type: "volume" | "bind";
  source: string;
  target: string;
  readOnly: boolean;
}
export interface FormState {
  image: string;
  name: string;
  command: string;
  entrypoint: string;
  workingDir: string;
  user: string;
  env: string[];
  labels: { key: string; value: string }[];
  ports: PortState[];
  volumes: VolumeState[];
  network: string;
  restartPolicy: (typeof RESTART_POLICIES)[number];
  maxRetries: string;
  memoryMb: string;
  cpus: string;
  autoRemove: boolean;
  init: boolean;
}

const s = (v: unknown) => (v === undefined || v === null ? "" : String(v));

export function toFormState(spec?: ContainerSpecInput): FormState {
  return {
    image: s(spec?.image),
    name: s(spec?.name),
    command: s(spec?.command),
    entrypoint: s(spec?.entrypoint),
    workingDir: s(spec?.workingDir),
    user: s(spec?.user),
    env: (spec?.env ?? []).map(s),
    labels: (spec?.labels ?? []).map((l) => ({ key: s(l.key), value: s(l.value) })),
    ports: (spec?.ports ?? []).map((p) => ({
      hostIp: s(p.hostIp),
      hostPort: s(p.hostPort),
      containerPort: s(p.containerPort),
      protocol: (p.protocol ?? "tcp") as PortState["protocol"],
    })),
    volumes: (spec?.volumes ?? []).map((v) => ({
      type: v.type,
      source: s(v.source),
      target: s(v.target),
      readOnly: !!v.readOnly,
    })),
    network: s(spec?.network),
    restartPolicy: RESTART_POLICIES.includes(spec?.restartPolicy as never)
      ? (spec?.restartPolicy as FormState["restartPolicy"])
      : "no",
    maxRetries: s(spec?.maxRetries),
    memoryMb: s(spec?.memoryMb),
    cpus: s(spec?.cpus),
    autoRemove: !!spec?.autoRemove,
    init: !!spec?.init,
  };
}

export const EMPTY_PORT: PortState = { hostIp: "", hostPort: "", containerPort: "", protocol: "tcp" };
export const EMPTY_VOLUME: VolumeState = { type: "volume", source: "", target: "", readOnly: false };
