import type { DbHandle } from "@/db/client";
import { countRequest, pruneRequestWindows } from "@/db/rate-queries";
import type { Logger } from "@/server/log";
import { RateLimiter } from "./rate-limit";

/** What the public pages' limit needs: 0 when allowed, else the milliseconds to wait. */
export interface PublicLimiter {
  readonly perMinute: number;
  take(key: string, now?: number): number | Promise<number>;
}

const WINDOW_MS = 60_000;
const PRUNE_EVERY_MS = 5 * 60_000;

/**
 * The public rate limit shared by every replica: requests per client and minute are counted in the database (one
 * upsert a request), so spreading requests over replicas gains nothing. A fixed window per minute, unlike the
 * single process's token bucket: a client may spend its minute's allowance at the end of one window and again at
 * the start of the next. When the database does not answer, each replica falls back to its own bucket.
 */
export class SharedRateLimiter implements PublicLimiter {
  private readonly local: RateLimiter;
  private lastPrune = 0;

  constructor(
    private readonly db: DbHandle,
    readonly perMinute: number,
    private readonly log: Logger,
  ) {
    this.local = new RateLimiter(perMinute);
  }

  async take(key: string, now = Date.now()): Promise<number> {
    const window = Math.floor(now / WINDOW_MS);
    try {
      const count = await countRequest(this.db, key, window);
      if (now - this.lastPrune > PRUNE_EVERY_MS) {
        this.lastPrune = now;
        void pruneRequestWindows(this.db, window - 1).catch(() => {});
      }
      return count <= this.perMinute ? 0 : (window + 1) * WINDOW_MS - now;
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, "shared rate limit unavailable; using this replica's own");
      return this.local.take(key, now);
    }
  }
}
