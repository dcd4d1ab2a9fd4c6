import type { IncomingMessage } from "node:http";
import { clientKey } from "@/server/status/rate-limit";

/**
 * The client address of a request, as the custom server saw it, for per-client limits in code that only gets Web
 * Request headers (next-auth's `authorize`). The custom server overwrites whatever a client sent under this name, so
 * the header cannot be forged from outside.
 */
export const CLIENT_ADDRESS_HEADER = "x-berth-client-address";

/** Called by the custom server on every request before Next sees it. */
export function stampClientAddress(req: IncomingMessage, trustedProxies: readonly string[]): void {
  req.headers[CLIENT_ADDRESS_HEADER] = clientKey(
    req.socket.remoteAddress,
    req.headers["x-forwarded-for"],
    trustedProxies,
  );
}

/** The stamped address from a header bag (a plain object or Headers); "unknown" when the stamp is missing. */
export function clientAddressFrom(headers: unknown): string {
  let v: unknown;
  if (headers instanceof Headers) v = headers.get(CLIENT_ADDRESS_HEADER);
  else if (headers && typeof headers === "object") v = (headers as Record<string, unknown>)[CLIENT_ADDRESS_HEADER];
  if (Array.isArray(v)) v = v[0];
  return typeof v === "string" && v && v.length <= 64 ? v : "unknown";
}
