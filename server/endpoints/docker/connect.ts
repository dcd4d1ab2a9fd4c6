import type Docker from "dockerode";
import type { EndpointCredentials } from "@/lib/endpoint-schemas";
import { formatBudget, timeoutError } from "./engine-budget";
import { SshDockerAgent } from "./ssh-agent";

export interface DockerTarget {
  /** unix:///path, tcp://host:port, http://host:port, https://host:port (TLS) or ssh://user@host:port */
  url: string;
  /** Opened from endpoints.secret: TLS material or the SSH key. */
  credentials?: EndpointCredentials;
}

/** The transport for ssh:// targets: one SSH connection shared by every client of the endpoint. */
export function sshAgentFor(target: DockerTarget, readyTimeoutMs = 5_000): SshDockerAgent | undefined {
  const u = new URL(target.url);
  if (u.protocol !== "ssh:") return undefined;
  const c = target.credentials ?? {};
  // A missing key (unreadable secret) is reported by the agent on first use, so the endpoint shows why it is down.
  return new SshDockerAgent({
    host: u.hostname.replace(/^\[|\]$/g, ""),
    port: Number(u.port || 22),
    username: decodeURIComponent(u.username) || "root",
    privateKey: c.privateKey ?? "",
    passphrase: c.passphrase,
    hostKeyFingerprint: c.hostKeyFingerprint,
    readyTimeoutMs,
  });
}

/**
 * Builds dockerode options from an endpoint. For ssh:// pass the agent from sshAgentFor (the caller owns it and
 * destroys it when done). Throws for unsupported URLs.
 */
export function dockerOptions(target: DockerTarget, timeoutMs?: number, agent?: SshDockerAgent): Docker.DockerOptions {
  const u = new URL(target.url);
  const base: Docker.DockerOptions = timeoutMs ? { timeout: timeoutMs } : {};
  const host = u.hostname.replace(/^\[|\]$/g, "");
  switch (u.protocol) {
    case "unix:":
      return { ...base, socketPath: decodeURIComponent(u.pathname) };
    case "tcp:":
    case "http:":
      return { ...base, protocol: "http", host, port: Number(u.port || 2375) };
    case "https:": {
      const c = target.credentials ?? {};
      return { ...base, protocol: "https", host, port: Number(u.port || 443), ca: c.ca, cert: c.cert, key: c.key };
    }
    case "ssh:": {
      if (!agent) throw new Error("ssh:// endpoints need an SshDockerAgent");
      // Plain HTTP over the agent's dial-stdio channels; the host only fills the Host header.
      return { ...base, protocol: "http", host: "docker", port: 80, agent } as Docker.DockerOptions;
    }
    default:
      throw new Error(`Unsupported Docker endpoint URL scheme "${u.protocol}"`);
  }
}

/** Failures that mean "the engine did not answer" (not "the engine refused"): answered as 503, retry later. */
export function isUnavailable(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === "BERTH_DOWN" || code === "BERTH_TIMEOUT";
}

/** Turns a failure talking to an engine into words a user can act on. */
export function describeDockerError(err: unknown): string {
  const e = err as {
    code?: string;
    statusCode?: number;
    message?: string;
    reason?: string;
    remote?: string;
    timeoutMs?: number;
  };
  const tls = describeTlsError(e?.code, e?.message);
  if (tls) return tls;
  switch (e?.code) {
    case "BERTH_SSH_AUTH":
      return "SSH authentication failed: the server did not accept this user and private key";
    case "BERTH_SSH_HOSTKEY":
      return "SSH host key mismatch: the server's key does not match the stored fingerprint";
    case "BERTH_SSH_KEY":
      return "The SSH private key could not be read (wrong format, or a passphrase is needed)";
    case "BERTH_SSH_REMOTE":
      return /permission denied/i.test(e.remote ?? "")
        ? "Permission denied: this SSH user may not use the Docker socket"
        : /cannot connect|no such file|is the docker daemon running/i.test(e.remote ?? "")
          ? "The SSH host answered, but its Docker daemon is not running"
          : /not found/i.test(e.remote ?? "")
            ? "The SSH host has no docker command (it needs the docker CLI for `docker system dial-stdio`)"
            : `The SSH host could not reach Docker: ${(e.remote ?? "").slice(0, 200)}`;
    case "ECONNREFUSED":
      return "Connection refused: nothing is listening at this address";
    case "ENOENT":
      return "Socket not found: is the Docker daemon running?";
    case "EACCES":
    case "EPERM":
      return "Permission denied on the Docker socket";
    case "BERTH_TIMEOUT":
      return `Timed out: the engine is not responding (no answer within ${formatBudget(e.timeoutMs ?? 5_000)})`;
    case "ETIMEDOUT":
    case "ESOCKETTIMEDOUT":
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
    case "BERTH_DOWN":
      return e.message ?? "The endpoint is not responding";
  }
  if (typeof e?.statusCode === "number") {
    if (e.statusCode === 404) return `Not a Docker API: the server answered HTTP 404`;
    if (e.statusCode === 400 && /HTTPS server/i.test(String(e.message)))
      return "The engine expects TLS on this port: choose TCP + TLS";
    return `The engine answered HTTP ${e.statusCode}`;
  }
  return "Unreachable: the engine could not be contacted";
}

export function timeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(timeoutError(ms)), ms);
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

/** TLS failures, from Node's codes, in words a user can act on. */
function describeTlsError(code: string | undefined, message: string | undefined): string | null {
  if (!code) return null;
  switch (code) {
    case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
    case "UNABLE_TO_GET_ISSUER_CERT":
    case "UNABLE_TO_GET_ISSUER_CERT_LOCALLY":
    case "SELF_SIGNED_CERT_IN_CHAIN":
    case "DEPTH_ZERO_SELF_SIGNED_CERT":
    case "CERT_SIGNATURE_FAILURE":
      return "TLS verification failed: the engine's certificate is not signed by this CA";
    case "CERT_HAS_EXPIRED":
      return "TLS verification failed: the engine's certificate has expired";
    case "CERT_NOT_YET_VALID":
      return "TLS verification failed: the engine's certificate is not valid yet";
    case "ERR_TLS_CERT_ALTNAME_INVALID":
      return "TLS verification failed: the engine's certificate is not issued for this host name";
    case "ERR_OSSL_X509_KEY_VALUES_MISMATCH":
      return "The client key does not belong to the client certificate";
    case "EPROTO":
      return /wrong version number|packet length too long|http request/i.test(message ?? "")
        ? "TLS handshake failed: the engine does not speak TLS on this port (choose plain TCP?)"
        : "TLS handshake failed";
  }
  if (code.startsWith("ERR_SSL_") && /UNKNOWN_CA|BAD_CERTIFICATE|CERTIFICATE_REQUIRED|HANDSHAKE_FAILURE/.test(code))
    return "TLS verification failed: the engine refused the client certificate (not signed by a CA it trusts)";
  if (code.startsWith("ERR_SSL_") && /WRONG_VERSION_NUMBER|PACKET_LENGTH/.test(code))
    return "TLS handshake failed: the engine does not speak TLS on this port (choose plain TCP?)";
  if (code.startsWith("ERR_OSSL_PEM") || code.startsWith("ERR_OSSL_ASN1") || code === "ERR_OSSL_UNSUPPORTED")
    return "A certificate or key could not be read: check that each field holds the right PEM file";
  if (code.startsWith("ERR_SSL_") || code.startsWith("ERR_TLS_")) return `TLS handshake failed (${code})`;
  return null;
}
