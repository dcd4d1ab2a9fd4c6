// The restriction rules and their labels, apart from lib/container-restrictions.ts (zod) for the settings form's
// browser bundle.

export const RESTRICTION_RULES = [
  { id: "privileged", label: "Privileged mode" },
  { id: "hostPid", label: "Host or another container's PID namespace" },
  { id: "hostNetwork", label: "Host or another container's network namespace" },
  { id: "hostIpc", label: "Host or another container's IPC namespace" },
  { id: "hostNamespaces", label: "Host UTS and user namespaces" },
  { id: "bindMounts", label: "Bind mounts of host paths (including volumes with bind driver options)" },
  { id: "devices", label: "Host devices" },
  { id: "capabilities", label: "Added capabilities" },
  { id: "sysctls", label: "Sysctls" },
  { id: "securityOptions", label: "Security options (seccomp, AppArmor, SELinux labels)" },
] as const;

export type RestrictionRule = (typeof RESTRICTION_RULES)[number]["id"];
export type ContainerRestrictions = Record<RestrictionRule, boolean>;
