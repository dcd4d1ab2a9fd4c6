import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import { loadConfig } from "@/server/config";
import { createRuntime, type Runtime } from "@/server/runtime";
import { listContainers } from "@/server/services/containers/list-containers";
import { stopContainer } from "@/server/services/containers/stop-container";
import { listImages } from "@/server/services/images/list-images";

// An endpoint that accepts connections and never answers (a TCP listener that reads and says nothing), beside the
// rig's real engine: it shows "not responding" within 10 s, calls against it fail at once with a clear 503, and the
// real endpoint is unaffected.

const env = process.env;
if (!env.BERTH_TEST_DOCKER_HOST) throw new Error("BERTH_TEST_DOCKER_HOST not set: start the rig");
const admin: Actor = { id: "admin-id", username: "admin", isAdmin: true, grants: {} };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-hung-"));
let rt: Runtime;
let silent: net.Server;
const sockets = new Set<net.Socket>();
let received = 0;

async function waitFor<T>(what: string, probe: () => T | Promise<T>, ms: number): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  silent = net.createServer((s) => {
    sockets.add(s);
    // Reads everything, answers nothing, never closes.
    s.on("data", (d) => {
      received += d.length;
    });
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
  rt = await createRuntime(
    loadConfig({ BERTH_DATA_DIR: tmp, NEXTAUTH_SECRET: "x", LOG_LEVEL: "silent", NODE_ENV: "test" }),
  );
});

afterAll(async () => {
  rt?.endpoints.stopAll();
  await rt?.db.close();
  for (const s of sockets) s.destroy();
  await new Promise((r) => silent.close(r));
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("an endpoint that accepts and never answers", () => {
  it("shows not responding within 10 s, fails calls at once with 503, and leaves the other endpoint alone", async () => {
    const { port } = silent.address() as net.AddressInfo;
    const now = Date.now();
    rt.endpoints.add({
      id: "real",
      name: "real",
      kind: "docker",
      url: env.BERTH_TEST_DOCKER_HOST!,
      secret: null,
      createdAt: now,
    });
    rt.endpoints.add({
      id: "hung",
      name: "hung",
      kind: "docker",
      url: `tcp://127.0.0.1:${port}`,
      secret: null,
      createdAt: now,
    });

    // The bound the issue sets, counted from the moment the endpoint is added.
    await waitFor("hung endpoint down", () => rt.endpoints.view("hung")?.health.state === "down", 10_000);
    expect(rt.endpoints.view("hung")?.health.reason).toMatch(/not responding/);
    expect(received).toBeGreaterThan(0);
    await waitFor("real endpoint up", () => rt.endpoints.view("real")?.health.state === "up", 30_000);

    // Calls against it are refused by the session, not sent to wait out a deadline: a clear 503 the UI can show.
    const before = received;
    const err = await stopContainer(admin, { endpointId: "hung", containerId: "anything" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err).toMatchObject({ status: 503 });
    expect((err as Error).message).toMatch(/not responding.*retrying/);
    const images = await listImages(admin, "hung").catch((e: unknown) => e);
    expect(images).toMatchObject({ status: 503 });
    expect(received).toBe(before);

    // The real endpoint answers as usual meanwhile.
    expect((await listImages(admin, "real")).length).toBeGreaterThan(0);
    expect(Array.isArray(listContainers(admin, "real"))).toBe(true);
    expect(rt.endpoints.view("real")?.health.state).toBe("up");
  });
});
