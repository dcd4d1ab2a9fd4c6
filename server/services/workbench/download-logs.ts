import type { Readable } from "node:stream";
import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import { type LogOptions, sinceToUnix } from "@/lib/log-options";
import type { LogChunk } from "@/server/endpoints/session";
import { containerSession, containersIn } from "./container-session";

/**
 * The container's logs (not following) as a byte stream for a file download: stdout and stderr in one text in
 * order, the engine's framing removed by its log source. Streams straight through: nothing is held in memory.
 */
export async function downloadLogs(
  actor: Actor | null,
  input: { endpointId: string; containerId: string } & LogOptions,
): Promise<{ name: string; body: ReadableStream<Uint8Array> }> {
  const { session, containerId } = containerSession(actor, "container:read", input.endpointId, input.containerId);
  const name = containersIn(session).get(containerId)?.name ?? containerId.slice(0, 12);
  if (!session.logs) throw new UserError("This endpoint does not stream logs", 409, "unsupported");
  let source: Readable;
  try {
    const opened = await session.logs.follow(containerId, {
      follow: false,
      timestamps: input.timestamps,
      since: sinceToUnix(input.since),
      tail: input.tail,
    });
    source = opened.stream;
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(session.describeError(err), 502, "engine_error");
  }
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      source.on("data", (chunk: LogChunk) => {
        controller.enqueue(new Uint8Array(chunk.data));
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
