"use client";

import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import { getSocket } from "@/components/realtime/socket";
import { rowKey } from "@/lib/container-filter";
import { type Usage, type UsageRanking, windowSample } from "@/lib/container-usage";
import type { ContainerSummary } from "@/lib/domain";
import { usageTopic } from "@/lib/topics";

type Reply = { ok: true; snapshot: Usage | null } | { ok: false; error: string };

/**
 * The CPU and memory figures of the containers a list currently samples: one usage topic per container, held only
 * while wanted. Each row's cells subscribe to their own key, so a sample re-renders one row's cells, never the table;
 * notifications are batched to one per animation frame.
 */
export class UsageFeed {
  private readonly values = new Map<string, Usage>();
  /** Subscribed topic -> row key. */
  private readonly topics = new Map<string, string>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly dirty = new Set<string>();
  private frame: number | null = null;
  private detach: (() => void) | null = null;
  /** Bumped on every change of any figure: a usage sort redoes itself when it moved. */
  version = 0;

  /** Attaches to the page's socket; the returned function lets go of every topic. */
  start(): () => void {
    const socket = getSocket();
    const onUsage = (m: { topic: string; usage: Usage | null }) => {
      const key = this.topics.get(m.topic);
      if (key) this.set(key, m.usage);
    };
    const onConnect = () => {
      for (const topic of this.topics.keys()) this.subscribe(topic);
    };
    const onRevoked = (m: { topic?: string }) => {
      const key = m.topic ? this.topics.get(m.topic) : undefined;
      if (!key || !m.topic) return;
      this.topics.delete(m.topic);
      this.set(key, null);
    };
    socket.on("usage", onUsage);
    socket.on("connect", onConnect);
    socket.on("revoked", onRevoked);
    this.detach = () => {
      socket.off("usage", onUsage);
      socket.off("connect", onConnect);
      socket.off("revoked", onRevoked);
    };
    return () => {
      this.want([]);
      this.detach?.();
      this.detach = null;
      if (this.frame !== null) cancelAnimationFrame(this.frame);
      this.frame = null;
    };
  }

  /** Samples exactly these containers: subscribes the new ones, unsubscribes (and forgets) the rest. */
  want(containers: readonly ContainerSummary[]): void {
    const wanted = new Map(containers.map((c) => [usageTopic(c.endpointId, c.id), rowKey(c)]));
    const socket = getSocket();
    for (const [topic, key] of this.topics) {
      if (wanted.has(topic)) continue;
      this.topics.delete(topic);
      socket.emit("unsubscribe", topic);
      this.set(key, null);
    }
    for (const [topic, key] of wanted) {
      if (this.topics.has(topic)) continue;
      this.topics.set(topic, key);
      if (socket.connected) this.subscribe(topic);
    }
  }

  /** How many containers are sampled for this list right now. */
  get size(): number {
    return this.topics.size;
  }

  get(key: string): Usage | undefined {
    return this.values.get(key);
  }

  listen(key: string, fn: () => void): () => void {
    const set = this.listeners.get(key) ?? new Set();
    this.listeners.set(key, set);
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.listeners.delete(key);
    };
  }

  private subscribe(topic: string): void {
    getSocket().emit("subscribe", topic, (reply: Reply) => {
      const key = this.topics.get(topic);
      // Unwanted meanwhile, or refused (gone, or access withdrawn): no figure.
      if (key) this.set(key, reply.ok ? reply.snapshot : null);
    });
  }

  private set(key: string, usage: Usage | null): void {
    if (usage) this.values.set(key, usage);
    else if (!this.values.delete(key)) return;
    this.version++;
    this.dirty.add(key);
    this.frame ??= requestAnimationFrame(() => {
      this.frame = null;
      const keys = [...this.dirty];
      this.dirty.clear();
      for (const k of keys) for (const fn of this.listeners.get(k) ?? []) fn();
    });
  }
}

/** One row's figures; re-renders only that row's cells. */
export function useUsage(feed: UsageFeed, key: string): Usage | undefined {
  const subscribe = useCallback((fn: () => void) => feed.listen(key, fn), [feed, key]);
  return useSyncExternalStore(
    subscribe,
    () => feed.get(key),
    () => undefined,
  );
}

/** Wait this long after the window last moved: a fast scroll opens no engine stream for rows it only flew past. */
const SETTLE_MS = 250;

/**
 * Keeps the feed sampling the running rows in (or near) the table's window, plus the ranked containers while the
 * list is sorted by usage. Returns the callback the table reports its window to.
 */
export function useUsageSampling(
  feed: UsageFeed,
  rows: readonly ContainerSummary[],
  ranking: UsageRanking | null,
): (start: number, end: number) => void {
  const state = useRef({ rows, ranking, window: null as { start: number; end: number } | null });
  state.current.rows = rows;
  state.current.ranking = ranking;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const applySoon = useMemo(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        timer.current = null;
        const { rows: r, ranking: k, window } = state.current;
        feed.want([...windowSample(r, window), ...(k?.containers ?? [])]);
      }, SETTLE_MS);
    },
    [feed],
  );
  useEffect(() => feed.start(), [feed]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  useEffect(() => applySoon(), [rows, ranking, applySoon]);
  return useCallback(
    (start: number, end: number) => {
      state.current.window = { start, end };
      applySoon();
    },
    [applySoon],
  );
}
