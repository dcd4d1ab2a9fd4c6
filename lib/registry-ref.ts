import { DOCKER_HUB, registryHostOf } from "./image-ref";

// Pure helpers for talking to an image registry's HTTP API (distribution v2): where a reference lives, what its
// 401 challenge asks for, and which media types are manifests or indexes. Used by the update checker.

/** Docker Hub's API host: the reference says docker.io, the API lives here. */
export const DOCKER_HUB_API = "registry-1.docker.io";

export const INDEX_TYPES = [
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
];
export const MANIFEST_TYPES = [
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
];
/**
 * Indexes first: asked this way a registry answers a multi-arch tag with the index's own digest, which is what the
 * engine records as the repo digest of a pull by tag (not the digest of one platform's manifest).
 */
export const MANIFEST_ACCEPT = [...INDEX_TYPES, ...MANIFEST_TYPES].join(", ");

export const isIndexType = (mediaType: string | null | undefined) =>
  !!mediaType && INDEX_TYPES.some((t) => mediaType.toLowerCase().startsWith(t));

export interface RegistryRef {
  /** The registry as references name it ("docker.io", "127.0.0.1:5000"): what saved credentials match. */
  host: string;
  /** Where its API answers ("registry-1.docker.io" for Docker Hub). */
  apiHost: string;
  /** The repository path inside the registry ("library/nginx", "berth-test/busybox"). */
  repository: string;
  tag: string;
  /** Set when the reference pins a digest: there is nothing newer behind it. */
  digest?: string;
}

/**
 * Reads an image reference as the docker CLI does: "nginx" is docker.io/library/nginx:latest. Returns null for an
 * image id ("sha256:…", a bare 64-hex id) or anything that is no reference.
 */
export function parseImageRef(ref: string): RegistryRef | null {
  const raw = ref.trim();
  if (!raw || /^sha256:[0-9a-f]{64}$/i.test(raw) || /^[0-9a-f]{64}$/i.test(raw)) return null;
  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^[a-z0-9]+:[a-f0-9]{32,}$/i.test(digest)) return null;
  }
  const host = registryHostOf(rest);
  const slash = rest.indexOf("/");
  const first = slash < 0 ? "" : rest.slice(0, slash);
  const named = slash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost");
  let path = named ? rest.slice(slash + 1) : rest;
  let tag = "latest";
  const colon = path.lastIndexOf(":");
  if (colon > path.lastIndexOf("/")) {
    tag = path.slice(colon + 1);
    path = path.slice(0, colon);
  }
  if (!/^[a-z0-9]+(?:[._-]+[a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*$/.test(path)) return null;
  if (!/^[\w][\w.-]{0,127}$/.test(tag)) return null;
  if (host === DOCKER_HUB && !path.includes("/")) path = `library/${path}`;
  return {
    host,
    apiHost: host === DOCKER_HUB ? DOCKER_HUB_API : host,
    repository: path,
    tag,
    ...(digest ? { digest } : {}),
  };
}

/** "host/repository" of a reference: what a RepoDigest entry must name to be this reference's digest. */
export const repoKey = (r: Pick<RegistryRef, "host" | "repository">) => `${r.host}/${r.repository}`;

/**
 * The digest the engine recorded for this reference's repository when the image was pulled or pushed
 * (RepoDigests: ["nginx@sha256:…", "127.0.0.1:5000/x/y@sha256:…"]), or null when the image never came from there.
 */
export function localDigestFor(repoDigests: readonly string[] | null | undefined, ref: RegistryRef): string | null {
  for (const entry of repoDigests ?? []) {
    const parsed = parseImageRef(entry);
    if (parsed?.digest && repoKey(parsed) === repoKey(ref)) return parsed.digest;
  }
  return null;
}

export interface Challenge {
  scheme: "bearer" | "basic" | string;
  params: Record<string, string>;
}

/** Parses a WWW-Authenticate header: `Bearer realm="https://auth.docker.io/token",service="registry.docker.io"`. */
export function parseChallenge(header: string | null | undefined): Challenge | null {
  if (!header) return null;
  const m = /^\s*([A-Za-z]+)\s*(.*)$/s.exec(header);
  if (!m) return null;
  const params: Record<string, string> = {};
  const re = /([A-Za-z_][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g;
  for (const p of (m[2] ?? "").matchAll(re))
    params[p[1]!.toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, "$1") : p[3]!;
  return { scheme: m[1]!.toLowerCase(), params };
}

/** Loopback registries speak plain HTTP, as the engine allows for 127.0.0.0/8 by default; others HTTPS. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/:\d+$/, "").replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127\.\d+\.\d+\.\d+$/.test(h);
}

export type UpdateState = "current" | "available" | "unknown" | "error";

/**
 * What an update check concludes for one container: its image's recorded digest against the registry's digest for
 * the tag. A multi-arch tag is current when the local digest is the index's or one of its platform manifests'.
 */
export function decideUpdate(local: string | null, remote: { digest: string; children?: string[] }): UpdateState {
  if (!local) return "unknown";
  if (local === remote.digest) return "current";
  if (remote.children?.includes(local)) return "current";
  return "available";
}
