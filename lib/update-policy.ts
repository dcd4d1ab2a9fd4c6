import { quietUntil } from "./alert-eval";
import { COMPOSE_PROJECT_LABEL } from "./container-filter";

// Per-container and per-stack image update policies of one endpoint, and its maintenance window. Pure: what applies
// to a container and whether now is inside the window; the services store and act on them. No zod here (the browser
// loads this file): the inputs are in update-policy-schemas.ts.

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
