import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type DbHandle, openDb } from "@/db/client";
import { answerHealthProbe, readiness } from "./health";

// Probes against real databases: the embedded SQLite, the rig's Postgres, a Postgres port nobody listens on and a
// listener that accepts and never answers.

const PG_URL = process.env.BERTH_TEST_PG_URL;
const closers: (() => Promise<void> | void)[] = [];

afterAll(async () => {
  for (const c of closers) await c();
});

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  closers.push(
    () =>
      new Promise<void>((r) => {
        server.close(() => r());
        // fetch keeps connections alive: an http.Server would otherwise wait for them.
        if (server instanceof http.Server) server.closeAllConnections();
      }),
  );
  return (server.address() as net.AddressInfo).port;
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function serve(db: DbHandle): Promise<string> {
  const server = http.createServer((req, res) => {
    if (!answerHealthProbe(req, res, db)) {
      res.statusCode = 404;
      res.end("not a probe");
    }
  });
  const port = await listen(server);
  return `http://127.0.0.1:${port}`;
}

describe("health probes", () => {
  it("are ready on SQLite, and answer only their own paths and methods", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-health-"));
    const db = await openDb({ dataDir: dir });
    closers.push(() => db.close());
    const base = await serve(db);

    const live = await fetch(`${base}/healthz`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: "ok" });
    const ready = await fetch(`${base}/readyz?verbose=1`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });
    expect(ready.headers.get("cache-control")).toBe("no-store");
    expect((await fetch(`${base}/readyz`, { method: "HEAD" })).status).toBe(200);
    expect((await fetch(`${base}/readyz`, { method: "POST" })).status).toBe(405);
    expect((await fetch(`${base}/healthzz`)).status).toBe(404);
    expect((await fetch(`${base}/api/healthz`)).status).toBe(404);
  });

  it("are ready on Postgres", async () => {
    if (!PG_URL) throw new Error("BERTH_TEST_PG_URL is not set: start the test rig and source its env");
    const db = await openDb({ databaseUrl: PG_URL, dataDir: os.tmpdir() });
    closers.push(() => db.close());
    expect(await readiness(db)).toEqual({ ready: true });
  });

  it("say unready, without the driver's message, when the database is down or hangs; live stays ok", async () => {
    const refused = `postgres://berth:secret-password@127.0.0.1:${await freePort()}/berth`;
    const down = { ping: () => openDb({ databaseUrl: refused, dataDir: os.tmpdir() }).then(() => undefined) };
    expect(await readiness(down)).toEqual({ ready: false, reason: "database unreachable" });

    // A listener that takes the connection and never says a word: the probe gives up instead of hanging.
    const held = new Set<net.Socket>();
    const silent = net.createServer((sock) => {
      held.add(sock);
    });
    closers.push(() => {
      for (const sock of held) sock.destroy();
    });
    const port = await listen(silent);
    const hanging = {
      ping: () =>
        openDb({ databaseUrl: `postgres://u:p@127.0.0.1:${port}/x`, dataDir: os.tmpdir() }).then(() => undefined),
    };
    expect(await readiness(hanging, 500)).toEqual({ ready: false, reason: "database timeout" });

    const base = await serve(down as unknown as DbHandle);
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({ status: "unready", reason: "database unreachable" });
    expect(body).not.toContain("secret-password");
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
