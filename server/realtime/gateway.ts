import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import { can } from "@/lib/policy";
import { parseTopic, type Topic } from "@/lib/topics";
import { actorFromCookieHeader } from "@/server/auth/session-token";
import type { Runtime } from "@/server/runtime";
import { listContainers } from "@/server/services/containers/list-containers";
import { listEndpoints } from "@/server/services/endpoints/list-endpoints";
import { originAllowed } from "./origin";

const REAUTH_EVERY_MS = 3_000;
const MAX_TOPICS_PER_SOCKET = 200;

interface SocketData {
  actor: Actor;
  topics: Set<string>;
}

type Ack = (reply: { ok: true; snapshot: unknown } | { ok: false; error: string }) => void;

/** May this actor read this topic? The same policy as every service. */
function allowed(actor: Actor, topic: Topic): boolean {
  switch (topic.kind) {
    case "endpoints":
      return true;
    case "containers":
      return can(actor, "container:read", { endpointId: topic.endpointId });
  }
}

function snapshotFor(actor: Actor, topic: Topic): unknown {
  switch (topic.kind) {
    case "endpoints":
      return listEndpoints(actor);
    case "containers":
      return listContainers(actor, topic.endpointId);
  }
}

/** socket.io on Berth's HTTP server: authenticated handshake, per-topic authorization, fan-out by rooms. */
export function attachGateway(httpServer: HttpServer, rt: Runtime): Server {
  const io = new Server(httpServer, {
    path: "/socket.io/",
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    allowRequest: (req, cb) => cb(null, originAllowed(req, rt.config.allowedOrigins)),
  });

  io.use(async (socket, next) => {
    const actor = await actorFromCookieHeader(socket.request.headers.cookie);
    if (!actor) return next(new Error("unauthorized"));
    (socket.data as SocketData) = { actor, topics: new Set() };
    next();
  });

  io.on("connection", (socket: Socket) => {
    const data = socket.data as SocketData;

    socket.on("subscribe", async (raw: unknown, ack: unknown) => {
      const reply: Ack = typeof ack === "function" ? (ack as Ack) : () => {};
      const topic = parseTopic(raw);
      if (!topic) return reply({ ok: false, error: "Unknown topic" });
      // Authorize against a fresh actor: a role change must not wait for the next re-check.
      const actor = await actorFromCookieHeader(socket.request.headers.cookie);
      if (!actor) {
        socket.disconnect(true);
        return;
      }
      data.actor = actor;
      if (!allowed(actor, topic)) return reply({ ok: false, error: "Not found" });
      if (!data.topics.has(topic.name) && data.topics.size >= MAX_TOPICS_PER_SOCKET) {
        return reply({ ok: false, error: "Too many subscriptions" });
      }
      try {
        const snapshot = snapshotFor(actor, topic);
        joinRooms(socket, actor, topic, rt);
        data.topics.add(topic.name);
        reply({ ok: true, snapshot });
      } catch (err) {
        reply({ ok: false, error: err instanceof UserError ? err.message : "Subscription failed" });
      }
    });

    socket.on("unsubscribe", (raw: unknown) => {
      const topic = parseTopic(raw);
      if (topic) leaveTopic(socket, topic);
    });
  });

  // Diffs go to rooms: one upstream per endpoint, fanned out by socket.io to every subscriber.
  rt.endpoints.on("containers", (endpointId, diff) => {
    const topic = `endpoint:${endpointId}:containers`;
    io.to(topic).emit("diff", { topic, diff });
  });
  rt.endpoints.on("health", (endpointId) => {
    const view = rt.endpoints.view(endpointId);
    if (view) io.to(`health:${endpointId}`).emit("diff", { topic: "endpoints", diff: { upsert: [view], remove: [] } });
  });

  // Revocation: re-check every socket's actor and topics; drop what is no longer allowed.
  const timer = setInterval(() => void reauthorizeAll(io), REAUTH_EVERY_MS);
  timer.unref();
  httpServer.on("close", () => clearInterval(timer));
  return io;
}

function joinRooms(socket: Socket, actor: Actor, topic: Topic, rt: Runtime): void {
  if (topic.kind === "endpoints") {
    for (const e of rt.endpoints.views())
      if (can(actor, "endpoint:read", { endpointId: e.id })) socket.join(`health:${e.id}`);
  } else {
    socket.join(topic.name);
  }
}

function leaveTopic(socket: Socket, topic: Topic): void {
  const data = socket.data as SocketData;
  data.topics.delete(topic.name);
  if (topic.kind === "endpoints") {
    for (const room of socket.rooms) if (room.startsWith("health:")) socket.leave(room);
  } else {
    socket.leave(topic.name);
  }
}

async function reauthorizeAll(io: Server): Promise<void> {
  for (const socket of io.sockets.sockets.values()) {
    const data = socket.data as SocketData;
    if (!data?.actor) continue;
    try {
      const actor = await actorFromCookieHeader(socket.request.headers.cookie);
      if (!actor) {
        socket.emit("revoked", { reason: "session ended" });
        socket.disconnect(true);
        continue;
      }
      data.actor = actor;
      for (const name of [...data.topics]) {
        const topic = parseTopic(name);
        if (topic && !allowed(actor, topic)) {
          leaveTopic(socket, topic);
          socket.emit("revoked", { topic: name });
        }
      }
      if (!actor.isAdmin) {
        for (const room of socket.rooms) {
          const id = room.startsWith("health:") ? room.slice(7) : null;
          if (id && !can(actor, "endpoint:read", { endpointId: id })) socket.leave(room);
        }
      }
    } catch {
      // a database hiccup must not drop every viewer; the next round tries again
    }
  }
}
