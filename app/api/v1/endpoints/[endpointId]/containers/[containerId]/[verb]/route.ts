import { z } from "zod";
import { containerRef, endpointId } from "@/lib/schemas";
import { defineRoute } from "@/server/entry/route";
import { killContainer } from "@/server/services/containers/kill-container";
import { pauseContainer } from "@/server/services/containers/pause-container";
import { removeContainer } from "@/server/services/containers/remove-container";
import { restartContainer } from "@/server/services/containers/restart-container";
import { startContainer } from "@/server/services/containers/start-container";
import { stopContainer } from "@/server/services/containers/stop-container";
import { unpauseContainer } from "@/server/services/containers/unpause-container";

export const dynamic = "force-dynamic";

const VERBS = {
  start: startContainer,
  stop: stopContainer,
  restart: restartContainer,
  kill: killContainer,
  pause: pauseContainer,
  unpause: unpauseContainer,
  remove: removeContainer,
};

const schema = z.object({
  params: z.object({
    endpointId,
    containerId: containerRef,
    verb: z.enum(["start", "stop", "restart", "kill", "pause", "unpause", "remove"]),
  }),
});

/** POST /api/v1/endpoints/{endpointId}/containers/{containerId}/{start|stop|restart|kill|pause|unpause|remove} */
export const POST = defineRoute(
  {
    name: "api.containers.operate",
    summary: "Start, stop, restart, kill, pause, unpause or remove (forced) a container",
    schema,
    permission: "container:operate",
    resource: (i) => ({ endpointId: i.params.endpointId }),
  },
  async (actor, { params }) => {
    await VERBS[params.verb](
      actor,
      { endpointId: params.endpointId, containerId: params.containerId },
      { source: "api" },
    );
  },
);
