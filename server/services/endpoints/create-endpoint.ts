import crypto from "node:crypto";
import { findEndpointById, findEndpointByName } from "@/db/endpoint-queries";
import { insertEndpointStmt } from "@/db/queries";
import type { Actor, EndpointView } from "@/lib/domain";
import type { CreateEndpointInput, EndpointConnection } from "@/lib/endpoint-schemas";
import { UserError } from "@/lib/errors";
import { driverForConnection } from "@/server/endpoints/registry";
import { runtime } from "@/server/runtime";
import { type UseCaseContext, useCase } from "../use-case";
import { resolveCredentials, sealCredentials } from "./endpoint-credentials";
import { testConnection } from "./test-connection";

/** A readable id for URLs, unique among endpoints. */
async function newEndpointId(name: string): Promise<string> {
  const { db } = runtime();
  const slug =
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9_-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "endpoint";
  if (!(await findEndpointById(db, slug))) return slug;
  return `${slug}-${crypto.randomBytes(3).toString("hex")}`;
}

/** Adds an endpoint after a successful connection test; its session starts at once. Admins only. */
export function createEndpoint(
  actor: Actor | null,
  input: CreateEndpointInput,
  ctx?: UseCaseContext,
): Promise<EndpointView> {
  const spec = { audit: "endpoint.create", permission: "endpoint:manage" as const, target: input.name };
  return useCase(
    actor,
    spec,
    async (_actor, note) => {
      const rt = runtime();
      if (await findEndpointByName(rt.db, input.name))
        throw new UserError(`An endpoint named "${input.name}" already exists`, 409, "conflict");
      // The connection's shape says its kind: the driver whose schema accepts it.
      const found = driverForConnection(input.connection);
      if (!found) throw new UserError("Unknown kind of connection", 400, "unknown_kind");
      const { driver } = found;
      const url = driver.urlOf(found.connection);
      const creds = driver.credentials
        ? driver.credentials(found.connection, undefined)
        : resolveCredentials(input.connection as EndpointConnection, undefined);
      const test = await testConnection(url, creds, driver.kind);
      if (!test.ok) throw new UserError(`Could not connect: ${test.reason}`, 422, "connection_failed");
      const id = await newEndpointId(input.name);
      const row = {
        id,
        name: input.name,
        kind: driver.kind,
        url,
        secret: sealCredentials(creds),
        createdAt: Date.now(),
      };
      note.endpointId = id;
      note.detail = `${url} (${driver.label} ${test.version})`;
      await note.commit(function* (tx) {
        yield insertEndpointStmt(tx, row);
      });
      rt.endpoints.add(row);
      // The other replicas re-read the row (server/cluster/endpoint-replication.ts).
      rt.cluster?.endpoints.announce(row.id);
      return rt.endpoints.view(id)!;
    },
    ctx,
  );
}
