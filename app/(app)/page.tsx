import { HostCards } from "@/components/home/HostCards";
import { ProblemsPanel } from "@/components/home/ProblemsPanel";
import type { ContainerSummary } from "@/lib/domain";
import { can } from "@/lib/policy";
import { requestActor } from "@/server/auth/request-actor";
import { listContainers } from "@/server/services/containers/list-containers";
import { listEndpoints } from "@/server/services/endpoints/list-endpoints";

export const dynamic = "force-dynamic";

export const metadata = { title: "Home" };

/** Problems first (what needs attention, each count a link to the filtered list), then one card per endpoint. */
export default async function Home() {
  const actor = await requestActor();
  const endpoints = listEndpoints(actor);
  const initial: Record<string, ContainerSummary[]> = {};
  for (const e of endpoints) {
    if (!can(actor, "container:read", { endpointId: e.id })) continue;
    try {
      initial[e.id] = listContainers(actor, e.id);
    } catch {
      // Removed meanwhile: the live subscription settles it.
    }
  }
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Home</h1>
      <ProblemsPanel endpoints={endpoints} initial={initial} />
      <h2 className="mb-2 text-lg font-semibold">Endpoints</h2>
      <HostCards initial={endpoints} />
    </>
  );
}
