import { type DbHandle, openDb } from "@/db/client";
import type { Cluster } from "./cluster/cluster";
import type { Config } from "./config";
import { loadSecretKey, SecretBox } from "./crypto/secret-box";
import { EndpointManager } from "./endpoints/endpoint-manager";
import { type Logger, log } from "./log";
import { RateLimiter } from "./status/rate-limit";
import { type PublicLimiter, SharedRateLimiter } from "./status/shared-limiter";
import { StatusTracker } from "./status/status-tracker";

/**
 * Process-wide state. The custom server and Next's separately bundled route code each get their own copy of this
 * module, so the single instance lives on globalThis and both read it from there.
 */
export interface Runtime {
  config: Config;
  log: Logger;
  db: DbHandle;
  endpoints: EndpointManager;
  /** Seals and opens credentials stored in the database. */
  secrets: SecretBox;
  /** Live state and history of what status pages show; started by the server (server/main.ts). */
  status: StatusTracker;
  /** Per-client limit on public status pages (HTTP and the "/public" socket namespace share it). */
  publicLimiter: PublicLimiter;
  /** The setup token this process printed, while no admin exists (any replica's token works: see create-first-admin). */
  setupToken: string | null;
  /** Replicas: bus, leases, endpoint ownership. Opened by the server (server/main.ts); null in tests and tools. */
  cluster: Cluster | null;
}

const KEY = Symbol.for("berth.runtime");
type Holder = { [KEY]?: Runtime };

export function runtime(): Runtime {
  const r = (globalThis as Holder)[KEY];
  if (!r) throw new Error("Berth runtime is not initialised (start Berth with `npm start`)");
  return r;
}

export async function createRuntime(config: Config): Promise<Runtime> {
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const secrets = new SecretBox(loadSecretKey(config.dataDir));
  const endpoints = new EndpointManager(log, (s) => secrets.open(s));
  const r: Runtime = {
    config,
    log,
    db,
    endpoints,
    status: new StatusTracker(db, endpoints, log),
    // On Postgres, replicas may share the database: the limit is counted there (on SQLite, one process: in memory).
    publicLimiter:
      db.dialect === "pg"
        ? new SharedRateLimiter(db, config.publicRateLimit, log)
        : new RateLimiter(config.publicRateLimit),
    secrets,
    setupToken: null,
    cluster: null,
  };
  (globalThis as Holder)[KEY] = r;
  return r;
}
