import type { Actor, EndpointRole, NamespacedRoles } from "./domain";
import { strongerRole } from "./policy";

/** One grant row as the database keeps it: `namespaces` null means the whole endpoint. */
export interface GrantRow {
  endpointId: string;
  role: string;
  namespaces: readonly string[] | null;
}

const asRole = (r: string): EndpointRole | undefined => (r === "operator" || r === "viewer" ? r : undefined);

/**
 * Folds the grants of all of a user's teams into the actor's view: the best role per endpoint (what makes it
 * visible), and for endpoints where a grant names namespaces, the cluster-wide role and the role per namespace.
 * Several teams add up: the stronger role wins in each scope.
 */
export function foldGrants(rows: readonly GrantRow[]): Pick<Actor, "grants" | "namespaced"> {
  const grants: Record<string, EndpointRole> = {};
  const all: Record<string, EndpointRole> = {};
  const byNs: Record<string, Record<string, EndpointRole>> = {};
  for (const g of rows) {
    const role = asRole(g.role);
    if (!role) continue;
    grants[g.endpointId] = strongerRole(grants[g.endpointId], role)!;
    if (g.namespaces === null) {
      all[g.endpointId] = strongerRole(all[g.endpointId], role)!;
      continue;
    }
    byNs[g.endpointId] ??= Object.create(null) as Record<string, EndpointRole>;
    const m = byNs[g.endpointId]!;
    for (const ns of g.namespaces) m[ns] = strongerRole(m[ns], role)!;
  }
  const ids = Object.keys(byNs);
  if (!ids.length) return { grants };
  const namespaced: Record<string, NamespacedRoles> = {};
  for (const id of ids) namespaced[id] = { ...(all[id] ? { all: all[id] } : {}), byNamespace: byNs[id]! };
  return { grants, namespaced };
}

/**
 * The namespaces column: a JSON array of names, or null (SQL NULL) for "all". Anything else unreadable grants no
 * namespace at all (failing closed), never the whole endpoint.
 */
export function parseNamespaces(raw: string | null | undefined): string[] | null {
  if (raw === null || raw === undefined) return null;
  try {
    const v = JSON.parse(raw) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}
