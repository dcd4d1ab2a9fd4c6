import type { Actor } from "@/lib/domain";
import { NotFoundError, UserError } from "@/lib/errors";
import { REDACTED } from "@/lib/redaction";
import type { UpdateNodeInput } from "@/lib/swarm-schemas";
import type { UseCaseContext } from "../use-case";
import { findIn, swarmOp } from "./swarm-op";

/** Availability (active, pause, drain), role (promote, demote) and labels of one node. Admins only. */
export function updateNode(actor: Actor | null, input: UpdateNodeInput, ctx?: UseCaseContext): Promise<void> {
  const changes = [
    input.availability && `availability ${input.availability}`,
    input.nodeRole && `role ${input.nodeRole}`,
    input.labels && `labels ${Object.keys(input.labels).join(",") || "(none)"}`,
  ].filter(Boolean);
  return swarmOp(
    actor,
    {
      permission: "swarm:nodes",
      audit: "swarm.node.update",
      endpointId: input.endpointId,
      target: input.nodeId,
      detail: changes.join("; "),
    },
    async (api, store) => {
      if (!changes.length) throw new UserError("Nothing to change");
      const node = findIn(store.stores.nodes.values(), input.nodeId, (n) => n.hostname);
      if (!node) throw new NotFoundError(`No node ${input.nodeId}`);
      // Read the spec fresh: the engine refuses an update that names an old version.
      const raw = (await api.getNode(node.id).inspect()) as {
        Version?: { Index?: number };
        Spec?: Record<string, unknown>;
      };
      const spec = { ...(raw.Spec ?? {}) };
      if (input.availability) spec.Availability = input.availability;
      if (input.nodeRole) spec.Role = input.nodeRole;
      if (input.labels) {
        // The node list shows secret-looking label values redacted; saving such a value unchanged keeps the real one.
        const current = (raw.Spec?.Labels ?? {}) as Record<string, string>;
        spec.Labels = Object.fromEntries(
          Object.entries(input.labels).map(([k, v]) => [k, v === REDACTED && k in current ? current[k] : v]),
        );
      }
      await api.getNode(node.id).update({ _query: { version: raw.Version?.Index }, _body: spec } as never);
      await store.refresh("nodes");
    },
    ctx,
  );
}
