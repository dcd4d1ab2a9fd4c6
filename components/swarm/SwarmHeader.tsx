import type { ReactNode } from "react";
import { EndpointNav } from "@/components/resources/EndpointNav";
import type { EndpointView } from "@/lib/domain";
import { SwarmNav, type SwarmTab } from "./SwarmNav";

/** Title and navigation of every swarm page; says so when the endpoint is not (or no longer) a swarm manager. */
export function SwarmHeader(props: { endpoint: EndpointView; tab: SwarmTab; title?: string; children: ReactNode }) {
  const swarm = props.endpoint.capabilities?.includes("swarm") ?? false;
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">{props.title ?? `Swarm on ${props.endpoint.name}`}</h1>
      <EndpointNav endpointId={props.endpoint.id} current="swarm" capabilities={props.endpoint.capabilities} />
      <SwarmNav endpointId={props.endpoint.id} current={props.tab} />
      {swarm ? (
        props.children
      ) : (
        <p role="status" className="text-sm">
          {props.endpoint.name} is not a Swarm manager
          {props.endpoint.health.state !== "up" ? " (or is not reachable)" : ""}.
        </p>
      )}
    </>
  );
}
