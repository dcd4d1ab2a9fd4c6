import crypto from "node:crypto";
import http from "node:http";
import type { Duplex } from "node:stream";
import { Client, type ClientChannel, type ConnectConfig } from "ssh2";

export interface SshTarget {
  host: string;
  port: number;
  username: string;
  privateKey: string;
  passphrase?: string;
  /** OpenSSH-style "SHA256:…" fingerprint; when set, any other host key is refused. */
  hostKeyFingerprint?: string;
  readyTimeoutMs?: number;
}

/** OpenSSH's fingerprint format: SHA256 of the raw key blob, base64 without padding. */
export function sshFingerprint(key: Buffer): string {
  return `SHA256:${crypto.createHash("sha256").update(key).digest("base64").replace(/=+$/, "")}`;
}

/**
 * An http.Agent whose "sockets" are `docker system dial-stdio` channels over ONE long-lived SSH connection (the
 * transport of `docker -H ssh://…`). docker-modem's own ssh mode makes a new SSH connection per request, which
 * would mean a full handshake every health ping; here the connection and, with keep-alive, the channels are reused.
 */
export class SshDockerAgent extends http.Agent {
  private client: Promise<Client> | null = null;
  private closed = false;

  constructor(private readonly target: SshTarget) {
    super({ keepAlive: true, maxSockets: 8, maxFreeSockets: 2 });
  }

  override destroy(): void {
    this.closed = true;
    const c = this.client;
    this.client = null;
    c?.then((conn) => conn.end()).catch(() => {});
    super.destroy();
  }

  private connect(): Promise<Client> {
    if (this.closed) return Promise.reject(Object.assign(new Error("agent closed"), { code: "ECONNRESET" }));
    if (this.client) return this.client;
    const t = this.target;
    if (!t.privateKey) return Promise.reject(Object.assign(new Error("no private key"), { code: "BERTH_SSH_KEY" }));
    const pending = new Promise<Client>((resolve, reject) => {
      const conn = new Client();
      let hostKeyRejected = false;
      const cfg: ConnectConfig = {
        host: t.host,
        port: t.port,
        username: t.username,
        privateKey: t.privateKey,
        passphrase: t.passphrase || undefined,
        readyTimeout: t.readyTimeoutMs ?? 5_000,
        keepaliveInterval: 10_000,
        keepaliveCountMax: 2,
        hostVerifier: (key: Buffer) => {
          if (!t.hostKeyFingerprint) return true;
          hostKeyRejected = sshFingerprint(key) !== t.hostKeyFingerprint;
          return !hostKeyRejected;
        },
      };
      conn.once("ready", () => resolve(conn));
      conn.once("error", (err: Error & { level?: string; code?: string }) => {
        if (hostKeyRejected) Object.assign(err, { code: "BERTH_SSH_HOSTKEY" });
        else if (err.level === "client-authentication") Object.assign(err, { code: "BERTH_SSH_AUTH" });
        else if (err.level === "client-timeout") Object.assign(err, { code: "BERTH_TIMEOUT" });
        reject(err);
      });
      // Any later loss: forget this connection so the next request dials a fresh one.
      conn.once("close", () => {
        if (this.client === pending) this.client = null;
      });
      try {
        conn.connect(cfg);
      } catch (err) {
        // A private key ssh2 cannot parse (wrong format or passphrase) throws synchronously.
        reject(Object.assign(err as Error, { code: "BERTH_SSH_KEY" }));
      }
    });
    this.client = pending;
    pending.catch(() => {
      if (this.client === pending) this.client = null;
    });
    return pending;
  }

  override createConnection(
    _options: http.ClientRequestArgs,
    cb: (err: Error | null, socket?: Duplex) => void,
  ): undefined {
    this.connect().then(
      (conn) =>
        conn.exec("docker system dial-stdio", (err, channel) => {
          if (err) {
            this.client = null;
            conn.end();
            return cb(err);
          }
          cb(null, asSocket(channel));
        }),
      (err) => cb(err),
    );
    return undefined;
  }
}

/**
 * node:http expects a net.Socket; give the channel the few socket methods the client and a keep-alive agent call.
 * A remote `docker` that cannot reach its engine writes why on stderr and exits: surface that as the error.
 */
function asSocket(channel: ClientChannel): Duplex {
  const s = channel as unknown as Duplex & Record<string, unknown>;
  let stderr = "";
  let idle: NodeJS.Timeout | null = null;
  let idleMs = 0;
  const arm = () => {
    if (idle) clearTimeout(idle);
    idle = idleMs > 0 ? setTimeout(() => s.emit("timeout"), idleMs) : null;
    idle?.unref();
  };
  channel.stderr.on("data", (d: Buffer) => {
    if (stderr.length < 2000) stderr += d.toString("utf8");
  });
  channel.on("data", arm);
  channel.on("exit", (code: number | null) => {
    if (code && code !== 0) {
      const msg = stderr.trim().split("\n")[0] || `docker system dial-stdio exited with ${code}`;
      s.destroy(Object.assign(new Error(msg), { code: "BERTH_SSH_REMOTE", remote: msg }));
    }
  });
  channel.on("close", () => {
    if (idle) clearTimeout(idle);
  });
  // net.Socket semantics, which node:http relies on: setTimeout(0, fn) removes fn (a kept-alive socket is reused).
  s.setTimeout = (ms: number, fn?: () => void) => {
    idleMs = ms;
    if (fn && ms === 0) s.removeListener("timeout", fn);
    else if (fn) s.once("timeout", fn);
    arm();
    return s;
  };
  s.setNoDelay = () => s;
  s.setKeepAlive = () => s;
  s.ref = () => s;
  s.unref = () => s;
  return s;
}
