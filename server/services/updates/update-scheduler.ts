import { getSetting, putSetting } from "@/db/settings-queries";
import type { ContainerSummary } from "@/lib/domain";
import { startLease } from "@/server/jobs/lease";
import type { Runtime } from "@/server/runtime";
import { runEndpointCheck } from "./check-updates";

export const DEFAULT_UPDATE_INTERVAL_MS = 6 * 60 * 60_000;
/** A fresh install (no check yet) checks this long after start, not a whole interval later. */
const FIRST_CHECK_MS = 15 * 60_000;
const LAST_RUN = "update-checks:last-run";

/** interval ± 10 %: replicas and restarts do not all ask the registries in the same minute. */
export const jittered = (ms: number, rand = Math.random) => Math.round(ms * (0.9 + 0.2 * rand()));

/**
 * Checks every connected Docker endpoint for image updates every `intervalMs` (jittered), on the one replica that
 * holds the "update-checks" lease. Endpoints are checked one after another; registries are asked at most
 * PER_REGISTRY at a time each (registry-limiter.ts). Returns a stop function.
 */
export function startUpdateScheduler(rt: Runtime, intervalMs = DEFAULT_UPDATE_INTERVAL_MS): () => Promise<void> {
  const lease = startLease(rt, "update-checks");
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const run = async () => {
    if (!lease.held()) return;
    await putSetting(rt.db, LAST_RUN, String(Date.now())).catch(() => {});
    for (const v of rt.endpoints.views()) {
      if (stopped || v.kind !== "docker" || v.health.state !== "up") continue;
      const store = rt.endpoints.session(v.id)?.store<ContainerSummary>("containers");
      try {
        const views = await runEndpointCheck(rt.endpoints.access(v.id, "docker"), [...(store?.values() ?? [])]);
        rt.log.info(
          { endpointId: v.id, checked: views.length, available: views.filter((x) => x.state === "available").length },
          "image update check",
        );
      } catch (err) {
        rt.log.warn({ endpointId: v.id, err: (err as Error).message }, "image update check failed");
      }
    }
  };
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => void run().finally(() => schedule(jittered(intervalMs))), delay);
    timer.unref();
  };
  // The last run is remembered: a Berth restarted more often than the interval still checks on time.
  void getSetting(rt.db, LAST_RUN)
    .catch(() => undefined)
    .then((last) => {
      const due = last ? Number(last) + intervalMs - Date.now() : Math.min(intervalMs, FIRST_CHECK_MS);
      schedule(jittered(Math.max(Math.min(60_000, intervalMs), due)));
    });
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await lease.stop();
  };
}
