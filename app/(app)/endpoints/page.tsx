import { EndpointsTable } from "@/components/endpoints/EndpointsTable";
import { requestActor } from "@/server/auth/request-actor";
import { listEndpoints } from "@/server/services/endpoints/list-endpoints";

export const dynamic = "force-dynamic";

export default async function EndpointsPage() {
  const endpoints = listEndpoints(await requestActor());
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Endpoints</h1>
      <EndpointsTable initial={endpoints} />
    </>
  );
}
