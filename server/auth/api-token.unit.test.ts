import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { bearerFrom, credentialInUrl, hashToken, newTokenSecret } from "./api-token";

describe("personal access tokens", () => {
  it("are 32 random bytes behind a recognisable prefix, never repeated", () => {
    const a = newTokenSecret();
    expect(a).toMatch(/^berth_pat_[A-Za-z0-9_-]{43}$/);
    expect(newTokenSecret()).not.toBe(a);
  });
  it("are stored as their SHA-256", () => {
    const t = newTokenSecret();
    expect(hashToken(t)).toBe(crypto.createHash("sha256").update(t).digest("hex"));
    expect(hashToken(t)).not.toContain(t.slice(10));
  });
  it("are read from a Bearer header only", () => {
    expect(bearerFrom(undefined)).toBeUndefined();
    expect(bearerFrom(null)).toBeUndefined();
    expect(bearerFrom("Bearer abc")).toBe("abc");
    expect(bearerFrom("bearer   abc  ")).toBe("abc");
    expect(bearerFrom("Basic YWRtaW46eA==")).toBe("");
    expect(bearerFrom("Bearer")).toBe("");
    expect(bearerFrom("Bearer a b")).toBe("");
  });
  it("spots credentials in URLs whatever the parameter is called", () => {
    for (const q of ["token", "access_token", "ACCESS_TOKEN", "api_key", "apikey", "jwt", "authorization"]) {
      expect(credentialInUrl(new URL(`http://x/api/v1/endpoints?${q}=v`))).toBe(q);
    }
    expect(credentialInUrl(new URL("http://x/api/v1/audit?action=container.stop&limit=5"))).toBeNull();
  });
});
