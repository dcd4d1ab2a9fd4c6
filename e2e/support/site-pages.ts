// Every page of Berth, for the whole-site checks (axe, screenshots, phone overflow): signed-in pages by path, plus
// the anonymous ones. Detail pages use a container and a status page the spec makes.

export interface SitePage {
  /** File-name-safe id, also the screenshot's name. */
  id: string;
  path: string;
  anonymous?: boolean;
  /** Opened as a viewer (not an admin): the 403 page of an admin page. */
  viewer?: boolean;
  /** The HTTP status the page answers (200 unless said). */
  status?: number;
}

export function sitePages(fixture: {
  containerId: string;
  statusSlug: string;
  volume: string;
  imageId: string;
}): SitePage[] {
  const ep = "/endpoints/local";
  return [
    { id: "home", path: "/" },
    { id: "containers-all", path: "/containers" },
    { id: "endpoints", path: "/endpoints" },
    { id: "events-all", path: "/events" },
    { id: "images-all", path: "/images" },
    { id: "networks-all", path: "/networks" },
    { id: "volumes-all", path: "/volumes" },
    { id: "topology-all", path: "/topology" },
    { id: "search", path: "/search?q=e2e" },
    { id: "stacks-all", path: "/stacks" },
    { id: "containers", path: `${ep}/containers` },
    { id: "stacks", path: `${ep}/stacks` },
    { id: "stack-new", path: `${ep}/stacks/new` },
    { id: "container", path: `${ep}/containers/${fixture.containerId}` },
    { id: "container-new", path: `${ep}/containers/new` },
    { id: "container-edit", path: `${ep}/containers/${fixture.containerId}/edit` },
    { id: "images", path: `${ep}/images` },
    { id: "image", path: `${ep}/images/${fixture.imageId.replace(/^sha256:/, "").slice(0, 12)}` },
    { id: "networks", path: `${ep}/networks` },
    { id: "network", path: `${ep}/networks/bridge` },
    { id: "volumes", path: `${ep}/volumes` },
    { id: "volume", path: `${ep}/volumes/${fixture.volume}` },
    { id: "events", path: `${ep}/events` },
    { id: "topology", path: `${ep}/topology` },
    { id: "registries", path: "/registries" },
    { id: "alerts", path: "/alerts" },
    { id: "usage", path: "/usage" },
    { id: "audit", path: "/audit" },
    { id: "settings", path: "/settings/restrictions" },
    { id: "backup", path: "/settings/backup" },
    { id: "users", path: "/admin/users" },
    { id: "teams", path: "/admin/teams" },
    { id: "status-pages-admin", path: "/admin/status-pages" },
    { id: "tokens", path: "/account/tokens" },
    { id: "two-factor", path: "/account/security" },
    { id: "not-found", path: "/no-such-page", status: 404 },
    { id: "forbidden", path: "/admin/users", viewer: true, status: 403 },
    { id: "login", path: "/login", anonymous: true },
    { id: "status-page", path: `/status/${fixture.statusSlug}`, anonymous: true },
  ];
}
