import { EventEmitter } from "node:events";
import type { DbHandle } from "@/db/client";
import {
  extendStatusPeriods,
  listStatusTargets,
  openStatusPeriod,
  pruneStatusHistory,
  statusHistorySince,
} from "@/db/status-page-queries";
import { DAY_MS, type ObservedState, type StateInterval } from "@/lib/availability";
import type { ContainerSummary } from "@/lib/domain";
import type { DeploymentRow } from "@/lib/kube-types";
import {
  containerLiveState,
  deploymentLiveState,
  itemKey,
  type LiveItemState,
  serviceLiveState,
} from "@/lib/status-view";
import type { SwarmService } from "@/lib/swarm";
import type { EndpointManager } from "@/server/endpoints/endpoint-manager";
import type { Logger } from "@/server/log";

export interface StatusTarget {
  endpointId: string;
  kind: string;
  ref: string;
}

interface Tracked {
  target: StatusTarget;
  live: LiveItemState;
  containerId: string | null;
  /** The period being recorded: its row id arrives once the insert ran (writes are serialized). */
  period: { state: ObservedState; since: number; id?: number } | null;
  /** Bumped on every state or container change, so a late inspect cannot overwrite a newer state. */
  seq: number;
}

export interface StatusTrackerEvents {
  /** Live state of these item keys changed. */
  change: [keys: string[]];
  /** These status pages were created, edited or deleted. */
  pages: [slugs: string[], remote?: boolean];
}

export interface StatusTrackerOptions {
  heartbeatMs?: number;
  pruneEveryMs?: number;
  /** History older than this is deleted; availability needs only the last 24 h. */
  retainMs?: number;
}

const UNKNOWN: LiveItemState = { state: "unknown", health: "none", since: null };

/** A time the engine gave, or null for its "never" value (0001-01-01) and anything unparsable. */
function engineTime(iso: unknown): number | null {
  if (typeof iso !== "string") return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) && ms > 0 ? ms : null;
}

/**
 * Watches what status pages show, from the endpoint sessions' container stores (one upstream per endpoint, shared
 * with every other view: no engine stream of its own), records up/down periods for the availability figure and tells
 * live status pages what changed. Only targets some page shows are tracked.
 */
export class StatusTracker extends EventEmitter<StatusTrackerEvents> {
  private readonly targets = new Map<string, Tracked>();
  private writes: Promise<void> = Promise.resolve();
  private reloading: Promise<void> = Promise.resolve();
  private timers: NodeJS.Timeout[] = [];
  private started = false;
  private readonly heartbeatMs: number;
  private readonly pruneEveryMs: number;
  private readonly retainMs: number;
  /**
   * Whether this process writes the history. With replicas every one tracks live state for its own status-page
   * viewers, but only the holder of the "status-history" lease records periods (server/main.ts).
   */
  private recording = true;

  constructor(
    private readonly db: DbHandle,
    private readonly endpoints: EndpointManager,
    private readonly log: Logger,
    opts: StatusTrackerOptions = {},
  ) {
    super();
    this.setMaxListeners(0);
    this.heartbeatMs = opts.heartbeatMs ?? 30_000;
    this.pruneEveryMs = opts.pruneEveryMs ?? 60 * 60_000;
    this.retainMs = opts.retainMs ?? 7 * DAY_MS;
  }

  private readonly onContainers = (endpointId: string) => this.evaluate(endpointId);
  private offStores: (() => void)[] = [];
  private readonly onHealth = (endpointId: string) => {
    this.holdDeployments();
    this.evaluate(endpointId);
  };
  private readonly onServices = (endpointId: string) => this.evaluate(endpointId);
  /**
   * Every cluster's Deployments stay listed while the tracker runs (one shared informer per cluster: status pages
   * and the admin's item picker read them), held per session object so a replaced session is held again.
   */
  private readonly held = new Map<string, { session: object; release: () => void }>();
  private holdDeployments(): void {
    const live = new Set<string>();
    for (const v of this.endpoints.views()) {
      const session = this.endpoints.session(v.id);
      if (v.kind !== "kubernetes" || !session) continue;
      live.add(v.id);
      const h = this.held.get(v.id);
      if (h?.session === session) continue;
      h?.release();
      this.held.set(v.id, { session, release: session.retain("k8s-deployments") });
    }
    for (const [id, h] of this.held)
      if (!live.has(id)) {
        h.release();
        this.held.delete(id);
      }
  }
  private readonly onRemoved = () => {
    this.holdDeployments();
    void this.reload();
  };

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.offStores = [
      this.endpoints.onStore("containers", this.onContainers),
      this.endpoints.onStore("services", this.onServices),
      this.endpoints.onStore("k8s-deployments", this.onServices),
      this.endpoints.onStore("k8s-informers", this.onServices),
    ];
    this.holdDeployments();
    this.endpoints.on("health", this.onHealth);
    this.endpoints.on("removed", this.onRemoved);
    await this.reload();
    // Targets a page change added before the start were not evaluated (nothing is evaluated while stopped).
    for (const id of new Set([...this.targets.values()].map((t) => t.target.endpointId))) this.evaluate(id);
    const heartbeat = setInterval(() => this.heartbeat(), this.heartbeatMs);
    const prune = setInterval(() => void this.prune(), this.pruneEveryMs);
    heartbeat.unref();
    prune.unref();
    this.timers.push(heartbeat, prune);
    void this.prune();
  }

  /** Closes the open periods at this moment and waits for the writes; the gap until the next start is unobserved. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    for (const off of this.offStores) off();
    this.offStores = [];
    this.endpoints.off("health", this.onHealth);
    this.endpoints.off("removed", this.onRemoved);
    for (const h of this.held.values()) h.release();
    this.held.clear();
    this.heartbeat();
    await this.writes;
  }

  /** Starts or stops writing history; a replica that starts opens the periods it is tracking from now on. */
  setRecording(on: boolean): void {
    if (on === this.recording) return;
    this.recording = on;
    if (!on) return;
    const now = Date.now();
    for (const t of this.targets.values()) {
      if (!t.period || t.period.id !== undefined) continue;
      const state = t.period.state;
      t.period = null;
      this.record(t, state, now);
    }
    void this.prune();
  }

  /** After a page was created, edited or deleted: re-read what pages show, then tell live pages of these slugs. */
  async pagesChanged(slugs: string[], remote = false): Promise<void> {
    await this.reload();
    // `remote`: another replica made the change (server/cluster/bridges.ts), so it is not sent back.
    this.emit("pages", slugs, remote);
  }

  live(key: string): LiveItemState | undefined {
    return this.targets.get(key)?.live;
  }

  /** Recorded periods per item key overlapping `[from, now]`, the open period extended to `now`. */
  async history(targets: StatusTarget[], from: number, now: number): Promise<Map<string, StateInterval[]>> {
    const out = new Map<string, StateInterval[]>();
    const rows = await statusHistorySince(this.db, targets, from);
    const open = new Map<string, Tracked["period"]>();
    for (const t of targets) open.set(itemKey(t), this.targets.get(itemKey(t))?.period ?? null);
    for (const r of rows) {
      const key = itemKey(r);
      const p = open.get(key);
      // The open period is added from memory below (its row lags by up to a heartbeat, or is not written yet).
      if (p && p.id === r.id) continue;
      if (r.state !== "up" && r.state !== "down") continue;
      const list = out.get(key) ?? [];
      list.push({ state: r.state, since: r.since, until: r.until });
      out.set(key, list);
    }
    for (const [key, p] of open) {
      if (!p) continue;
      const list = out.get(key) ?? [];
      list.push({ state: p.state, since: p.since, until: now });
      out.set(key, list);
    }
    return out;
  }

  /** Re-reads which targets pages show; reloads are serialized so two quick edits cannot interleave. */
  reload(): Promise<void> {
    this.reloading = this.reloading.then(
      () => this.reloadNow(),
      () => this.reloadNow(),
    );
    return this.reloading;
  }

  private async reloadNow(): Promise<void> {
    let rows: StatusTarget[];
    try {
      rows = await listStatusTargets(this.db);
    } catch (err) {
      this.log.error({ err }, "status targets could not be read");
      return;
    }
    const wanted = new Map(rows.map((r) => [itemKey(r), r]));
    const now = Date.now();
    const dropped: string[] = [];
    for (const [key, tracked] of this.targets) {
      if (wanted.has(key)) continue;
      this.record(tracked, "unknown", now);
      this.targets.delete(key);
      dropped.push(key);
    }
    // Items can vanish without a page edit (their endpoint was removed): live pages showing them rebuild.
    if (dropped.length) this.emit("change", dropped);
    const endpoints = new Set<string>();
    for (const [key, target] of wanted) {
      if (this.targets.has(key)) continue;
      this.targets.set(key, { target, live: UNKNOWN, containerId: null, period: null, seq: 0 });
      endpoints.add(target.endpointId);
    }
    for (const id of endpoints) this.evaluate(id);
  }

  /** Re-derives the state of every tracked target of one endpoint from its session's store. */
  private evaluate(endpointId: string): void {
    if (!this.started) return;
    const session = this.endpoints.session(endpointId);
    const up = session?.health.state === "up";
    let byName: Map<string, ContainerSummary> | null = null;
    let services: Map<string, SwarmService> | null = null;
    const changed: string[] = [];
    const now = Date.now();
    for (const [key, t] of this.targets) {
      if (t.target.endpointId !== endpointId) continue;
      if (!byName) {
        byName = new Map();
        if (session && up)
          for (const c of session.store<ContainerSummary>("containers")?.values() ?? []) byName.set(c.name, c);
      }
      if (!services) {
        services = new Map();
        if (session && up)
          for (const s of session.store<SwarmService>("services")?.values() ?? []) services.set(s.name, s);
      }
      const c = t.target.kind === "container" ? byName.get(t.target.ref) : undefined;
      // A service is judged by its task counts, a Deployment by its ready replicas (no container of their own).
      const next =
        t.target.kind === "service"
          ? serviceLiveState(services.get(t.target.ref), up && session?.capabilities.has("swarm") === true)
          : t.target.kind === "deployment"
            ? deploymentLiveState(
                session?.store<DeploymentRow>("k8s-deployments")?.get(t.target.ref),
                up,
                session?.store<{ synced: boolean }>("k8s-informers")?.get("*/deployments")?.synced === true,
              )
            : containerLiveState(c, up);
      const containerId = c?.id ?? null;
      const moved = next.state !== t.live.state || containerId !== t.containerId;
      if (!moved && next.health === t.live.health) continue;
      if (moved) {
        // Seen happening now: "now" is when it happened. Seen first (start-up, endpoint back): ask the engine.
        const since = next.state === "unknown" || t.live.state === "unknown" ? null : now;
        t.live = { ...next, since };
        t.containerId = containerId;
        t.seq++;
        if (containerId && next.state !== "unknown") void this.refineSince(key, t, containerId, t.seq);
        this.record(t, next.state, now);
      } else t.live = { ...t.live, health: next.health };
      changed.push(key);
    }
    if (changed.length) this.emit("change", changed);
  }

  /** The container's own start (or stop) time, for "up for 3 days" across Berth restarts. */
  private async refineSince(key: string, t: Tracked, containerId: string, seq: number): Promise<void> {
    if (this.endpoints.session(t.target.endpointId)?.kind !== "docker") return;
    try {
      const info = await this.endpoints.access(t.target.endpointId, "docker").api.getContainer(containerId).inspect();
      if (this.targets.get(key) !== t || t.seq !== seq) return;
      const at = t.live.state === "up" ? engineTime(info.State?.StartedAt) : engineTime(info.State?.FinishedAt);
      if (at === null || at === t.live.since || at > Date.now()) return;
      t.live = { ...t.live, since: at };
      this.emit("change", [key]);
    } catch (err) {
      this.log.debug({ endpointId: t.target.endpointId, err: (err as Error).message }, "status inspect failed");
    }
  }

  /** Closes the current period and opens one for the new state ("unknown" opens none: a gap). */
  private record(t: Tracked, state: LiveItemState["state"], now: number): void {
    const observed: ObservedState | null = state === "unknown" ? null : state;
    if ((t.period?.state ?? null) === observed) return;
    const prev = t.period;
    const next = observed ? { state: observed, since: now } : null;
    t.period = next;
    const { endpointId, kind, ref } = t.target;
    this.write(async () => {
      if (prev?.id !== undefined) await extendStatusPeriods(this.db, [prev.id], now);
      if (next) {
        const id = await openStatusPeriod(this.db, {
          endpointId,
          kind,
          ref,
          state: next.state,
          since: now,
          until: now,
        });
        Object.assign(next, { id });
      }
    });
  }

  /** Extends every open period to now, so a crash loses at most one heartbeat of observed time. */
  private heartbeat(): void {
    const ids = [...this.targets.values()].map((t) => t.period).filter((p) => p !== null);
    if (ids.length === 0) return;
    const now = Date.now();
    this.write(async () => {
      const known = ids.map((p) => p.id).filter((id): id is number => id !== undefined);
      await extendStatusPeriods(this.db, known, now);
    });
  }

  private async prune(): Promise<void> {
    if (!this.recording) return;
    try {
      await pruneStatusHistory(this.db, Date.now() - this.retainMs);
    } catch (err) {
      this.log.error({ err }, "status history prune failed");
    }
  }

  /** History writes run one at a time, in order; a failed write is logged and does not stop the next. */
  private write(fn: () => Promise<void>): void {
    if (!this.recording) return;
    this.writes = this.writes.then(fn).catch((err) => this.log.error({ err }, "status history write failed"));
  }
}
