import type { IncomingMessage, ServerResponse } from "node:http";
import type { Runtime } from "@/server/runtime";
import { clientKey, retryAfterSeconds } from "./rate-limit";

/** Paths anyone may open: the status pages and their JSON. Everything else needs a session anyway. */
const PUBLIC_PATH = /^\/(?:status|api\/v1\/status)(?:\/|$)/;

/** Whether a request targets a public status path, however its path is spelled (`//status/x`, `/./status/x`). */
export function isPublicStatusPath(rawUrl: string | undefined): boolean {
  // Collapse slashes first: "//status/x" would otherwise parse as a URL with host "status".
  const raw = (rawUrl ?? "/").split(/[?#]/, 1)[0]!.replace(/\/{2,}/g, "/");
  let path: string;
  try {
    path = new URL(raw.startsWith("/") ? raw : `/${raw}`, "http://berth.invalid").pathname;
  } catch {
    return false;
  }
  try {
    path = decodeURIComponent(path);
  } catch {
    // keep the raw form
  }
  return PUBLIC_PATH.test(path.replace(/\/{2,}/g, "/"));
}

/**
 * The public rate limit for HTTP: answers 429 with Retry-After (and returns true) when the client is over it.
 * Runs in the custom server before Next, where the client's address is known.
 */
export async function refuseOverPublicLimit(req: IncomingMessage, res: ServerResponse, rt: Runtime): Promise<boolean> {
  if (!isPublicStatusPath(req.url)) return false;
  const key = clientKey(req.socket.remoteAddress, req.headers["x-forwarded-for"], rt.config.trustedProxies);
  const wait = await rt.publicLimiter.take(key);
  if (!wait) return false;
  const seconds = retryAfterSeconds(wait);
  res.statusCode = 429;
  res.setHeader("Retry-After", String(seconds));
  res.setHeader("Cache-Control", "no-store");
  const api = req.url?.includes("/api/");
  res.setHeader("Content-Type", api ? "application/problem+json" : "text/plain; charset=utf-8");
  res.end(
    api
      ? JSON.stringify({
          type: "about:blank",
          title: "Too Many Requests",
          status: 429,
          detail: `Try again in ${seconds} s`,
        })
      : `Too many requests. Try again in ${seconds} s.\n`,
  );
  return true;
}
