import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/db/queries";
import type { Actor } from "@/lib/domain";
import { loadActor } from "@/server/auth/actor";
import { actorFromBearerToken } from "@/server/auth/api-token";
import type { Config } from "@/server/config";
import { createRuntime, type Runtime } from "@/server/runtime";
import { removeGrant } from "./grants/remove-grant";
import { setGrant } from "./grants/set-grant";
import { addTeamMember } from "./teams/add-team-member";
import { createTeam } from "./teams/create-team";
import { deleteTeam } from "./teams/delete-team";
import { createToken } from "./tokens/create-token";
import { revokeToken } from "./tokens/revoke-token";
import { createUser } from "./users/create-user";
import { deleteUser } from "./users/delete-user";
import { resetPassword } from "./users/reset-password";
import { setUserAdmin } from "./users/set-user-admin";
import { setUserDisabled } from "./users/set-user-disabled";

// Users, teams, grants and tokens through the real services and a real database, in both dialects.

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

async function userRow(rt: Runtime, id: string) {
  const rows = await rt.db.db.select().from(rt.db.t.users);
  return rows.find((r) => r.id === id)!;
}

for (const dialect of ["sqlite", "pg"] as const) {
  describe(`access services (${dialect})`, () => {
    let rt: Runtime;
    let dataDir: string;
    let root: Actor;

    beforeAll(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-access-"));
      let url: string | undefined;
      if (dialect === "pg") {
        url = process.env.BERTH_TEST_PG_URL;
        if (!url) throw new Error("BERTH_TEST_PG_URL is not set: start the test rig and source its env");
        await resetPg(url);
      }
      rt = await createRuntime(config(dataDir, url));
      const now = Date.now();
      await rt.db.db
        .insert(rt.db.t.users)
        .values({ id: "root", username: "root", passwordHash: "x", isAdmin: true, createdAt: now });
      await rt.db.db
        .insert(rt.db.t.endpoints)
        .values({ id: "e1", name: "e1", kind: "docker", url: "unix:///x", createdAt: now });
      root = (await loadActor("root", 1))!;
    });

    afterAll(async () => {
      await rt.db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it("creates users, refuses duplicates and non-admins, and audits both", async () => {
      const alice = await createUser(root, { username: "alice", password: "alice-password", isAdmin: false });
      await expect(createUser(root, { username: "alice", password: "whatever-pw", isAdmin: false })).rejects.toThrow(
        /already exists/,
      );
      const aliceActor = (await loadActor(alice.id, 1))!;
      await expect(
        createUser(aliceActor, { username: "mallory", password: "mallory-password", isAdmin: true }),
      ).rejects.toMatchObject({ status: 403 });
      const audit = await listAudit(rt.db, { action: "user.create" });
      expect(audit.map((a) => [a.actorName, a.outcome])).toEqual(
        expect.arrayContaining([
          ["root", "success"],
          ["root", "failure"],
          ["alice", "denied"],
        ]),
      );
    });

    it("disabling, resetting a password and role changes end existing sessions", async () => {
      const bob = await createUser(root, { username: "bob", password: "bob-password", isAdmin: false });
      expect(await loadActor(bob.id, 1)).not.toBeNull();
      await resetPassword(root, { userId: bob.id, password: "new-bob-password" });
      expect(await loadActor(bob.id, 1)).toBeNull();
      expect(await loadActor(bob.id, 2)).not.toBeNull();
      await setUserDisabled(root, { userId: bob.id, disabled: true });
      expect((await userRow(rt, bob.id)).sessionVersion).toBe(3);
      expect(await loadActor(bob.id, 3)).toBeNull();
      await setUserDisabled(root, { userId: bob.id, disabled: false });
      await setUserAdmin(root, { userId: bob.id, isAdmin: true });
      const row = await userRow(rt, bob.id);
      expect(row.isAdmin).toBe(true);
      expect((await loadActor(bob.id, row.sessionVersion))?.isAdmin).toBe(true);
      await setUserAdmin(root, { userId: bob.id, isAdmin: false });
      await deleteUser(root, { userId: bob.id });
      expect(await loadActor(bob.id, row.sessionVersion + 1)).toBeNull();
    });

    it("never leaves Berth without an active admin, and admins cannot lock themselves out", async () => {
      await expect(setUserDisabled(root, { userId: "root", disabled: true })).rejects.toThrow(/yourself/);
      await expect(deleteUser(root, { userId: "root" })).rejects.toThrow(/yourself/);
      await expect(setUserAdmin(root, { userId: "root", isAdmin: false })).rejects.toThrow(/own admin/);
      await expect(setUserDisabled(root, { userId: "nobody", disabled: true })).rejects.toMatchObject({ status: 404 });
    });

    it("grants reach users through teams, per request, and go away with the grant or the team", async () => {
      const carol = await createUser(root, { username: "carol", password: "carol-password", isAdmin: false });
      const team = await createTeam(root, { name: "ops <b>" });
      await addTeamMember(root, { teamId: team.id, userId: carol.id });
      expect((await loadActor(carol.id, 1))?.grants).toEqual({});
      await setGrant(root, { teamId: team.id, endpointId: "e1", role: "viewer" });
      expect((await loadActor(carol.id, 1))?.grants).toEqual({ e1: "viewer" });
      await setGrant(root, { teamId: team.id, endpointId: "e1", role: "operator" });
      expect((await loadActor(carol.id, 1))?.grants).toEqual({ e1: "operator" });
      await expect(setGrant(root, { teamId: team.id, endpointId: "missing", role: "viewer" })).rejects.toMatchObject({
        status: 404,
      });
      // An operator of the endpoint still may not hand out access to it.
      const carolActor = (await loadActor(carol.id, 1))!;
      await expect(setGrant(carolActor, { teamId: team.id, endpointId: "e1", role: "operator" })).rejects.toMatchObject(
        { status: 403 },
      );
      await removeGrant(root, { teamId: team.id, endpointId: "e1" });
      expect((await loadActor(carol.id, 1))?.grants).toEqual({});
      await setGrant(root, { teamId: team.id, endpointId: "e1", role: "viewer" });
      await deleteTeam(root, { teamId: team.id });
      expect((await loadActor(carol.id, 1))?.grants).toEqual({});
    });

    it("tokens act as their owner, and stop with revocation, expiry or a disabled owner", async () => {
      const dave = await createUser(root, { username: "dave", password: "dave-password", isAdmin: false });
      const daveActor = (await loadActor(dave.id, 1))!;
      const t = await createToken(daveActor, { name: "ci" });
      expect((await actorFromBearerToken(t.token))?.id).toBe(dave.id);
      const tampered = t.token.slice(0, -1) + (t.token.endsWith("A") ? "B" : "A");
      expect(await actorFromBearerToken(tampered)).toBeNull();
      // Someone else's token id is simply not found.
      await expect(revokeToken(root, { tokenId: t.id })).rejects.toMatchObject({ status: 404 });
      const expiring = await createToken(daveActor, { name: "short", expiresInDays: 1 });
      expect(await actorFromBearerToken(expiring.token, Date.now() + 2 * 86_400_000)).toBeNull();
      await revokeToken(daveActor, { tokenId: t.id });
      expect(await actorFromBearerToken(t.token)).toBeNull();
      const other = await createToken(daveActor, { name: "other" });
      await setUserDisabled(root, { userId: dave.id, disabled: true });
      expect(await actorFromBearerToken(other.token)).toBeNull();
    });

    if (dialect === "sqlite") {
      it("the database file holds no plaintext credential", async () => {
        const secrets = {
          endpoint: "-----BEGIN PRIVATE KEY-----endpoint-tls-key-plaintext-7f3a",
          registry: "registry-password-plaintext-91c2",
          user: "user-password-plaintext-55d1",
        };
        const now = Date.now();
        await rt.db.db.insert(rt.db.t.endpoints).values({
          id: "tls",
          name: "tls",
          kind: "docker",
          url: "tcp://127.0.0.1:2376",
          secret: rt.secrets.seal(JSON.stringify({ key: secrets.endpoint })),
          createdAt: now,
        });
        await rt.db.db.insert(rt.db.t.registries).values({
          id: "r1",
          name: "r1",
          url: "http://127.0.0.1:5000",
          username: "ci",
          secret: rt.secrets.seal(secrets.registry),
          createdAt: now,
        });
        await createUser(root, { username: "erin", password: secrets.user, isAdmin: false });
        const erin = (await rt.db.db.select().from(rt.db.t.users)).find((u) => u.username === "erin")!;
        const token = await createToken((await loadActor(erin.id, 1))!, { name: "t" });
        // Everything SQLite wrote: the main file and the write-ahead log.
        const bytes = ["berth.db", "berth.db-wal"]
          .map((f) => path.join(dataDir, f))
          .filter((f) => fs.existsSync(f))
          .map((f) => fs.readFileSync(f).toString("latin1"))
          .join("");
        expect(bytes).toContain("erin"); // the check reads real data
        for (const plain of [secrets.endpoint, secrets.registry, secrets.user, token.token, token.token.slice(10)]) {
          expect(bytes).not.toContain(plain);
        }
        // And the sealed values still open with the server's key.
        const ep = (await rt.db.db.select().from(rt.db.t.endpoints)).find((e) => e.id === "tls")!;
        expect(JSON.parse(rt.secrets.open(ep.secret!)).key).toBe(secrets.endpoint);
      });
    }
  });
}
