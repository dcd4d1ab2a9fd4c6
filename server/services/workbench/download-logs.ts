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
    // dockerode buffers a non-following logs request whole; dial it as a stream so a big log never sits in memory.
    const modem = session.streams().modem as unknown as {
      dial(opts: Record<string, unknown>, cb: (err: unknown, stream: Readable) => void): void;
    };
    source = await new Promise<Readable>((resolve, reject) =>
      modem.dial(
        {
          path: `/containers/${encodeURIComponent(containerId)}/logs?`,
          method: "GET",
          isStream: true,
          statusCodes: { 200: true, 404: "no such container", 500: "server error" },
          options: {
            follow: false,
            stdout: true,
            stderr: true,
            timestamps: input.timestamps,
            since: sinceToUnix(input.since),
            tail: input.tail,
          },
        },
        (err, stream) => (err ? reject(err) : resolve(stream)),
      ),
    );
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
