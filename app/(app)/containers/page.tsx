import { ContainerListPage } from "@/components/containers/list/ContainerListPage";
import type { ContainerSummary } from "@/lib/domain";
import { can } from "@/lib/policy";
import { requestActor } from "@/server/auth/request-actor";
import { listContainers } from "@/server/services/containers/list-containers";
import { listEndpoints } from "@/server/services/endpoints/list-endpoints";

export const dynamic = "force-dynamic";

export const metadata = { title: "Containers · All endpoints" };

export default async function AllContainersPage() {
  const actor = await requestActor();
  const endpoints = listEndpoints(actor);
  const initial: Record<string, ContainerSummary[]> = {};
  for (const e of endpoints) {
    if (!can(actor, "container:read", { endpointId: e.id })) continue;
    try {
      initial[e.id] = listContainers(actor, e.id);
    } catch {
      // An endpoint removed meanwhile: the live subscription settles it.
    }
  }
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">All containers</h1>
      <ContainerListPage
        endpoints={endpoints}
        initial={initial}
        operable={endpoints.filter((e) => can(actor, "container:operate", { endpointId: e.id })).map((e) => e.id)}
        creatable={endpoints.filter((e) => can(actor, "container:create", { endpointId: e.id })).map((e) => e.id)}
      />
    </>
  );
}
