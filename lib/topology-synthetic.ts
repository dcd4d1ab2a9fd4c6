import type { ContainerSummary, NetworkSummary } from "./domain";
import { buildTopology, COMPOSE_PROJECT_LABEL, type TopologyGraph } from "./topology";

/**
 * A made-up endpoint of about `size` graph nodes shaped like real hosts: a few shared networks, compose projects with
 * their own network, most containers on one or two networks, some publishing a host port. Deterministic (seeded), for
 * benchmarks and layout tests; never shown to users.
 */
export function syntheticTopology(size: number, endpointId = "bench", seed = 1): TopologyGraph {
  let s = seed >>> 0 || 1;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const hex = (n: number) => n.toString(16).padStart(64, "0");
  const projects = Math.max(1, Math.round(size / 40));
  const shared = Math.max(2, Math.round(size / 60));
  const networks: NetworkSummary[] = [];
  const net = (i: number, name: string, labels: Record<string, string> = {}): NetworkSummary => ({
    id: hex(0xa000000 + i),
    endpointId,
    name,
    driver: "bridge",
    scope: "local",
    internal: false,
    labels,
  });
  for (let i = 0; i < shared; i++) networks.push(net(i, `shared-${i}`));
  for (let p = 0; p < projects; p++)
    networks.push(net(shared + p, `app${p}_default`, { [COMPOSE_PROJECT_LABEL]: `app${p}` }));

  // Every container is one node and about a fifth publish a port (one more node): containers ~ remaining / 1.2.
  const containerCount = Math.max(1, Math.round((size - networks.length - projects) / 1.2));
  const containers: ContainerSummary[] = [];
  for (let i = 0; i < containerCount; i++) {
    const inProject = rand() < 0.5;
    const p = Math.floor(rand() * projects);
    const first = inProject ? networks[shared + p]! : networks[Math.floor(rand() * shared)]!;
    const attached = [first];
    if (rand() < 0.3) attached.push(networks[Math.floor(rand() * shared)]!);
    const publishes = rand() < 0.2;
    containers.push({
      id: hex(0xc000000 + i),
      endpointId,
      name: inProject ? `app${p}-svc${i}-1` : `box-${i}`,
      image: "busybox:latest",
      state: rand() < 0.9 ? "running" : "exited",
      status: "",
      ports: publishes ? [{ ip: "127.0.0.1", privatePort: 80, publicPort: 20000 + i, type: "tcp" }] : [],
      created: 0,
      labels: inProject ? { [COMPOSE_PROJECT_LABEL]: `app${p}` } : {},
      networks: [...new Set(attached)].map((n) => ({ id: n.id, name: n.name, aliases: rand() < 0.3 ? ["api"] : [] })),
    });
  }
  return buildTopology({ endpointId, networks, containers });
}
