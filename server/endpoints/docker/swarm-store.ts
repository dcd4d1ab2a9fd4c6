import { EventEmitter } from "node:events";
import type Docker from "dockerode";
import { type SwarmItems, type SwarmResource, type SwarmService, taskInTransition } from "@/lib/swarm";
import type { Logger } from "@/server/log";
import type { KeyedStore } from "../keyed-store";
import { describeDockerError, timeout } from "./connect";
import { countTasks, toSwarmNode, toSwarmObject, toSwarmService, toSwarmTask } from "./swarm-map";

const REQUEST_TIMEOUT_MS = 5_000;
/** Re-reads of the task list after an event: worker task states reach the manager without an event of their own. */
const FOLLOW_UP_MS = [150, 400, 1_000, 2_000];
/**
 * While any task is still moving (or a rolling update runs), the task list is read again: at first this often, then
 * less often (up to CONVERGING_MAX_MS) while reads bring nothing new, so a service that never converges (an image no
 * node has) does not keep the engine busy.
 */
const CONVERGING_EVERY_MS = 400;
const CONVERGING_MAX_MS = 5_000;

/** The session's stores this fills, one per swarm resource (registered by the session, so diffs go out as usual). */
export type SwarmStores = { [R in SwarmResource]: KeyedStore<SwarmItems[R]> };

export interface SwarmStoreEvents {
  /** The engine became (or stopped being) a reachable swarm manager. */
  active: [boolean];
}

/**
 * The swarm half of a Docker endpoint session, fed by the session's ONE events stream: node, service, secret and
 * config events re-read their kind; container events of tasks (and every node or service change, which moves tasks)
 * re-read the task list. Docker sends no task events, and a worker's task states reach the manager without any
 * event at all, so after each event the task list is read again a few times, and for as long as something is still
 * converging (tasks starting or stopping, an update rolling). Everything is listed anew on each (re)connect.
 */
export class SwarmStore extends EventEmitter<SwarmStoreEvents> {
  /** A reachable manager (Swarm.ControlAvailable): only then is there anything to list. */
  active = false;
  private stopped = false;
  private running = new Map<SwarmResource, "running" | "again">();
  private followUps: NodeJS.Timeout[] = [];
  private converging: NodeJS.Timeout | null = null;
  private convergeDelay = CONVERGING_EVERY_MS;
  /** The newest raw service list, so task changes can recount replicas without listing services again. */
  private rawServices: unknown[] = [];

  constructor(
    private readonly endpointId: string,
    private readonly api: Docker,
    private readonly log: Logger,
    readonly stores: SwarmStores,
  ) {
    super();
    this.setMaxListeners(0);
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    this.removeAllListeners();
  }

  snapshot<R extends SwarmResource>(resource: R): SwarmItems[R][] {
    return (this.stores[resource] as KeyedStore<SwarmItems[R]>).snapshot();
  }

  /** After every (re)connect and on the periodic reconcile: is this a manager, then list everything. */
  async relistAll(): Promise<void> {
    const info = (await timeout(this.api.info(), REQUEST_TIMEOUT_MS)) as { Swarm?: { ControlAvailable?: boolean } };
    const active = info?.Swarm?.ControlAvailable === true;
    if (active !== this.active) {
      this.active = active;
      this.emit("active", active);
    }
    if (!active) {
      for (const r of Object.keys(this.stores) as SwarmResource[]) this.replace(r, new Map());
      return;
    }
    await Promise.all([this.refresh("nodes"), this.refresh("secrets"), this.refresh("configs")]);
    await this.refresh("tasks");
    await this.refresh("services");
    this.watchConvergence();
  }

  /** One raw engine event from the session's stream. */
  onEvent(ev: { Type?: string; Action?: string; Actor?: { Attributes?: Record<string, string> } }): void {
    if (this.stopped) return;
    switch (ev.Type) {
      case "node":
        void this.refresh("nodes");
        this.tasksSoon();
        return;
      case "service":
        void this.refresh("services");
        this.tasksSoon();
        return;
      case "secret":
        void this.refresh("secrets");
        return;
      case "config":
        void this.refresh("configs");
        return;
      case "container":
        if (this.active && ev.Actor?.Attributes?.["com.docker.swarm.task.id"]) this.tasksSoon();
        return;
    }
  }

  /** Lists one kind again (bursts coalesce into one more run) and emits what changed. */
  async refresh(resource: SwarmResource): Promise<void> {
    if (this.running.has(resource)) {
      this.running.set(resource, "again");
      return;
    }
    try {
      do {
        this.running.set(resource, "running");
        await this.list(resource);
      } while (this.running.get(resource) === "again" && !this.stopped);
    } catch (err) {
      this.log.debug({ endpointId: this.endpointId, resource, err: describeDockerError(err) }, "swarm refresh failed");
    } finally {
      this.running.delete(resource);
    }
  }

  private async list(resource: SwarmResource): Promise<void> {
    const call = {
      nodes: () => this.api.listNodes(),
      services: () => this.api.listServices(),
      tasks: () => this.api.listTasks(),
      secrets: () => this.api.listSecrets(),
      configs: () => this.api.listConfigs(),
    }[resource];
    const raw = ((await timeout(call(), REQUEST_TIMEOUT_MS)) ?? []) as unknown[];
    if (this.stopped) return;
    if (resource === "services") {
      this.rawServices = raw;
      this.replace("services", this.mapServices());
      return;
    }
    const map = { nodes: toSwarmNode, tasks: toSwarmTask, secrets: toSwarmObject, configs: toSwarmObject }[resource];
    const next = new Map<string, SwarmItems[SwarmResource]>();
    for (const r of raw) {
      const item = map(r);
      next.set(item.id, item);
    }
    this.replace(resource, next);
    // Replica counts follow the tasks.
    if (resource === "tasks") this.replace("services", this.mapServices());
  }

  private mapServices(): Map<string, SwarmService> {
    const counts = countTasks(this.stores.tasks.values());
    const next = new Map<string, SwarmService>();
    for (const r of this.rawServices) {
      const id = (r as { ID?: string }).ID ?? "";
      const s = toSwarmService(r, counts.get(id) ?? { running: 0, wanted: 0 });
      next.set(s.id, s);
    }
    return next;
  }

  private replace(resource: SwarmResource, next: Map<string, SwarmItems[SwarmResource]>): void {
    const store = this.stores[resource] as KeyedStore<SwarmItems[SwarmResource]>;
    const diff = store.replaceAll(next);
    if (!diff.upsert.length && !diff.remove.length) return;
    if (resource === "tasks" || resource === "services") this.convergeDelay = CONVERGING_EVERY_MS;
  }

  /** Reads the task list now and a few times more; then keeps reading while anything converges. */
  private tasksSoon(): void {
    if (!this.active || this.stopped) return;
    void this.refresh("tasks").then(() => this.watchConvergence());
    for (const t of this.followUps) clearTimeout(t);
    this.followUps = FOLLOW_UP_MS.map((ms) =>
      setTimeout(() => void this.refresh("tasks").then(() => this.watchConvergence()), ms),
    );
  }

  private isConverging(): boolean {
    for (const t of this.stores.tasks.values()) if (taskInTransition(t)) return true;
    for (const s of this.stores.services.values()) {
      const st = s.updateStatus?.state;
      if (st === "updating" || st === "rollback_started") return true;
      if (s.running < s.desired) return true;
    }
    return false;
  }

  private watchConvergence(): void {
    if (this.converging || this.stopped || !this.isConverging()) return;
    const delay = this.convergeDelay;
    this.convergeDelay = Math.min(delay * 2, CONVERGING_MAX_MS);
    this.converging = setTimeout(async () => {
      this.converging = null;
      // An update's state lives on the service, not its tasks.
      await Promise.all([this.refresh("tasks"), this.refresh("services")]);
      this.watchConvergence();
    }, delay);
  }

  private clearTimers(): void {
    for (const t of this.followUps) clearTimeout(t);
    this.followUps = [];
    if (this.converging) clearTimeout(this.converging);
    this.converging = null;
  }
}
