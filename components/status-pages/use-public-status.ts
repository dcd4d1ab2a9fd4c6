"use client";

import { useEffect, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { PublicStatusView } from "@/lib/status-view";
import { statusTopic } from "@/lib/topics";

let socket: Socket | null = null;

/** The anonymous "/public" namespace: status pages only, no session involved. One socket per tab. */
function publicSocket(): Socket {
  socket ??= io("/public", { path: "/socket.io/", transports: ["websocket", "polling"] });
  return socket;
}

export type PublicLiveState = "connecting" | "live" | "offline" | "limited" | "gone";

type Reply = { ok: true; snapshot: PublicStatusView } | { ok: false; error: string; retryAfter?: number };

/**
 * Keeps a public status view live: a snapshot on every (re)connect, then whole-view updates pushed by the server.
 * Starts from the server-rendered view. `skewMs` is server time minus this browser's clock, for ticking durations.
 */
export function usePublicStatus(initial: PublicStatusView) {
  const [view, setView] = useState(initial);
  const [skewMs, setSkewMs] = useState(() => initial.generatedAt - Date.now());
  const [state, setState] = useState<PublicLiveState>("connecting");

  useEffect(() => {
    const s = publicSocket();
    const topic = statusTopic(initial.slug);
    let retry: ReturnType<typeof setTimeout> | null = null;
    let active = true;
    const accept = (v: PublicStatusView) => {
      setView(v);
      setSkewMs(v.generatedAt - Date.now());
    };
    const later = (seconds: number | undefined, fn: () => void) => {
      setState("limited");
      if (retry) clearTimeout(retry);
      retry = setTimeout(fn, Math.max(1, seconds ?? 5) * 1000);
    };
    const subscribe = () =>
      s.emit("status:subscribe", topic, (r: Reply) => {
        if (!active) return;
        if (r.ok) {
          accept(r.snapshot);
          setState("live");
        } else if (r.error === "Not found") setState("gone");
        else later(r.retryAfter, subscribe);
      });
    const onUpdate = (m: { topic: string; view: PublicStatusView | null }) => {
      if (m.topic !== topic) return;
      if (m.view) accept(m.view);
      else setState("gone");
    };
    const onDisconnect = () => setState("offline");
    // A refusal by the namespace (over the rate limit) is not retried by socket.io itself.
    const onConnectError = (err: Error & { data?: { retryAfter?: number } }) => {
      if (!s.active) later(err.data?.retryAfter, () => s.connect());
      else setState("offline");
    };
    s.on("connect", subscribe);
    s.on("status:update", onUpdate);
    s.on("disconnect", onDisconnect);
    s.on("connect_error", onConnectError);
    if (s.connected) subscribe();
    return () => {
      active = false;
      if (retry) clearTimeout(retry);
      s.off("connect", subscribe);
      s.off("status:update", onUpdate);
      s.off("disconnect", onDisconnect);
      s.off("connect_error", onConnectError);
      s.emit("status:unsubscribe", topic);
    };
  }, [initial.slug]);

  return { view, skewMs, state };
}
