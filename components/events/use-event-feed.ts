"use client";

import { useEffect, useState } from "react";
import { getSocket } from "@/components/realtime/socket";
import type { LiveStatus } from "@/components/realtime/use-topic";
import type { Diff } from "@/lib/domain";
import type { EngineEvent } from "@/lib/events";

const MAX_EVENTS = 1000;

type Reply = { ok: true; snapshot: EngineEvent[] } | { ok: false; error: string };

/** A live, bounded list of engine events: the server's recent history as snapshot, then each new event. */
export function useEventFeed(topic: string) {
  const [events, setEvents] = useState<EngineEvent[]>([]);
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const socket = getSocket();
    const subscribe = () =>
      socket.emit("subscribe", topic, (reply: Reply) => {
        if (reply.ok) {
          setEvents(reply.snapshot.slice(-MAX_EVENTS));
          setStatus("live");
          setError(null);
        } else {
          setStatus("error");
          setError(reply.error);
        }
      });
    const onDiff = (msg: { topic: string; diff: Diff<EngineEvent> }) => {
      if (msg.topic !== topic) return;
      setEvents((cur) => {
        const seen = new Set(cur.map((e) => e.id));
        const next = cur.concat(msg.diff.upsert.filter((e) => !seen.has(e.id)));
        return next.length > MAX_EVENTS ? next.slice(-MAX_EVENTS) : next;
      });
    };
    const onDisconnect = () => setStatus("offline");
    socket.on("connect", subscribe);
    socket.on("diff", onDiff);
    socket.on("disconnect", onDisconnect);
    if (socket.connected) subscribe();
    return () => {
      socket.off("connect", subscribe);
      socket.off("diff", onDiff);
      socket.off("disconnect", onDisconnect);
      socket.emit("unsubscribe", topic);
    };
  }, [topic]);
  return { events, status, error };
}
