import { randomUUID } from "node:crypto";
import type { DbHandle } from "@/db/client";
import { LeaseKeeper } from "@/server/cluster/leases";
import type { Logger } from "@/server/log";
import type { Runtime } from "@/server/runtime";

/** This process, as lease holders are named when no cluster is open (tests, tools). */
export const LEASE_HOLDER = `${process.pid}-${randomUUID()}`;

export interface Lease {
  readonly name: string;
  /** True while this process holds the lease (renewed in time). Check it before each run of the job. */
  held(): boolean;
  stop(): Promise<void>;
}

/**
 * A named lease in the `leases` table, so a scheduled job (update checks, alert evaluation, usage history) runs on one
 * Berth replica only. There is one lease mechanism: the cluster's LeaseKeeper (server/cluster/leases.ts), which also
 * owns endpoints' upstreams; when the server opened a cluster the job joins its keeper (same holder, same renewal
 * round, released at shutdown with the rest). Without one (integration tests, tools) the job gets a keeper of its own
 * on the same table, with `ttlMs`. `held()` turns false by itself when renewals fail for longer than the lease lasts,
 * so two replicas never both believe they hold it.
 */
export function startLease(
  rt: { db: DbHandle; log: Logger; cluster?: Runtime["cluster"] },
  name: string,
  opts: { ttlMs?: number } = {},
): Lease {
  const ttlMs = opts.ttlMs ?? 30_000;
  const keeper =
    rt.cluster?.leases ??
    new LeaseKeeper(rt.db, LEASE_HOLDER, rt.log, { ttlMs, renewEveryMs: Math.max(250, Math.floor(ttlMs / 3)) });
  const own = keeper !== rt.cluster?.leases;
  const release = keeper.hold(name, { gained: () => {}, lost: () => {} });
  let stopped = false;
  return {
    name,
    held: () => !stopped && keeper.holds(name),
    async stop() {
      if (stopped) return;
      stopped = true;
      await release();
      if (own) await keeper.stop();
    },
  };
}
