"use client";

import { useEffect, useMemo, useState } from "react";
import { getSocket } from "@/components/realtime/socket";
import type { LiveStatus } from "@/components/realtime/use-topic";
import type { Diff } from "@/lib/domain";
import { topologyTopic } from "@/lib/topics";
import type { TopologyElement } from "@/lib/topology";

type Reply = { ok: true; snapshot: TopologyElement[] } | { ok: false; error: string };
type Collections = ReadonlyMap<string, ReadonlyMap<string, TopologyElement>>;

/**
 * The live topology of several endpoints on the one socket: one topic per endpoint, so every endpoint is authorized
 * (and revoked) on its own by the gateway, and a diff touches only its endpoint's part.
 */
export function useTopologies(endpointIds: string[], initial: Record<string, TopologyElement[]>) {
  const [items, setItems] = useState<Collections>(
    () => new Map(endpointIds.map((id) => [id, new Map((initial[id] ?? []).map((e) => [e.id, e]))])),
  );
  const [status, setStatus] = useState<Record<string, LiveStatus>>({});
  const key = endpointIds.join(",");

  useEffect(() => {
    const socket = getSocket();
    const ids = key ? key.split(",") : [];
    const topics = new Map(ids.map((id) => [topologyTopic(id), id]));
    const put = (id: string, fn: (cur: ReadonlyMap<string, TopologyElement>) => ReadonlyMap<string, TopologyElement>) =>
      setItems((all) => {
        const next = new Map(all);
        next.set(id, fn(all.get(id) ?? new Map()));
        return next;
      });
    const subscribe = () => {
      for (const [topic, id] of topics) {
        socket.emit("subscribe", topic, (reply: Reply) => {
          if (reply.ok) {
            put(id, () => new Map(reply.snapshot.map((e) => [e.id, e])));
            setStatus((s) => ({ ...s, [id]: "live" }));
          } else setStatus((s) => ({ ...s, [id]: "error" }));
        });
      }
    };
    const onDiff = (msg: { topic: string; diff: Diff<TopologyElement> }) => {
      const id = topics.get(msg.topic);
      if (!id) return;
      put(id, (cur) => {
        const next = new Map(cur);
        for (const r of msg.diff.remove) next.delete(r);
        for (const e of msg.diff.upsert) next.set(e.id, e);
        return next;
      });
    };
    const onDisconnect = () => setStatus(Object.fromEntries(ids.map((id) => [id, "offline" as const])));
    const onRevoked = (msg: { topic?: string }) => {
      const id = msg.topic ? topics.get(msg.topic) : undefined;
      for (const r of id ? [id] : msg.topic ? [] : ids) {
        put(r, () => new Map());
        setStatus((s) => ({ ...s, [r]: "error" }));
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
      for (const topic of topics.keys()) socket.emit("unsubscribe", topic);
    };
  }, [key]);

  const overall: LiveStatus = useMemo(() => {
    const values = (key ? key.split(",") : []).map((id) => status[id] ?? "connecting");
    if (values.length === 0 || values.every((v) => v === "live")) return "live";
    if (values.includes("offline")) return "offline";
    if (values.includes("connecting")) return "connecting";
    return "error";
  }, [status, key]);

  return { items, status: overall };
}
