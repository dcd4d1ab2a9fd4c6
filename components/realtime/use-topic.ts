"use client";

import { useEffect, useMemo, useState } from "react";
import { applyDiff } from "@/lib/diff";
import type { Diff } from "@/lib/domain";
import { getSocket } from "./socket";

export type LiveStatus = "connecting" | "live" | "offline" | "error";

type Reply<T> = { ok: true; snapshot: T[] } | { ok: false; error: string };

/**
 * Keeps a keyed collection live: a snapshot on every (re)connect, then diffs. Starts from `initial` (server-rendered)
 * so the page is useful before the socket is up.
 */
export function useTopic<T extends { id: string }>(topic: string, initial: T[] = []) {
  const [items, setItems] = useState<Map<string, T>>(() => new Map(initial.map((i) => [i.id, i])));
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const socket = getSocket();
    const subscribe = () => {
      socket.emit("subscribe", topic, (reply: Reply<T>) => {
        if (reply.ok) {
          setItems(new Map(reply.snapshot.map((i) => [i.id, i])));
          setStatus("live");
          setError(null);
        } else {
          setStatus("error");
          setError(reply.error);
        }
      });
    };
    const onDiff = (msg: { topic: string; diff: Diff<T> }) => {
      if (msg.topic === topic) setItems((cur) => applyDiff(cur, msg.diff));
    };
    const onDisconnect = () => setStatus("offline");
    const onRevoked = (msg: { topic?: string }) => {
      if (!msg.topic || msg.topic === topic) {
        setStatus("error");
        setError("Access to this view was withdrawn");
        setItems(new Map());
      }
    };
    socket.on("connect", subscribe);
    socket.on("diff", onDiff);
    socket.on("disconnect", onDisconnect);
    socket.on("revoked", onRevoked);
    if (socket.connected) subscribe();
    return () => {
      socket.off("connect", subscribe);
      socket.off("diff", onDiff);
      socket.off("disconnect", onDisconnect);
      socket.off("revoked", onRevoked);
      socket.emit("unsubscribe", topic);
    };
  }, [topic]);

  const list = useMemo(() => [...items.values()], [items]);
  return { items: list, status, error };
}
