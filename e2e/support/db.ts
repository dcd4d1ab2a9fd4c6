import path from "node:path";
import Database from "better-sqlite3";
import { serverState } from "./env";

/** Opens the e2e server's own SQLite file (WAL: safe beside the running server) for checks and fixtures. */
export function openServerDb(): Database.Database {
  const db = new Database(path.join(serverState().dataDir, "berth.db"));
  db.pragma("busy_timeout = 5000");
  return db;
}

/**
 * A second endpoint, registered in the database only (the server has no session for it): enough to hold grants,
 * so "operator of another endpoint" is a real actor in access tests.
 */
export function ensureOtherEndpoint(id = "other"): string {
  const db = openServerDb();
  try {
    db.prepare(
      "INSERT OR IGNORE INTO endpoints (id, name, kind, url, created_at) VALUES (?, ?, 'docker', 'unix:///nonexistent/docker.sock', ?)",
    ).run(id, id, Date.now());
  } finally {
    db.close();
  }
  return id;
}
