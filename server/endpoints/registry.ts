import { UserError } from "@/lib/errors";
import { dockerDriver } from "./docker/docker-driver";
import type { EndpointDriver, StoreSpec } from "./driver";
import { kubernetesDriver } from "./kubernetes/kubernetes-driver";

/**
 * Every endpoint kind this build serves, by kind. Adding a kind is one line here (see ./driver.ts). A static list
 * rather than side-effect registration: the custom server and Next's route bundles each load their own copy of
 * these modules, and both must see the same drivers.
 */
const DRIVERS: readonly EndpointDriver[] = [dockerDriver as EndpointDriver, kubernetesDriver as EndpointDriver];

const byKind = new Map<string, EndpointDriver>(DRIVERS.map((d) => [d.kind, d]));

export function drivers(): readonly EndpointDriver[] {
  return DRIVERS;
}

export function driverFor(kind: string): EndpointDriver | undefined {
  return byKind.get(kind);
}

export function requireDriver(kind: string): EndpointDriver {
  const d = byKind.get(kind);
  if (!d) throw new UserError(`Endpoints of kind "${kind.slice(0, 40)}" are not supported`, 400, "unknown_kind");
  return d;
}

/** The driver whose connection schema accepts this input (the form sends one kind's fields), with the parsed value. */
export function driverForConnection(input: unknown): { driver: EndpointDriver; connection: unknown } | undefined {
  for (const driver of DRIVERS) {
    const parsed = driver.connection.safeParse(input);
    if (parsed.success) return { driver, connection: parsed.data };
  }
  return undefined;
}

/**
 * Every store any kind keeps, by name. Two kinds may keep a store of the same name (both have "networks"): then
 * they must agree on the permission, or the store topic could not authorize before knowing the endpoint.
 */
export function storeSpecs(): ReadonlyMap<string, StoreSpec> {
  const specs = new Map<string, StoreSpec>();
  for (const d of DRIVERS) {
    for (const s of d.stores) {
      const prev = specs.get(s.name);
      if (prev && prev.permission !== s.permission)
        throw new Error(`store "${s.name}" has two permissions: ${prev.permission} and ${s.permission}`);
      specs.set(s.name, s);
    }
  }
  return specs;
}
