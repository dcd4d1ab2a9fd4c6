// Image references and registry hosts, as the docker CLI reads them. Pure: used to pick pull credentials.

export const DOCKER_HUB = "docker.io";

/**
 * The registry host of an image reference: the first path component when it looks like a host (has a dot or a
 * port, or is "localhost"), else Docker Hub.
 */
export function registryHostOf(ref: string): string {
  const slash = ref.indexOf("/");
  if (slash < 0) return DOCKER_HUB;
  const first = ref.slice(0, slash);
  if (first.includes(".") || first.includes(":") || first === "localhost") return normalizeHost(first);
  return DOCKER_HUB;
}

function normalizeHost(host: string): string {
  const h = host.toLowerCase();
  if (h === "index.docker.io" || h === "registry-1.docker.io" || h === "registry.hub.docker.com") return DOCKER_HUB;
  return h;
}

/** "https://Registry.example.com:5000/v2/" -> "registry.example.com:5000". Throws on something that is no address. */
export function registryHostOfUrl(url: string): string {
  const trimmed = url.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  const u = new URL(withScheme);
  if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("Registry URL must be http or https");
  if (u.username || u.password) throw new Error("Put credentials in the username and password fields, not the URL");
  return normalizeHost(u.host);
}

/** Splits "host:5000/repo/name:tag" into repository and tag (default "latest"); digests stay on the repository. */
export function splitTag(ref: string): { repository: string; tag?: string } {
  if (ref.includes("@")) return { repository: ref };
  const lastSlash = ref.lastIndexOf("/");
  const colon = ref.lastIndexOf(":");
  if (colon > lastSlash) return { repository: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { repository: ref, tag: "latest" };
}
