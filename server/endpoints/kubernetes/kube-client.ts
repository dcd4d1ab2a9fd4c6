import http from "node:http";
import https from "node:https";
import type { KubeConfig } from "@kubernetes/client-node";

/**
 * A thin JSON client over the API server, authenticated by @kubernetes/client-node's KubeConfig (client
 * certificates, bearer tokens, token files, exec plugins, in-cluster service account). Raw JSON rather than the
 * generated typed APIs: informers hold tens of thousands of objects, and the typed deserializer (Date objects,
 * class instances) costs time and memory for fields Berth never reads. One keep-alive agent per client.
 */

export interface KubeStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; kind?: string; causes?: { message?: string; field?: string }[] };
}

/** An API server answer other than 2xx, or a transport failure (then `status` is undefined and `code` is set). */
export class KubeApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly reason?: string,
    readonly code?: string,
    readonly details?: KubeStatus["details"],
  ) {
    super(message);
    this.name = "KubeApiError";
  }
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** For PATCH: merge (default), strategic, json or apply (server-side apply; body is YAML or JSON text). */
  contentType?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_BODY = 64 * 1024 * 1024;

export class KubeClient {
  readonly server: URL;
  private agent: https.Agent | null = null;

  constructor(readonly config: KubeConfig) {
    const cluster = config.getCurrentCluster();
    if (!cluster) throw new KubeApiError("The kubeconfig has no current cluster");
    this.server = new URL(cluster.server);
    if (this.server.protocol !== "https:" && this.server.protocol !== "http:")
      throw new KubeApiError("The cluster server must be an http(s) URL");
  }

  /** Request options with fresh credentials (token files and exec plugins refresh) over one shared agent. */
  async requestOptions(method: string, path: string): Promise<https.RequestOptions> {
    const opts: https.RequestOptions = { headers: {} };
    await this.config.applyToHTTPSOptions(opts);
    if (!this.agent) {
      this.agent = new https.Agent({
        keepAlive: true,
        ca: opts.ca,
        cert: opts.cert,
        key: opts.key,
        pfx: opts.pfx,
        passphrase: opts.passphrase,
        servername: opts.servername,
        rejectUnauthorized: opts.rejectUnauthorized,
      });
    }
    const base = this.server.pathname.replace(/\/$/, "");
    return {
      method,
      protocol: this.server.protocol,
      hostname: this.server.hostname.replace(/^\[|\]$/g, ""),
      port: this.server.port || (this.server.protocol === "https:" ? 443 : 80),
      path: base + path,
      headers: opts.headers,
      auth: opts.auth,
      agent: this.server.protocol === "https:" ? this.agent : undefined,
    };
  }

  async request<T = unknown>(method: string, path: string, o: RequestOptions = {}): Promise<T> {
    const body = o.body === undefined ? undefined : typeof o.body === "string" ? o.body : JSON.stringify(o.body);
    const ro = await this.requestOptions(method, withQuery(path, o.query));
    ro.headers = {
      ...ro.headers,
      Accept: "application/json",
      ...(body !== undefined
        ? {
            "Content-Type": o.contentType ?? (method === "PATCH" ? "application/merge-patch+json" : "application/json"),
            "Content-Length": Buffer.byteLength(body),
          }
        : {}),
    };
    const text = await send(ro, body, o.timeoutMs ?? DEFAULT_TIMEOUT_MS, o.signal);
    return (text.body ? JSON.parse(text.body) : {}) as T;
  }

  /**
   * A streaming GET (watch, logs): calls onChunk with each piece of the body until it ends. Resolves when the
   * stream ends normally; rejects with KubeApiError on a non-2xx answer or a transport error. abort() via signal.
   */
  async stream(path: string, query: RequestOptions["query"], onChunk: (b: Buffer) => void, signal: AbortSignal) {
    const ro = await this.requestOptions("GET", withQuery(path, query));
    ro.headers = { ...ro.headers, Accept: "application/json" };
    await new Promise<void>((resolve, reject) => {
      if (signal.aborted) return resolve();
      const req = requester(ro)(ro, (res) => {
        if ((res.statusCode ?? 500) >= 300) {
          collect(res, MAX_BODY)
            .then((b) => reject(statusError(res.statusCode ?? 500, b)))
            .catch(reject);
          return;
        }
        res.on("data", onChunk);
        res.on("end", () => resolve());
        res.on("error", (e) => reject(transportError(e)));
        res.on("aborted", () =>
          reject(new KubeApiError("The API server closed the stream", undefined, undefined, "ECONNRESET")),
        );
      });
      const onAbort = () => {
        req.destroy();
        resolve();
      };
      signal.addEventListener("abort", onAbort, { once: true });
      req.on("error", (e) => (signal.aborted ? resolve() : reject(transportError(e))));
      req.on("close", () => signal.removeEventListener("abort", onAbort));
      req.end();
    });
  }

  close() {
    this.agent?.destroy();
    this.agent = null;
  }
}

export function withQuery(path: string, query?: RequestOptions["query"]): string {
  if (!query) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}${path.includes("?") ? "&" : "?"}${s}` : path;
}

function send(ro: https.RequestOptions, body: string | undefined, timeoutMs: number, signal?: AbortSignal) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = requester(ro)(ro, (res) => {
      collect(res, MAX_BODY)
        .then((b) => {
          const status = res.statusCode ?? 500;
          if (status >= 300) reject(statusError(status, b));
          else resolve({ status, body: b });
        })
        .catch(reject);
    });
    req.setTimeout(timeoutMs, () =>
      req.destroy(new KubeApiError("The API server did not answer in time", undefined, undefined, "ETIMEDOUT")),
    );
    req.on("error", (e) => reject(e instanceof KubeApiError ? e : transportError(e)));
    signal?.addEventListener("abort", () => req.destroy(new KubeApiError("Aborted", undefined, undefined, "ABORTED")), {
      once: true,
    });
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Plain http only for a server URL given as http:// (kubectl proxy on loopback, say). */
function requester(ro: https.RequestOptions): typeof https.request {
  return ro.protocol === "http:" ? (http.request as typeof https.request) : https.request;
}

function collect(res: NodeJS.ReadableStream, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    res.on("data", (c: Buffer) => {
      size += c.length;
      if (size > max) {
        reject(new KubeApiError("The API server's answer is too large"));
        (res as unknown as { destroy(): void }).destroy();
      } else parts.push(c);
    });
    res.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    res.on("error", (e) => reject(transportError(e as Error)));
  });
}

function statusError(status: number, body: string): KubeApiError {
  let s: KubeStatus = {};
  try {
    s = JSON.parse(body) as KubeStatus;
  } catch {
    // Not a Status object (a proxy's HTML page, say): the HTTP status says enough.
  }
  const message = typeof s.message === "string" && s.message ? s.message : `HTTP ${status}`;
  return new KubeApiError(message, status, s.reason, undefined, s.details);
}

function transportError(e: Error & { code?: string }): KubeApiError {
  return new KubeApiError(e.message, undefined, undefined, e.code ?? "ECONNERROR");
}
