import type { ContainerSummary, Diff, NetworkSummary } from "@/lib/domain";
import { buildTopology, diffTopology, type TopologyElement, type TopologyGraph } from "@/lib/topology";
import type { DockerAccess } from "@/server/endpoints/docker/docker-access";
import type { EndpointManager } from "@/server/endpoints/endpoint-manager";
import type { Logger } from "@/server/log";

const REBUILD_DELAY_MS = 25;
const INSPECT_CONCURRENCY = 4;
// Aliases exist only on user-defined networks; containers on these alone need no inspect.
const BUILTIN_NETWORKS = new Set(["bridge", "host", "none"]);

/**
 * The live topology of one endpoint while anyone watches it. Built from the endpoint session's container and network
 * stores (no stream of its own); network aliases, which only a container inspect tells, are fetched once per container
 * and again only when that container's set of networks changes. Every change rebuilds the graph (cheap, O(n)) after a
 * short delay that folds bursts together, and emits only the difference.
 */
export class TopologyFeed {
  graph: TopologyGraph;
  /** containerId -> networkId -> aliases, plus the network-set signature they were read for. */
  private aliases = new Map<string, { sig: string; byNetwork: Map<string, string[]> }>();
  private timer: NodeJS.Timeout | null = null;
  private inspectQueue: string[] = [];
  private inspecting = 0;
  private stopped = false;
  private readonly offStores: (() => void)[];
  private readonly onContainers = (id: string, diff: Diff<ContainerSummary>) => {
    if (id !== this.endpointId) return;
    for (const c of diff.upsert) this.wantAliases(c);
    for (const cid of diff.remove) this.aliases.delete(cid);
    this.schedule();
  };
  private readonly onNetworks = (id: string, _diff: Diff<NetworkSummary>) => {
    if (id === this.endpointId) this.schedule();
  };
  /** Swarm nodes, services and tasks (a manager's): any change rebuilds, like networks. */
  private readonly onSwarm = (id: string, _diff: Diff<unknown>) => {
    if (id === this.endpointId) this.schedule();
  };

  constructor(
    readonly endpointId: string,
    private readonly manager: EndpointManager,
    private readonly emitDiff: (diff: Diff<TopologyElement>) => void,
    private readonly log: Logger,
  ) {
    this.graph = this.build();
    this.offStores = [
      manager.onStore<ContainerSummary>("containers", this.onContainers),
      manager.onStore<NetworkSummary>("networks", this.onNetworks),
      ...(["nodes", "services", "tasks"] as const).map((r) => manager.onStore(r, this.onSwarm)),
    ];
    for (const c of this.session()?.containers.values() ?? []) this.wantAliases(c);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const off of this.offStores) off();
  }

  /** The Docker endpoint's stores and client (aliases need an inspect); none for an endpoint of another kind. */
  private session(): DockerAccess | undefined {
    if (this.manager.session(this.endpointId)?.kind !== "docker") return undefined;
    return this.manager.access(this.endpointId, "docker");
  }

  /** The graph from the session's stores with the aliases known so far. */
  build(): TopologyGraph {
    const session = this.session();
    if (!session) return { nodes: [], edges: [] };
    const containers = [...session.containers.values()].map((c) => {
      const known = this.aliases.get(c.id);
      if (!known || !c.networks) return c;
      return { ...c, networks: c.networks.map((n) => ({ ...n, aliases: known.byNetwork.get(n.id) ?? n.aliases })) };
    });
    const swarm = session.swarm.active
      ? {
          nodes: session.swarm.stores.nodes.values(),
          services: session.swarm.stores.services.values(),
          tasks: session.swarm.stores.tasks.values(),
        }
      : undefined;
    return buildTopology({ endpointId: this.endpointId, networks: session.networks.values(), containers, swarm });
  }

  private schedule(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const next = this.build();
      const diff = diffTopology(this.graph, next);
      this.graph = next;
      if (diff.upsert.length || diff.remove.length) this.emitDiff(diff);
    }, REBUILD_DELAY_MS);
  }

  private wantAliases(c: ContainerSummary): void {
    const userNets = (c.networks ?? []).filter((n) => !BUILTIN_NETWORKS.has(n.name));
    const sig = userNets.map((n) => n.id).join(",");
    const known = this.aliases.get(c.id);
    if (known?.sig === sig) return;
    if (!userNets.length) return void this.aliases.set(c.id, { sig, byNetwork: new Map() });
    this.aliases.set(c.id, { sig, byNetwork: known?.byNetwork ?? new Map() });
    if (!this.inspectQueue.includes(c.id)) this.inspectQueue.push(c.id);
    this.pump();
  }

  private pump(): void {
    while (!this.stopped && this.inspecting < INSPECT_CONCURRENCY && this.inspectQueue.length) {
      const id = this.inspectQueue.shift()!;
      this.inspecting++;
      void this.inspect(id).finally(() => {
        this.inspecting--;
        this.pump();
      });
    }
  }

  private async inspect(id: string, attempt = 1): Promise<void> {
    const session = this.session();
    if (!session || !this.aliases.has(id)) return;
    try {
      const info = (await session.api.getContainer(id).inspect()) as {
        NetworkSettings?: { Networks?: Record<string, { NetworkID?: string; Aliases?: string[] | null }> };
      };
      const entry = this.aliases.get(id);
      if (!entry || this.stopped) return;
      entry.byNetwork = new Map(
        Object.entries(info.NetworkSettings?.Networks ?? {}).map(([name, n]) => [n.NetworkID || name, n.Aliases ?? []]),
      );
      this.schedule();
    } catch (err) {
      this.log.debug({ endpointId: this.endpointId, containerId: id, err: String(err) }, "topology inspect failed");
      // A busy engine can time out: try again a little later while the container is still there; then give up
      // until its networks change again (the edge is shown meanwhile, only without aliases).
      if (attempt < 3 && !this.stopped && this.session()?.containers.has(id)) {
        await new Promise((r) => setTimeout(r, 500 * attempt));
        return this.inspect(id, attempt + 1);
      }
      this.aliases.delete(id);
    }
  }
}

/**
 * One feed per watched endpoint, shared by the topic handler and the snapshot service. Next's server bundle and the
 * custom server each load this module, so (like the runtime) the map lives on globalThis.
 */
const FEEDS_KEY = Symbol.for("berth.topologyFeeds");
const holder = globalThis as { [FEEDS_KEY]?: Map<string, TopologyFeed> };
holder[FEEDS_KEY] ??= new Map();
export const topologyFeeds: Map<string, TopologyFeed> = holder[FEEDS_KEY];
