import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, openDb } from "@/db/client";
import { setTotpState } from "@/db/totp-queries";
import type { Runtime } from "@/server/runtime";
import { addUser, type Dialect, openAuthRuntime, pgUrl } from "@/test-support/auth-harness";
import { acceptTotpCode, spendRecoveryCode } from "./second-factor";
import { ACCOUNT_POLICY, accountKey, reserve, settle } from "./throttle";
import { newRecoveryCodes, newTotpSecret, totpStep } from "./totp";

// The throttle and the single-use second factors as two Berth replicas sharing one database see them: each replica
// has its own connection (pool), and the database alone decides who wins.

for (const dialect of ["sqlite", "pg"] as Dialect[]) {
  describe(`atomic credential state across replicas (${dialect})`, () => {
    let rt: Runtime;
    let done: () => Promise<void>;
    let other: DbHandle;
    beforeAll(async () => {
      ({ rt, done } = await openAuthRuntime(dialect));
      other = await openDb({ dataDir: rt.config.dataDir, databaseUrl: dialect === "pg" ? pgUrl() : undefined });
    });
    afterAll(async () => {
      await other.close();
      await done();
    });

    it("two replicas reserving one account in parallel let through only the free attempts and one more", async () => {
      const key = accountKey(`replicated-${dialect}`);
      const now = Date.now();
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, i) => reserve(i % 2 ? other : rt.db, [key], now)),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(ACCOUNT_POLICY.free + 1);
      const refused = results.find((r) => !r.ok);
      expect(refused && !refused.ok && refused.waitMs).toBe(1_000);
      // A success on either replica starts the account over for both.
      await settle(other, [key], true);
      expect((await reserve(rt.db, [key], now)).ok).toBe(true);
    });

    it("the wait doubles per attempt once the free ones are used, and is over when its time has passed", async () => {
      const key = accountKey(`doubling-${dialect}`);
      const t0 = Date.now();
      for (let i = 0; i < ACCOUNT_POLICY.free; i++) expect((await reserve(rt.db, [key], t0)).ok).toBe(true);
      expect((await reserve(rt.db, [key], t0)).ok).toBe(true); // the 4th: allowed, and earns 1 s
      expect(await reserve(other, [key], t0 + 999)).toMatchObject({ ok: false, waitMs: 1 });
      expect((await reserve(other, [key], t0 + 1_000)).ok).toBe(true); // the 5th: earns 2 s
      expect(await reserve(rt.db, [key], t0 + 2_999)).toMatchObject({ ok: false, waitMs: 1 });
      expect((await reserve(rt.db, [key], t0 + 3_000)).ok).toBe(true);
    });

    it("one recovery code spent by 5 parallel requests on two replicas works exactly once", async () => {
      const u = await addUser(rt, "pw-recovery");
      const { codes, hashes } = await newRecoveryCodes();
      const json = JSON.stringify(hashes);
      await setTotpState(rt.db, u.id, { totpSecret: null, totpEnabled: true, recoveryCodes: json });
      const spent = await Promise.all(
        Array.from({ length: 5 }, (_, i) => spendRecoveryCode(i % 2 ? other : rt.db, u.id, json, codes[2]!)),
      );
      expect(spent.filter((n) => n !== null)).toEqual([9]);
      // Two different codes at once both work (the loser of the swap reads again and retries).
      const both = await Promise.all([
        spendRecoveryCode(rt.db, u.id, JSON.stringify(hashes.filter((_, i) => i !== 2)), codes[4]!),
        spendRecoveryCode(other, u.id, JSON.stringify(hashes.filter((_, i) => i !== 2)), codes[5]!),
      ]);
      expect(both.sort()).toEqual([7, 8]);
    });

    it("one TOTP code presented 5 times in parallel on two replicas is accepted once", async () => {
      const u = await addUser(rt, "pw-totp");
      const secret = newTotpSecret();
      await setTotpState(rt.db, u.id, { totpSecret: rt.secrets.seal(secret), totpEnabled: true, recoveryCodes: null });
      const { TOTP } = await import("otpauth");
      const now = Date.now();
      const code = new TOTP({ secret, algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp: now });
      const outcomes = await Promise.all(
        Array.from({ length: 5 }, (_, i) => acceptTotpCode(i % 2 ? other : rt.db, u.id, secret, code, now)),
      );
      expect(outcomes.filter((o) => o === "accepted")).toHaveLength(1);
      expect(outcomes.filter((o) => o === "reused")).toHaveLength(4);
      // An earlier step than the one used is refused too (no replay of an older code).
      const older = new TOTP({ secret, algorithm: "SHA1", digits: 6, period: 30 }).generate({
        timestamp: now - 30_000,
      });
      expect(totpStep(secret, older, now)).not.toBeNull();
      expect(await acceptTotpCode(rt.db, u.id, secret, older, now)).toBe("reused");
    });
  });
}
