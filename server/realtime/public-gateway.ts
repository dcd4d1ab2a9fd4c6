import type { IncomingMessage } from "node:http";
import type { Server, Socket } from "socket.io";
import type { PublicStatusView } from "@/lib/status-view";
import { parsePublicTopic, statusTopic } from "@/lib/topics";
import type { Runtime } from "@/server/runtime";
import { clientKey, retryAfterSeconds } from "@/server/status/rate-limit";
import { StatusFeed } from "@/server/status/status-feed";

export const PUBLIC_NAMESPACE = "/public";
const MAX_TOPICS_PER_SOCKET = 8;

type Reply = { ok: true; snapshot: PublicStatusView } | { ok: false; error: string; retryAfter?: number };

interface PublicSocketData {
  topics: Set<string>;
}

/** The client a request counts against, for the public rate limit. */
export function publicClientKey(req: IncomingMessage, trustedProxies: readonly string[]): string {
  return clientKey(req.socket.remoteAddress, req.headers["x-forwarded-for"], trustedProxies);
}

/**
 * The anonymous socket namespace: no session needed (the engine's Origin check still applies), and the only thing
 * it serves is status pages, as the sanitized public view (lib/status-view.ts). Connections and subscriptions count
 * against the per-client public rate limit. Viewers of one page share one feed (server/status/status-feed.ts).
 */
export function attachPublicNamespace(io: Server, rt: Runtime): void {
  const nsp = io.of(PUBLIC_NAMESPACE);
  const feeds = new Map<string, { feed: StatusFeed; refs: number }>();

  const retain = (slug: string): StatusFeed => {
    const held = feeds.get(slug);
    if (held) {
      held.refs++;
      return held.feed;
    }
    const topic = statusTopic(slug);
    const feed = new StatusFeed(
      slug,
      rt.status,
      (view) => nsp.to(topic).emit("status:update", { topic, view }),
      rt.log,
    );
    feeds.set(slug, { feed, refs: 1 });
    return feed;
  };
  const release = (slug: string) => {
    const held = feeds.get(slug);
    if (!held) return;
    if (--held.refs > 0) return;
    held.feed.stop();
    feeds.delete(slug);
  };
  const limited = (socket: Socket) => rt.publicLimiter.take(publicClientKey(socket.request, rt.config.trustedProxies));

  nsp.use(async (socket, next) => {
    const wait = await limited(socket);
    if (wait) {
      const err = new Error("Too many requests") as Error & { data?: unknown };
      err.data = { retryAfter: retryAfterSeconds(wait) };
      return next(err);
    }
    (socket.data as PublicSocketData) = { topics: new Set() };
    next();
  });

  nsp.on("connection", (socket: Socket) => {
    const data = socket.data as PublicSocketData;

    socket.on("status:subscribe", async (raw: unknown, ack: unknown) => {
      const reply: (r: Reply) => void = typeof ack === "function" ? (ack as (r: Reply) => void) : () => {};
      const wait = await limited(socket);
      if (wait) return reply({ ok: false, error: "Too many requests", retryAfter: retryAfterSeconds(wait) });
      const topic = parsePublicTopic(raw);
      if (!topic) return reply({ ok: false, error: "Unknown topic" });
      if (data.topics.has(topic.name)) {
        const view = feeds.get(topic.slug)?.feed.view;
        return reply(view ? { ok: true, snapshot: view } : { ok: false, error: "Not found" });
      }
      if (data.topics.size >= MAX_TOPICS_PER_SOCKET) return reply({ ok: false, error: "Too many subscriptions" });
      // Held before the snapshot is read, so no change between the two can be missed.
      data.topics.add(topic.name);
      const feed = retain(topic.slug);
      const drop = () => {
        if (data.topics.delete(topic.name)) release(topic.slug);
      };
      try {
        await feed.ready;
      } catch {
        drop();
        return reply({ ok: false, error: "Subscription failed" });
      }
      if (!socket.connected || !data.topics.has(topic.name)) return drop();
      if (!feed.view) {
        drop();
        return reply({ ok: false, error: "Not found" });
      }
      socket.join(topic.name);
      reply({ ok: true, snapshot: feed.view });
    });

    socket.on("status:unsubscribe", (raw: unknown) => {
      const topic = parsePublicTopic(raw);
      if (!topic || !data.topics.delete(topic.name)) return;
      socket.leave(topic.name);
      release(topic.slug);
    });

    socket.on("disconnect", () => {
      for (const name of data.topics) {
        const topic = parsePublicTopic(name);
        if (topic) release(topic.slug);
      }
      data.topics.clear();
    });
  });
}
