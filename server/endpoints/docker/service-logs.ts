import type { Readable } from "node:stream";
import { NotFoundError } from "@/lib/errors";
import { splitTaskContext } from "@/lib/swarm-logs";
import type { LogFollowOptions, LogOrigin } from "../session";
import type { DockerAccess } from "./docker-access";
import { toChunks } from "./docker-sources";

/**
 * `docker service logs --follow` (every task, or one task) as a log origin for the hub: the engine gathers the
 * tasks' output from the nodes that ran them, and follows tasks that start later. `details` is what gives every line
 * its task and node; the split keeps those two ids and drops the rest.
 */
export function serviceLogOrigin(docker: DockerAccess, serviceId: string, taskId?: string): LogOrigin {
  return {
    split: splitTaskContext,
    resumable: true,
    async open(o: LogFollowOptions): Promise<{ tty: boolean; stream: Readable }> {
      const api = docker.streams();
      try {
        const spec = (await docker.api.getService(serviceId).inspect()) as {
          Spec?: { TaskTemplate?: { ContainerSpec?: { TTY?: boolean } } };
        };
        const tty = spec.Spec?.TaskTemplate?.ContainerSpec?.TTY === true;
        const options = {
          follow: o.follow,
          stdout: true,
          stderr: true,
          details: true,
          timestamps: o.timestamps,
          since: o.since,
          tail: o.tail,
        };
        const target = taskId ? api.getTask(taskId) : api.getService(serviceId);
        const raw = (await (target as unknown as { logs(opts: unknown): Promise<Readable> }).logs(options)) as Readable;
        return { tty, stream: toChunks(raw, tty) };
      } catch (err) {
        if ((err as { statusCode?: number })?.statusCode === 404)
          throw new NotFoundError(taskId ? "No such task" : "No such service");
        throw err;
      }
    },
  };
}
