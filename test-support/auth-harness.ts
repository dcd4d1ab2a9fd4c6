import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { listAudit } from "@/db/queries";
import { authOptions } from "@/server/auth/next-auth";
import { hashPassword } from "@/server/auth/passwords";
import type { Config } from "@/server/config";
import { createRuntime, type Runtime } from "@/server/runtime";

// For the auth integration tests: a real runtime on a fresh SQLite file or the rig's (emptied) Postgres, and the very
// `authorize` next-auth calls for POST /api/auth/callback/credentials.

export type Dialect = "sqlite" | "pg";

export async function resetPg(url: string): Promise<void> {
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

export function pgUrl(): string {
  const url = process.env.BERTH_TEST_PG_URL;
  if (!url) throw new Error("BERTH_TEST_PG_URL is not set: start the test rig and source its env");
  return url;
}

export async function openAuthRuntime(dialect: Dialect): Promise<{ rt: Runtime; done: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-auth-"));
  let url: string | undefined;
  if (dialect === "pg") {
    url = pgUrl();
    await resetPg(url);
  }
  const config: Config = {
    port: 0,
    host: "127.0.0.1",
    dataDir,
    databaseUrl: url,
    authSecret: "test-secret",
    allowedOrigins: [],
    dev: false,
    logLevel: "silent",
    publicRateLimit: 120,
    trustedProxies: [],
  };
  const rt = await createRuntime(config);
  return {
    rt,
    done: async () => {
      await rt.db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let seq = 0;
export async function addUser(rt: Runtime, password: string): Promise<{ id: string; username: string }> {
  const username = `user${++seq}-${Date.now().toString(36)}`;
  const id = `id-${username}`;
  await rt.db.db
    .insert(rt.db.t.users)
    .values({ id, username, passwordHash: await hashPassword(password), createdAt: Date.now() });
  return { id, username };
}

type Authorize = (creds: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;

/** next-auth's credentials `authorize`, called as next-auth calls it, from the client address `client`. */
export function authorize(creds: Record<string, string>, client = "203.0.113.1"): Promise<unknown> {
  const provider = authOptions().providers[0] as unknown as { options: { authorize: Authorize } };
  return provider.options.authorize(creds, { headers: { "x-berth-client-address": client } });
}

/** Audit rows of sign-ins naming `username`. */
export async function signInAudit(rt: Runtime, username: string) {
  const rows = await listAudit(rt.db, { action: "auth.sign_in", limit: 1000 });
  return rows.filter((r) => r.target === username);
}
