import { randomUUID } from "node:crypto";
import type { DbHandle } from "@/db/client";
import { claimLease, releaseLease } from "@/db/lease-queries";
import type { Logger } from "@/server/log";

/** This process, as lease holders are named. */
export const LEASE_HOLDER = `${process.pid}-${randomUUID()}`;

export interface Lease {
  readonly name: string;
  /** True while this process holds the lease (renewed in time). Check it before each run of the job. */
  held(): boolean;
  stop(): Promise<void>;
}

/**
 * A named lease in the `leases` table, so a scheduled job (update checks, alert evaluation) runs on one Berth
 * replica only. The holder renews every ttl/3; a replica that dies stops renewing and another takes over once the
 * ttl has passed. `held()` also turns false by itself when a renewal is overdue (a stalled database), so two replicas
 * never both believe they hold it for longer than the clock skew between them.
 */
export function startLease(
  db: DbHandle,
  name: string,
  log: Logger,
  opts: { ttlMs?: number; holder?: string; onChange?: (held: boolean) => void } = {},
): Lease {
  const ttl = opts.ttlMs ?? 30_000;
  const holder = opts.holder ?? LEASE_HOLDER;
  let validUntil = 0;
  let stopped = false;
  let last = false;
  const tick = async () => {
    if (stopped) return;
    const now = Date.now();
    try {
      const ok = await claimLease(db, name, holder, now + ttl, now);
      validUntil = ok ? now + ttl : 0;
    } catch (err) {
      log.warn({ err: (err as Error).message, lease: name }, "lease renewal failed");
    }
    const held = Date.now() < validUntil;
    if (held !== last) {
      last = held;
      log.info({ lease: name, held }, held ? "lease taken" : "lease lost");
      opts.onChange?.(held);
    }
  };
  const timer = setInterval(() => void tick(), Math.max(250, Math.floor(ttl / 3)));
  timer.unref();
  void tick();
  return {
    name,
    held: () => !stopped && Date.now() < validUntil,
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (validUntil > Date.now()) await releaseLease(db, name, holder).catch(() => {});
      validUntil = 0;
    },
  };
}
