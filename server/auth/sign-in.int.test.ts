import { TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setTotpState } from "@/db/totp-queries";
import type { Runtime } from "@/server/runtime";
import { disableTwoFactor } from "@/server/services/account/two-factor";
import { addUser, authorize, type Dialect, openAuthRuntime, signInAudit } from "@/test-support/auth-harness";
import { loadActor } from "./actor";
import { newRecoveryCodes, newTotpSecret } from "./totp";

// Sign-in under parallel attack, through the `authorize` next-auth runs, on both databases: attempts are counted
// before the password or code is checked, and a code works once however many requests carry it at the same time.

const BURST = 150;
const codeAt = (secret: string, t = Date.now()) =>
  new TOTP({ secret, algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp: t });

async function withTwoFactor(rt: Runtime, password: string) {
  const user = await addUser(rt, password);
  const secret = newTotpSecret();
  const { codes, hashes } = await newRecoveryCodes();
  await setTotpState(rt.db, user.id, {
    totpSecret: rt.secrets.seal(secret),
    totpEnabled: true,
    recoveryCodes: JSON.stringify(hashes),
  });
  return { ...user, secret, codes };
}

for (const dialect of ["sqlite", "pg"] as Dialect[]) {
  describe(`sign-in under parallel attempts (${dialect})`, () => {
    let rt: Runtime;
    let done: () => Promise<void>;
    beforeAll(async () => {
      ({ rt, done } = await openAuthRuntime(dialect));
    });
    afterAll(() => done());

    it(`${BURST} parallel wrong passwords from one client, the right one last: no session, throttling audited`, async () => {
      const u = await addUser(rt, "right-password-1");
      const tries = Array.from({ length: BURST }, (_, i) =>
        authorize(
          { username: u.username, password: i === BURST - 1 ? "right-password-1" : `wrong-${i}` },
          "198.51.100.7",
        ),
      );
      const results = await Promise.all(tries);
      expect(results.filter(Boolean)).toEqual([]);
      const audit = await signInAudit(rt, u.username);
      const denied = audit.filter((a) => a.outcome === "denied");
      const checked = audit.filter((a) => a.outcome !== "denied");
      // Only the few attempts allowed before the backoff reached the password check; the rest were refused unchecked.
      expect(checked.length).toBeLessThanOrEqual(11);
      expect(denied.length).toBe(BURST - checked.length);
      expect(denied[0]?.detail).toMatch(/throttled/);
      expect(JSON.stringify(audit)).not.toMatch(/wrong-\d|right-password/);
    });

    it(`${BURST} parallel wrong passwords from as many clients, the right one last: the account throttle holds`, async () => {
      const u = await addUser(rt, "right-password-2");
      const tries = Array.from({ length: BURST }, (_, i) =>
        authorize(
          { username: u.username, password: i === BURST - 1 ? "right-password-2" : `wrong-${i}` },
          `192.0.2.${i + 1}`,
        ),
      );
      expect((await Promise.all(tries)).filter(Boolean)).toEqual([]);
      const audit = await signInAudit(rt, u.username);
      expect(audit.filter((a) => a.outcome !== "denied").length).toBeLessThanOrEqual(4);
      expect(audit.filter((a) => a.outcome === "denied").length).toBeGreaterThanOrEqual(BURST - 4);
    });

    it("a spray of names from one client is throttled by its address", async () => {
      const names = Array.from({ length: 60 }, (_, i) => `sprayed-${dialect}-${i}`);
      const results = await Promise.all(
        names.map((n) => authorize({ username: n, password: "guess" }, "198.51.100.99")),
      );
      expect(results.filter(Boolean)).toEqual([]);
      const rows = (await Promise.all(names.map((n) => signInAudit(rt, n)))).flat();
      expect(rows.filter((r) => r.outcome === "failure").length).toBeLessThanOrEqual(11);
      expect(rows.filter((r) => /client address/.test(r.detail ?? "")).length).toBeGreaterThanOrEqual(49);
    });

    it(`${BURST} parallel wrong two-factor codes with the right password, the right code last: no session`, async () => {
      const u = await withTwoFactor(rt, "right-password-3");
      const right = codeAt(u.secret);
      const wrong = (i: number) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, "0");
      const tries = Array.from({ length: BURST }, (_, i) =>
        authorize(
          { username: u.username, password: "right-password-3", code: i === BURST - 1 ? right : wrong(i) },
          `192.0.2.${(i % 200) + 1}`,
        ),
      );
      expect((await Promise.all(tries)).filter(Boolean)).toEqual([]);
      const audit = await signInAudit(rt, u.username);
      expect(audit.filter((a) => a.outcome !== "denied").length).toBeLessThanOrEqual(4);
    });

    it("one recovery code in 5 parallel sign-ins gives exactly one session", async () => {
      const u = await withTwoFactor(rt, "right-password-4");
      const tries = Array.from({ length: 5 }, (_, i) =>
        authorize({ username: u.username, password: "right-password-4", code: u.codes[0]! }, `192.0.2.${i + 1}`),
      );
      expect((await Promise.all(tries)).filter(Boolean)).toHaveLength(1);
      // It stays spent, and another code still works.
      expect(await authorize({ username: u.username, password: "right-password-4", code: u.codes[0]! })).toBeNull();
      expect(await authorize({ username: u.username, password: "right-password-4", code: u.codes[1]! })).toBeTruthy();
    });

    it("a TOTP code signs in once", async () => {
      const u = await withTwoFactor(rt, "right-password-5");
      const code = codeAt(u.secret);
      expect(await authorize({ username: u.username, password: "right-password-5", code })).toBeTruthy();
      expect(await authorize({ username: u.username, password: "right-password-5", code })).toBeNull();
      const audit = await signInAudit(rt, u.username);
      expect(audit.map((a) => a.outcome)).toEqual(["failure", "success"]);
      expect(JSON.stringify(audit)).not.toContain(code);
    });

    it("turning two-factor off needs the password and a fresh code, and parallel wrong codes are throttled", async () => {
      const u = await withTwoFactor(rt, "right-password-6");
      const actor = (await loadActor(u.id, 1))!;
      const right = codeAt(u.secret);
      await expect(disableTwoFactor(actor, { password: "wrong", code: right })).rejects.toThrow(/not right/);
      const wrong = (i: number) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, "0");
      const tries = Array.from({ length: 40 }, (_, i) =>
        disableTwoFactor(actor, { password: "right-password-6", code: i === 39 ? right : wrong(i) }).then(
          () => "off",
          (e: Error) => e.message,
        ),
      );
      const outcomes = await Promise.all(tries);
      expect(outcomes).not.toContain("off");
      expect(outcomes.filter((o) => /Too many attempts/.test(o)).length).toBeGreaterThanOrEqual(36);
      const row = (await rt.db.db.select().from(rt.db.t.users)).find((r) => r.id === u.id)!;
      expect(row.totpEnabled).toBe(true);
    });
  });
}
