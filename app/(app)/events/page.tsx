import { EventsView } from "@/components/events/EventsView";
import { requestActor } from "@/server/auth/request-actor";
import { listEndpoints } from "@/server/services/endpoints/list-endpoints";

export const metadata = { title: "Events · All endpoints" };

export const dynamic = "force-dynamic";

export default async function AllEventsPage() {
  const actor = await requestActor();
  const endpoints = listEndpoints(actor);
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Events on all endpoints</h1>
      <EventsView topic="events" endpointNames={Object.fromEntries(endpoints.map((e) => [e.id, e.name]))} />
    </>
  );
}
