"use client";

import { useEffect, useRef, useState } from "react";
import { getSocket } from "@/components/realtime/socket";
import type { LogBatch, LogLine, LogSnapshot } from "@/lib/log-options";

/** Lines a browser keeps; older ones fall off the top. The viewer is virtualized, so this costs memory, not frames. */
export const MAX_CLIENT_LINES = 100_000;

type Reply = { ok: true; snapshot: LogSnapshot } | { ok: false; error: string };

/**
 * Follows one logs topic: the backlog as a snapshot, then batches. Lines live in a ref (no copy per batch); a
 * version number bumps at most once per animation frame, so 10k lines/s re-render ~60 times a second, not 10k.
 */
export function useLogStream(topic: string) {
  const lines = useRef<LogLine[]>([]);
  const lastSeq = useRef(0);
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<{ status: "connecting" | LogSnapshot["state"]; error?: string; tty: boolean }>({
    status: "connecting",
    tty: false,
  });
  const [dropped, setDropped] = useState(0);

  useEffect(() => {
    const socket = getSocket();
    lines.current = [];
    lastSeq.current = 0;
    setVersion((v) => v + 1);
    setDropped(0);
    let frame = 0;
    const bump = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setVersion((v) => v + 1);
      });
    };
    const append = (incoming: LogLine[]) => {
      const arr = lines.current;
      for (const l of incoming) {
        if (l.seq <= lastSeq.current) continue;
        arr.push(l);
        lastSeq.current = l.seq;
      }
      if (arr.length > MAX_CLIENT_LINES) arr.splice(0, arr.length - MAX_CLIENT_LINES);
      bump();
    };
    const subscribe = () => {
      socket.emit("subscribe", topic, (reply: Reply) => {
        if (!reply.ok) return setState({ status: "error", error: reply.error, tty: false });
        const snap = reply.snapshot;
        lines.current = [];
        lastSeq.current = 0;
        append(snap.lines);
        setState({ status: snap.state, error: snap.error, tty: snap.tty });
      });
    };
    const onLogs = (msg: LogBatch) => {
      if (msg.topic !== topic) return;
      append(msg.lines);
      if (msg.dropped) setDropped((d) => d + (msg.dropped ?? 0));
    };
    const onState = (msg: { topic: string; state: LogSnapshot["state"]; error?: string }) => {
      if (msg.topic === topic) setState((s) => ({ ...s, status: msg.state, error: msg.error }));
    };
    const onRevoked = (msg: { topic?: string }) => {
      if (!msg.topic || msg.topic === topic)
        setState({ status: "error", error: "Access to these logs was withdrawn", tty: false });
    };
    socket.on("connect", subscribe);
    socket.on("logs", onLogs);
    socket.on("logs:state", onState);
    socket.on("revoked", onRevoked);
    if (socket.connected) subscribe();
    return () => {
      if (frame) cancelAnimationFrame(frame);
      socket.off("connect", subscribe);
      socket.off("logs", onLogs);
      socket.off("logs:state", onState);
      socket.off("revoked", onRevoked);
      socket.emit("unsubscribe", topic);
    };
  }, [topic]);

  return { lines: lines.current, version, state, dropped };
}
