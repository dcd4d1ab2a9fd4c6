import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findUserByName, listAudit } from "@/db/queries";
import type { Actor } from "@/lib/domain";
import { DB_UNAVAILABLE_MESSAGE } from "@/lib/storage-errors";
import { loadConfig } from "@/server/config";
import { createRuntime, type Runtime } from "@/server/runtime";
import { heldAuditRecords, recordAudit } from "@/server/services/audit/record-audit";
import { createUser } from "@/server/services/users/create-user";
import { listUsers } from "@/server/services/users/list-users";
import { toFailure } from "./errors";
import { problem } from "./route";

// The rig's Postgres is stopped and started (pg_ctl, the postmaster the rig recorded) while requests keep coming:
// each request either works or fails with a 503 and a retry message, never a generic 500, and Berth's pool
// reconnects by itself once the database is back (the same runtime, nothing restarted). A change whose audit record
// the database could not take gets it written once the database answers again.

const env = process.env;
const RIG = env.BERTH_RIG_DIR;
const PG_URL = env.BERTH_TEST_PG_URL;
if (!RIG || !PG_URL) throw new Error("BERTH_RIG_DIR / BERTH_TEST_PG_URL not set: start the rig and source its env");
const PGDATA = path.join(RIG, "pg", "data");
const PGBIN = `/usr/lib/postgresql/${fs.readFileSync(path.join(PGDATA, "PG_VERSION"), "utf8").trim()}/bin`;
const admin: Actor = { id: "admin-id", username: "admin", isAdmin: true, grants: {} };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-pgrestart-"));
const PREFIX = `pgr${process.pid.toString(36)}${Date.now().toString(36)}`;
let rt: Runtime;
let pgDown = false;

const pgCtl = (...args: string[]) =>
  execFileSync("runuser", ["-u", "postgres", "--", `${PGBIN}/pg_ctl`, "-D", PGDATA, ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
/** The postmaster the rig started and recorded; pg_ctl acts on exactly that process (its postmaster.pid). */
function stopPostgres(): void {
  const recorded = fs.readFileSync(path.join(RIG!, "postgres.pid"), "utf8").trim();
  const current = fs.readFileSync(path.join(PGDATA, "postmaster.pid"), "utf8").split("\n")[0]!.trim();
  if (recorded !== current) throw new Error(`postmaster ${current} is not the rig's recorded ${recorded}`);
  pgDown = true;
  pgCtl("stop", "-m", "fast", "-w", "-t", "30");
}
function startPostgres(): void {
  pgCtl("start", "-w", "-t", "30", "-l", path.join(RIG!, "pg", "postgres.log"));
  // Keep the rig's record right, so its down.sh stops the new postmaster.
  const pid = fs.readFileSync(path.join(PGDATA, "postmaster.pid"), "utf8").split("\n")[0]!.trim();
  fs.writeFileSync(path.join(RIG!, "postgres.pid"), `${pid}\n`);
  pgDown = false;
}

beforeAll(async () => {
  rt = await createRuntime(
    loadConfig({
      BERTH_DATA_DIR: tmp,
      DATABASE_URL: PG_URL,
      NEXTAUTH_SECRET: "x",
      LOG_LEVEL: "silent",
      NODE_ENV: "test",
    }),
  );
});

afterAll(async () => {
  if (pgDown) startPostgres();
  await rt?.db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("Postgres restarts under load", () => {
  it("fails requests with a 503 retry message while it is down and recovers by itself", async () => {
    const failures: { status: number; error: string }[] = [];
    const created: string[] = [];
    let okAfterRestart = 0;
    let restarted = false;
    let stop = false;
    let seq = 0;
    const worker = async () => {
      while (!stop) {
        const username = `${PREFIX}-${++seq}`;
        try {
          await createUser(admin, { username, password: "a-long-enough-password", isAdmin: false });
          created.push(username);
          await listUsers(admin);
          if (restarted) okAfterRestart++;
        } catch (err) {
          failures.push(toFailure(err, "test"));
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const workers = Array.from({ length: 4 }, worker);
    const until = async (what: string, ok: () => boolean) => {
      const deadline = Date.now() + 60_000;
      while (!ok()) {
        if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      await until("some writes before the stop", () => created.length >= 5);
      stopPostgres();
      await until("requests failing while down", () => failures.length >= 5);
      // An audit record written while the database is away is held, not lost.
      await recordAudit({ actor: admin, action: "test.held", outcome: "success", target: PREFIX });
      expect(heldAuditRecords()).toBeGreaterThanOrEqual(1);
      startPostgres();
      restarted = true;
      await until("writes working again after the restart", () => okAfterRestart >= 5);
    } finally {
      stop = true;
      await Promise.all(workers);
    }

    // Every failure was a clean "try again" (503), none a generic 500.
    expect(failures.length).toBeGreaterThanOrEqual(5);
    for (const f of failures) expect(f).toEqual({ ok: false, status: 503, error: DB_UNAVAILABLE_MESSAGE });
    // As the API answers it: problem+json, 503, the same words.
    const res = problem(failures[0] as Parameters<typeof problem>[0]);
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(JSON.stringify(await res.json())).toContain("Try again in a moment");

    // What was reported created is there, after the restart, through the same pool.
    for (const name of created) expect(await findUserByName(rt.db, name), name).toBeTruthy();
    // And each has its audit record: those the database could not take while down were held and written since.
    await until("held audit records written", () => heldAuditRecords() === 0);
    const audited = new Set(
      (await listAudit(rt.db, { action: "user.create", limit: 100_000 }))
        .filter((r) => r.outcome === "success")
        .map((r) => r.target),
    );
    for (const name of created) expect(audited.has(name), `audit of ${name}`).toBe(true);
    const held = await listAudit(rt.db, { action: "test.held", limit: 1000 });
    expect(held.map((r) => r.target)).toContain(PREFIX);
  }, 180_000);
});
