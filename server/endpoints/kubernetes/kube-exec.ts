import { Duplex } from "node:stream";
import WebSocket from "ws";
import { NotFoundError, UserError } from "@/lib/errors";
import type { ExecOptions, ExecProcess, ExecSource } from "../session";
import type { KubeClient, KubeStatus } from "./kube-client";
import { RESOURCE_DEFS, resourcePath } from "./resources";

// `kubectl exec -it` over the API server's exec websocket, channel protocol v4: every binary message starts with
// a channel byte: 0 stdin, 1 stdout, 2 stderr, 3 the final status (JSON), 4 terminal size (JSON Width/Height).
const PROTOCOL = "v4.channel.k8s.io";
const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const STATUS = 3;
const RESIZE = 4;

/** A pod container to run in: `namespace/pod/container` (none of the parts has a slash). */
export function formatExecRef(namespace: string, pod: string, container: string): string {
  return `${namespace}/${pod}/${container}`;
}

function parseExecRef(ref: string): { namespace: string; pod: string; container: string } {
  const [namespace, pod, container, extra] = ref.split("/");
  if (!namespace || !pod || !container || extra !== undefined) throw new NotFoundError("No such pod container");
  return { namespace, pod, container };
}

/** The exit code a v4 status carries: 0 on Success, the ExitCode cause on NonZeroExitCode, null otherwise. */
export function exitCodeOf(status: KubeStatus | null): number | null {
  if (!status) return null;
  if (status.status === "Success") return 0;
  const cause = status.details?.causes?.find((c) => (c as { reason?: string }).reason === "ExitCode");
  const n = Number(cause?.message);
  return Number.isInteger(n) ? n : null;
}

/** Consoles in pod containers of one cluster. */
export function kubeExecSource(client: KubeClient): ExecSource {
  return {
    async open(ref: string, o: ExecOptions): Promise<ExecProcess> {
      const { namespace, pod, container } = parseExecRef(ref);
      const q = new URLSearchParams({ container, stdin: "true", stdout: "true", tty: "true" });
      for (const arg of o.argv) q.append("command", arg);
      const path = `${resourcePath(RESOURCE_DEFS.pods, "v1", namespace, pod)}/exec?${q}`;
      const ro = await client.requestOptions("GET", path);
      const url = `${client.server.protocol === "https:" ? "wss" : "ws"}://${client.server.host}${ro.path}`;
      const ws = new WebSocket(url, [PROTOCOL], {
        headers: ro.headers as Record<string, string>,
        agent: ro.agent as import("node:https").Agent | undefined,
        auth: typeof ro.auth === "string" ? ro.auth : undefined,
        handshakeTimeout: 10_000,
      });
      await new Promise<void>((resolve, reject) => {
        ws.once("open", () => resolve());
        ws.once("unexpected-response", (_req, res) => {
          let body = "";
          res.on("data", (c: Buffer) => (body += c.toString("utf8")));
          res.on("end", () => {
            let message = `HTTP ${res.statusCode}`;
            try {
              message = (JSON.parse(body) as KubeStatus).message ?? message;
            } catch {
              // not a Status object
            }
            ws.terminate();
            reject(new UserError(`The cluster refused the console: ${message}`.slice(0, 500), 409, "exec_refused"));
          });
        });
        ws.once("error", reject);
      });

      let status: KubeStatus | null = null;
      let resolveExit: (code: number | null) => void = () => {};
      const exited = new Promise<number | null>((r) => (resolveExit = r));
      const frame = (channel: number, data: Buffer | string) =>
        Buffer.concat([Buffer.from([channel]), typeof data === "string" ? Buffer.from(data) : data]);

      const stream = new Duplex({
        read() {
          if (ws.isPaused) ws.resume();
        },
        write(chunk: Buffer, _enc, cb) {
          if (ws.readyState !== WebSocket.OPEN) return cb();
          ws.send(frame(STDIN, chunk), cb);
        },
        final(cb) {
          ws.close();
          cb();
        },
        destroy(err, cb) {
          ws.terminate();
          cb(err);
        },
      });
      ws.on("message", (raw: WebSocket.RawData) => {
        const data = Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw);
        const channel = data[0];
        const body = data.subarray(1);
        if (channel === STDOUT || channel === STDERR) {
          if (!stream.push(body)) ws.pause();
        } else if (channel === STATUS && body.length) {
          try {
            status = JSON.parse(body.toString("utf8")) as KubeStatus;
          } catch {
            status = null;
          }
        }
      });
      ws.on("close", () => {
        resolveExit(exitCodeOf(status));
        stream.push(null);
      });
      ws.on("error", (err) => stream.destroy(err));
      // The terminal's first size, before the first output.
      ws.send(frame(RESIZE, JSON.stringify({ Width: o.cols, Height: o.rows })));
      return {
        stream,
        async resize(rows: number, cols: number) {
          if (ws.readyState !== WebSocket.OPEN) throw new UserError("The console has ended", 409, "ended");
          ws.send(frame(RESIZE, JSON.stringify({ Width: cols, Height: rows })));
        },
        exitCode: () => exited,
      };
    },
  };
}
