"use client";

import { useMemo } from "react";
import { syntheticTopology } from "@/lib/topology-synthetic";
import { TopologyPanels } from "./TopologyView";

/** Renders a synthetic graph through the real graph and table components (benchmark only). */
export function TopologyBench({ nodes }: { nodes: number }) {
  const graph = useMemo(() => syntheticTopology(nodes), [nodes]);
  // Everything in view at once (minimum zoom 0.02): the heaviest frame to draw, which is what the bench measures.
  return <TopologyPanels graph={graph} status="live" onOpen={() => {}} fitMinZoom={0.02} />;
}
