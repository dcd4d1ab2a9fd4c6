import { z } from "zod";
import { LIMITS } from "./body-limits";
import { kubeConnectionInput } from "./kube-connection";
import { endpointId } from "./schemas";
import { uploadedText } from "./upload-schema";

// One schema per input, shared by the endpoint form, the server action and the API route.

export const ENDPOINT_TYPES = ["unix", "tcp", "tls", "ssh"] as const;
export type EndpointType = (typeof ENDPOINT_TYPES)[number];

export const endpointName = z
  .string()
  .trim()
  .min(1, "Name is required")
  .max(64, "Name is at most 64 characters")
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _.-]*$/u, "Name may contain letters, digits, spaces and _ . - only");

const host = z
  .string()
  .trim()
  .min(1, "Host is required")
  .max(253, "Host is at most 253 characters")
  // A host name, IPv4 or bracket-less IPv6: nothing that could smuggle a path, userinfo or scheme into the URL.
  .regex(/^[a-zA-Z0-9.:-]+$/, "Host must be a host name or IP address");

const port = z.coerce
  .number({ error: "Port must be a number" })
  .int("Port must be a whole number")
  .min(1, "Port must be between 1 and 65535")
  .max(65535, "Port must be between 1 and 65535");

const pem = (what: string) =>
  uploadedText(what, LIMITS.pemFile)
    .refine((s) => s.trim() === "" || /-----BEGIN [A-Z0-9 ]+-----/.test(s), `${what} is not in PEM format`)
    .optional();

const socketPath = z
  .string()
  .trim()
  .min(1, "Socket path is required")
  .max(1024)
  .regex(/^\/[^\0]*$/, "Socket path must be absolute, e.g. /var/run/docker.sock");

const sshUser = z
  .string()
  .trim()
  .min(1, "User is required")
  .max(64)
  .regex(/^[a-zA-Z0-9_.][a-zA-Z0-9_.-]*$/, "Not a valid user name");

const fingerprint = z
  .string()
  .trim()
  .max(100)
  .refine((s) => s === "" || /^SHA256:[A-Za-z0-9+/]{43}=?$/.test(s), "Host key fingerprint looks like SHA256:…")
  .optional();

/**
 * Connection details as the form sends them. Credential fields left empty on an edit keep what is stored; on a
 * new endpoint the service requires them (TLS: CA, certificate, key; SSH: private key).
 */
export const endpointConnection = z.discriminatedUnion("type", [
  z.object({ type: z.literal("unix"), socketPath }),
  z.object({ type: z.literal("tcp"), host, port }),
  z.object({
    type: z.literal("tls"),
    host,
    port,
    ca: pem("CA certificate"),
    cert: pem("Client certificate"),
    key: pem("Client key"),
  }),
  z.object({
    type: z.literal("ssh"),
    host,
    port: port.default(22),
    user: sshUser,
    privateKey: pem("Private key"),
    passphrase: z.string().max(1024).optional(),
    hostKeyFingerprint: fingerprint,
  }),
]);
export type EndpointConnection = z.infer<typeof endpointConnection>;

/** A Docker connection (`type`) or a Kubernetes one (`mode`): the driver whose schema accepts it decides the kind. */
const anyConnection = z.union([endpointConnection, kubeConnectionInput]);

export const createEndpointInput = z.object({ name: endpointName, connection: anyConnection });
export type CreateEndpointInput = z.infer<typeof createEndpointInput>;

export const updateEndpointInput = z.object({
  endpointId,
  name: endpointName,
  connection: anyConnection,
});
export type UpdateEndpointInput = z.infer<typeof updateEndpointInput>;

export const removeEndpointInput = z.object({ endpointId });

/** Credentials kept sealed in endpoints.secret; never sent to a browser. */
export interface EndpointCredentials {
  ca?: string;
  cert?: string;
  key?: string;
  privateKey?: string;
  passphrase?: string;
  hostKeyFingerprint?: string;
  /** Kubernetes: a bearer token, the server's TLS name, or "use the in-cluster service account". */
  token?: string;
  tlsServerName?: string;
  inCluster?: boolean;
}

/** What the edit form may know about an endpoint: the address parts, and which credentials are stored. */
export interface EndpointSettings {
  id: string;
  name: string;
  type: EndpointType;
  socketPath?: string;
  host?: string;
  port?: number;
  user?: string;
  stored: { ca: boolean; cert: boolean; key: boolean; privateKey: boolean; passphrase: boolean };
  hostKeyFingerprint?: string;
}

/** The URL kept in endpoints.url for a connection (credentials never go into it). */
export function connectionUrl(c: EndpointConnection): string {
  switch (c.type) {
    case "unix":
      return `unix://${c.socketPath}`;
    case "tcp":
      return `tcp://${bracket(c.host)}:${c.port}`;
    case "tls":
      return `https://${bracket(c.host)}:${c.port}`;
    case "ssh":
      return `ssh://${encodeURIComponent(c.user)}@${bracket(c.host)}:${c.port}`;
  }
}

function bracket(h: string): string {
  return h.includes(":") ? `[${h}]` : h;
}

/** The reverse of connectionUrl, for the edit form. */
export function parseEndpointUrl(url: string): Omit<EndpointSettings, "id" | "name" | "stored"> {
  const u = new URL(url);
  const hostname = u.hostname.replace(/^\[|\]$/g, "");
  switch (u.protocol) {
    case "unix:":
      return { type: "unix", socketPath: decodeURIComponent(u.pathname) };
    case "https:":
      return { type: "tls", host: hostname, port: Number(u.port || 443) };
    case "ssh:":
      return { type: "ssh", host: hostname, port: Number(u.port || 22), user: decodeURIComponent(u.username) };
    default:
      return { type: "tcp", host: hostname, port: Number(u.port || 2375) };
  }
}
