"use client";

import { useEffect, useState } from "react";
import { getSocket } from "@/components/realtime/socket";
import type { StatsSample } from "@/lib/container-stats";

const MAX_SAMPLES = 1_200;

type Snapshot = { samples: StatsSample[]; state: "streaming" | "stopped" | "ended" | "error"; error?: string };
type Reply = { ok: true; snapshot: Snapshot } | { ok: false; error: string };

/** Follows one stats topic: the sampler's history at once, then one sample a second. */
export function useStatsStream(topic: string) {
  const [samples, setSamples] = useState<StatsSample[]>([]);
  const [state, setState] = useState<{ status: "connecting" | Snapshot["state"]; error?: string }>({
    status: "connecting",
  });

  useEffect(() => {
    const socket = getSocket();
    const subscribe = () =>
      socket.emit("subscribe", topic, (reply: Reply) => {
        if (!reply.ok) return setState({ status: "error", error: reply.error });
        setSamples(reply.snapshot.samples);
        setState({ status: reply.snapshot.state, error: reply.snapshot.error });
      });
    const onSample = (msg: { topic: string; sample: StatsSample }) => {
      if (msg.topic !== topic) return;
      setSamples((cur) => {
        if (cur.length && cur[cur.length - 1]!.t >= msg.sample.t) return cur;
        const next = cur.length >= MAX_SAMPLES ? cur.slice(cur.length - MAX_SAMPLES + 1) : cur.slice();
        next.push(msg.sample);
        return next;
      });
      setState({ status: "streaming" });
    };
    const onState = (msg: { topic: string; state: Snapshot["state"]; error?: string }) => {
      if (msg.topic === topic) setState({ status: msg.state, error: msg.error });
    };
    socket.on("connect", subscribe);
    socket.on("stats", onSample);
    socket.on("stats:state", onState);
    if (socket.connected) subscribe();
    return () => {
      socket.off("connect", subscribe);
      socket.off("stats", onSample);
      socket.off("stats:state", onState);
      socket.emit("unsubscribe", topic);
    };
  }, [topic]);

  return { samples, state };
}
