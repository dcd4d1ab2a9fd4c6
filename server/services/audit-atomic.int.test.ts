import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/db/queries";
import { getSetting } from "@/db/settings-queries";
import { DEFAULT_RESTRICTIONS } from "@/lib/container-restrictions";
import type { Actor } from "@/lib/domain";
import { loadActor } from "@/server/auth/actor";
import type { Config } from "@/server/config";
import { createRuntime, type Runtime } from "@/server/runtime";
import { setAuditRetention } from "./audit/audit-retention";
import { removeEndpoint } from "./endpoints/remove-endpoint";
import { setGrant } from "./grants/set-grant";
import { saveRegistry } from "./registries/manage-registries";
import { updateContainerRestrictions } from "./settings/container-restrictions";
import { createStatusPage } from "./status-pages/save-status-page";
import { addTeamMember } from "./teams/add-team-member";
import { createTeam } from "./teams/create-team";
import { createToken } from "./tokens/create-token";
import { createUser } from "./users/create-user";
import { setUserDisabled } from "./users/set-user-disabled";

// Issue 9: a change and its audit record are one transaction. The database is made to refuse the success record
// (a trigger, in both dialects); every admin change must then be rolled back, leaving nothing unaudited. The refusal
// is a real database error raised inside the real transaction, not a stand-in.

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

function config(dataDir: string, databaseUrl?: string): Config {
  return {
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
  };
}

for (const dialect of ["sqlite", "pg"] as const) {
  describe(`a change and its audit record commit together (${dialect})`, () => {
    let rt: Runtime;
    let dataDir: string;
    let root: Actor;

    /** DDL in the test database: the SQLite handle itself, or a separate Postgres connection. */
    async function ddl(statements: string[]): Promise<void> {
      if (dialect === "sqlite") {
        for (const s of statements) rt.db.db.run(sql.raw(s));
        return;
      }
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        for (const s of statements) await client.query(s);
      } finally {
        await client.end();
      }
    }

    /** While `fn` runs, the database refuses every success record of the audit log. */
    async function auditRefused<T>(fn: () => Promise<T>): Promise<unknown> {
      await ddl(
        dialect === "sqlite"
          ? [
              `CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log WHEN NEW.outcome = 'success'
               BEGIN SELECT RAISE(ABORT, 'audit record refused by the test'); END`,
            ]
          : [
              `CREATE OR REPLACE FUNCTION refuse_audit() RETURNS trigger AS $$
               BEGIN RAISE EXCEPTION 'audit record refused by the test'; END $$ LANGUAGE plpgsql`,
              `CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW
               WHEN (NEW.outcome = 'success') EXECUTE FUNCTION refuse_audit()`,
            ],
      );
      try {
        return await fn().then(
          () => "resolved",
          (err: unknown) => err,
        );
      } finally {
        await ddl([dialect === "sqlite" ? "DROP TRIGGER refuse_audit" : "DROP TRIGGER refuse_audit ON audit_log"]);
      }
    }

    const count = async (
      table: "users" | "teams" | "teamMembers" | "grants" | "apiTokens" | "statusPages" | "registries",
    ) => (await rt.db.db.select().from(rt.db.t[table])).length;
    const failures = async (action: string) =>
      (await listAudit(rt.db, { action })).filter((a) => a.outcome === "failure").length;

    beforeAll(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-atomic-"));
      if (dialect === "pg") {
        if (!PG_URL) throw new Error("BERTH_TEST_PG_URL is not set: start the test rig and source its env");
        await resetPg(PG_URL);
      }
      rt = await createRuntime(config(dataDir, dialect === "pg" ? PG_URL : undefined));
      const now = Date.now();
      await rt.db.db.insert(rt.db.t.users).values([
        { id: "root", username: "root", passwordHash: "x", isAdmin: true, createdAt: now },
        { id: "alice", username: "alice", passwordHash: "x", isAdmin: false, createdAt: now },
      ]);
      await rt.db.db.insert(rt.db.t.teams).values({ id: "t1", name: "ops", createdAt: now });
      await rt.db.db
        .insert(rt.db.t.endpoints)
        .values({ id: "e1", name: "e1", kind: "docker", url: "unix:///nowhere.sock", createdAt: now });
      root = (await loadActor("root", 1))!;
    });

    afterAll(async () => {
      await rt?.db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it("users: nothing changes when the record cannot be written, and the failure is recorded", async () => {
      const users = await count("users");
      expect(
        await auditRefused(() => createUser(root, { username: "bob", password: "bob-password", isAdmin: false })),
      ).toBeInstanceOf(Error);
      expect(await count("users")).toBe(users);

      const before = (await loadActor("alice", 1))!;
      expect(await auditRefused(() => setUserDisabled(root, { userId: "alice", disabled: true }))).toBeInstanceOf(
        Error,
      );
      // Still enabled, same session version: her sessions were not ended by a change that did not happen.
      expect(await loadActor("alice", 1)).toEqual(before);
      expect(await failures("user.disable")).toBe(1);
    });

    it("teams, members and grants", async () => {
      const teams = await count("teams");
      expect(await auditRefused(() => createTeam(root, { name: "devs" }))).toBeInstanceOf(Error);
      expect(await count("teams")).toBe(teams);
      expect(await auditRefused(() => addTeamMember(root, { teamId: "t1", userId: "alice" }))).toBeInstanceOf(Error);
      expect(await count("teamMembers")).toBe(0);
      expect(
        await auditRefused(() => setGrant(root, { teamId: "t1", endpointId: "e1", role: "operator" })),
      ).toBeInstanceOf(Error);
      expect(await count("grants")).toBe(0);
      expect(await failures("grant.set")).toBe(1);
    });

    it("endpoints, tokens, settings and status pages", async () => {
      expect(await auditRefused(() => removeEndpoint(root, { endpointId: "e1" }))).toBeInstanceOf(Error);
      expect((await rt.db.db.select().from(rt.db.t.endpoints)).map((e) => e.id)).toEqual(["e1"]);
      expect(await auditRefused(() => createToken(root, { name: "ci" }))).toBeInstanceOf(Error);
      expect(await count("apiTokens")).toBe(0);
      const relaxed = { ...DEFAULT_RESTRICTIONS, privileged: false };
      expect(await auditRefused(() => updateContainerRestrictions(root, relaxed))).toBeInstanceOf(Error);
      expect(await getSetting(rt.db, "container_restrictions")).toBeUndefined();
      expect(await auditRefused(() => setAuditRetention(root, { days: 30 }))).toBeInstanceOf(Error);
      expect(
        await auditRefused(() => createStatusPage(root, { slug: "public", title: "Public", items: [] })),
      ).toBeInstanceOf(Error);
      expect(await count("statusPages")).toBe(0);
      expect(
        await auditRefused(() =>
          saveRegistry(root, { name: "rig", url: "127.0.0.1:5000", username: "", password: "" }),
        ),
      ).toBeInstanceOf(Error);
      expect(await count("registries")).toBe(0);
    });

    it("with the database accepting records again, each change writes exactly one success record", async () => {
      await setUserDisabled(root, { userId: "alice", disabled: true });
      await setGrant(root, { teamId: "t1", endpointId: "e1", role: "viewer" });
      const disables = (await listAudit(rt.db, { action: "user.disable" })).filter((a) => a.outcome === "success");
      expect(disables).toHaveLength(1);
      expect(disables[0]).toMatchObject({ target: "alice", actorName: "root" });
      const grants = (await listAudit(rt.db, { action: "grant.set" })).filter((a) => a.outcome === "success");
      expect(grants).toMatchObject([{ target: "ops", endpointId: "e1", detail: "role viewer" }]);
      expect(await count("grants")).toBe(1);
    });
  });
}
