import { findEndpointById, findEndpointByName, updateEndpointRowStmt } from "@/db/endpoint-queries";
import type { Actor, EndpointView } from "@/lib/domain";
import type { EndpointConnection, UpdateEndpointInput } from "@/lib/endpoint-schemas";
import { NotFoundError, UserError } from "@/lib/errors";
import { requireDriver } from "@/server/endpoints/registry";
import { runtime } from "@/server/runtime";
import { type UseCaseContext, useCase } from "../use-case";
import { openCredentials, resolveCredentials, sealCredentials } from "./endpoint-credentials";
import { testConnection } from "./test-connection";

/**
 * Edits name, address or credentials. Empty credential fields keep what is stored. The new settings are tested
 * before anything is saved; then the endpoint's session restarts with them. Admins only.
 */
export function updateEndpoint(
  actor: Actor | null,
  input: UpdateEndpointInput,
  ctx?: UseCaseContext,
): Promise<EndpointView> {
  // Admins only: the permission is global (no resource), the record names the endpoint.
  const spec = {
    audit: "endpoint.update",
    permission: "endpoint:manage" as const,
    target: input.name,
    endpointId: input.endpointId,
  };
  return useCase(
    actor,
    spec,
    async (_actor, note) => {
      const rt = runtime();
      const row = await findEndpointById(rt.db, input.endpointId);
      if (!row) throw new NotFoundError("Endpoint not found");
      const clash = await findEndpointByName(rt.db, input.name);
      if (clash && clash.id !== row.id)
        throw new UserError(`An endpoint named "${input.name}" already exists`, 409, "conflict");
      // An edit keeps the endpoint's kind: the connection must be one its driver accepts.
      const driver = requireDriver(row.kind);
      const connection = driver.connection.safeParse(input.connection);
      if (!connection.success) throw new UserError(`Not a ${driver.label} connection`, 400, "wrong_kind");
      const url = driver.urlOf(connection.data);
      const creds = driver.credentials
        ? driver.credentials(connection.data, openCredentials(row))
        : resolveCredentials(input.connection as EndpointConnection, openCredentials(row));
      const test = await testConnection(url, creds, driver.kind);
      if (!test.ok) throw new UserError(`Could not connect: ${test.reason}`, 422, "connection_failed");
      const next = { ...row, name: input.name, url, secret: sealCredentials(creds) };
      note.detail = `${url} (${driver.label} ${test.version})`;
      await note.commit(function* (tx) {
        yield updateEndpointRowStmt(tx, row.id, { name: next.name, url: next.url, secret: next.secret });
      });
      rt.endpoints.replace(next);
      // The other replicas re-read the row (server/cluster/endpoint-replication.ts).
      rt.cluster?.endpoints.announce(next.id);
      return rt.endpoints.view(row.id)!;
    },
    ctx,
  );
}
