import { UserError } from "@/lib/errors";
import { KubeApiError } from "./kube-client";

const CERT_CODES = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_SIGNATURE_FAILURE",
]);

/**
 * A message a user can act on, for an API server answer or a transport failure. Never includes credentials: the
 * API server's own Status messages name the user and the verb, not tokens.
 */
export function describeKubeError(e: unknown): string {
  if (!(e instanceof KubeApiError)) return e instanceof Error ? e.message : String(e);
  if (e.status === undefined) {
    const code = e.code ?? "";
    if (CERT_CODES.has(code))
      return `The API server's certificate is not trusted (${code}): give the cluster's CA certificate, or check the server name.`;
    if (code === "ECONNREFUSED")
      return "Cannot reach the API server: connection refused (is the address and port right?).";
    if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "Cannot reach the API server: host name not found.";
    if (code === "ETIMEDOUT") return "Cannot reach the API server: no answer in time.";
    if (code === "EHOSTUNREACH" || code === "ENETUNREACH") return "Cannot reach the API server: no route to the host.";
    if (code === "ECONNRESET") return "The API server closed the connection.";
    return `Cannot reach the API server: ${e.message}`;
  }
  if (e.status === 401)
    return "The API server rejected the credentials (401 Unauthorized): check the token or client certificate.";
  if (e.status === 403) return `Forbidden (403): ${e.message}`;
  if (e.status === 404) return `Not found (404): ${e.message}`;
  return `${e.message} (HTTP ${e.status})`;
}

/** True for errors that say "the server is not there" rather than "the server said no". */
export function isUnreachable(e: unknown): boolean {
  return e instanceof KubeApiError && e.status === undefined;
}

/** API server refusals keep their status for the caller (403, 404, 409, 422); anything else is a conflict (409). */
export function kubeUserError(err: unknown): UserError {
  if (err instanceof UserError) return err;
  const status = err instanceof KubeApiError ? err.status : undefined;
  const code = status && status >= 400 && status < 500 ? status : 409;
  return new UserError(describeKubeError(err).slice(0, 600), code, "kube_error");
}
