import type { Readable } from "node:stream";
import { DockerDemuxer } from "@/lib/docker-stream";
import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import { type LogOptions, sinceToUnix } from "@/lib/log-options";
import { describeDockerError } from "@/server/endpoints/docker/connect";
import { containerSession } from "./container-session";

/**
 * The container's logs (not following) as a byte stream for a file download: stdout and stderr demuxed into one
 * text in order, the Docker framing removed. Streams straight through: nothing is held in memory.
 */
export async function downloadLogs(
  actor: Actor | null,
  input: { endpointId: string; containerId: string } & LogOptions,
): Promise<{ name: string; body: ReadableStream<Uint8Array> }> {
  const { session, containerId } = containerSession(actor, "container:read", input.endpointId, input.containerId);
  const name = session.containers.get(containerId)?.name ?? containerId.slice(0, 12);
  let source: Readable;
  let tty = false;
  try {
    const info = await session.api.getContainer(containerId).inspect();
    tty = Boolean(info.Config?.Tty);
    source = (await session
      .streams()
      .getContainer(containerId)
      .logs({
        follow: false,
        stdout: true,
        stderr: true,
        timestamps: input.timestamps,
        since: sinceToUnix(input.since),
        tail: input.tail,
      } as never)) as unknown as Readable;
  } catch (err) {
    const e = err as { statusCode?: number };
    if (e.statusCode === 404) throw new UserError("No such container", 404, "not_found");
    throw new UserError(describeDockerError(err), 502, "engine_error");
  }
  const demux = tty ? null : new DockerDemuxer();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      source.on("data", (chunk: Buffer) => {
        if (!demux) return controller.enqueue(new Uint8Array(chunk));
        for (const f of demux.push(chunk)) controller.enqueue(f.payload.slice());
        // Respect the reader: pause the engine stream while the browser catches up.
        if ((controller.desiredSize ?? 1) <= 0) source.pause();
      });
      source.on("end", () => controller.close());
      source.on("error", (err) => controller.error(err));
    },
    pull() {
      source.resume();
    },
    cancel() {
      source.destroy();
    },
  });
  return { name, body };
}
