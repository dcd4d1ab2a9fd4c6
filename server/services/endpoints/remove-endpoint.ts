import { deleteEndpointRowStmt, findEndpointById } from "@/db/endpoint-queries";
import { deleteSettingStmt } from "@/db/settings-queries";
import type { Actor } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import { runtime } from "@/server/runtime";
import { updatePolicyKeys } from "../updates/update-policies";
import { type UseCaseContext, useCase } from "../use-case";

/**
 * Forgets an endpoint (its grants, status page items and update policies go with it) and stops its session. Admins
 * only.
 */
export function removeEndpoint(
  actor: Actor | null,
  input: { endpointId: string },
  ctx?: UseCaseContext,
): Promise<void> {
  const spec = { audit: "endpoint.remove", permission: "endpoint:manage" as const, endpointId: input.endpointId };
  return useCase(
    actor,
    spec,
    async (_actor, note) => {
      const rt = runtime();
      const row = await findEndpointById(rt.db, input.endpointId);
      if (!row) throw new NotFoundError("Endpoint not found");
      note.target = row.name;
      note.detail = row.url;
      // Settings are keyed by endpoint id, not tied to its row: they go in the same transaction.
      const settingKeys = await updatePolicyKeys(row.id);
      await note.commit(function* (tx) {
        yield deleteEndpointRowStmt(tx, row.id);
        for (const key of settingKeys) yield deleteSettingStmt(tx, key);
      });
      rt.endpoints.remove(row.id);
      // The other replicas re-read the row (server/cluster/endpoint-replication.ts).
      rt.cluster?.endpoints.announce(row.id);
    },
    ctx,
  );
}
