import { readFileSync } from "node:fs";
import { KubeConfig } from "@kubernetes/client-node";
import { UserError } from "@/lib/errors";
import type { KubeConnectionInput } from "@/lib/kube-connection";

/**
 * Every way of connecting reduces to one sealed shape: the API server URL (kept in endpoints.url), and inline
 * credentials (CA, bearer token or client certificate). A pasted kubeconfig is reduced to its chosen context at
 * save time: exec plugins, auth providers and file paths are refused, because they would make Berth's server run
 * a command or read a file that the kubeconfig's author picked.
 */
export interface KubeCredentials {
  /** PEM. */
  ca?: string;
  token?: string;
  /** PEM client certificate and key. */
  cert?: string;
  key?: string;
  /** The server's name for TLS when the URL's host differs (kubeconfig tls-server-name). */
  tlsServerName?: string;
  /** Berth runs in the cluster: the service account's token and CA are read from their files at each use. */
  inCluster?: boolean;
}

const SA_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

const b64 = (s?: string) => (s ? Buffer.from(s, "base64").toString("utf8") : undefined);

function parseServer(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new UserError("The cluster's server is not a URL (e.g. https://10.0.0.1:6443)");
  }
  if (u.protocol !== "https:" && u.protocol !== "http:")
    throw new UserError("The cluster's server must be an https:// URL");
  if (u.username || u.password || u.search || u.hash)
    throw new UserError("The cluster's server URL must not contain credentials, a query or a fragment");
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/$/, "")}`;
}

/** The contexts of a pasted kubeconfig (names only), for the context picker. */
export function kubeconfigContexts(text: string): { contexts: string[]; current: string } {
  const kc = loadText(text);
  return { contexts: kc.getContexts().map((c) => c.name), current: kc.getCurrentContext() };
}

function loadText(text: string): KubeConfig {
  const kc = new KubeConfig();
  try {
    kc.loadFromString(text);
  } catch (e) {
    throw new UserError(`The kubeconfig cannot be read: ${(e as Error).message.slice(0, 200)}`);
  }
  return kc;
}

/** Validates a connection form and turns it into the URL to keep and the credentials to seal. */
export function normalizeKubeConnection(input: KubeConnectionInput): { url: string; credentials: KubeCredentials } {
  if (input.mode === "in-cluster") {
    const host = process.env.KUBERNETES_SERVICE_HOST;
    const port = process.env.KUBERNETES_SERVICE_PORT;
    if (!host || !port)
      throw new UserError("Berth is not running in a Kubernetes cluster (no KUBERNETES_SERVICE_HOST)");
    return {
      url: parseServer(`https://${host.includes(":") ? `[${host}]` : host}:${port}`),
      credentials: { inCluster: true },
    };
  }
  if (input.mode === "token") {
    return {
      url: parseServer(input.server),
      credentials: { token: input.token, ...(input.ca?.trim() ? { ca: input.ca.trim() } : {}) },
    };
  }
  const kc = loadText(input.kubeconfig);
  const names = kc.getContexts().map((c) => c.name);
  const name = input.context || kc.getCurrentContext();
  const ctx = name ? kc.getContextObject(name) : null;
  if (!ctx)
    throw new UserError(
      names.length
        ? `No context "${name}" in the kubeconfig; it has: ${names.join(", ")}`
        : "The kubeconfig has no contexts",
    );
  const cluster = kc.getCluster(ctx.cluster);
  const user = kc.getUser(ctx.user);
  if (!cluster) throw new UserError(`The context "${ctx.name}" names a cluster the kubeconfig does not have`);
  if (!user) throw new UserError(`The context "${ctx.name}" names a user the kubeconfig does not have`);
  if (user.exec || user.authProvider)
    throw new UserError(
      "The kubeconfig's user runs an exec plugin or auth provider; Berth needs a token or client certificate inline",
    );
  if (cluster.caFile || user.certFile || user.keyFile)
    throw new UserError(
      "The kubeconfig refers to files; use inline data (certificate-authority-data, client-certificate-data...)",
    );
  if (cluster.skipTLSVerify)
    throw new UserError(
      "The kubeconfig turns off certificate checks (insecure-skip-tls-verify); give the cluster's CA instead",
    );
  if (cluster.proxyUrl) throw new UserError("Kubeconfigs with a proxy-url are not supported");
  const cert = b64(user.certData);
  const key = b64(user.keyData);
  if (!user.token && !(cert && key))
    throw new UserError("The kubeconfig's user has neither a token nor a client certificate");
  return {
    url: parseServer(cluster.server),
    credentials: {
      ...(cluster.caData ? { ca: b64(cluster.caData) } : {}),
      ...(user.token ? { token: user.token } : { cert, key }),
      ...(cluster.tlsServerName ? { tlsServerName: cluster.tlsServerName } : {}),
    },
  };
}

/** A client-node KubeConfig for a stored endpoint (one cluster, one user, one context). */
export function kubeConfigFor(url: string, c: KubeCredentials = {}): KubeConfig {
  const kc = new KubeConfig();
  if (c.inCluster) {
    // Token and CA are files the kubelet rotates: client-node re-reads the token file when it changes.
    kc.loadFromOptions({
      clusters: [{ name: "berth", server: url, caFile: `${SA_DIR}/ca.crt`, skipTLSVerify: false }],
      users: [{ name: "berth", authProvider: { name: "tokenFile", config: { tokenFile: `${SA_DIR}/token` } } }],
      contexts: [{ name: "berth", cluster: "berth", user: "berth" }],
      currentContext: "berth",
    });
    // Fail early and clearly when the files are not there.
    readFileSync(`${SA_DIR}/token`);
    return kc;
  }
  const enc = (s?: string) => (s ? Buffer.from(s, "utf8").toString("base64") : undefined);
  kc.loadFromOptions({
    clusters: [{ name: "berth", server: url, caData: enc(c.ca), tlsServerName: c.tlsServerName, skipTLSVerify: false }],
    users: [{ name: "berth", token: c.token, certData: enc(c.cert), keyData: enc(c.key) }],
    contexts: [{ name: "berth", cluster: "berth", user: "berth" }],
    currentContext: "berth",
  });
  return kc;
}
