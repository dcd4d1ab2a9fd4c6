import { notFound } from "next/navigation";
import { endpointTitle } from "@/app/(app)/page-title";
import { EventsView } from "@/components/events/EventsView";
import { EndpointNav } from "@/components/resources/EndpointNav";
import { can } from "@/lib/policy";
import { eventsTopic } from "@/lib/topics";
import { requestActor } from "@/server/auth/request-actor";
import { getEndpoint } from "@/server/services/endpoints/list-endpoints";

export const generateMetadata = endpointTitle("Events");

export const dynamic = "force-dynamic";

export default async function EventsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requestActor();
  const endpoint = getEndpoint(actor, id);
  if (!endpoint || !actor || !can(actor, "event:read", { endpointId: id })) notFound();
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Events on {endpoint.name}</h1>
      <EndpointNav endpointId={id} current="events" />
      <EventsView topic={eventsTopic(id)} />
    </>
  );
}
