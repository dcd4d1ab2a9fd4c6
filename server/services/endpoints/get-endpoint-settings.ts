import { findEndpointById } from "@/db/endpoint-queries";
import type { Actor } from "@/lib/domain";
import type { EndpointSettings } from "@/lib/endpoint-schemas";
import { NotFoundError } from "@/lib/errors";
import { runtime } from "@/server/runtime";
import { authorize } from "../authorize";
import { endpointSettings } from "./endpoint-credentials";

/** The edit form's view of an endpoint: no secret values, only whether each is stored. Admins only. */
export async function getEndpointSettings(actor: Actor | null, endpointId: string): Promise<EndpointSettings> {
  authorize(actor, "endpoint:manage");
  const row = await findEndpointById(runtime().db, endpointId);
  if (!row) throw new NotFoundError("Endpoint not found");
  return endpointSettings(row);
}
