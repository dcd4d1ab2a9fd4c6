import type http from "node:http";
import type { DbHandle } from "@/db/client";

/** How long /readyz waits for the database before calling it unreachable (a probe must answer quickly). */
const DB_PING_TIMEOUT_MS = 2_000;

export type Readiness = { ready: true } | { ready: false; reason: string };

/**
 * Ready = the database answers. Migrations run before the server listens (server/main.ts), so a listening Berth has
 * them done; a database that went away after start-up makes Berth unready until it is back.
 */
export async function readiness(db: Pick<DbHandle, "ping">, timeoutMs = DB_PING_TIMEOUT_MS): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([db.ping(), timeout]);
    return { ready: true };
  } catch (err) {
    // The driver's message can name hosts and users: the probe answer says only what failed.
    return {
      ready: false,
      reason:
        err instanceof Error && /no answer within/.test(err.message) ? "database timeout" : "database unreachable",
    };
  } finally {
    clearTimeout(timer);
  }
}

function answer(res: http.ServerResponse, status: number, body: Record<string, string>, head: boolean): void {
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json");
  res.setHeader("Cache-Control", "no-store");
  res.end(head ? undefined : JSON.stringify(body));
}

/**
 * `GET /healthz`: the process is up and serving. `GET /readyz`: it can do its job (database reachable). Both are
 * anonymous and say nothing about the installation, for load balancers, `HEALTHCHECK` and Kubernetes probes.
 * Returns true when it answered the request.
 */
export function answerHealthProbe(req: http.IncomingMessage, res: http.ServerResponse, db: DbHandle): boolean {
  const path = (req.url ?? "").split("?")[0];
  if (path !== "/healthz" && path !== "/readyz") return false;
  const head = req.method === "HEAD";
  if (req.method !== "GET" && !head) {
    res.setHeader("Allow", "GET, HEAD");
    answer(res, 405, { status: "method not allowed" }, head);
    return true;
  }
  if (path === "/healthz") {
    answer(res, 200, { status: "ok" }, head);
    return true;
  }
  void readiness(db).then((r) =>
    r.ready
      ? answer(res, 200, { status: "ready" }, head)
      : answer(res, 503, { status: "unready", reason: r.reason }, head),
  );
  return true;
}
