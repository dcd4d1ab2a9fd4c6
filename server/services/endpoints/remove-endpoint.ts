import { deleteEndpointRow, findEndpointById } from "@/db/endpoint-queries";
import type { Actor } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import { runtime } from "@/server/runtime";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../authorize";
import type { EndpointOpContext } from "./create-endpoint";

/** Forgets an endpoint (its grants and status page items go with it) and stops its session. Admins only. */
export async function removeEndpoint(
  actor: Actor | null,
  input: { endpointId: string },
  ctx: EndpointOpContext = {},
): Promise<void> {
  const audit = { actor, action: "endpoint.remove", endpointId: input.endpointId, source: ctx.source };
  try {
    authorize(actor, "endpoint:manage");
  } catch (err) {
    await recordAudit({ ...audit, outcome: "denied", detail: (err as Error).message });
    throw err;
  }
  const rt = runtime();
  const row = await findEndpointById(rt.db, input.endpointId);
  if (!row) {
    await recordAudit({ ...audit, outcome: "failure", detail: "Endpoint not found" });
    throw new NotFoundError("Endpoint not found");
  }
  await deleteEndpointRow(rt.db, row.id);
  rt.endpoints.remove(row.id);
  await recordAudit({ ...audit, target: row.name, outcome: "success", detail: row.url });
}
