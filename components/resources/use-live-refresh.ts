"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { getSocket } from "@/components/realtime/socket";
import type { Diff } from "@/lib/domain";
import type { EngineEvent } from "@/lib/events";

/**
 * Re-renders the server page when the endpoint's engine reports a change of the given types (from the shared
 * events stream), so a list follows the docker CLI without polling. Bursts are coalesced (at most one refresh per 250 ms).
 */
export function useLiveRefresh(topic: string, types: readonly string[]) {
  const router = useRouter();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const key = types.join(",");
  useEffect(() => {
    const wanted = new Set(key.split(","));
    const socket = getSocket();
    let subscribed = false;
    // After a reconnect, events of the gap are lost: re-read the page once.
    const subscribe = () =>
      socket.emit("subscribe", topic, () => {
        if (subscribed) router.refresh();
        subscribed = true;
      });
    const onDiff = (msg: { topic: string; diff: Diff<EngineEvent> }) => {
      if (msg.topic !== topic || !msg.diff.upsert.some((e) => wanted.has(e.type))) return;
      // Throttle, not debounce: a host with a steady stream of events must still refresh.
      if (timer.current) return;
      timer.current = setTimeout(() => {
        timer.current = null;
        router.refresh();
      }, 250);
    };
    socket.on("connect", subscribe);
    socket.on("diff", onDiff);
    if (socket.connected) subscribe();
    return () => {
      socket.off("connect", subscribe);
      socket.off("diff", onDiff);
      socket.emit("unsubscribe", topic);
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [topic, key, router]);
}
