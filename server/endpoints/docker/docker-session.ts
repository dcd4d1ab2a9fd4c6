import type { Readable } from "node:stream";
import type Docker from "dockerode";
import type { ContainerSummary, NetworkSummary } from "@/lib/domain";
import type { UserError } from "@/lib/errors";
import { type ContainerCounts, countContainers } from "@/lib/host-summary";
import type { Logger } from "@/server/log";
import type { KeyedStore } from "../keyed-store";
import { type Capability, type Connected, EndpointSession } from "../session";
import { type DockerTarget, describeDockerError, dockerOptions, sshAgentFor, timeout } from "./connect";
import type { DockerAccess } from "./docker-access";
import { toEngineEvent } from "./docker-events";
import { type EngineContainer, toContainerSummary } from "./docker-map";
import { DockerExecSource, DockerLogSource, DockerStatsSource } from "./docker-sources";
import { BUDGET_MS, budgetedClient, endpointDownError } from "./engine-budget";
import { dockerUserError } from "./engine-errors";
import { EventReplay } from "./event-replay";
import { type EngineNetwork, toNetworkSummary } from "./network-map";
import type { SshDockerAgent } from "./ssh-agent";
import { SwarmStore } from "./swarm-store";

const REQUEST_TIMEOUT_MS = BUDGET_MS.read;
const STALE_RETRIES_MS = [10, 20, 40, 80, 160, 320, 640];
/** Engine event types the one events stream follows (the events feed shows them; the store uses containers). */
const EVENT_STREAM_TYPES: ("container" | "image" | "network" | "volume" | "node" | "service" | "secret" | "config")[] =
  ["container", "image", "network", "volume", "node", "service", "secret", "config"];
/** Swarm object events: the swarm store handles them; they change no host counts. */
const SWARM_EVENT_TYPES = new Set(["node", "service", "secret", "config"]);
const BASE_CAPABILITIES: Capability[] = [
  "containers",
  "images",
  "networks",
  "volumes",
  "events",
  "logs",
  "exec",
  "stats",
];
const CAPABILITIES: ReadonlySet<Capability> = new Set(BASE_CAPABILITIES);
const MANAGER_CAPABILITIES: ReadonlySet<Capability> = new Set([...BASE_CAPABILITIES, "swarm"]);

/**
 * One long-lived connection to a Docker engine: a single events stream and the stores it keeps current
 * (containers, networks). Every viewer of the endpoint reads from here; nothing else opens an events stream to the
 * engine. The connect/backoff/health loop is the generic one (../session.ts).
 */
export class DockerSession extends EndpointSession implements DockerAccess {
  readonly kind = "docker" as const;
  readonly containers: KeyedStore<ContainerSummary>;
  /** Networks, kept current by network events from the same stream (create/destroy re-list them; they are few). */
  readonly networks: KeyedStore<NetworkSummary>;
  /** Count of event streams opened over the session's life (benchmarks check it stays at one per connection). */
  eventStreamsOpened = 0;
  eventStreamsOpen = 0;

  /**
   * For quick requests (lists, inspect): a 5 s deadline so a hung engine cannot hold a caller. This and every other
   * client handed out refuse at once while the endpoint is down; the session's own probes use `engine`.
   */
  readonly api: Docker;
  private readonly engine: Docker;
  /** For streams (events, logs, stats, pulls, exec): a deadline until they begin, none after; pings watch them. */
  private readonly streamClient: Docker;
  /** Clients with longer deadlines, by deadline, for calls the engine answers only when done (see client()). */
  private readonly budgeted = new Map<number, Docker>();
  private readonly options: Docker.DockerOptions;
  /** Open long streams of this engine: ended at once when it stops answering, so no viewer watches a dead one. */
  private readonly liveStreams = new Set<Readable>();
  private stream: Readable | null = null;
  private refreshing = new Map<string, boolean>();
  /** When each container's newest per-event read was requested; a full list requested earlier must not undo it. */
  private readAt = new Map<string, number>();
  /** Containers that reported `die`: the engine's list can still say "running" for a few ms after it. */
  private died = new Set<string>();
  /** Where the current events stream resumed, to drop what the feed already had (see event-replay.ts). */
  private replay: EventReplay | null = null;
  /** ssh:// only: the one SSH connection both clients ride on. */
  private readonly agent: SshDockerAgent | undefined;
  /** Nodes, services, tasks, secrets and configs when the engine is a swarm manager (else empty, `active` false). */
  readonly swarm: SwarmStore;
  private factsTimer: NodeJS.Timeout | null = null;
  private factsRunning = false;
  private networksRefresh: "idle" | "running" | "again" = "idle";

  constructor(endpointId: string, target: string | DockerTarget, log: Logger) {
    super(endpointId, log);
    this.containers = this.addStore<ContainerSummary>("containers", (c) => c.id);
    this.networks = this.addStore<NetworkSummary>("networks", (n) => n.id);
    const t = typeof target === "string" ? { url: target } : target;
    this.agent = sshAgentFor(t, REQUEST_TIMEOUT_MS);
    this.options = dockerOptions(t, undefined, this.agent);
    this.engine = budgetedClient(this.options, { callMs: REQUEST_TIMEOUT_MS, streamStartMs: REQUEST_TIMEOUT_MS });
    this.api = budgetedClient(this.options, {
      callMs: REQUEST_TIMEOUT_MS,
      streamStartMs: BUDGET_MS.streamStart,
      gate: this.gate,
    });
    this.streamClient = budgetedClient(this.options, {
      callMs: BUDGET_MS.action,
      streamStartMs: BUDGET_MS.streamStart,
      onStream: (s) => this.trackStream(s),
      gate: this.gate,
    });
    // The session's own list calls: no down-gate (they run while connecting), 5 s deadlines. Its stores are the
    // session's, so their diffs go out like every other store's.
    this.swarm = new SwarmStore(endpointId, this.engine, log, {
      nodes: this.addStore("nodes", (n) => n.id),
      services: this.addStore("services", (s) => s.id),
      tasks: this.addStore("tasks", (t) => t.id),
      secrets: this.addStore("secrets", (s) => s.id),
      configs: this.addStore("configs", (c) => c.id),
    });
    this.swarm.on("active", () => this.emit("capabilities", [...this.capabilities]));
    this.logs = new DockerLogSource(this);
    this.stats = new DockerStatsSource(this);
    this.exec = new DockerExecSource(this);
  }

  get capabilities(): ReadonlySet<Capability> {
    return this.swarm.active ? MANAGER_CAPABILITIES : CAPABILITIES;
  }

  mirrorCapabilities(capabilities: Capability[]): void {
    const manager = capabilities.includes("swarm");
    if (manager === this.swarm.active) return;
    this.swarm.active = manager;
    this.emit("capabilities", [...this.capabilities]);
  }

  access(): DockerAccess {
    return this;
  }

  describeError(err: unknown): string {
    return describeDockerError(err);
  }

  userError(err: unknown): UserError {
    return dockerUserError(err);
  }

  counts(): ContainerCounts {
    return countContainers(this.containers.values());
  }

  async lookupContainer(ref: string): Promise<string | undefined> {
    try {
      const info = (await this.api.getContainer(ref).inspect()) as { Id?: string };
      return info.Id;
    } catch {
      return undefined;
    }
  }

  /**
   * A client whose calls may take up to `ms` (undefined: as long as the engine needs), for calls the engine answers
   * only when done: a stop waits out the grace period, a remove deletes volumes, a prune walks everything.
   */
  client(ms: number | undefined): Docker {
    const key = ms ?? 0;
    let c = this.budgeted.get(key);
    if (!c) {
      c = budgetedClient(this.options, {
        callMs: ms,
        streamStartMs: BUDGET_MS.streamStart,
        onStream: (s) => this.trackStream(s),
        gate: this.gate,
      });
      // Grace periods vary per container; keep the cache from growing without bound.
      if (this.budgeted.size > 32) this.budgeted.clear();
      this.budgeted.set(key, c);
    }
    return c;
  }

  private readonly gate = (): Error | null =>
    this.health.state === "down" ? endpointDownError(this.health.reason, this.health.since) : null;

  private trackStream(stream: Readable): void {
    if (this.stopped) return void stream.destroy();
    this.liveStreams.add(stream);
    stream.once("close", () => this.liveStreams.delete(stream));
  }

  /** Number of long streams open to this engine (the soak bench checks they do not pile up). */
  get openStreams(): number {
    return this.liveStreams.size;
  }

  /** A client without the request timeout, for long streams (image pulls) that must not be cut after 5 s. */
  get streamApi(): Docker {
    return this.streamClient;
  }

  /** A client without request timeouts, for long-lived per-container streams (logs, stats, exec). */
  streams(): Docker {
    return this.streamClient;
  }

  snapshot(): ContainerSummary[] {
    return this.containers.snapshot();
  }

  networkSnapshot(): NetworkSummary[] {
    return this.networks.snapshot();
  }

  protected close(): void {
    this.stream?.destroy();
    if (this.factsTimer) clearTimeout(this.factsTimer);
    this.agent?.destroy();
    for (const s of this.liveStreams) s.destroy();
    this.liveStreams.clear();
    this.swarm.stop();
  }

  /**
   * A hung or vanished engine: drop the events stream so the loop reconnects with backoff, and end the logs, stats
   * and exec streams too (they would otherwise look live while nothing comes): their owners report the loss.
   */
  protected dropUpstream(): void {
    this.stream?.destroy();
    for (const s of this.liveStreams)
      s.destroy(
        Object.assign(new Error("engine not responding"), { code: "BERTH_TIMEOUT", timeoutMs: REQUEST_TIMEOUT_MS }),
      );
    this.liveStreams.clear();
  }

  protected async probe(): Promise<number> {
    const t0 = performance.now();
    const pong = await timeout(this.engine.ping(), REQUEST_TIMEOUT_MS);
    const text = Buffer.isBuffer(pong) ? pong.toString() : String(pong);
    if (text !== "OK")
      throw Object.assign(new Error("Not a Docker API: /_ping did not answer OK"), { code: "BERTH_NOT_DOCKER" });
    return Math.round(performance.now() - t0);
  }

  protected async connect(): Promise<Connected> {
    const t0 = performance.now();
    const version = await timeout(this.engine.version(), REQUEST_TIMEOUT_MS);
    if (!version || typeof version.ApiVersion !== "string") {
      throw Object.assign(new Error("Not a Docker API: /version has no ApiVersion"), { code: "BERTH_NOT_DOCKER" });
    }
    const latencyMs = Math.round(performance.now() - t0);
    // Open the stream before listing, so nothing that happens between the two is missed; resume from the newest event
    // this session shows (a takeover from a dead owner, a dropped engine connection), so the feed misses none.
    const replay = EventReplay.after(this.recentEvents.toArray());
    this.replay = replay;
    const pending = this.engine.getEvents({
      ...(replay ? { since: replay.since } : {}),
      filters: { type: EVENT_STREAM_TYPES },
    }) as unknown as Promise<Readable>;
    const stream = await timeout(pending, REQUEST_TIMEOUT_MS).catch((err) => {
      // A stream that arrives after the timeout has no owner: close it rather than leak the connection.
      pending.then(
        (late) => late.destroy(),
        () => {},
      );
      throw err;
    });
    // stop() ran while connecting: nobody would ever close this stream.
    if (this.stopped) {
      stream.destroy();
      return {};
    }
    this.attachStream(stream);
    await this.relist();
    await this.relistSwarm();
    this.scheduleFacts(0);
    return { version: version.Version, apiVersion: version.ApiVersion, latencyMs };
  }

  protected async reconcile(): Promise<void> {
    this.scheduleFacts(0);
    try {
      await this.relist();
    } finally {
      await this.relistSwarm();
    }
  }

  /** The swarm store never fails a connection: an engine whose swarm answers badly is still a Docker endpoint. */
  private async relistSwarm(): Promise<void> {
    try {
      await this.swarm.relistAll();
    } catch (err) {
      this.log.debug({ endpointId: this.endpointId, err: describeDockerError(err) }, "swarm list failed");
    }
  }

  /** Coalesces bursts of image/volume/network events into one refresh of the counts. */
  private scheduleFacts(delayMs = 1_000): void {
    if (this.stopped || this.factsTimer) return;
    this.factsTimer = setTimeout(() => {
      this.factsTimer = null;
      void this.refreshFacts();
    }, delayMs);
  }

  private async refreshFacts(): Promise<void> {
    if (this.stopped || this.factsRunning) return;
    this.factsRunning = true;
    try {
      const [info, volumes, networks] = await Promise.all([
        timeout(this.engine.info(), REQUEST_TIMEOUT_MS),
        timeout(this.engine.listVolumes(), REQUEST_TIMEOUT_MS),
        timeout(this.engine.listNetworks(), REQUEST_TIMEOUT_MS),
      ]);
      if (this.stopped) return;
      this.setFacts({
        cpus: Number(info.NCPU) || 0,
        memoryBytes: Number(info.MemTotal) || 0,
        images: Number(info.Images) || 0,
        volumes: volumes?.Volumes?.length ?? 0,
        networks: Array.isArray(networks) ? networks.length : 0,
        os: typeof info.OperatingSystem === "string" ? info.OperatingSystem : undefined,
        updatedAt: Date.now(),
      });
    } catch (err) {
      this.log.debug({ endpointId: this.endpointId, err: describeDockerError(err) }, "facts refresh failed");
    } finally {
      this.factsRunning = false;
    }
  }

  private attachStream(stream: Readable): void {
    this.stream = stream;
    this.eventStreamsOpened++;
    this.eventStreamsOpen++;
    let buf = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      buf += chunk;
      let nl = buf.indexOf("\n");
      while (nl >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (line) this.onEventLine(line);
        nl = buf.indexOf("\n");
      }
      // Guard against an endless line from a misbehaving peer.
      if (buf.length > 1_000_000) buf = "";
    });
    const done = () => {
      if (this.stream !== stream) return;
      this.stream = null;
      this.eventStreamsOpen--;
      this.upstreamLost();
    };
    stream.on("error", done);
    stream.on("end", done);
    stream.on("close", done);
  }

  private onEventLine(line: string): void {
    let ev: {
      Type?: string;
      Action?: string;
      id?: string;
      Actor?: { ID?: string; Attributes?: Record<string, string> };
    };
    try {
      ev = JSON.parse(line);
    } catch {
      return;
    }
    const normalized = toEngineEvent(this.endpointId, ev, 0);
    // A replayed event already in the feed: its effects (store, swarm, facts) are in the relist that follows.
    if (normalized && this.replay?.known(normalized)) return;
    if (normalized) this.pushEvent({ ...normalized, id: `${this.endpointId}:${this.nextEventSeq()}` });
    if (ev.Type && SWARM_EVENT_TYPES.has(ev.Type)) {
      this.swarm.onEvent(ev);
      return;
    }
    if (ev.Type === "container") this.swarm.onEvent(ev);
    if (ev.Type === "network") {
      this.scheduleFacts();
      this.onNetworkEvent(ev.Action ?? "", ev.Actor?.ID ?? "", ev.Actor?.Attributes?.container);
      return;
    }
    if (ev.Type && ev.Type !== "container") return void this.scheduleFacts();
    const id = ev.Actor?.ID ?? ev.id;
    if (ev.Type !== "container" || !id) return;
    // exec and attach events do not change the list row.
    if (ev.Action?.startsWith("exec_") || ev.Action === "attach" || ev.Action === "top") return;
    if (ev.Action === "die") this.died.add(id);
    else if (ev.Action === "start" || ev.Action === "destroy") this.died.delete(id);
    void this.refreshOne(id);
  }

  /** Connect/disconnect change a container's networks (re-read it); anything else may change the network list. */
  private onNetworkEvent(action: string, networkId: string, containerId: string | undefined): void {
    if ((action === "connect" || action === "disconnect") && containerId) {
      void this.refreshAfterNetworkEvent(containerId, networkId, action === "connect");
      return;
    }
    void this.refreshNetworks();
  }

  /**
   * The engine reports a connect before the container's own record shows it, so a list at once can be stale. Read
   * the container, and for a running one read again a little later until it agrees with the event. (Stopping a
   * container also disconnects it while its record keeps the network: those are not retried.)
   */
  private async refreshAfterNetworkEvent(containerId: string, networkId: string, connected: boolean): Promise<void> {
    for (const delay of [0, 100, 300, 1_000]) {
      if (delay) await new Promise((r) => setTimeout(r, delay).unref());
      if (this.stopped) return;
      await this.refreshOne(containerId);
      const c = this.containers.get(containerId);
      if (c?.state !== "running") return;
      if ((c.networks?.some((n) => n.id === networkId) ?? false) === connected) return;
    }
  }

  /** Re-lists networks after a network event; bursts (a compose down removes several) coalesce into one more run. */
  private async refreshNetworks(): Promise<void> {
    if (this.networksRefresh !== "idle") {
      this.networksRefresh = "again";
      return;
    }
    try {
      do {
        this.networksRefresh = "running";
        await this.relistNetworks();
      } while ((this.networksRefresh as string) === "again" && !this.stopped);
    } catch (err) {
      this.log.debug({ endpointId: this.endpointId, err: describeDockerError(err) }, "network refresh failed");
    } finally {
      this.networksRefresh = "idle";
    }
  }

  private async relistNetworks(): Promise<void> {
    const list = (await timeout(this.engine.listNetworks(), REQUEST_TIMEOUT_MS)) as EngineNetwork[];
    this.networks.replaceAll(list.map((n) => toNetworkSummary(this.endpointId, n)));
  }

  /** Re-reads one container after an event; coalesces bursts of events for the same id. */
  private async refreshOne(id: string): Promise<void> {
    if (this.refreshing.has(id)) {
      this.refreshing.set(id, true);
      return;
    }
    try {
      let retry = 0;
      do {
        this.refreshing.set(id, false);
        const requestedAt = performance.now();
        const list = (await this.engine.listContainers({ all: true, filters: { id: [id] } })) as EngineContainer[];
        const found = list.find((c) => c.Id === id);
        if (found?.State === "running" && this.died.has(id) && retry < STALE_RETRIES_MS.length) {
          // The list lags the `die` event: read again shortly rather than publish a state we know is stale.
          await new Promise((r) => setTimeout(r, STALE_RETRIES_MS[retry++]));
          this.refreshing.set(id, true);
          continue;
        }
        this.died.delete(id);
        this.readAt.set(id, requestedAt);
        if (found) this.containers.upsert(toContainerSummary(this.endpointId, found));
        else this.containers.delete(id);
      } while (this.refreshing.get(id) && !this.stopped);
    } catch (err) {
      this.log.debug({ endpointId: this.endpointId, err: describeDockerError(err) }, "container refresh failed");
    } finally {
      this.refreshing.delete(id);
    }
  }

  /** Full list, replacing the store; emits what changed. Runs on every (re)connect and periodically. */
  private async relist(): Promise<void> {
    const requestedAt = performance.now();
    const list = (await timeout(this.engine.listContainers({ all: true }), REQUEST_TIMEOUT_MS)) as EngineContainer[];
    const next = new Map(list.map((c) => [c.Id, toContainerSummary(this.endpointId, c)]));
    // A per-event read requested after this list is newer than it: keep that container as the store has it.
    for (const [id, at] of this.readAt) {
      if (at <= requestedAt) continue;
      const current = this.containers.get(id);
      if (current) next.set(id, current);
      else next.delete(id);
    }
    this.readAt.clear();
    this.containers.replaceAll(next);
    await this.relistNetworks();
  }
}
