import { TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { matchRecoveryCode, newRecoveryCodes, newTotpSecret, totpStep, verifyTotp } from "./totp";

describe("TOTP", () => {
  it("accepts the current code and its neighbours, nothing else", () => {
    const secret = newTotpSecret();
    const now = Date.UTC(2026, 10, 22, 3, 0, 0);
    const code = (t: number) =>
      new TOTP({ secret, algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp: t });
    expect(verifyTotp(secret, code(now), now)).toBe(true);
    expect(verifyTotp(secret, code(now - 30_000), now)).toBe(true);
    expect(verifyTotp(secret, code(now - 120_000), now)).toBe(false);
    expect(verifyTotp(secret, "12345", now)).toBe(false);
    expect(verifyTotp(newTotpSecret(), code(now), now)).toBe(false);
  });

  it("names the time step a code belongs to, so a used step can be refused", () => {
    const secret = newTotpSecret();
    const now = Date.UTC(2026, 10, 22, 3, 0, 10);
    const code = (t: number) =>
      new TOTP({ secret, algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp: t });
    const step = Math.floor(now / 30_000);
    expect(totpStep(secret, code(now), now)).toBe(step);
    expect(totpStep(secret, code(now - 30_000), now)).toBe(step - 1);
    expect(totpStep(secret, code(now + 30_000), now)).toBe(step + 1);
    expect(totpStep(secret, "abcdef", now)).toBeNull();
  });
});

describe("recovery codes", () => {
  it("each work once", async () => {
    const { codes, hashes } = await newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const hit = await matchRecoveryCode(JSON.stringify(hashes), codes[3]!.toUpperCase());
    expect(hit?.matched).toBe(hashes[3]);
    const left = hit!.left;
    expect(left).toHaveLength(9);
    expect(await matchRecoveryCode(JSON.stringify(left), codes[3]!)).toBeNull();
    expect(await matchRecoveryCode(JSON.stringify(left), "not-a-code")).toBeNull();
    expect(await matchRecoveryCode(null, codes[0]!)).toBeNull();
  });
});
