import { z } from "zod";
import {
  connectNetworkInput,
  createNetworkInput,
  disconnectNetworkInput,
  networkRef,
  removeNetworkInput,
} from "@/lib/resource-schemas";
import { endpointId } from "@/lib/schemas";
import { parseInput } from "@/server/entry/parse-input";
import { defineRoute } from "@/server/entry/route";
import { inspectNetwork } from "@/server/services/networks/list-networks";
import {
  connectNetwork,
  createNetwork,
  disconnectNetwork,
  removeNetwork,
} from "@/server/services/networks/network-ops";

export const dynamic = "force-dynamic";

const api = { source: "api" };
const onEndpoint = (i: { params: { endpointId: string } }) => ({ endpointId: i.params.endpointId });
const body = (input: { params: { endpointId: string }; body?: unknown }) => ({
  ...(input.body && typeof input.body === "object" ? input.body : {}),
  endpointId: input.params.endpointId,
});

/** GET .../networks/inspect?network= */
export const GET = defineRoute(
  {
    name: "api.networks.inspect",
    schema: z.object({
      params: z.object({ endpointId, op: z.enum(["inspect"]) }),
      query: z.object({ network: networkRef }),
    }),
    permission: "network:read",
    resource: onEndpoint,
  },
  (actor, { params, query }) => inspectNetwork(actor, params.endpointId, query.network),
);

/** POST .../networks/{create|remove|connect|disconnect} with a JSON body. */
export const POST = defineRoute(
  {
    name: "api.networks.manage",
    schema: z.object({
      params: z.object({ endpointId, op: z.enum(["create", "remove", "connect", "disconnect"]) }),
      body: z.unknown(),
    }),
    permission: "network:manage",
    resource: onEndpoint,
  },
  async (actor, input) => {
    switch (input.params.op) {
      case "create":
        return createNetwork(actor, parseInput(createNetworkInput, body(input)), api);
      case "remove":
        return removeNetwork(actor, parseInput(removeNetworkInput, body(input)), api);
      case "connect":
        return connectNetwork(actor, parseInput(connectNetworkInput, body(input)), api);
      case "disconnect":
        return disconnectNetwork(actor, parseInput(disconnectNetworkInput, body(input)), api);
    }
  },
);
