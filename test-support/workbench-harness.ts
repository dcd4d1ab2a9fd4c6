import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { io, type Socket } from "socket.io-client";
import { insertEndpoint, insertUser } from "@/db/queries";
import { loadConfig } from "@/server/config";
import { attachGateway } from "@/server/realtime/gateway";
import { createRuntime, type Runtime } from "@/server/runtime";

/**
 * For integration tests: a real runtime (temp SQLite), the real socket gateway on an ephemeral loopback port, the
 * rig's engine as endpoint "local", an admin and a viewer of "local", and socket clients signed in as either.
 */
export interface Harness {
  rt: Runtime;
  url: string;
  connect(as: "admin" | "viewer"): Promise<Socket>;
  close(): Promise<void>;
}

export async function startHarness(dockerHost: string): Promise<Harness> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-wb-"));
  const env = { BERTH_DATA_DIR: dataDir, NEXTAUTH_SECRET: "test-secret-test-secret", LOG_LEVEL: "silent" };
  const config = loadConfig(env as unknown as NodeJS.ProcessEnv);
  const rt = await createRuntime(config);
  rt.log.level = "silent";
  const now = Date.now();
  await insertUser(rt.db, { id: "u-admin", username: "admin", passwordHash: "x", isAdmin: true, createdAt: now });
  await insertUser(rt.db, { id: "u-viewer", username: "viewer", passwordHash: "x", isAdmin: false, createdAt: now });
  await insertEndpoint(rt.db, { id: "local", name: "local", kind: "docker", url: dockerHost, createdAt: now });
  const { db, t } = rt.db;
  await db.insert(t.teams).values({ id: "team-v", name: "viewers", createdAt: now });
  await db.insert(t.teamMembers).values({ teamId: "team-v", userId: "u-viewer" });
  await db.insert(t.grants).values({ teamId: "team-v", endpointId: "local", role: "viewer" });
  rt.endpoints.add({ id: "local", name: "local", kind: "docker", url: dockerHost, secret: null, createdAt: now });

  const server = http.createServer((_req, res) => res.end());
  const ioServer = attachGateway(server, rt);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sockets: Socket[] = [];

  const deadline = Date.now() + 20_000;
  while (rt.endpoints.session("local")?.health.state !== "up") {
    if (Date.now() > deadline) throw new Error("endpoint local did not come up");
    await new Promise((r) => setTimeout(r, 50));
  }

  return {
    rt,
    url,
    async connect(as) {
      const token = await encode({
        token: { sub: as === "admin" ? "u-admin" : "u-viewer", sv: 1, sid: `test-session-${as}` },
        secret: config.authSecret,
      });
      const socket = io(url, {
        path: "/socket.io/",
        transports: ["websocket"],
        extraHeaders: { Cookie: `next-auth.session-token=${token}` },
        reconnection: false,
      });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", () => resolve());
        socket.once("connect_error", reject);
      });
      return socket;
    },
    async close() {
      for (const s of sockets) s.close();
      ioServer.close();
      await new Promise<void>((r) => server.close(() => r()));
      rt.endpoints.stopAll();
      await rt.db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** socket.emit with an ack, as a promise. */
export function ask<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  return new Promise((resolve) => socket.emit(event, payload, (reply: T) => resolve(reply)));
}
