import { notFound } from "next/navigation";
import { TopologyBench } from "@/components/topology/TopologyBench";

export const metadata = { title: "Topology bench" };

export const dynamic = "force-dynamic";

/** Made-up graphs for bench/topology.ts; exists only when the server runs with BERTH_TOPOLOGY_BENCH=1. */
export default async function TopologyBenchPage({ searchParams }: { searchParams: Promise<{ nodes?: string }> }) {
  if (process.env.BERTH_TOPOLOGY_BENCH !== "1") notFound();
  const n = Math.min(5000, Math.max(1, Number.parseInt((await searchParams).nodes ?? "100", 10) || 100));
  return <TopologyBench nodes={n} />;
}
