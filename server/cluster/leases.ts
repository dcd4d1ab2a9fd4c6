import type { DbHandle } from "@/db/client";
import { acquireLease, releaseLease } from "@/db/lease-queries";
import type { Logger } from "@/server/log";

// Named leases for work that must run once per deployment: an endpoint's upstream, a scheduled job. Reusable by
// any module: `rt.cluster.leases.hold(name, { gained, lost })`, or `runUnderLease` for a job that starts and stops.
// The holder renews every `renewEveryMs`; a replica that dies stops renewing and another takes the lease once its
// `ttlMs` ran out. On SQLite (one process) the same table works and this process always wins.

export interface LeaseCallbacks {
  /** This replica now holds the lease; `epoch` grows with every change of holder. */
  gained(epoch: number): void;
  /** This replica no longer holds it (another took it, or renewing failed for longer than the lease lasts). */
  lost(): void;
}

export interface LeaseTiming {
  ttlMs: number;
  renewEveryMs: number;
}

/** Takeover after a kill -9 happens within ttlMs + renewEveryMs: 4 s + 1.5 s. */
export const DEFAULT_LEASE_TIMING: LeaseTiming = { ttlMs: 4_000, renewEveryMs: 1_500 };

interface Held {
  callbacks: LeaseCallbacks;
  holding: boolean;
  /** When the database last confirmed this replica's lease (local clock). */
  confirmedAt: number;
}

export class LeaseKeeper {
  private readonly leases = new Map<string, Held>();
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private stopped = false;

  /**
   * `solo`: no other process can share the database (SQLite): every lease is granted at once without asking it, so
   * a restart after a crash need not wait out the dead process's leases.
   */
  constructor(
    private readonly db: DbHandle,
    readonly holder: string,
    private readonly log: Logger,
    readonly timing: LeaseTiming = DEFAULT_LEASE_TIMING,
    private readonly solo = false,
  ) {}

  /** Competes for `name` until the returned function is called (which gives the lease up if held). */
  hold(name: string, callbacks: LeaseCallbacks): () => Promise<void> {
    if (this.leases.has(name)) throw new Error(`lease "${name}" is already held by this process`);
    const held: Held = { callbacks, holding: false, confirmedAt: 0 };
    this.leases.set(name, held);
    if (this.solo) {
      queueMicrotask(() => {
        if (this.leases.get(name) !== held || this.stopped) return;
        held.holding = true;
        callbacks.gained(1);
      });
      return async () => {
        if (this.leases.get(name) === held) this.leases.delete(name);
        if (held.holding) {
          held.holding = false;
          callbacks.lost();
        }
      };
    }
    this.timer ??= setInterval(() => void this.tick(), this.timing.renewEveryMs);
    this.timer.unref();
    void this.tryOne(name);
    return () => this.drop(name);
  }

  /** Tries for `name` now instead of at the next round (its holder just said it let go). */
  nudge(name: string): void {
    if (this.leases.has(name) && !this.stopped && !this.solo) void this.tryOne(name);
  }

  holds(name: string): boolean {
    return this.leases.get(name)?.holding === true;
  }

  /** Gives every lease up (a clean shutdown): the others take over at their next round instead of after the TTL. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.solo) {
      for (const held of this.leases.values()) if (held.holding) held.callbacks.lost();
      this.leases.clear();
      return;
    }
    await Promise.all([...this.leases.keys()].map((n) => this.drop(n)));
  }

  private async drop(name: string): Promise<void> {
    const held = this.leases.get(name);
    if (!held) return;
    this.leases.delete(name);
    if (!held.holding) return;
    held.holding = false;
    held.callbacks.lost();
    await releaseLease(this.db, name, this.holder).catch(() => {});
  }

  private async tick(): Promise<void> {
    if (this.ticking || this.stopped) return;
    this.ticking = true;
    try {
      for (const name of [...this.leases.keys()]) await this.tryOne(name);
    } finally {
      this.ticking = false;
    }
  }

  private async tryOne(name: string): Promise<void> {
    const started = Date.now();
    let grant: { epoch: number } | null;
    try {
      grant = await acquireLease(this.db, name, this.holder, this.timing.ttlMs);
    } catch (err) {
      const held = this.leases.get(name);
      // Cannot reach the database: keep acting only while the last confirmed lease surely still runs.
      if (held?.holding && Date.now() - held.confirmedAt > this.timing.ttlMs - this.timing.renewEveryMs) {
        this.log.warn({ lease: name, err: (err as Error).message }, "lease could not be renewed; letting it go");
        held.holding = false;
        held.callbacks.lost();
      }
      return;
    }
    const held = this.leases.get(name);
    if (!held || this.stopped) {
      if (grant) await releaseLease(this.db, name, this.holder).catch(() => {});
      return;
    }
    if (grant) {
      held.confirmedAt = started;
      if (!held.holding) {
        held.holding = true;
        this.log.info({ lease: name, epoch: grant.epoch }, "lease gained");
        held.callbacks.gained(grant.epoch);
      }
    } else if (held.holding) {
      held.holding = false;
      this.log.warn({ lease: name }, "lease lost to another replica");
      held.callbacks.lost();
    }
  }
}

/**
 * Runs a job on exactly one replica: `start` when this replica gains the lease, the function it returned when it
 * loses it or when the returned stop is called.
 */
export function runUnderLease(keeper: LeaseKeeper, name: string, start: () => () => void): () => Promise<void> {
  let stopJob: (() => void) | null = null;
  const halt = () => {
    stopJob?.();
    stopJob = null;
  };
  const release = keeper.hold(name, {
    gained: () => {
      halt();
      stopJob = start();
    },
    lost: halt,
  });
  return async () => {
    halt();
    await release();
  };
}
