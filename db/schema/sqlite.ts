import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

// Keep in step with ./pg.ts: db/schema-parity.test.ts fails when the two drift.
// Times are epoch milliseconds in both dialects, so queries never branch on dialect.

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  username: text("username").notNull().unique(),
  passwordHash: text("password_hash").notNull(),
  isAdmin: integer("is_admin", { mode: "boolean" }).notNull().default(false),
  disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
  // Bumped on password change, disable or role change: JWTs carrying an older value are refused.
  sessionVersion: integer("session_version").notNull().default(1),
  createdAt: integer("created_at").notNull(),
});

export const teams = sqliteTable("teams", {
  id: text("id").primaryKey(),
  name: text("name").notNull().unique(),
  createdAt: integer("created_at").notNull(),
});

export const teamMembers = sqliteTable(
  "team_members",
  {
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] })],
);

export const endpoints = sqliteTable("endpoints", {
  id: text("id").primaryKey(),
  name: text("name").notNull().unique(),
  kind: text("kind").notNull(),
  url: text("url").notNull(),
  // AES-256-GCM sealed JSON of credentials (TLS keys, SSH keys, kubeconfig); never leaves the server.
  secret: text("secret"),
  createdAt: integer("created_at").notNull(),
});

export const grants = sqliteTable(
  "grants",
  {
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => endpoints.id, { onDelete: "cascade" }),
    role: text("role").notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.endpointId] })],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
    actorId: text("actor_id"),
    actorName: text("actor_name").notNull(),
    action: text("action").notNull(),
    endpointId: text("endpoint_id"),
    target: text("target"),
    outcome: text("outcome").notNull(),
    detail: text("detail"),
    source: text("source"),
  },
  (t) => [index("audit_log_at_idx").on(t.at)],
);

export const meta = sqliteTable("meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});
