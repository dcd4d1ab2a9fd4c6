import crypto from "node:crypto";
import {
  isIndexType,
  isLoopbackHost,
  MANIFEST_ACCEPT,
  parseChallenge,
  type RegistryRef,
  repoKey,
} from "@/lib/registry-ref";

/** How long one registry request may take: a registry that hangs must not hold a check run. */
const REQUEST_MS = 10_000;

export interface Login {
  username: string;
  password: string;
}

export interface RemoteManifest {
  digest: string;
  mediaType: string;
  /** Platform manifests of an index, read only when the local digest was not the index's own. */
  children?: string[];
}

/** A registry refusal or failure in words for the user. `retryAfterMs` is set on 429. */
export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

// Tokens per (repository, login): a scheduled run asks each registry once per repository, not once per container.
const TOKENS = Symbol.for("berth.registry-tokens");
type TokenCache = Map<string, { header: string; expires: number }>;
const tokens = (): TokenCache => {
  const g = globalThis as { [TOKENS]?: TokenCache };
  g[TOKENS] ??= new Map();
  return g[TOKENS];
};

function retryAfterMs(h: string | null): number {
  if (!h) return 60_000;
  const s = Number(h);
  if (Number.isFinite(s)) return Math.max(1_000, s * 1000);
  const at = Date.parse(h);
  return Number.isFinite(at) ? Math.max(1_000, at - Date.now()) : 60_000;
}

const basic = (l: Login) => `Basic ${Buffer.from(`${l.username}:${l.password}`).toString("base64")}`;

async function send(method: "HEAD" | "GET", url: string, accept: string, auth?: string): Promise<Response> {
  try {
    return await fetch(url, {
      method,
      headers: { accept, ...(auth ? { authorization: auth } : {}) },
      redirect: "follow",
      signal: AbortSignal.timeout(REQUEST_MS),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why =
      (err as Error).name === "TimeoutError" ? "timed out" : (cause?.code ?? cause?.message ?? (err as Error).message);
    throw new RegistryError(`Could not reach the registry (${why})`);
  }
}

/**
 * The Authorization header a 401 asks for: Basic with the saved login, or the token flow (GET the realm with
 * service and scope, with the saved login as Basic when there is one, anonymous otherwise).
 */
async function answerChallenge(challenge: string | null, ref: RegistryRef, login: Login | null): Promise<string> {
  const c = parseChallenge(challenge);
  if (c?.scheme === "basic") {
    if (!login) throw new RegistryError("The registry wants a login: add it under Registries", 401);
    return basic(login);
  }
  if (c?.scheme !== "bearer" || !c.params.realm)
    throw new RegistryError("The registry asked for an unknown login scheme", 401);
  const key = `${repoKey(ref)}|${login?.username ?? ""}`;
  const cached = tokens().get(key);
  if (cached && cached.expires > Date.now()) return cached.header;
  const realm = new URL(c.params.realm);
  if (c.params.service) realm.searchParams.set("service", c.params.service);
  realm.searchParams.set("scope", c.params.scope ?? `repository:${ref.repository}:pull`);
  const res = await send("GET", realm.toString(), "application/json", login ? basic(login) : undefined);
  if (res.status === 429)
    throw new RegistryError(
      "The registry's token service is rate-limiting Berth",
      429,
      retryAfterMs(res.headers.get("retry-after")),
    );
  if (!res.ok)
    throw new RegistryError(
      login
        ? `The registry refused the saved credentials (token service answered ${res.status})`
        : `The registry's token service answered ${res.status}`,
      res.status,
    );
  const body = (await res.json().catch(() => ({}))) as { token?: string; access_token?: string; expires_in?: number };
  const token = body.token ?? body.access_token;
  if (!token) throw new RegistryError("The registry's token service gave no token");
  const header = `Bearer ${token}`;
  // Tokens live 60 s by default (the spec's minimum); renew a little early.
  tokens().set(key, { header, expires: Date.now() + Math.max(10, (body.expires_in ?? 60) - 10) * 1000 });
  return header;
}

/**
 * The registry's current manifest digest for a reference's tag, by HEAD (no layer or manifest body is fetched), with
 * the registry's own auth flow. When the local digest differs and the tag is a multi-arch index, the index is read
 * so a local platform-manifest digest still counts as current.
 */
export async function remoteManifest(
  ref: RegistryRef,
  login: Login | null,
  local: string | null,
  opts: { scheme?: "http" | "https" } = {},
): Promise<RemoteManifest> {
  const scheme = opts.scheme ?? (isLoopbackHost(ref.apiHost) ? "http" : "https");
  const url = `${scheme}://${ref.apiHost}/v2/${ref.repository}/manifests/${encodeURIComponent(ref.tag)}`;
  let auth = tokens().get(`${repoKey(ref)}|${login?.username ?? ""}`)?.header;
  let res = await send("HEAD", url, MANIFEST_ACCEPT, auth);
  if (res.status === 401) {
    tokens().delete(`${repoKey(ref)}|${login?.username ?? ""}`);
    auth = await answerChallenge(res.headers.get("www-authenticate"), ref, login);
    res = await send("HEAD", url, MANIFEST_ACCEPT, auth);
  }
  if (res.status === 429)
    throw new RegistryError("The registry is rate-limiting Berth", 429, retryAfterMs(res.headers.get("retry-after")));
  if (res.status === 401 || res.status === 403)
    throw new RegistryError(
      login ? "The registry refused the saved credentials" : "The registry wants a login: add it under Registries",
      res.status,
    );
  if (res.status === 404) throw new RegistryError(`The registry has no tag ${ref.tag} for ${ref.repository}`, 404);
  if (!res.ok) throw new RegistryError(`The registry answered ${res.status}`, res.status);
  const mediaType = (res.headers.get("content-type") ?? "").split(";")[0]!.trim();
  let digest = res.headers.get("docker-content-digest");
  let body: string | null = null;
  // Some registries leave the digest header off a HEAD: the digest is the sha256 of the manifest as served.
  if (!digest || (local !== digest && isIndexType(mediaType))) {
    const got = await send("GET", url, MANIFEST_ACCEPT, auth);
    if (!got.ok) throw new RegistryError(`The registry answered ${got.status} to a manifest read`, got.status);
    body = await got.text();
    digest ??=
      got.headers.get("docker-content-digest") ?? `sha256:${crypto.createHash("sha256").update(body).digest("hex")}`;
  }
  const out: RemoteManifest = { digest, mediaType };
  if (body && isIndexType(mediaType)) {
    const parsed = JSON.parse(body) as { manifests?: { digest?: string }[] };
    out.children = (parsed.manifests ?? []).map((m) => m.digest).filter((d): d is string => !!d);
  }
  return out;
}
