import type Docker from "dockerode";

export interface DockerTarget {
  /** unix:///path, tcp://host:port or http://host:port */
  url: string;
}

/** Builds dockerode options from an endpoint URL. Throws a UserError-ready message for bad URLs. */
export function dockerOptions(target: DockerTarget, timeoutMs?: number): Docker.DockerOptions {
  const u = new URL(target.url);
  const base: Docker.DockerOptions = timeoutMs ? { timeout: timeoutMs } : {};
  switch (u.protocol) {
    case "unix:":
      return { ...base, socketPath: decodeURIComponent(u.pathname) };
    case "tcp:":
    case "http:":
      return { ...base, protocol: "http", host: u.hostname, port: Number(u.port || 2375) };
    default:
      throw new Error(`Unsupported Docker endpoint URL scheme "${u.protocol}"`);
  }
}

/** Turns a failure talking to an engine into words a user can act on. */
export function describeDockerError(err: unknown): string {
  const e = err as { code?: string; statusCode?: number; message?: string; reason?: string };
  switch (e?.code) {
    case "ECONNREFUSED":
      return "Connection refused: nothing is listening at this address";
    case "ENOENT":
      return "Socket not found: is the Docker daemon running?";
    case "EACCES":
    case "EPERM":
      return "Permission denied on the Docker socket";
    case "ETIMEDOUT":
    case "ESOCKETTIMEDOUT":
    case "BERTH_TIMEOUT":
      return "Timed out: the engine did not answer within 5 s";
    case "ECONNRESET":
    case "EPIPE":
      return "Connection lost: the engine closed the connection";
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return "Host unreachable";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "Host name could not be resolved";
    case "BERTH_NOT_DOCKER":
      return e.message ?? "Not a Docker API";
  }
  if (typeof e?.statusCode === "number") {
    if (e.statusCode === 404) return `Not a Docker API: the server answered HTTP 404`;
    return `The engine answered HTTP ${e.statusCode}`;
  }
  return "Unreachable: the engine could not be contacted";
}

export function timeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(Object.assign(new Error("timed out"), { code: "BERTH_TIMEOUT" })), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
