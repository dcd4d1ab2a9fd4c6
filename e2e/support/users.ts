import path from "node:path";
import { hash } from "@node-rs/argon2";
import Database from "better-sqlite3";
import { serverState } from "./env";

/**
 * Makes a non-admin user with a role on one endpoint, straight in the e2e server's SQLite database (user management
 * has no UI in this suite). Idempotent per username.
 */
export async function ensureUser(username: string, password: string, endpointId: string, role: "viewer" | "operator") {
  const db = new Database(path.join(serverState().dataDir, "berth.db"));
  try {
    db.pragma("busy_timeout = 5000");
    if (db.prepare("select 1 from users where username = ?").get(username)) return;
    const now = Date.now();
    const userId = `u-${username}`;
    const teamId = `t-${username}`;
    const passwordHash = await hash(password, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    db.prepare(
      "insert into users (id, username, password_hash, is_admin, disabled, session_version, created_at) values (?, ?, ?, 0, 0, 1, ?)",
    ).run(userId, username, passwordHash, now);
    db.prepare("insert into teams (id, name, created_at) values (?, ?, ?)").run(teamId, `team-${username}`, now);
    db.prepare("insert into team_members (team_id, user_id) values (?, ?)").run(teamId, userId);
    db.prepare("insert into grants (team_id, endpoint_id, role) values (?, ?, ?)").run(teamId, endpointId, role);
  } finally {
    db.close();
  }
}
