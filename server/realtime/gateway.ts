import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import { LIMITS } from "@/lib/body-limits";
import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import { can } from "@/lib/policy";
import type { Topic } from "@/lib/topics";
import { sessionEvents } from "@/server/auth/session-revocation";
import { actorFromCookieHeader, sessionFromCookieHeader } from "@/server/auth/session-token";
import type { Runtime } from "@/server/runtime";
import { originAllowed } from "./origin";
import { attachPublicNamespace } from "./public-gateway";
import { type Release, topicPermission } from "./topic-handler";
import { parseTopic, topicHandler } from "./topic-registry";
import { attachWorkbenchEvents } from "./workbench-events";

// Grant, team and role changes made on any replica reach every replica's sockets within this (the actor is re-read
// from the shared database); sign-outs and account changes come at once over the bus (server/cluster/bridges.ts).
const REAUTH_EVERY_MS = 1_500;
const MAX_TOPICS_PER_SOCKET = 200;

export interface SocketData {
  actor: Actor;
  topics: Set<string>;
}

type Ack = (reply: { ok: true; snapshot: unknown } | { ok: false; error: string }) => void;

const sessionRoom = (sid: string) => `session:${sid}`;

/** May this actor read this topic? The same policy as every service. */
export function topicAllowed(actor: Actor, topic: Topic): boolean {
  const handler = topicHandler(topic.kind);
  const permission = handler && topicPermission(handler, topic);
  if (!permission) return false;
  if (permission === "authenticated") return true;
  return can(actor, permission, { endpointId: topic.endpointId, namespace: topic.namespace });
}

/** socket.io on Berth's HTTP server: authenticated handshake, per-topic authorization, ref-counted upstreams. */
export function attachGateway(httpServer: HttpServer, rt: Runtime): Server {
  const io = new Server(httpServer, {
    path: "/socket.io/",
    serveClient: false,
    // One limit for every message of both namespaces ("/" and "/public" share this engine): a bigger one drops
    // that socket only.
    maxHttpBufferSize: LIMITS.socketMessage,
    allowRequest: (req, cb) => cb(null, originAllowed(req, rt.config.allowedOrigins)),
  });

  // Status pages for anyone, on their own namespace; the middleware below (sessions only) guards "/" alone.
  attachPublicNamespace(io, rt);

  // Subscribers per topic name; the upstream is acquired at 1 and released at 0 (through what acquire returned).
  const upstreams = new Map<string, { refs: number; release?: Release }>();
  const retain = (topic: Topic) => {
    const held = upstreams.get(topic.name);
    if (held) return void held.refs++;
    const entry: { refs: number; release?: Release } = { refs: 1 };
    upstreams.set(topic.name, entry);
    entry.release = topicHandler(topic.kind)?.acquire?.(topic, rt, (event, payload, room) =>
      io.to(room ?? topic.name).emit(event, payload),
    );
  };
  const releaseRef = (topic: Topic) => {
    const held = upstreams.get(topic.name);
    if (!held) return;
    if (--held.refs > 0) return;
    upstreams.delete(topic.name);
    held.release?.();
  };

  const leave = (socket: Socket, topic: Topic) => {
    const data = socket.data as SocketData;
    if (!data.topics.delete(topic.name)) return;
    socket.leave(topic.name);
    const rooms = topicHandler(topic.kind)?.rooms;
    if (rooms) {
      // Extra rooms are shared by every topic of the kind; leave them only when no such topic is left.
      const stillUsed = [...data.topics].some((n) => parseTopic(n)?.kind === topic.kind);
      if (!stillUsed) for (const room of rooms(data.actor, topic, rt)) socket.leave(room);
    }
    releaseRef(topic);
  };

  io.use(async (socket, next) => {
    const session = await sessionFromCookieHeader(socket.request.headers.cookie);
    if (!session) return next(new Error("unauthorized"));
    (socket.data as SocketData) = { actor: session.actor, topics: new Set() };
    // One room per sign-in session, so signing out can reach its sockets (through the adapter, on any replica).
    socket.join(sessionRoom(session.sid));
    next();
  });

  // Signed out: that session's sockets close now, not at the next re-check below.
  const onSessionEnded = (sid: string) => {
    void io
      .in(sessionRoom(sid))
      .fetchSockets()
      .then((sockets) => {
        for (const s of sockets) {
          s.emit("revoked", { reason: "signed out" });
          s.disconnect(true);
        }
      })
      .catch(() => {});
  };
  sessionEvents().on("ended", onSessionEnded);

  io.on("connection", (socket: Socket) => {
    const data = socket.data as SocketData;
    attachWorkbenchEvents(socket, rt);

    socket.on("subscribe", async (raw: unknown, ack: unknown) => {
      const reply: Ack = typeof ack === "function" ? (ack as Ack) : () => {};
      const topic = parseTopic(raw);
      if (!topic) return reply({ ok: false, error: "Unknown topic" });
      // Authorize against a fresh actor: a role change must not wait for the next periodic re-check.
      const actor = await actorFromCookieHeader(socket.request.headers.cookie);
      if (!actor) return void socket.disconnect(true);
      data.actor = actor;
      if (!topicAllowed(actor, topic)) return reply({ ok: false, error: "Not found" });
      if (!data.topics.has(topic.name) && data.topics.size >= MAX_TOPICS_PER_SOCKET) {
        return reply({ ok: false, error: "Too many subscriptions" });
      }
      const handler = topicHandler(topic.kind);
      if (!handler) return reply({ ok: false, error: "Unknown topic" });
      try {
        const snapshot = await handler.snapshot(actor, topic, rt);
        if (!socket.connected) return;
        if (!data.topics.has(topic.name)) {
          data.topics.add(topic.name);
          retain(topic);
        }
        socket.join(topic.name);
        for (const room of handler.rooms?.(actor, topic, rt) ?? []) socket.join(room);
        reply({ ok: true, snapshot });
      } catch (err) {
        reply({ ok: false, error: err instanceof UserError ? err.message : "Subscription failed" });
      }
    });

    socket.on("unsubscribe", (raw: unknown) => {
      const topic = parseTopic(raw);
      if (topic) leave(socket, topic);
    });

    socket.on("disconnect", () => {
      for (const name of [...data.topics]) {
        const topic = parseTopic(name);
        if (topic) leave(socket, topic);
      }
    });
  });

  // Revocation: re-check every socket's actor and topics; drop what is no longer allowed.
  /** Re-checks one socket's session and topics; `reason` is what the client is told if its session is over. */
  const reauthorize = async (socket: Socket, reason: string) => {
    const data = socket.data as SocketData;
    if (!data?.actor) return;
    try {
      const actor = await actorFromCookieHeader(socket.request.headers.cookie);
      if (!actor) {
        socket.emit("revoked", { reason });
        socket.disconnect(true);
        return;
      }
      data.actor = actor;
      for (const name of [...data.topics]) {
        const topic = parseTopic(name);
        if (topic && !topicAllowed(actor, topic)) {
          leave(socket, topic);
          socket.emit("revoked", { topic: name });
        }
      }
      for (const room of socket.rooms) {
        const id = room.startsWith("health:") ? room.slice(7) : null;
        if (id && !can(actor, "endpoint:read", { endpointId: id })) socket.leave(room);
        // The cross-endpoint events feed joins one room per endpoint: drop those no longer allowed.
        const ev = room.startsWith("events:") ? room.slice(7) : null;
        if (ev && !can(actor, "event:read", { endpointId: ev })) socket.leave(room);
      }
    } catch {
      // a database hiccup must not drop every viewer; the next round tries again
    }
  };
  const reauthorizeAll = async () => {
    for (const socket of io.sockets.sockets.values()) await reauthorize(socket, "session ended");
  };
  // A user's account changed on this replica: their sockets are re-checked at once.
  const onUserChanged = (userId: string) => {
    for (const socket of io.sockets.sockets.values()) {
      if ((socket.data as SocketData)?.actor?.id === userId) void reauthorize(socket, "account changed");
    }
  };
  sessionEvents().on("user-changed", onUserChanged);
  const timer = setInterval(() => void reauthorizeAll(), REAUTH_EVERY_MS);
  timer.unref();
  httpServer.on("close", () => {
    clearInterval(timer);
    sessionEvents().off("ended", onSessionEnded);
    sessionEvents().off("user-changed", onUserChanged);
  });
  return io;
}
