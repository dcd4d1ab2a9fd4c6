/// <reference lib="webworker" />
import ELK from "elkjs/lib/elk.bundled.js";
import { absolutePositions, type ElkInNode, placeNewNodes, planLayout } from "@/lib/topology-layout";
import type { LayoutRequest, LayoutResponse } from "./layout-protocol";

/**
 * Lays out topology graphs off the main thread. ELK runs here in-thread (its bundled build, no nested worker); a full
 * layout packs the graph's clusters, an incremental one places only newcomers and leaves every known node where it is.
 */
const elk = new ELK();
const scope = self as unknown as DedicatedWorkerGlobalScope;

async function layout(req: LayoutRequest): Promise<LayoutResponse> {
  const t0 = performance.now();
  const known = new Map(req.known);
  const ids = new Set(req.graph.nodes.map((n) => n.id));
  const kept = [...known.keys()].filter((id) => ids.has(id));
  if (req.full || kept.length === 0) {
    const plan = planLayout(req.graph);
    const packed = (await elk.layout(plan.elk as never)) as unknown as ElkInNode;
    const positions = absolutePositions(plan, packed);
    return { id: req.id, positions: [...positions], mode: "full", ms: performance.now() - t0 };
  }
  const current = new Map(kept.map((id) => [id, known.get(id)!]));
  for (const [id, p] of placeNewNodes(req.graph, current)) current.set(id, p);
  return { id: req.id, positions: [...current], mode: "incremental", ms: performance.now() - t0 };
}

// Assigned after elkjs's import, which installs a message handler of its own when it finds itself in a worker.
scope.onmessage = (event: MessageEvent<LayoutRequest>) => {
  layout(event.data).then(
    (res) => scope.postMessage(res),
    (err) =>
      scope.postMessage({
        id: event.data.id,
        positions: [],
        mode: "full",
        ms: 0,
        error: String(err),
      } satisfies LayoutResponse),
  );
};

// Warm ELK up (its first run initialises a lot) so the first real layout is not the slow one.
void elk.layout({
  id: "warm",
  layoutOptions: { "elk.algorithm": "rectpacking" },
  children: [{ id: "a", width: 10, height: 10 }],
});
