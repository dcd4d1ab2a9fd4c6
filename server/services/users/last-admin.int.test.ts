import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain";
import { loadActor } from "@/server/auth/actor";
import type { Config } from "@/server/config";
import { createRuntime, type Runtime } from "@/server/runtime";
import { deleteUser } from "./delete-user";
import { setUserAdmin } from "./set-user-admin";
import { setUserDisabled } from "./set-user-disabled";

// Issue 9, the class of the throttle race: a rule checked before the write it guards. Two admins taking each
// other's role at the same moment both saw two admins and left none; the rule is now judged inside the write on
// locked rows, so exactly one of them wins and one admin remains, on both dialects.

const PG_URL = process.env.BERTH_TEST_PG_URL;

async function resetPg(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET client_min_messages = warning");
    await client.query("DROP SCHEMA IF EXISTS drizzle CASCADE");
    await client.query("DROP SCHEMA IF EXISTS public CASCADE");
    await client.query("CREATE SCHEMA public");
  } finally {
    await client.end();
  }
}

const config = (dataDir: string, databaseUrl?: string): Config => ({
  port: 0,
  host: "127.0.0.1",
  dataDir,
  databaseUrl,
  authSecret: "test-secret",
  allowedOrigins: [],
  dev: false,
  logLevel: "silent",
  publicRateLimit: 120,
  trustedProxies: [],
});

for (const dialect of ["sqlite", "pg"] as const) {
  describe(`the last active admin survives concurrent changes (${dialect})`, () => {
    let rt: Runtime;
    let dataDir: string;
    let x: Actor;
    let y: Actor;

    const activeAdmins = async () =>
      (
        await rt.db.db
          .select({ id: rt.db.t.users.id })
          .from(rt.db.t.users)
          .where(and(eq(rt.db.t.users.isAdmin, true), eq(rt.db.t.users.disabled, false)))
      ).map((r) => r.id);

    beforeAll(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-last-admin-"));
      if (dialect === "pg") {
        if (!PG_URL) throw new Error("BERTH_TEST_PG_URL is not set: start the test rig and source its env");
        await resetPg(PG_URL);
      }
      rt = await createRuntime(config(dataDir, dialect === "pg" ? PG_URL : undefined));
    });

    beforeEach(async () => {
      await rt.db.db.delete(rt.db.t.users);
      const now = Date.now();
      await rt.db.db.insert(rt.db.t.users).values([
        { id: "x", username: "x", passwordHash: "x", isAdmin: true, createdAt: now },
        { id: "y", username: "y", passwordHash: "x", isAdmin: true, createdAt: now },
      ]);
      x = (await loadActor("x", 1))!;
      y = (await loadActor("y", 1))!;
    });

    afterAll(async () => {
      await rt?.db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    const cases = {
      demote: (by: Actor, id: string) => setUserAdmin(by, { userId: id, isAdmin: false }),
      disable: (by: Actor, id: string) => setUserDisabled(by, { userId: id, disabled: true }),
      delete: (by: Actor, id: string) => deleteUser(by, { userId: id }),
    };

    for (const [name, change] of Object.entries(cases)) {
      it(`${name}: two admins at once, exactly one wins, one admin is left`, async () => {
        const results = await Promise.allSettled([change(x, "y"), change(y, "x")]);
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
        expect(refused.reason).toMatchObject({ status: 409 });
        expect(String(refused.reason.message)).toMatch(/last active admin/);
        expect(await activeAdmins()).toHaveLength(1);
      });
    }

    it("a change that leaves another admin still goes through", async () => {
      await setUserAdmin(x, { userId: "y", isAdmin: false });
      expect(await activeAdmins()).toEqual(["x"]);
    });
  });
}
