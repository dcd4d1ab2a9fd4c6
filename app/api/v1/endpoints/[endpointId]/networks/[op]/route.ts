import { z } from "zod";
import {
  connectNetworkInput,
  createNetworkInput,
  disconnectNetworkInput,
  networkRef,
  removeNetworkInput,
} from "@/lib/resource-schemas";
import { endpointId } from "@/lib/schemas";
import { bodyWithEndpoint, onEndpoint, parseInput } from "@/server/entry/parse-input";
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

/** GET .../networks/inspect?network= */
export const GET = defineRoute(
  {
    name: "api.networks.inspect",
    summary: "inspect (?network=)",
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
    summary:
      "create {name, driver, subnet, gateway, parent, internal, attachable, labels}, remove {network}, connect {network, container, aliases}, disconnect {network, container}",
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
        return createNetwork(actor, parseInput(createNetworkInput, bodyWithEndpoint(input)), api);
      case "remove":
        return removeNetwork(actor, parseInput(removeNetworkInput, bodyWithEndpoint(input)), api);
      case "connect":
        return connectNetwork(actor, parseInput(connectNetworkInput, bodyWithEndpoint(input)), api);
      case "disconnect":
        return disconnectNetwork(actor, parseInput(disconnectNetworkInput, bodyWithEndpoint(input)), api);
    }
  },
);
