import type { EndpointRow } from "@/db/queries";
import {
  type EndpointConnection,
  type EndpointCredentials,
  type EndpointSettings,
  parseEndpointUrl,
} from "@/lib/endpoint-schemas";
import { UserError } from "@/lib/errors";
import { runtime } from "@/server/runtime";

const filled = (s: string | undefined) => (s?.trim() ? s : undefined);

export function openCredentials(row: EndpointRow | undefined): EndpointCredentials | undefined {
  if (!row?.secret) return undefined;
  try {
    return JSON.parse(runtime().secrets.open(row.secret)) as EndpointCredentials;
  } catch {
    return undefined;
  }
}

/**
 * The credentials a connection needs: what the form sent, else what is stored (an edit leaves a field empty to keep
 * it). Throws a UserError naming what is missing.
 */
export function resolveCredentials(
  c: EndpointConnection,
  stored: EndpointCredentials | undefined,
): EndpointCredentials | undefined {
  if (c.type === "tls") {
    const creds = {
      ca: filled(c.ca) ?? stored?.ca,
      cert: filled(c.cert) ?? stored?.cert,
      key: filled(c.key) ?? stored?.key,
    };
    const missing = [
      !creds.ca && "CA certificate",
      !creds.cert && "client certificate",
      !creds.key && "client key",
    ].filter(Boolean);
    if (missing.length) throw new UserError(`TCP + TLS needs a ${missing.join(", ")}`, 400, "missing_credentials");
    return creds;
  }
  if (c.type === "ssh") {
    const newKey = filled(c.privateKey);
    const privateKey = newKey ?? stored?.privateKey;
    if (!privateKey) throw new UserError("SSH needs a private key", 400, "missing_credentials");
    // A new key comes with its own passphrase (or none); an unchanged key keeps the stored one unless replaced.
    const passphrase = newKey ? c.passphrase || undefined : c.passphrase || stored?.passphrase;
    return { privateKey, passphrase, hostKeyFingerprint: filled(c.hostKeyFingerprint) };
  }
  return undefined;
}

export function sealCredentials(creds: EndpointCredentials | undefined): string | null {
  return creds ? runtime().secrets.seal(JSON.stringify(creds)) : null;
}

/** What the edit form may show: address parts and which secrets are stored, never their values. */
export function endpointSettings(row: EndpointRow): EndpointSettings {
  const creds = openCredentials(row);
  return {
    id: row.id,
    name: row.name,
    ...parseEndpointUrl(row.url),
    stored: {
      ca: !!creds?.ca,
      cert: !!creds?.cert,
      key: !!creds?.key,
      privateKey: !!creds?.privateKey,
      passphrase: !!creds?.passphrase,
    },
    // A fingerprint identifies a public key: safe to show, and the user needs to see what is pinned.
    hostKeyFingerprint: creds?.hostKeyFingerprint,
  };
}
