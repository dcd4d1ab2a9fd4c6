import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, request, test } from "@playwright/test";
import { docker, runSleeper, uniqueName } from "../support/docker-cli";
import {
  freePort,
  freshDatabase,
  query,
  Replica,
  type ReplicaSet,
  requireEnv,
  SECRETS,
  startReplicaSet,
  stopReplicaSet,
} from "./replica-set";

// How a small install grows into replicas (issue 14): one Berth on SQLite with its own generated key, backed up
// offline with the CLI, restored into an empty Postgres with the replicas' key, and two replicas started on it
// behind nginx. The admin, a user and the endpoint come through; the replicas serve the engine's containers.

const ADMIN = { username: "grown-admin", password: "grown-admin-password" };
const PASSPHRASE = "grow-into-replicas-passphrase";
let set: ReplicaSet | undefined;
let small: Replica | undefined;
const base = fs.mkdtempSync(path.join(os.tmpdir(), "berth-grow-"));

async function signIn(baseURL: string, username: string, password: string) {
  const ctx = await request.newContext({ baseURL });
  const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await ctx.post("/api/auth/callback/credentials", { form: { username, password, csrfToken, json: "true" } });
  const session = (await (await ctx.get("/api/auth/session")).json()) as { user?: { name?: string } };
  expect(session.user?.name, `sign-in as ${username} on ${baseURL}`).toBe(username);
  return ctx;
}

/** The offline CLI (`npm run berth -- …`), as an operator runs it. */
function cli(args: string[], env: Record<string, string>): string {
  return execFileSync(process.execPath, ["scripts/berth.mjs", ...args], {
    env: { ...process.env, BERTH_BACKUP_PASSPHRASE: PASSPHRASE, ...env },
    encoding: "utf8",
  });
}

test.afterAll(async () => {
  await small?.kill("SIGTERM");
  await stopReplicaSet(set);
});

test("a SQLite install, backed up with the CLI and restored into an empty Postgres, runs as replicas", async () => {
  test.setTimeout(300_000);
  const sqliteDir = path.join(base, "sqlite");
  const port = await freePort();
  small = new Replica("sqlite", port, sqliteDir, {
    BERTH_DATA_DIR: sqliteDir,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: "",
    DOCKER_HOST: requireEnv("BERTH_TEST_DOCKER_HOST"),
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXTAUTH_SECRET: "small-install-nextauth-secret",
    // No BERTH_SECRET_KEY: the small install seals with the key it generated in its data dir.
    BERTH_SECRET_KEY: "",
    BERTH_ADMIN_USERNAME: ADMIN.username,
    BERTH_ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: "info",
  });
  await small.start();
  const admin = await signIn(small.url, ADMIN.username, ADMIN.password);
  const made = await admin.post("/api/v1/users", {
    data: { username: "grown-user", password: "grown-user-password1" },
  });
  expect(made.status(), await made.text()).toBe(201);
  await admin.dispose();
  await small.kill("SIGTERM");

  // Offline: back up the SQLite install, restore into an empty Postgres with the replicas' own key.
  const file = path.join(base, "small.berthbak");
  cli(["backup", file], { BERTH_DATA_DIR: sqliteDir, DATABASE_URL: "", BERTH_SECRET_KEY: "" });
  const databaseUrl = await freshDatabase(`berth_grow_${process.env.BERTH_E2E_PORT || "3210"}`);
  // A wrong passphrase is refused and leaves the empty database empty.
  expect(() =>
    cli(["restore", file], {
      BERTH_DATA_DIR: path.join(base, "unused"),
      DATABASE_URL: databaseUrl,
      BERTH_SECRET_KEY: SECRETS.BERTH_SECRET_KEY,
      BERTH_BACKUP_PASSPHRASE: "not-the-passphrase",
    }),
  ).toThrow(/passphrase/i);
  expect(
    await query(databaseUrl, "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'users'"),
  ).toEqual([{ n: 0 }]);
  cli(["restore", file], {
    BERTH_DATA_DIR: path.join(base, "unused"),
    DATABASE_URL: databaseUrl,
    BERTH_SECRET_KEY: SECRETS.BERTH_SECRET_KEY,
  });

  // Two replicas on the restored database, behind nginx: no setup link (the admin exists), the same accounts.
  set = await startReplicaSet(2, {}, databaseUrl);
  for (const r of set.replicas) expect(r.log()).not.toMatch(/setup\?token=/);
  const viaProxy = await signIn(set.nginx.url, ADMIN.username, ADMIN.password);
  const users = (await (await viaProxy.get("/api/v1/users")).json()) as { username: string }[];
  expect(users.map((u) => u.username).sort()).toEqual([ADMIN.username, "grown-user"].sort());
  await (await signIn(set.nginx.url, "grown-user", "grown-user-password1")).dispose();
  // The restored endpoint is served: a container started now is listed through every replica.
  const name = uniqueName("grown");
  runSleeper(name);
  for (const r of set.replicas) {
    const api = await signIn(r.url, ADMIN.username, ADMIN.password);
    await expect
      .poll(
        async () =>
          ((await (await api.get("/api/v1/endpoints/local/containers")).json()) as { name: string }[]).some(
            (c) => c.name === name,
          ),
        { timeout: 15_000 },
      )
      .toBe(true);
    await api.dispose();
  }
  await viaProxy.dispose();
  docker("rm", "-f", name);
});
