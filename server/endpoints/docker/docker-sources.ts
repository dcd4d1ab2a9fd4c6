import { type Duplex, type Readable, Transform } from "node:stream";
import { NotFoundError, UserError } from "@/lib/errors";
import type {
  ExecOptions,
  ExecProcess,
  ExecSource,
  LogChunk,
  LogFollowOptions,
  LogSource,
  StatsReading,
  StatsSource,
} from "../session";
import { describeDockerError } from "./connect";
import type { DockerAccess } from "./docker-access";
import { type RawStats, toSample } from "./docker-stats";
import { DockerDemuxer } from "./docker-stream";
import { assertEngineRef, BUDGET_MS } from "./engine-budget";

// The Docker engine's logs, stats and exec behind the kind-neutral sources of ../session.ts: the Docker framing
// (8-byte stdout/stderr headers, stats JSON lines) is removed here, so the hub never sees it.

const notFound = (err: unknown) => (err as { statusCode?: number })?.statusCode === 404;

/** Docker's non-TTY output is framed per stream; a TTY container's is one raw stream. */
export function toChunks(raw: Readable, tty: boolean): Readable {
  const demux = tty ? null : new DockerDemuxer();
  const out = new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, cb) {
      if (!demux) return cb(null, { stream: "out", data: chunk } satisfies LogChunk);
      for (const f of demux.push(chunk)) {
        this.push({ stream: f.stream === 2 ? "err" : "out", data: Buffer.from(f.payload) } satisfies LogChunk);
      }
      cb();
    },
  });
  raw.on("error", (err) => out.destroy(err));
  out.on("close", () => raw.destroy());
  return raw.pipe(out);
}

export class DockerLogSource implements LogSource {
  constructor(private readonly docker: DockerAccess) {}

  async follow(containerId: string, o: LogFollowOptions): Promise<{ tty: boolean; stream: Readable }> {
    try {
      const info = await this.docker.api.getContainer(containerId).inspect();
      const tty = Boolean(info.Config?.Tty);
      const raw = o.follow
        ? ((await this.docker
            .streams()
            .getContainer(containerId)
            .logs({
              follow: true,
              stdout: true,
              stderr: true,
              timestamps: o.timestamps,
              since: o.since,
              tail: o.tail,
            } as never)) as unknown as Readable)
        : await this.dialOnce(containerId, o);
      return { tty, stream: toChunks(raw, tty) };
    } catch (err) {
      if (notFound(err)) throw new NotFoundError("No such container");
      throw err;
    }
  }

  /** dockerode buffers a non-following logs request whole; dial it as a stream so a big log never sits in memory. */
  private dialOnce(containerId: string, o: LogFollowOptions): Promise<Readable> {
    assertEngineRef("container", containerId);
    const modem = this.docker.streams().modem as unknown as {
      dial(opts: Record<string, unknown>, cb: (err: unknown, stream: Readable) => void): void;
    };
    return new Promise<Readable>((resolve, reject) =>
      modem.dial(
        {
          path: `/containers/${containerId}/logs?`,
          method: "GET",
          isStream: true,
          statusCodes: { 200: true, 404: "no such container", 500: "server error" },
          options: {
            follow: false,
            stdout: true,
            stderr: true,
            timestamps: o.timestamps,
            since: o.since,
            tail: o.tail,
          },
        },
        (err, stream) => (err ? reject(err) : resolve(stream)),
      ),
    );
  }
}

/** `docker stats --stream` as readings: zeroed readings mean "not running"; the first has no CPU figure yet. */
export class DockerStatsSource implements StatsSource {
  constructor(private readonly docker: DockerAccess) {}

  async follow(containerId: string): Promise<Readable> {
    let raw: Readable;
    try {
      raw = (await this.docker
        .streams()
        .getContainer(containerId)
        .stats({ stream: true } as never)) as unknown as Readable;
    } catch (err) {
      if (notFound(err)) throw new NotFoundError("No such container");
      throw err;
    }
    let buf = "";
    const out = new Transform({
      readableObjectMode: true,
      transform(chunk: Buffer, _enc, cb) {
        buf += chunk.toString("utf8");
        for (let nl = buf.indexOf("\n"); nl >= 0; nl = buf.indexOf("\n")) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          const reading = line ? toReading(line) : null;
          if (reading) this.push(reading);
        }
        if (buf.length > 1_000_000) buf = "";
        cb();
      },
    });
    raw.on("error", (err) => out.destroy(err));
    out.on("close", () => raw.destroy());
    return raw.pipe(out);
  }
}

function toReading(line: string): StatsReading | null {
  let raw: RawStats;
  try {
    raw = JSON.parse(line);
  } catch {
    return null;
  }
  if (!raw.cpu_stats?.system_cpu_usage) return { state: "stopped" };
  // The first reading of a stream (or after a start) has no previous one to diff against: no CPU figure yet.
  if (!raw.precpu_stats?.system_cpu_usage) return { state: "running" };
  return { state: "running", sample: toSample(raw) };
}

export class DockerExecSource implements ExecSource {
  constructor(private readonly docker: DockerAccess) {}

  async open(containerId: string, o: ExecOptions): Promise<ExecProcess> {
    try {
      const exec = await this.docker
        .client(BUDGET_MS.action)
        .getContainer(containerId)
        .exec({
          Cmd: o.argv,
          User: o.user || undefined,
          AttachStdin: true,
          AttachStdout: true,
          AttachStderr: true,
          Tty: true,
          // No COLUMNS/LINES: busybox (Alpine's sh, stty, ls...) lets them override the tty's size, so they would pin
          // the first size for good and every later resize would be ignored. The size is set right after start.
          Env: ["TERM=xterm-256color"],
        });
      // The hijacked connection lives as long as the console: start it on the timeout-free client.
      const live = this.docker.streams().getExec(exec.id);
      const stream = (await live.start({ hijack: true, stdin: true, Tty: true } as never)) as unknown as Duplex;
      await exec.resize({ h: o.rows, w: o.cols }).catch(() => {});
      return {
        stream,
        resize: async (rows, cols) => {
          await live.resize({ h: rows, w: cols });
        },
        exitCode: () =>
          live
            .inspect()
            .then((info) => info.ExitCode ?? null)
            .catch(() => null),
      };
    } catch (err) {
      const e = err as { statusCode?: number; json?: { message?: string } };
      const message =
        e.statusCode === 409
          ? (e.json?.message ?? "The container is not running")
          : e.statusCode === 404
            ? "No such container"
            : describeDockerError(err);
      throw new UserError(message, e.statusCode === 404 ? 404 : 409, "engine_error");
    }
  }
}
