import { StacksList } from "@/components/stacks/StacksList";
import type { ContainerSummary } from "@/lib/domain";
import { can } from "@/lib/policy";
import { requestActor } from "@/server/auth/request-actor";
import { listContainers } from "@/server/services/containers/list-containers";
import { listEndpoints } from "@/server/services/endpoints/list-endpoints";
import { listStackRecords } from "@/server/services/stacks/stack-records";

export const dynamic = "force-dynamic";

export const metadata = { title: "Stacks · All endpoints" };

/** Every Compose project on every Docker endpoint the user may read. */
export default async function AllStacksPage() {
  const actor = await requestActor();
  const endpoints = listEndpoints(actor).filter((e) => e.kind === "docker");
  const initial: Record<string, ContainerSummary[]> = {};
  for (const e of endpoints) {
    if (!can(actor, "container:read", { endpointId: e.id })) continue;
    try {
      initial[e.id] = listContainers(actor, e.id);
    } catch {
      // Down or removed meanwhile: the live subscription settles it.
    }
  }
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">All stacks</h1>
      <StacksList
        endpoints={endpoints}
        initial={initial}
        records={(await listStackRecords(actor)).filter((r) => r.endpointId in initial)}
        operable={endpoints.filter((e) => can(actor, "container:operate", { endpointId: e.id })).map((e) => e.id)}
        showEndpoint
      />
    </>
  );
}
