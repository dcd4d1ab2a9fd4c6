import { getSetting } from "@/db/settings-queries";
import { insertUsagePoints, pruneUsagePoints, type UsagePointRow } from "@/db/usage-queries";
import { COMPOSE_PROJECT_LABEL } from "@/lib/container-filter";
import type { ContainerSummary } from "@/lib/domain";
import { acquireStatsSampler } from "@/server/hub/container-hubs";
import { startLease } from "@/server/jobs/lease";
import type { Runtime } from "@/server/runtime";

export const USAGE_SETTING = "usage-history";
export const KEEP_MS = 7 * 24 * 60 * 60_000;

interface Acc {
  endpointId: string;
  containerId: string;
  name: string;
  project: string;
  release: () => void;
  /** The point being filled: its bucket start, sums and sample count. */
  t: number;
  cpu: number;
  mem: number;
  n: number;
}

/** Endpoint ids where usage history is on (an admin setting). */
export async function usageEndpoints(rt: Runtime): Promise<string[]> {
  const raw = await getSetting(rt.db, USAGE_SETTING);
  try {
    const parsed = raw ? (JSON.parse(raw) as { endpoints?: unknown }) : {};
    return Array.isArray(parsed.endpoints) ? parsed.endpoints.filter((e): e is string => typeof e === "string") : [];
  } catch {
    return [];
  }
}

/**
 * Usage history: on endpoints where it is on, holds the shared stats sampler of every running container (the same
 * one stream per container the Stats tab and the list use) and writes one point per container per minute: the mean
 * of that minute's samples. Runs on the replica holding the "usage-history" lease; prunes points older than 7 days.
 * `minuteMs` is the bucket (tests shorten it).
 */
export function startUsageRecorder(rt: Runtime, opts: { minuteMs?: number } = {}): { stop(): Promise<void> } {
  const minute = opts.minuteMs ?? 60_000;
  const lease = startLease(rt, "usage-history");
  const accs = new Map<string, Acc>();
  let enabled = new Set<string>();
  const pending: UsagePointRow[] = [];

  const close = (a: Acc) => {
    if (a.n > 0) {
      pending.push({
        endpointId: a.endpointId,
        containerId: a.containerId,
        containerName: a.name,
        project: a.project,
        t: a.t,
        cpu: Math.round((a.cpu / a.n) * 1000),
        mem: Math.round(a.mem / a.n),
      });
    }
    a.cpu = 0;
    a.mem = 0;
    a.n = 0;
  };

  const reconcile = async () => {
    enabled = lease.held() ? new Set(await usageEndpoints(rt)) : new Set();
    const wanted = new Set<string>();
    for (const endpointId of enabled) {
      const session = rt.endpoints.session(endpointId);
      const store = session?.store<ContainerSummary>("containers");
      if (!session || !store) continue;
      for (const c of store.values()) {
        if (c.state !== "running") continue;
        const key = `${endpointId}/${c.id}`;
        wanted.add(key);
        if (accs.has(key)) continue;
        const acc: Acc = {
          endpointId,
          containerId: c.id,
          name: c.name,
          project: c.labels[COMPOSE_PROJECT_LABEL] ?? "",
          release: () => {},
          t: 0,
          cpu: 0,
          mem: 0,
          n: 0,
        };
        accs.set(key, acc);
        acc.release = acquireStatsSampler(endpointId, session, c.id, {
          sample: (s) => {
            const t = Math.floor(s.t / minute) * minute;
            if (acc.t !== t) {
              close(acc);
              acc.t = t;
            }
            acc.cpu += s.cpuPercent;
            acc.mem += s.memUsed;
            acc.n++;
          },
          state: () => {},
        });
      }
    }
    for (const [key, acc] of accs) {
      if (wanted.has(key)) continue;
      acc.release();
      close(acc);
      accs.delete(key);
    }
  };

  /** Writes finished minutes (a point is final once the clock is past its bucket). */
  const flush = async () => {
    const now = Math.floor(Date.now() / minute) * minute;
    for (const acc of accs.values()) if (acc.n > 0 && acc.t < now) close(acc);
    if (pending.length === 0) return;
    const rows = pending.splice(0);
    await insertUsagePoints(rt.db, rows).catch((err) => {
      rt.log.warn({ err: (err as Error).message, points: rows.length }, "usage points not written");
    });
  };

  const stopStore = rt.endpoints.onStore<ContainerSummary>("containers", (endpointId) => {
    if (enabled.has(endpointId)) void reconcile();
  });
  const tick = setInterval(() => void reconcile().then(flush), Math.min(10_000, minute));
  tick.unref();
  const prune = setInterval(() => {
    if (lease.held()) void pruneUsagePoints(rt.db, Date.now() - KEEP_MS).catch(() => {});
  }, 60 * 60_000);
  prune.unref();
  void reconcile();

  return {
    async stop() {
      clearInterval(tick);
      clearInterval(prune);
      stopStore();
      for (const acc of accs.values()) {
        acc.release();
        close(acc);
      }
      accs.clear();
      await flush();
      await lease.stop();
    },
  };
}
