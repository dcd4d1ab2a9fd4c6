"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { applyDiff } from "@/lib/diff";
import type { Diff } from "@/lib/domain";
import { getSocket } from "./socket";

type Reply<T> = { ok: true; snapshot: T[] } | { ok: false; error: string };

/**
 * Several keyed-collection topics at once (one per endpoint, say), merged into one list. Topics can come and go
 * while mounted: new ones are subscribed, dropped ones unsubscribed and their items removed. Each topic gets a
 * fresh snapshot on every (re)connect, then diffs.
 */
export function useTopicSet<T extends { id: string }>(topics: readonly string[], initial: Record<string, T[]> = {}) {
  const [data, setData] = useState<Map<string, Map<string, T>>>(
    () => new Map(Object.entries(initial).map(([t, items]) => [t, new Map(items.map((i) => [i.id, i]))])),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Topics whose snapshot arrived since the socket last connected: "Live" means all of them.
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const subscribed = useRef(new Set<string>());
  const key = [...topics].sort().join("\n");

  useEffect(() => {
    const socket = getSocket();
    const wanted = new Set(key ? key.split("\n") : []);
    const subscribe = (topic: string) =>
      socket.emit("subscribe", topic, (reply: Reply<T>) => {
        if (!subscribed.current.has(topic)) return;
        if (reply.ok) {
          setFresh((cur) => new Set(cur).add(topic));
          setData((cur) => new Map(cur).set(topic, new Map(reply.snapshot.map((i) => [i.id, i]))));
          setErrors(({ [topic]: _, ...rest }) => rest);
        } else setErrors((cur) => ({ ...cur, [topic]: reply.error }));
      });
    for (const t of subscribed.current) {
      if (wanted.has(t)) continue;
      subscribed.current.delete(t);
      socket.emit("unsubscribe", t);
      setData((cur) => {
        const next = new Map(cur);
        next.delete(t);
        return next;
      });
    }
    for (const t of wanted) {
      if (subscribed.current.has(t)) continue;
      subscribed.current.add(t);
      if (socket.connected) subscribe(t);
    }
    const onConnect = () => {
      setFresh(new Set());
      for (const t of subscribed.current) subscribe(t);
    };
    const onDiff = (msg: { topic: string; diff: Diff<T> }) => {
      if (!subscribed.current.has(msg.topic)) return;
      setData((cur) => new Map(cur).set(msg.topic, applyDiff(cur.get(msg.topic) ?? new Map(), msg.diff)));
    };
    const onDisconnect = () => setFresh(new Set());
    // Access withdrawn (grant removed, user disabled): the topic's items go, and the view says why.
    const onRevoked = (msg: { topic?: string }) => {
      const gone = msg.topic ? [msg.topic].filter((t) => subscribed.current.has(t)) : [...subscribed.current];
      if (gone.length === 0) return;
      setData((cur) => {
        const next = new Map(cur);
        for (const t of gone) next.delete(t);
        return next;
      });
      setFresh((cur) => new Set([...cur].filter((t) => !gone.includes(t))));
      setErrors((cur) => ({
        ...cur,
        ...Object.fromEntries(gone.map((t) => [t, "Access to this view was withdrawn"])),
      }));
    };
    socket.on("connect", onConnect);
    socket.on("disconnect", onDisconnect);
    socket.on("revoked", onRevoked);
    socket.on("diff", onDiff);
    return () => {
      socket.off("connect", onConnect);
      socket.off("disconnect", onDisconnect);
      socket.off("revoked", onRevoked);
      socket.off("diff", onDiff);
    };
  }, [key]);

  // Unsubscribe everything on unmount only (topic changes are handled above, incrementally).
  useEffect(() => {
    const subs = subscribed.current;
    return () => {
      const socket = getSocket();
      for (const t of subs) socket.emit("unsubscribe", t);
      subs.clear();
    };
  }, []);

  const items = useMemo(() => [...data.values()].flatMap((m) => [...m.values()]), [data]);
  const live = key !== "" && key.split("\n").every((t) => fresh.has(t));
  return { items, errors, live };
}
