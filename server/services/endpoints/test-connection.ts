import type { EndpointCredentials } from "@/lib/endpoint-schemas";
import type { ConnectionResult } from "@/server/endpoints/driver";
import { requireDriver } from "@/server/endpoints/registry";

export type { ConnectionResult };

/**
 * Talks to an endpoint once, the way its session will, through its kind's driver (Docker: /version must answer like
 * Docker within 5 s). Failures come back in words a user can act on (refused, timed out, TLS, SSH auth...).
 */
export async function testConnection(
  url: string,
  credentials?: EndpointCredentials,
  kind = "docker",
): Promise<ConnectionResult> {
  return requireDriver(kind).test({ url, credentials });
}
