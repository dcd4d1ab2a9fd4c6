"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { TopologyGraph } from "@/lib/topology";
import { isGroup, type Point } from "@/lib/topology-layout";
import type { LayoutRequest, LayoutResponse } from "./layout-protocol";

export interface LayoutState {
  positions: ReadonlyMap<string, Point>;
  /** Bumped by every full layout, so the view can fit itself once. */
  generation: number;
  last?: { mode: "full" | "incremental"; workerMs: number; totalMs: number; nodes: number };
  error?: string;
}

/**
 * Positions for a live graph, computed in a web worker. Nodes already placed never move when the graph changes: only
 * newcomers are placed. `relayout()` starts from scratch on request.
 */
export function useLayout(graph: TopologyGraph) {
  const [state, setState] = useState<LayoutState>({ positions: new Map(), generation: 0 });
  const worker = useRef<Worker | null>(null);
  const positions = useRef<ReadonlyMap<string, Point>>(new Map());
  const seq = useRef(0);
  const sentAt = useRef(new Map<number, number>());
  const forceFull = useRef(false);
  // One request at a time: on a busy engine the graph changes more often than a layout takes, and answers that a
  // newer request superseded were all thrown away, so the first layout never came ("Laying out…" for ever).
  const inFlight = useRef(false);
  const dirty = useRef(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const w = new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module", name: "topology-layout" });
    worker.current = w;
    w.onmessage = (event: MessageEvent<LayoutResponse>) => {
      const res = event.data;
      const started = sentAt.current.get(res.id);
      sentAt.current.delete(res.id);
      inFlight.current = false;
      // The graph changed while this one was laid out: place what is new now (the effect below decides how).
      if (dirty.current) {
        dirty.current = false;
        setTick((t) => t + 1);
      }
      if (res.id !== seq.current) return;
      if (res.error) return setState((s) => ({ ...s, error: res.error }));
      const next = new Map(res.positions);
      positions.current = next;
      setState((s) => ({
        positions: next,
        generation: res.mode === "full" ? s.generation + 1 : s.generation,
        last: {
          mode: res.mode,
          workerMs: res.ms,
          totalMs: started === undefined ? res.ms : performance.now() - started,
          nodes: next.size,
        },
      }));
    };
    w.onerror = () => setState((s) => ({ ...s, error: "The layout worker could not start" }));
    return () => {
      w.terminate();
      worker.current = null;
    };
  }, []);

  useEffect(() => {
    void tick;
    const w = worker.current;
    if (!w) return;
    if (inFlight.current) {
      dirty.current = true;
      return;
    }
    const leaves = graph.nodes.filter((n) => !isGroup(n));
    const missing = leaves.some((n) => !positions.current.has(n.id));
    const full = forceFull.current;
    if (!missing && !full) {
      // Only removals: drop their positions, move nothing.
      if (positions.current.size !== leaves.length) {
        const ids = new Set(leaves.map((n) => n.id));
        const next = new Map([...positions.current].filter(([id]) => ids.has(id)));
        positions.current = next;
        setState((s) => ({ ...s, positions: next }));
      }
      return;
    }
    forceFull.current = false;
    const id = ++seq.current;
    inFlight.current = true;
    sentAt.current.set(id, performance.now());
    const req: LayoutRequest = { id, graph, known: full ? [] : [...positions.current], full };
    w.postMessage(req);
  }, [graph, tick]);

  const relayout = useCallback(() => {
    forceFull.current = true;
    setTick((t) => t + 1);
  }, []);

  return { ...state, relayout };
}
