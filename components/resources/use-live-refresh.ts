"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { getSocket } from "@/components/realtime/socket";
import type { Diff } from "@/lib/domain";
import type { EngineEvent } from "@/lib/events";

/**
 * Re-renders the server page when the endpoint's engine reports a change of the given types (from the shared
 * events stream), so a list follows the docker CLI without polling. Bursts are coalesced.
 */
export function useLiveRefresh(topic: string, types: readonly string[]) {
  const router = useRouter();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const key = types.join(",");
  useEffect(() => {
    const wanted = new Set(key.split(","));
    const socket = getSocket();
    const subscribe = () => socket.emit("subscribe", topic, () => {});
    const onDiff = (msg: { topic: string; diff: Diff<EngineEvent> }) => {
      if (msg.topic !== topic || !msg.diff.upsert.some((e) => wanted.has(e.type))) return;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => router.refresh(), 250);
    };
    socket.on("connect", subscribe);
    socket.on("diff", onDiff);
    if (socket.connected) subscribe();
    return () => {
      socket.off("connect", subscribe);
      socket.off("diff", onDiff);
      socket.emit("unsubscribe", topic);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [topic, key, router]);
}
