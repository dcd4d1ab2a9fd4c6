import { randomUUID } from "node:crypto";
import path from "node:path";
import { hash } from "@node-rs/argon2";
import Database from "better-sqlite3";
import { and, desc, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import * as schema from "../../db/schema/sqlite";
import { serverState } from "./env";

// Direct writes to the e2e server's own SQLite file, with the same drizzle schema, for what the UI of this branch
// cannot make yet (users, teams, grants). The server reads grants from the database on every request.

function open() {
  const sqlite = new Database(path.join(serverState().dataDir, "berth.db"));
  sqlite.pragma("busy_timeout = 5000");
  return { sqlite, db: drizzle(sqlite, { schema }) };
}

/** A non-admin user in a new team holding `role` on `endpointId`. */
export async function createGrantedUser(
  username: string,
  password: string,
  endpointId: string,
  role: "operator" | "viewer",
): Promise<void> {
  const passwordHash = await hash(password, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  const { sqlite, db } = open();
  try {
    const now = Date.now();
    const userId = randomUUID();
    const teamId = randomUUID();
    db.transaction((tx) => {
      tx.insert(schema.users).values({ id: userId, username, passwordHash, isAdmin: false, createdAt: now }).run();
      tx.insert(schema.teams)
        .values({ id: teamId, name: `team-${username}`, createdAt: now })
        .run();
      tx.insert(schema.teamMembers).values({ teamId, userId }).run();
      tx.insert(schema.grants).values({ teamId, endpointId, role }).run();
    });
  } finally {
    sqlite.close();
  }
}

export function auditRows(actorName: string, action: string) {
  const { sqlite, db } = open();
  try {
    return db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.actorName, actorName), eq(schema.auditLog.action, action)))
      .orderBy(desc(schema.auditLog.id))
      .all();
  } finally {
    sqlite.close();
  }
}
