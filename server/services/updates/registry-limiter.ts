import { RegistryError } from "./registry-client";

/** Requests in flight per registry host: enough to be quick, few enough not to look like a flood. */
export const PER_REGISTRY = 2;
/** A 429 without a longer Retry-After pauses a host at least this long, doubling on each 429 up to the cap. */
const BACKOFF_MIN_MS = 30_000;
const BACKOFF_MAX_MS = 30 * 60_000;
/** A run waits out a pause this short; a longer one fails the host's checks for this run with the time it ends. */
const WAIT_AT_MOST_MS = 15_000;

interface HostState {
  active: number;
  queue: (() => void)[];
  pausedUntil: number;
  backoffMs: number;
}

const KEY = Symbol.for("berth.registry-limiter");

/**
 * Per-registry concurrency and 429 backoff, shared by scheduled and on-demand checks (on globalThis: actions run in
 * Next's bundle, the scheduler in the custom server's).
 */
export function registryLimiter(): RegistryLimiter {
  const g = globalThis as { [KEY]?: RegistryLimiter };
  g[KEY] ??= new RegistryLimiter();
  return g[KEY];
}

export class RegistryLimiter {
  private readonly hosts = new Map<string, HostState>();

  private state(host: string): HostState {
    let s = this.hosts.get(host);
    if (!s) {
      s = { active: 0, queue: [], pausedUntil: 0, backoffMs: 0 };
      this.hosts.set(host, s);
    }
    return s;
  }

  /** When a paused host may be asked again (0 when it is not paused). */
  pausedUntil(host: string): number {
    const until = this.hosts.get(host)?.pausedUntil ?? 0;
    return until > Date.now() ? until : 0;
  }

  async run<T>(host: string, fn: () => Promise<T>): Promise<T> {
    const s = this.state(host);
    const wait = s.pausedUntil - Date.now();
    if (wait > WAIT_AT_MOST_MS)
      throw new RegistryError(
        `The registry ${host} is rate-limiting Berth; checks resume after ${new Date(s.pausedUntil).toISOString()}`,
        429,
      );
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (s.active >= PER_REGISTRY) await new Promise<void>((r) => s.queue.push(r));
    s.active++;
    try {
      const out = await fn();
      s.backoffMs = 0;
      return out;
    } catch (err) {
      if (err instanceof RegistryError && err.status === 429) {
        s.backoffMs = Math.min(BACKOFF_MAX_MS, Math.max(BACKOFF_MIN_MS, s.backoffMs * 2));
        s.pausedUntil = Date.now() + Math.max(s.backoffMs, err.retryAfterMs ?? 0);
      }
      throw err;
    } finally {
      s.active--;
      s.queue.shift()?.();
    }
  }
}
