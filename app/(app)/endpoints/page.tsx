import { EndpointsManager } from "@/components/endpoints/EndpointsManager";
import { EndpointsTable } from "@/components/endpoints/EndpointsTable";
import { can } from "@/lib/policy";
import { requestActor } from "@/server/auth/request-actor";
import { listEndpoints } from "@/server/services/endpoints/list-endpoints";

export const metadata = { title: "Endpoints" };

export const dynamic = "force-dynamic";

export default async function EndpointsPage() {
  const actor = await requestActor();
  const endpoints = listEndpoints(actor);
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Endpoints</h1>
      {can(actor, "endpoint:manage") ? (
        <EndpointsManager initial={endpoints} />
      ) : (
        <EndpointsTable initial={endpoints} />
      )}
    </>
  );
}
