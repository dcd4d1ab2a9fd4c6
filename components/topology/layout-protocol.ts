import type { TopologyGraph } from "@/lib/topology";
import type { Point } from "@/lib/topology-layout";

/** Messages between the page and the layout worker. */
export interface LayoutRequest {
  id: number;
  graph: TopologyGraph;
  /** Positions already on screen; they are kept. Empty, or `full`, lays out everything from scratch. */
  known: [string, Point][];
  full: boolean;
}

export interface LayoutResponse {
  id: number;
  positions: [string, Point][];
  mode: "full" | "incremental";
  /** Time spent in the worker. */
  ms: number;
  error?: string;
}
