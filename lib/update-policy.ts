import { z } from "zod";
import { quietUntil } from "./alert-eval";
import { COMPOSE_PROJECT_LABEL } from "./container-filter";
import { containerRef, endpointId } from "./schemas";
import { projectName } from "./stack-schemas";

// Per-container and per-stack image update policies of one endpoint, and its maintenance window. Pure: what applies
// to a container and whether now is inside the window; the services store and act on them.

export const UPDATE_POLICIES = ["off", "notify", "auto"] as const;
export type UpdatePolicy = (typeof UPDATE_POLICIES)[number];

export const POLICY_LABELS: Record<UpdatePolicy, string> = {
  off: "Off (not checked)",
  notify: "Notify (badge and alert)",
  auto: "Update automatically in the maintenance window",
};

/** A container's policy wins over its stack's; without either it is "notify" (checked, never updated by itself). */
export const DEFAULT_POLICY: UpdatePolicy = "notify";

export const POLICY_TARGETS = ["container", "stack"] as const;
export type PolicyTarget = (typeof POLICY_TARGETS)[number];

/** What a form or the API may ask: a policy, or "default" to remove the stored one (a stack's, else notify, applies). */
export const POLICY_CHOICES = [...UPDATE_POLICIES, "default"] as const;
export type PolicyChoice = (typeof POLICY_CHOICES)[number];

/** Containers are named (ids change at every recreate, and an update is a recreate); stacks by compose project. */
export const updatePolicyBody = z.discriminatedUnion("target", [
  z.object({ target: z.literal("container"), name: containerRef, policy: z.enum(POLICY_CHOICES) }),
  z.object({ target: z.literal("stack"), name: projectName, policy: z.enum(POLICY_CHOICES) }),
]);
export const setUpdatePolicyInput = z.object({ endpointId }).and(updatePolicyBody);
export type SetUpdatePolicyInput = z.output<typeof setUpdatePolicyInput>;

const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "The window's ends are each a time of day as HH:MM (UTC), 00:00 to 23:59");
/** Both ends or neither (no window: "auto" never runs). May wrap midnight (22:00 to 04:00). */
export const maintenanceWindowBody = z
  .object({ from: hhmm.or(z.literal("")), to: hhmm.or(z.literal("")) })
  .refine((w) => (w.from === "") === (w.to === ""), { message: "Give both ends of the window, or neither" })
  .refine((w) => w.from === "" || w.from !== w.to, { message: "The window must not start and end at the same time" });
export const maintenanceWindowInput = z.object({ endpointId }).and(maintenanceWindowBody);
export type MaintenanceWindowInput = z.output<typeof maintenanceWindowInput>;

export interface PolicyEntry {
  target: PolicyTarget;
  name: string;
  policy: UpdatePolicy;
  /** The user who set it: automatic updates run as this user, with this user's rights at the time they run. */
  setBy: string;
  setByName: string;
  setAt: number;
}

export interface UpdatePolicies {
  endpointId: string;
  window: { from: string; to: string } | null;
  entries: PolicyEntry[];
}

/** What applies to a container (by its name and compose project label), and where it came from. */
export function policyFor(
  p: Pick<UpdatePolicies, "entries">,
  c: { name: string; labels: Record<string, string> },
): { policy: UpdatePolicy; entry: PolicyEntry | null } {
  const own = p.entries.find((e) => e.target === "container" && e.name === c.name);
  if (own) return { policy: own.policy, entry: own };
  const project = c.labels[COMPOSE_PROJECT_LABEL];
  const stack = project ? p.entries.find((e) => e.target === "stack" && e.name === project) : undefined;
  if (stack) return { policy: stack.policy, entry: stack };
  return { policy: DEFAULT_POLICY, entry: null };
}

/** Whether `now` is inside the window (UTC; a window may wrap midnight). */
export const inWindow = (now: number, w: UpdatePolicies["window"]): boolean =>
  !!w && quietUntil(now, w.from, w.to) !== null;
