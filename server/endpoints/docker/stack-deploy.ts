import type Docker from "dockerode";
import type { StackPlan } from "@/lib/compose/to-stack";
import { STACK_NAMESPACE_LABEL } from "@/lib/swarm";

// Applies a stack plan to a swarm manager the way `docker stack deploy` does: networks first (created when missing),
// then each service created or updated in place (same name, current version). Services of the stack that the file
// no longer names are left alone, as without `--prune`.

type Json = Record<string, unknown>;

export interface DeployOutcome {
  created: string[];
  updated: string[];
  networks: string[];
  warnings: string[];
}

export async function applyStackPlan(api: Docker, plan: StackPlan): Promise<DeployOutcome> {
  const out: DeployOutcome = { created: [], updated: [], networks: [], warnings: [] };
  const existingNets = new Set(
    ((await api.listNetworks()) as { Name: string; Id: string }[]).flatMap((n) => [n.Name, n.Id]),
  );
  for (const n of plan.networks) {
    if (existingNets.has(n.name)) continue;
    if (n.external) throw Object.assign(new Error(`External network ${n.name} does not exist`), { userFacing: true });
    await api.createNetwork(n.create as never);
    out.networks.push(n.name);
  }
  for (const kind of ["secrets", "configs"] as const) {
    const names = new Map(
      (
        (kind === "secrets" ? await api.listSecrets() : await api.listConfigs()) as {
          ID: string;
          Spec?: { Name?: string };
        }[]
      ).map((o) => [o.Spec?.Name ?? "", o.ID]),
    );
    for (const name of plan[kind])
      if (!names.has(name))
        throw Object.assign(new Error(`External ${kind === "secrets" ? "secret" : "config"} ${name} does not exist`), {
          userFacing: true,
        });
    // The engine wants ids beside the names.
    for (const svc of plan.services) {
      const cs = (svc.spec.TaskTemplate as Json).ContainerSpec as Json;
      for (const ref of (cs[kind === "secrets" ? "Secrets" : "Configs"] as Json[] | undefined) ?? []) {
        const name = String(ref[kind === "secrets" ? "SecretName" : "ConfigName"]);
        ref[kind === "secrets" ? "SecretID" : "ConfigID"] = names.get(name);
      }
    }
  }
  const current = new Map(
    (
      (await api.listServices({ filters: { label: [`${STACK_NAMESPACE_LABEL}`] } })) as {
        ID: string;
        Version?: { Index?: number };
        Spec?: { Name?: string; TaskTemplate?: { ForceUpdate?: number } };
      }[]
    ).map((s) => [s.Spec?.Name ?? "", s]),
  );
  for (const svc of plan.services) {
    const existing = current.get(svc.name);
    if (!existing) {
      await api.createService(svc.spec as never);
      out.created.push(svc.name);
      continue;
    }
    // Keep a redeploy counter the user bumped (as the CLI does): only the file's settings change.
    const tt = { ...(svc.spec.TaskTemplate as Json), ForceUpdate: existing.Spec?.TaskTemplate?.ForceUpdate ?? 0 };
    const res = (await api.getService(existing.ID).update({
      _query: { version: existing.Version?.Index ?? 0 },
      _body: { ...svc.spec, TaskTemplate: tt },
    } as never)) as {
      Warnings?: string[] | null;
    };
    out.warnings.push(...(res?.Warnings ?? []));
    out.updated.push(svc.name);
  }
  return out;
}

/** `docker stack rm`: the stack's services, then its secrets, configs and networks (everything with its label). */
export async function removeStackObjects(api: Docker, stack: string): Promise<{ services: number }> {
  const filters = { label: [`${STACK_NAMESPACE_LABEL}=${stack}`] };
  const services = (await api.listServices({ filters })) as { ID: string }[];
  for (const s of services) await api.getService(s.ID).remove();
  for (const s of (await api.listSecrets({ filters })) as { ID: string }[]) await api.getSecret(s.ID).remove();
  for (const c of (await api.listConfigs({ filters })) as { ID: string }[]) await api.getConfig(c.ID).remove();
  // A network is still in use for a moment after its last task stopped: retry briefly.
  for (const n of (await api.listNetworks({ filters })) as { Id: string }[]) {
    for (let i = 0; ; i++) {
      try {
        await api.getNetwork(n.Id).remove();
        break;
      } catch (err) {
        if (i >= 20 || (err as { statusCode?: number }).statusCode === 404) {
          if ((err as { statusCode?: number }).statusCode === 404) break;
          throw err;
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }
  return { services: services.length };
}
