// The app shell's navigation, as data: the sidebar, the phone drawer, breadcrumbs and the command palette all read
// this one list. Pure so it is unit-tested and runs in the browser.

/** Names of the icons the sidebar draws (mapped to lucide components in components/shell/nav-icons.tsx). */
export type NavIcon =
  | "home"
  | "containers"
  | "stacks"
  | "images"
  | "networks"
  | "volumes"
  | "events"
  | "topology"
  | "services"
  | "nodes"
  | "workloads"
  | "pods"
  | "cluster"
  | "config"
  | "storage"
  | "apply"
  | "endpoints"
  | "users"
  | "teams"
  | "registries"
  | "status"
  | "settings"
  | "audit"
  | "alerts"
  | "usage";

export interface NavItem {
  label: string;
  href: string;
  icon: NavIcon;
  /** Current also for pages below this href (a container page highlights Containers). */
  prefix?: boolean;
}

export interface NavGroup {
  label: string;
  items: NavItem[];
}

/** What the signed-in user may open; computed on the server from the policy, never trusted for access. */
export interface NavPermissions {
  endpointManage: boolean;
  userManage: boolean;
  teamManage: boolean;
  registryManage: boolean;
  statusPageManage: boolean;
  settingsManage: boolean;
  auditRead: boolean;
}

/** The endpoint a page is about: an endpoint id, or every endpoint at once. */
export type EndpointScope =
  | { kind: "all" }
  | { kind: "endpoint"; id: string; name: string; features: readonly string[] };

export const ALL_ENDPOINTS = "All endpoints";

const enc = encodeURIComponent;

/** The endpoint id a path is scoped to (`/endpoints/<id>/...`), or null. */
export function endpointIdOfPath(pathname: string): string | null {
  const m = /^\/endpoints\/([^/]+)\/[^/]+/.exec(pathname);
  return m?.[1] ? decodeURIComponent(m[1]) : null;
}

/** Cross-endpoint pages that have a per-endpoint twin: switching endpoint keeps the section. */
const SECTIONS = ["containers", "stacks", "images", "networks", "volumes", "events", "topology"] as const;

export function isAllEndpointsPath(pathname: string): boolean {
  return SECTIONS.some((s) => pathname === `/${s}`);
}

/**
 * Where "the same page" is on another scope: /endpoints/a/images -> /images -> /endpoints/b/images. A Kubernetes
 * endpoint (`features` has "kubernetes") keeps the cluster section (`/k8s/pods`) or opens its cluster overview.
 */
export function sectionHref(
  pathname: string,
  scope: { kind: "all" } | { kind: "endpoint"; id: string },
  features: readonly string[] = [],
): string {
  if (scope.kind === "endpoint" && features.includes("kubernetes")) {
    const k8s = /^\/endpoints\/[^/]+\/k8s(\/[^/]+)?/.exec(pathname);
    return `/endpoints/${enc(scope.id)}/k8s${k8s?.[1] ?? ""}`;
  }
  const section =
    SECTIONS.find((s) => pathname === `/${s}`) ??
    SECTIONS.find((s) => new RegExp(`^/endpoints/[^/]+/${s}(/|$)`).test(pathname)) ??
    "containers";
  return scope.kind === "all" ? `/${section}` : `/endpoints/${enc(scope.id)}/${section}`;
}

export function navGroups(scope: EndpointScope, perms: NavPermissions): NavGroup[] {
  const groups: NavGroup[] = [
    {
      label: "Overview",
      items: [
        { label: "Home", href: "/", icon: "home" },
        { label: "Alerts", href: "/alerts", icon: "alerts" },
        { label: "Usage", href: "/usage", icon: "usage" },
      ],
    },
  ];
  const base = scope.kind === "all" ? "" : `/endpoints/${enc(scope.id)}`;
  // A Kubernetes endpoint has no containers, images or volumes of its own: its cluster section replaces them.
  if (scope.kind === "endpoint" && scope.features.includes("kubernetes")) {
    const k = `${base}/k8s`;
    groups.push({
      label: "Kubernetes",
      items: [
        { label: "Cluster", href: k, icon: "cluster" },
        { label: "Workloads", href: `${k}/deployments`, icon: "workloads", prefix: true },
        { label: "Pods", href: `${k}/pods`, icon: "pods", prefix: true },
        { label: "Services", href: `${k}/services`, icon: "services", prefix: true },
        { label: "Config", href: `${k}/configmaps`, icon: "config", prefix: true },
        { label: "Storage", href: `${k}/persistentvolumeclaims`, icon: "storage", prefix: true },
        { label: "Nodes", href: `${k}/nodes`, icon: "nodes", prefix: true },
        { label: "Events", href: `${k}/events`, icon: "events", prefix: true },
        { label: "Topology", href: `${k}/topology`, icon: "topology" },
        { label: "Apply YAML", href: `${k}/apply`, icon: "apply" },
      ],
    });
    return [...groups, adminGroup(perms)];
  }
  groups.push({
    label: scope.kind === "all" ? ALL_ENDPOINTS : scope.name,
    items: [
      { label: "Containers", href: `${base}/containers`, icon: "containers", prefix: true },
      // Compose projects of plain Docker engines (a Kubernetes endpoint has none).
      ...(scope.kind === "endpoint" && scope.features.includes("kubernetes")
        ? []
        : [{ label: "Stacks", href: `${base}/stacks`, icon: "stacks" as const, prefix: true }]),
      { label: "Images", href: `${base}/images`, icon: "images", prefix: true },
      { label: "Networks", href: `${base}/networks`, icon: "networks", prefix: true },
      { label: "Volumes", href: `${base}/volumes`, icon: "volumes", prefix: true },
      { label: "Events", href: `${base}/events`, icon: "events" },
      { label: "Topology", href: `${base}/topology`, icon: "topology", prefix: true },
    ],
  });
  // Orchestrator sections appear only where the endpoint has them (its driver reports the feature).
  if (scope.kind === "endpoint" && scope.features.includes("swarm"))
    groups.push({
      label: "Swarm",
      items: [
        { label: "Services", href: `${base}/swarm/services`, icon: "services", prefix: true },
        { label: "Stacks", href: `${base}/swarm/stacks`, icon: "stacks", prefix: true },
        { label: "Nodes", href: `${base}/swarm/nodes`, icon: "nodes", prefix: true },
        { label: "Secrets", href: `${base}/swarm/secrets`, icon: "settings", prefix: true },
        { label: "Configs", href: `${base}/swarm/configs`, icon: "settings", prefix: true },
      ],
    });
  groups.push(adminGroup(perms));
  return groups;
}

function adminGroup(perms: NavPermissions): NavGroup {
  const admin: NavItem[] = [{ label: "Endpoints", href: "/endpoints", icon: "endpoints" }];
  if (perms.userManage) admin.push({ label: "Users", href: "/admin/users", icon: "users" });
  if (perms.teamManage) admin.push({ label: "Teams", href: "/admin/teams", icon: "teams" });
  if (perms.registryManage) admin.push({ label: "Registries", href: "/registries", icon: "registries" });
  if (perms.statusPageManage) admin.push({ label: "Status pages", href: "/admin/status-pages", icon: "status" });
  if (perms.settingsManage) admin.push({ label: "Settings", href: "/settings/restrictions", icon: "settings" });
  if (perms.settingsManage) admin.push({ label: "Backup", href: "/settings/backup", icon: "settings" });
  if (perms.auditRead) admin.push({ label: "Audit", href: "/audit", icon: "audit" });
  return { label: "Administration", items: admin };
}

/** The one item a path belongs to: an exact match first, else the longest prefix item. */
export function currentItem(groups: NavGroup[], pathname: string): NavItem | undefined {
  const items = groups.flatMap((g) => g.items);
  return (
    items.find((i) => i.href === pathname) ??
    items.filter((i) => i.prefix && pathname.startsWith(`${i.href}/`)).sort((a, b) => b.href.length - a.href.length)[0]
  );
}

export interface Crumb {
  label: string;
  href?: string;
}

const LABELS: Record<string, string> = {
  containers: "Containers",
  images: "Images",
  networks: "Networks",
  volumes: "Volumes",
  events: "Events",
  topology: "Topology",
  services: "Services",
  nodes: "Nodes",
  swarm: "Swarm",
  stacks: "Stacks",
  secrets: "Secrets",
  configs: "Configs",
  workloads: "Workloads",
  k8s: "Cluster",
  apply: "Apply YAML",
  crds: "Custom resources",
  namespaces: "Namespaces",
  pods: "Pods",
  deployments: "Deployments",
  replicasets: "ReplicaSets",
  statefulsets: "StatefulSets",
  daemonsets: "DaemonSets",
  jobs: "Jobs",
  cronjobs: "CronJobs",
  ingresses: "Ingresses",
  configmaps: "ConfigMaps",
  persistentvolumeclaims: "PersistentVolumeClaims",
  persistentvolumes: "PersistentVolumes",
  endpoints: "Endpoints",
  registries: "Registries",
  audit: "Audit",
  search: "Search",
  settings: "Settings",
  restrictions: "Restrictions",
  admin: "Administration",
  users: "Users",
  teams: "Teams",
  "status-pages": "Status pages",
  alerts: "Alerts",
  usage: "Usage",
  account: "Account",
  tokens: "API tokens",
  security: "Two-factor",
  new: "New",
  edit: "Edit",
  bench: "Bench",
};

/** A readable label for a path segment; long engine ids are cut to the 12 characters the CLI shows. */
function segmentLabel(segment: string): string {
  const s = decodeURIComponent(segment);
  if (LABELS[s]) return LABELS[s];
  const id = s.replace(/^sha256:/, "");
  return /^[0-9a-f]{32,}$/.test(id) ? id.slice(0, 12) : s;
}

/** Home › [endpoint] › section › item, each but the last a link; segments that are no page are plain text. */
export function breadcrumbs(pathname: string, endpointName: (id: string) => string | undefined): Crumb[] {
  const crumbs: Crumb[] = [{ label: "Home", href: "/" }];
  if (pathname === "/") return crumbs;
  const parts = pathname.split("/").filter(Boolean);
  const epId = endpointIdOfPath(pathname);
  let href = "";
  parts.forEach((part, i) => {
    href += `/${part}`;
    if (epId && i === 0) return; // "/endpoints" then the endpoint itself: one crumb, the endpoint's name
    if (epId && i === 1) {
      const home = parts[2] === "k8s" ? "k8s" : "containers";
      crumbs.push({ label: endpointName(epId) ?? epId, href: `/endpoints/${enc(epId)}/${home}` });
      return;
    }
    // A cluster-scoped object's path has "-" where a namespace would be: no crumb of its own.
    if (epId && parts[2] === "k8s" && i === 4 && part === "-") return;
    const linkable = !["admin", "account", "settings"].includes(part);
    crumbs.push({ label: segmentLabel(part), href: linkable ? href : undefined });
  });
  const last = crumbs[crumbs.length - 1];
  if (last) last.href = undefined;
  return crumbs;
}
