import Link from "next/link";
import { TopologyView } from "@/components/topology/TopologyView";
import { can } from "@/lib/policy";
import { topologyElements } from "@/lib/topology";
import { requestActor } from "@/server/auth/request-actor";
import { listEndpoints } from "@/server/services/endpoints/list-endpoints";
import { getTopology } from "@/server/services/topology/get-topology";

export const metadata = { title: "Topology · All endpoints" };

export const dynamic = "force-dynamic";

export default async function TopologyPage() {
  const actor = await requestActor();
  if (!actor) return null;
  const endpoints = listEndpoints(actor).filter((e) => can(actor, "container:read", { endpointId: e.id }));
  const initial = Object.fromEntries(endpoints.map((e) => [e.id, topologyElements(getTopology(actor, e.id))]));
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Network topology</h1>
      <nav aria-label="Topology per endpoint" className="mb-4 flex flex-wrap gap-3 text-sm">
        {endpoints.map((e) => (
          <Link key={e.id} href={`/endpoints/${encodeURIComponent(e.id)}/topology`} className="hover:underline">
            {e.name} only
          </Link>
        ))}
      </nav>
      <TopologyView endpoints={endpoints} initial={initial} />
    </>
  );
}
