import { listImageUpdates } from "@/db/update-queries";
import type { ContainerSummary } from "@/lib/domain";
import { inWindow, policyFor } from "@/lib/update-policy";
import { DEFAULT_GRACE_SECONDS } from "@/lib/updates";
import { loadUserActor } from "@/server/auth/actor";
import { startLease } from "@/server/jobs/lease";
import type { Runtime } from "@/server/runtime";
import { recordAudit } from "../audit/record-audit";
import { updateContainer } from "./update-container";
import { storedPolicies } from "./update-policies";

const TICK_MS = 60_000;

export interface AutoUpdateResult {
  endpointId: string;
  name: string;
  outcome: "updated" | "current" | "failed";
  message: string;
}

/**
 * Attempts already made, by endpoint/container name -> the registry digest tried. A digest that failed (rolled back,
 * refused) is not tried again every minute of the window; a newer one behind the tag is.
 */
export type Attempts = Map<string, string>;

/**
 * One pass: on every connected Docker endpoint whose maintenance window is open now, each container whose last check
 * found a newer image and whose policy (its own, else its stack's) is "auto" is updated through the one-click update
 * (pull, safe swap, health-gated, rolled back if unhealthy), one at a time, as the user who set the policy, with that
 * user's rights now (a user since disabled or stripped of the right is refused and audited, nothing runs).
 */
export async function runAutoUpdates(rt: Runtime, attempts: Attempts, now = Date.now()): Promise<AutoUpdateResult[]> {
  const results: AutoUpdateResult[] = [];
  for (const v of rt.endpoints.views()) {
    if (v.kind !== "docker" || v.health.state !== "up") continue;
    const policies = await storedPolicies(v.id);
    if (!inWindow(now, policies.window) || !policies.entries.some((e) => e.policy === "auto")) continue;
    const store = rt.endpoints.session(v.id)?.store<ContainerSummary>("containers");
    for (const row of await listImageUpdates(rt.db, v.id)) {
      if (row.state !== "available" || !row.remoteDigest) continue;
      const c = store?.get(row.containerId);
      if (!c) continue;
      const { policy, entry } = policyFor(policies, c);
      if (policy !== "auto" || !entry) continue;
      const key = `${v.id}/${c.name}`;
      if (attempts.get(key) === row.remoteDigest) continue;
      attempts.set(key, row.remoteDigest);
      const actor = await loadUserActor(entry.setBy);
      if (!actor) {
        const message = `${entry.setByName}, who chose automatic updates for ${c.name}, is gone or disabled: not updated`;
        await recordAudit({
          actor: null,
          action: "container.update",
          endpointId: v.id,
          target: c.name,
          outcome: "denied",
          detail: message,
          source: "auto-update",
        });
        results.push({ endpointId: v.id, name: c.name, outcome: "failed", message });
        continue;
      }
      try {
        const out = await updateContainer(
          actor,
          { endpointId: v.id, containerId: c.id, graceSeconds: DEFAULT_GRACE_SECONDS },
          { source: "auto-update" },
        );
        results.push({
          endpointId: v.id,
          name: c.name,
          outcome: out.outcome === "updated" ? "updated" : "current",
          message: out.message,
        });
      } catch (err) {
        results.push({ endpointId: v.id, name: c.name, outcome: "failed", message: (err as Error).message });
      }
    }
  }
  for (const r of results) rt.log.info(r, "automatic image update");
  return results;
}

/** Every minute, on the one replica holding the "auto-update" lease. Returns a stop function. */
export function startAutoUpdater(rt: Runtime, tickMs = TICK_MS): () => Promise<void> {
  const lease = startLease(rt, "auto-update");
  const attempts: Attempts = new Map();
  let running = false;
  const timer = setInterval(() => {
    if (running || !lease.held()) return;
    running = true;
    void runAutoUpdates(rt, attempts)
      .catch((err) => rt.log.warn({ err: (err as Error).message }, "automatic image updates failed"))
      .finally(() => {
        running = false;
      });
  }, tickMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await lease.stop();
  };
}
