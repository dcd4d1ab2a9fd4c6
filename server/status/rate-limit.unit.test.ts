import { describe, expect, it } from "vitest";
import { clientKey, RateLimiter, retryAfterSeconds } from "./rate-limit";

describe("RateLimiter", () => {
  it("allows a burst of perMinute requests, then refuses with the wait until the next token", () => {
    const l = new RateLimiter(3);
    const t0 = 1_000_000;
    expect([l.take("a", t0), l.take("a", t0), l.take("a", t0)]).toEqual([0, 0, 0]);
    const wait = l.take("a", t0);
    expect(wait).toBe(20_000); // one token every 60 s / 3
    expect(retryAfterSeconds(wait)).toBe(20);
    // Other clients have their own bucket.
    expect(l.take("b", t0)).toBe(0);
  });

  it("refills at the configured rate and never above the burst", () => {
    const l = new RateLimiter(60);
    const t0 = 5_000_000;
    for (let i = 0; i < 60; i++) expect(l.take("a", t0)).toBe(0);
    expect(l.take("a", t0)).toBeGreaterThan(0);
    expect(l.take("a", t0 + 1_000)).toBe(0); // one token a second
    expect(l.take("a", t0 + 1_000)).toBeGreaterThan(0);
    // A long idle time refills to the burst, not beyond.
    const later = t0 + 3_600_000;
    for (let i = 0; i < 60; i++) expect(l.take("a", later)).toBe(0);
    expect(l.take("a", later)).toBeGreaterThan(0);
  });

  it("keeps at most maxClients buckets, dropping the least recently used", () => {
    const l = new RateLimiter(1, 100);
    const t0 = 1;
    expect(l.take("victim", t0)).toBe(0);
    expect(l.take("victim", t0)).toBeGreaterThan(0);
    for (let i = 0; i < 10_000; i++) l.take(`spray-${i}`, t0);
    expect(l.size).toBe(100);
    // The attacker's own addresses stay limited while they are recent.
    expect(l.take("spray-9999", t0)).toBeGreaterThan(0);
  });
});

describe("clientKey", () => {
  it("uses the connection's address and ignores X-Forwarded-For from an untrusted peer", () => {
    expect(clientKey("203.0.113.9", "198.51.100.1", [])).toBe("203.0.113.9");
    expect(clientKey("::ffff:203.0.113.9", undefined, [])).toBe("203.0.113.9");
    expect(clientKey("127.0.0.1", "198.51.100.1", ["10.0.0.1"])).toBe("127.0.0.1");
  });

  it("believes a trusted proxy: the right-most hop that is not a trusted proxy is the client", () => {
    const proxies = ["127.0.0.1", "10.0.0.2"];
    expect(clientKey("::ffff:127.0.0.1", "198.51.100.7", proxies)).toBe("198.51.100.7");
    // A client-supplied left part cannot pick the key: the proxy appended the real address last.
    expect(clientKey("127.0.0.1", "1.1.1.1, 198.51.100.7", proxies)).toBe("198.51.100.7");
    expect(clientKey("127.0.0.1", "198.51.100.7, 10.0.0.2", proxies)).toBe("198.51.100.7");
    expect(clientKey("127.0.0.1", ["198.51.100.7", "10.0.0.2"], proxies)).toBe("198.51.100.7");
    // Garbage in the header stops the walk at the last good hop.
    expect(clientKey("127.0.0.1", "<script>, 10.0.0.2", proxies)).toBe("10.0.0.2");
    expect(clientKey("127.0.0.1", "not-an-ip", proxies)).toBe("127.0.0.1");
  });

  it("keys IPv6 clients by their /64", () => {
    expect(clientKey("2001:db8:1:2:aaaa::1", undefined, [])).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:db8:1:2:bbbb:cccc:dddd:eeee", undefined, [])).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:db8::1", undefined, [])).toBe("2001:db8:0:0::/64");
    expect(clientKey("::1", undefined, [])).toBe("0:0:0:0::/64");
    expect(clientKey("2001:DB8:0001:0002::1", undefined, [])).toBe("2001:db8:1:2::/64");
  });

  it("never throws on a missing or odd address", () => {
    expect(clientKey(undefined, undefined, [])).toBe("unknown");
    expect(clientKey("", "1.2.3.4", ["127.0.0.1"])).toBe("unknown");
  });
});
