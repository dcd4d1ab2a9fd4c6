import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  dockerHost?: string;
  adminUsername?: string;
  adminPassword?: string;
  authSecret: string;
  /** Extra origins allowed to open sockets and post actions, besides the server's own. */
  allowedOrigins: string[];
  dev: boolean;
  logLevel: string;
  /** Requests per minute one client (IP address, IPv6 /64) may make to public status pages and their socket. */
  publicRateLimit: number;
  /** Reverse proxies whose X-Forwarded-For names the client, for that rate limit. */
  trustedProxies: string[];
  /** How often image updates are checked (jittered ±10 %); BERTH_UPDATE_CHECK_INTERVAL_MS, default 6 h, 0 = never. */
  updateCheckIntervalMs?: number;
}

/** Reads a secret from the data folder, creating it (mode 0600) on first start. */
function persistentSecret(dataDir: string, file: string): string {
  const p = path.join(dataDir, file);
  try {
    return fs.readFileSync(p, "utf8").trim();
  } catch {
    const value = crypto.randomBytes(32).toString("base64url");
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(p, value, { mode: 0o600, flag: "wx" });
    return value;
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.BERTH_DATA_DIR || "./data");
  const port = Number.parseInt(env.PORT || "3000", 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const publicRateLimit = Number(env.BERTH_PUBLIC_RATE_LIMIT || "120");
  if (!Number.isInteger(publicRateLimit) || publicRateLimit < 1 || publicRateLimit > 1_000_000)
    throw new Error(
      `BERTH_PUBLIC_RATE_LIMIT must be a whole number of requests per minute, got "${env.BERTH_PUBLIC_RATE_LIMIT}"`,
    );
  const updateCheckIntervalMs = Number(env.BERTH_UPDATE_CHECK_INTERVAL_MS || 6 * 60 * 60_000);
  if (!Number.isInteger(updateCheckIntervalMs) || updateCheckIntervalMs < 0)
    throw new Error(
      `BERTH_UPDATE_CHECK_INTERVAL_MS must be a whole number of milliseconds, got "${env.BERTH_UPDATE_CHECK_INTERVAL_MS}"`,
    );
  return {
    updateCheckIntervalMs,
    port,
    host: env.HOST || "0.0.0.0",
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    dockerHost: env.DOCKER_HOST || undefined,
    adminUsername: env.BERTH_ADMIN_USERNAME || undefined,
    adminPassword: env.BERTH_ADMIN_PASSWORD || undefined,
    authSecret: env.NEXTAUTH_SECRET || env.BERTH_AUTH_SECRET || persistentSecret(dataDir, "auth.secret"),
    allowedOrigins: (env.BERTH_ALLOWED_ORIGINS || "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    dev: env.NODE_ENV === "development",
    logLevel: env.LOG_LEVEL || "info",
    publicRateLimit,
    trustedProxies: (env.BERTH_TRUSTED_PROXIES || "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  };
}
