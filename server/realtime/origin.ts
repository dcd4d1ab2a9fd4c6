import type { IncomingMessage } from "node:http";

/**
 * A browser always sends Origin on cross-site requests, so one that is present must be this server's own (or an
 * allowed) origin. Requests without Origin (same-origin GETs, non-browser clients) still need a valid session.
 */
export function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  try {
    const host = req.headers["x-forwarded-host"] ?? req.headers.host;
    return typeof host === "string" && new URL(origin).host === host;
  } catch {
    return false;
  }
}
