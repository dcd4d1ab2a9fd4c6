import { isIP } from "node:net";

/**
 * Token buckets per client: `perMinute` requests at once, refilled at `perMinute` a minute. Memory is bounded: at
 * most `maxClients` buckets are kept and the least recently used goes first, so a flood of made-up addresses costs
 * a fixed amount of memory (a client whose bucket was dropped just starts over with a full one).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly perMinute: number,
    readonly maxClients = 10_000,
  ) {}

  /** 0 when allowed (one token is taken), otherwise the milliseconds until the next token. */
  take(key: string, now = Date.now()): number {
    const perMs = this.perMinute / 60_000;
    let b = this.buckets.get(key);
    if (b) {
      b.tokens = Math.min(this.perMinute, b.tokens + Math.max(0, now - b.at) * perMs);
      b.at = now;
      this.buckets.delete(key);
    } else {
      b = { tokens: this.perMinute, at: now };
    }
    // Re-inserted last: the Map's order is least recently used first.
    this.buckets.set(key, b);
    while (this.buckets.size > this.maxClients) this.buckets.delete(this.buckets.keys().next().value!);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / perMs));
  }

  get size(): number {
    return this.buckets.size;
  }
}

/** Seconds for a Retry-After header: whole seconds, at least one. */
export const retryAfterSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** "::ffff:1.2.3.4" is 1.2.3.4; anything that is not an IP address is null. */
function normalizeIp(raw: string | undefined): string | null {
  if (!raw) return null;
  let s = raw.trim();
  if (s.startsWith("[") && s.endsWith("]")) s = s.slice(1, -1);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(s);
  if (mapped) s = mapped[1]!;
  return isIP(s) ? s.toLowerCase() : null;
}

/** The eight hextets of an IPv6 address ("::" expanded). */
function ipv6Groups(ip: string): string[] {
  const [head, tail] = ip.includes("::") ? ip.split("::") : [ip, undefined];
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  // An embedded IPv4 tail ("::1.2.3.4") takes two hextets.
  const last = t.length ? t[t.length - 1]! : h[h.length - 1];
  const v4 = last?.includes(".") ? 1 : 0;
  const fill = tail === undefined ? [] : Array(8 - h.length - t.length - v4).fill("0");
  return [...h, ...fill, ...t].map((g) => (g.includes(".") ? g : g.replace(/^0+(?=.)/, "")));
}

/**
 * The key a client is rate-limited by: its IPv4 address, or the /64 of its IPv6 address (one subscriber usually
 * holds a whole /64, so single addresses would be free to rotate). Behind trusted proxies, the client is the
 * right-most X-Forwarded-For hop that is not itself a trusted proxy; without them the header is ignored, since
 * anyone can send it.
 */
export function clientKey(
  remoteAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedProxies: readonly string[],
): string {
  const trusted = new Set(trustedProxies.map((p) => normalizeIp(p)).filter((p) => p !== null));
  let addr = normalizeIp(remoteAddress);
  if (addr && trusted.has(addr) && forwardedFor) {
    const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor).split(",");
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = normalizeIp(hops[i]);
      // A hop that is not an address cannot be trusted further: stop at the last good one.
      if (!hop) break;
      addr = hop;
      if (!trusted.has(hop)) break;
    }
  }
  if (!addr) return "unknown";
  if (isIP(addr) === 6) return `${ipv6Groups(addr).slice(0, 4).join(":")}::/64`;
  return addr;
}
