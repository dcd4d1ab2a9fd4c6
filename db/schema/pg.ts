import { bigint, boolean, index, integer, pgTable, primaryKey, serial, text, uniqueIndex } from "drizzle-orm/pg-core";

// Keep in step with ./sqlite.ts: db/schema-parity.test.ts fails when the two drift.

export const users = pgTable("users", {
  id: text("id").primaryKey(),
  username: text("username").notNull().unique(),
  passwordHash: text("password_hash").notNull(),
  isAdmin: boolean("is_admin").notNull().default(false),
  disabled: boolean("disabled").notNull().default(false),
  sessionVersion: integer("session_version").notNull().default(1),
  totpSecret: text("totp_secret"),
  totpEnabled: boolean("totp_enabled").notNull().default(false),
  recoveryCodes: text("recovery_codes"),
  // The user's colour theme: "system" follows the browser; "light" and "dark" are fixed choices.
  theme: text("theme").notNull().default("system"),
  totpLastStep: bigint("totp_last_step", { mode: "number" }),
  createdAt: bigint("created_at", { mode: "number" }).notNull(),
});

export const teams = pgTable("teams", {
  id: text("id").primaryKey(),
  name: text("name").notNull().unique(),
  createdAt: bigint("created_at", { mode: "number" }).notNull(),
});

export const teamMembers = pgTable(
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

export const endpoints = pgTable("endpoints", {
  id: text("id").primaryKey(),
  name: text("name").notNull().unique(),
  kind: text("kind").notNull(),
  url: text("url").notNull(),
  secret: text("secret"),
  createdAt: bigint("created_at", { mode: "number" }).notNull(),
});

export const grants = pgTable(
  "grants",
  {
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => endpoints.id, { onDelete: "cascade" }),
    role: text("role").notNull(),
    // Kubernetes: a JSON array of the namespaces the role holds in; NULL for the whole endpoint.
    namespaces: text("namespaces"),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.endpointId] })],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: serial("id").primaryKey(),
    at: bigint("at", { mode: "number" }).notNull(),
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

export const meta = pgTable("meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

export const apiTokens = pgTable("api_tokens", {
  id: text("id").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: bigint("created_at", { mode: "number" }).notNull(),
  expiresAt: bigint("expires_at", { mode: "number" }),
  lastUsedAt: bigint("last_used_at", { mode: "number" }),
  revokedAt: bigint("revoked_at", { mode: "number" }),
});

export const registries = pgTable("registries", {
  id: text("id").primaryKey(),
  name: text("name").notNull().unique(),
  url: text("url").notNull(),
  username: text("username"),
  secret: text("secret"),
  createdAt: bigint("created_at", { mode: "number" }).notNull(),
});

export const statusPages = pgTable("status_pages", {
  id: text("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  title: text("title").notNull(),
  createdAt: bigint("created_at", { mode: "number" }).notNull(),
});

export const statusPageItems = pgTable(
  "status_page_items",
  {
    pageId: text("page_id")
      .notNull()
      .references(() => statusPages.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => endpoints.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    ref: text("ref").notNull(),
    displayName: text("display_name").notNull(),
  },
  (t) => [primaryKey({ columns: [t.pageId, t.position] })],
);

export const statusHistory = pgTable(
  "status_history",
  {
    id: serial("id").primaryKey(),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => endpoints.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    ref: text("ref").notNull(),
    state: text("state").notNull(),
    since: bigint("since", { mode: "number" }).notNull(),
    until: bigint("until", { mode: "number" }).notNull(),
  },
  (t) => [index("status_history_target_idx").on(t.endpointId, t.kind, t.ref, t.until)],
);

export const authThrottle = pgTable("auth_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  blockedUntil: bigint("blocked_until", { mode: "number" }).notNull(),
  updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
});

export const revokedSessions = pgTable("revoked_sessions", {
  sid: text("sid").primaryKey(),
  expiresAt: bigint("expires_at", { mode: "number" }).notNull(),
});

export const containerSwaps = pgTable("container_swaps", {
  id: text("id").primaryKey(),
  endpointId: text("endpoint_id").notNull(),
  name: text("name").notNull(),
  oldId: text("old_id").notNull(),
  newId: text("new_id"),
  oldSideName: text("old_side_name").notNull(),
  newSideName: text("new_side_name").notNull(),
  wasRunning: boolean("was_running").notNull(),
  step: text("step").notNull(),
  action: text("action").notNull(),
  actorName: text("actor_name").notNull(),
  owner: text("owner").notNull(),
  startedAt: bigint("started_at", { mode: "number" }).notNull(),
  updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
});

export const imageUpdates = pgTable(
  "image_updates",
  {
    endpointId: text("endpoint_id").notNull(),
    containerId: text("container_id").notNull(),
    containerName: text("container_name").notNull(),
    image: text("image").notNull(),
    imageId: text("image_id").notNull(),
    state: text("state").notNull(),
    localDigest: text("local_digest"),
    remoteDigest: text("remote_digest"),
    detail: text("detail"),
    checkedAt: bigint("checked_at", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.endpointId, t.containerId] })],
);

// Named leases held by one replica at a time (an endpoint's upstream, a scheduled job): the holder renews before
// `expires_at` (milliseconds, the database's clock); anyone may take an expired one. `epoch` grows with each new holder.
export const leases = pgTable("leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  expiresAt: bigint("expires_at", { mode: "number" }).notNull(),
  epoch: integer("epoch").notNull().default(1),
});

export const alertChannels = pgTable("alert_channels", {
  id: text("id").primaryKey(),
  name: text("name").notNull().unique(),
  kind: text("kind").notNull(),
  config: text("config").notNull(),
  secret: text("secret"),
  createdAt: bigint("created_at", { mode: "number" }).notNull(),
});

export const alertRules = pgTable("alert_rules", {
  id: text("id").primaryKey(),
  endpointId: text("endpoint_id").notNull(),
  name: text("name").notNull(),
  spec: text("spec").notNull(),
  enabled: boolean("enabled").notNull(),
  createdBy: text("created_by").notNull(),
  createdAt: bigint("created_at", { mode: "number" }).notNull(),
});

export const alertIncidents = pgTable(
  "alert_incidents",
  {
    id: text("id").primaryKey(),
    ruleId: text("rule_id").notNull(),
    subject: text("subject").notNull(),
    summary: text("summary").notNull(),
    count: integer("count").notNull(),
    openedAt: bigint("opened_at", { mode: "number" }).notNull(),
    lastAt: bigint("last_at", { mode: "number" }).notNull(),
    resolveAt: bigint("resolve_at", { mode: "number" }),
    resolvedAt: bigint("resolved_at", { mode: "number" }),
  },
  (t) => [index("alert_incidents_rule_idx").on(t.ruleId, t.subject, t.resolvedAt)],
);

export const alertDeliveries = pgTable(
  "alert_deliveries",
  {
    id: text("id").primaryKey(),
    incidentId: text("incident_id"),
    ruleId: text("rule_id"),
    ruleName: text("rule_name").notNull(),
    channelId: text("channel_id").notNull(),
    event: text("event").notNull(),
    message: text("message").notNull(),
    state: text("state").notNull(),
    attempts: integer("attempts").notNull(),
    nextAttemptAt: bigint("next_attempt_at", { mode: "number" }).notNull(),
    lastError: text("last_error"),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    sentAt: bigint("sent_at", { mode: "number" }),
  },
  (t) => [index("alert_deliveries_due_idx").on(t.state, t.nextAttemptAt)],
);

export const usagePoints = pgTable(
  "usage_points",
  {
    endpointId: text("endpoint_id").notNull(),
    containerId: text("container_id").notNull(),
    containerName: text("container_name").notNull(),
    project: text("project").notNull(),
    t: bigint("t", { mode: "number" }).notNull(),
    cpu: bigint("cpu_milli", { mode: "number" }).notNull(),
    mem: bigint("mem", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.endpointId, t.containerId, t.t] }), index("usage_points_time_idx").on(t.t)],
);

export const stackVersions = pgTable(
  "stack_versions",
  {
    id: text("id").primaryKey(),
    endpointId: text("endpoint_id").notNull(),
    project: text("project").notNull(),
    version: integer("version").notNull(),
    kind: text("kind").notNull(),
    compose: text("compose").notNull(),
    envSealed: text("env_sealed").notNull(),
    workingDir: text("working_dir").notNull(),
    outcome: text("outcome").notNull(),
    error: text("error"),
    log: text("log").notNull(),
    actorName: text("actor_name").notNull(),
    startedAt: bigint("started_at", { mode: "number" }).notNull(),
    finishedAt: bigint("finished_at", { mode: "number" }),
  },
  (t) => [uniqueIndex("stack_versions_project_idx").on(t.endpointId, t.project, t.version)],
);

export const stackSources = pgTable(
  "stack_sources",
  {
    id: text("id").primaryKey(),
    endpointId: text("endpoint_id").notNull(),
    project: text("project").notNull(),
    repoUrl: text("repo_url").notNull(),
    tokenSealed: text("token_sealed"),
    branch: text("branch").notNull(),
    composePath: text("compose_path").notNull(),
    webhookSecretSealed: text("webhook_secret_sealed").notNull(),
    pollSeconds: integer("poll_seconds").notNull(),
    lastCommit: text("last_commit"),
    lastCheckedAt: bigint("last_checked_at", { mode: "number" }),
    userId: text("user_id").notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [uniqueIndex("stack_sources_project_idx").on(t.endpointId, t.project)],
);

// Requests per client and minute to public status pages, shared by every replica (server/status/shared-limiter.ts).
export const rateWindows = pgTable(
  "rate_windows",
  {
    key: text("key").notNull(),
    window: bigint("window", { mode: "number" }).notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.window] })],
);
