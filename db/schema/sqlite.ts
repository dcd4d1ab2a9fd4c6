import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

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
  // Sealed TOTP secret (see server/crypto); null until the user enrols in two-factor sign-in.
  totpSecret: text("totp_secret"),
  totpEnabled: integer("totp_enabled", { mode: "boolean" }).notNull().default(false),
  // JSON array of argon2 hashes of unused recovery codes.
  recoveryCodes: text("recovery_codes"),
  // The user's colour theme: "system" follows the browser; "light" and "dark" are fixed choices.
  theme: text("theme").notNull().default("system"),
  // The last TOTP time step (30 s) that signed in or proved the factor: a code is accepted only for a later step, so
  // the same code cannot be used twice.
  totpLastStep: integer("totp_last_step"),
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
    // Kubernetes: a JSON array of the namespaces the role holds in; NULL for the whole endpoint.
    namespaces: text("namespaces"),
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

export const apiTokens = sqliteTable("api_tokens", {
  id: text("id").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  // SHA-256 of the token; the token itself is shown once and never stored.
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: integer("created_at").notNull(),
  expiresAt: integer("expires_at"),
  lastUsedAt: integer("last_used_at"),
  revokedAt: integer("revoked_at"),
});

export const registries = sqliteTable("registries", {
  id: text("id").primaryKey(),
  name: text("name").notNull().unique(),
  url: text("url").notNull(),
  username: text("username"),
  // Sealed password or token.
  secret: text("secret"),
  createdAt: integer("created_at").notNull(),
});

export const statusPages = sqliteTable("status_pages", {
  id: text("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  title: text("title").notNull(),
  createdAt: integer("created_at").notNull(),
});

export const statusPageItems = sqliteTable(
  "status_page_items",
  {
    pageId: text("page_id")
      .notNull()
      .references(() => statusPages.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => endpoints.id, { onDelete: "cascade" }),
    // What is watched: a container name (or later a service or workload), and the name the public sees.
    kind: text("kind").notNull(),
    ref: text("ref").notNull(),
    displayName: text("display_name").notNull(),
  },
  (t) => [primaryKey({ columns: [t.pageId, t.position] })],
);

// What Berth saw of each status page item: periods of one state ("up" or "down"), written on every transition and
// extended by a heartbeat while watched. Gaps are time Berth did not watch (stopped, endpoint unreachable). Keyed by
// the item's target (endpoint, kind, container name), not by page, so two pages showing one container share it.
export const statusHistory = sqliteTable(
  "status_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => endpoints.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    ref: text("ref").notNull(),
    state: text("state").notNull(),
    since: integer("since").notNull(),
    until: integer("until").notNull(),
  },
  (t) => [index("status_history_target_idx").on(t.endpointId, t.kind, t.ref, t.until)],
);

// Sign-in throttle state, shared by every replica: one row per key ("account:<name>", "client:<address>",
// "totp:<user id>"). Attempts are counted here before the slow check runs (server/auth/throttle.ts).
export const authThrottle = sqliteTable("auth_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  blockedUntil: integer("blocked_until").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

// Signed-out sessions (the session id inside the JWT), kept until the longest-lived copy of that JWT has expired.
export const revokedSessions = sqliteTable("revoked_sessions", {
  sid: text("sid").primaryKey(),
  expiresAt: integer("expires_at").notNull(),
});

// A durable journal of Edit/Recreate swaps: written before the first engine step and updated after each, so a Berth
// killed mid-swap finds it at the next connect of the endpoint and finishes or undoes it (recover-swaps.ts).
export const containerSwaps = sqliteTable("container_swaps", {
  id: text("id").primaryKey(),
  endpointId: text("endpoint_id").notNull(),
  // The user's container name the swap must leave a container under.
  name: text("name").notNull(),
  oldId: text("old_id").notNull(),
  newId: text("new_id"),
  oldSideName: text("old_side_name").notNull(),
  newSideName: text("new_side_name").notNull(),
  wasRunning: integer("was_running", { mode: "boolean" }).notNull(),
  // The last step done: created, old-aside, old-stopped, new-named (then the row goes).
  step: text("step").notNull(),
  // container.edit or container.recreate, and who asked: what the recovery's audit record names.
  action: text("action").notNull(),
  actorName: text("actor_name").notNull(),
  // The process that runs the swap: a live one's swaps are not "half-done".
  owner: text("owner").notNull(),
  startedAt: integer("started_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

// Image update checks (server/services/updates): per container, its image's recorded repo digest against the
// registry's digest for its tag. Replaced per endpoint at each check; rows of containers gone are dropped then.
export const imageUpdates = sqliteTable(
  "image_updates",
  {
    endpointId: text("endpoint_id").notNull(),
    containerId: text("container_id").notNull(),
    containerName: text("container_name").notNull(),
    // The reference the container was created from (its Config.Image), and the image it runs.
    image: text("image").notNull(),
    imageId: text("image_id").notNull(),
    // current | available | unknown | error
    state: text("state").notNull(),
    localDigest: text("local_digest"),
    remoteDigest: text("remote_digest"),
    detail: text("detail"),
    checkedAt: integer("checked_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.endpointId, t.containerId] })],
);

// Named leases held by one replica at a time (an endpoint's upstream, a scheduled job): the holder renews before
// `expires_at` (milliseconds, the database's clock); anyone may take an expired one. `epoch` grows with each new holder.
// One mechanism for all of them: server/cluster/leases.ts (scheduled jobs through server/jobs/lease.ts).
export const leases = sqliteTable("leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  expiresAt: integer("expires_at").notNull(),
  epoch: integer("epoch").notNull().default(1),
});

// Alerts (server/services/alerts). Channels: where messages go; `secret` is a sealed JSON object of the kind's secret
// fields (lib/alert-schemas.ts SECRET_FIELDS), `config` the rest.
export const alertChannels = sqliteTable("alert_channels", {
  id: text("id").primaryKey(),
  name: text("name").notNull().unique(),
  kind: text("kind").notNull(),
  config: text("config").notNull(),
  secret: text("secret"),
  createdAt: integer("created_at").notNull(),
});

// Rules per endpoint: `spec` is the rule's JSON (trigger, thresholds, scope, channels, cooldown, quiet hours).
export const alertRules = sqliteTable("alert_rules", {
  id: text("id").primaryKey(),
  endpointId: text("endpoint_id").notNull(),
  name: text("name").notNull(),
  spec: text("spec").notNull(),
  enabled: integer("enabled", { mode: "boolean" }).notNull(),
  createdBy: text("created_by").notNull(),
  createdAt: integer("created_at").notNull(),
});

// One row per problem: recurrences inside the cooldown join it (count), resolve_at is when "resolved" goes out unless
// it recurs first. Open incidents have resolved_at null.
export const alertIncidents = sqliteTable(
  "alert_incidents",
  {
    id: text("id").primaryKey(),
    ruleId: text("rule_id").notNull(),
    subject: text("subject").notNull(),
    summary: text("summary").notNull(),
    count: integer("count").notNull(),
    openedAt: integer("opened_at").notNull(),
    lastAt: integer("last_at").notNull(),
    resolveAt: integer("resolve_at"),
    resolvedAt: integer("resolved_at"),
  },
  (t) => [index("alert_incidents_rule_idx").on(t.ruleId, t.subject, t.resolvedAt)],
);

// The outbox and delivery log in one: a message is written here in the same step that decides it, then sent (with
// retries and backoff) by the one replica holding the "alerts" lease. A restart loses nothing still pending.
export const alertDeliveries = sqliteTable(
  "alert_deliveries",
  {
    id: text("id").primaryKey(),
    incidentId: text("incident_id"),
    ruleId: text("rule_id"),
    ruleName: text("rule_name").notNull(),
    channelId: text("channel_id").notNull(),
    event: text("event").notNull(),
    // The AlertMessage JSON (lib/alert-format.ts).
    message: text("message").notNull(),
    state: text("state").notNull(),
    attempts: integer("attempts").notNull(),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
    sentAt: integer("sent_at"),
  },
  (t) => [index("alert_deliveries_due_idx").on(t.state, t.nextAttemptAt)],
);

// Usage history (server/services/usage): one point per running container per minute on endpoints where it is
// switched on, kept 7 days. cpu_milli is the minute's mean CPU % times 1000 (integers in both dialects; 100 % is
// one core), mem its mean bytes in use.
export const usagePoints = sqliteTable(
  "usage_points",
  {
    endpointId: text("endpoint_id").notNull(),
    containerId: text("container_id").notNull(),
    containerName: text("container_name").notNull(),
    // The compose project (stack) label, "" when none.
    project: text("project").notNull(),
    t: integer("t").notNull(),
    cpu: integer("cpu_milli").notNull(),
    mem: integer("mem").notNull(),
  },
  (t) => [primaryKey({ columns: [t.endpointId, t.containerId, t.t] }), index("usage_points_time_idx").on(t.t)],
);

// Compose stacks Berth deploys on a plain engine: the file and .env of each deploy (the .env sealed like other
// credentials, it often holds passwords), its outcome and its step log. The newest successful version is what the
// editor opens; any older one can be deployed again (rollback).
export const stackVersions = sqliteTable(
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
    // running, done, failed
    outcome: text("outcome").notNull(),
    error: text("error"),
    // The deploy's steps as JSON (lib/stack-deploy.ts DeployStep[]), capped.
    log: text("log").notNull(),
    actorName: text("actor_name").notNull(),
    startedAt: integer("started_at").notNull(),
    finishedAt: integer("finished_at"),
  },
  (t) => [uniqueIndex("stack_versions_project_idx").on(t.endpointId, t.project, t.version)],
);

// A stack whose compose file comes from a Git repository (HTTPS, optional token): where to read it, the webhook that
// redeploys it (its id is in the URL, its secret is sealed and sent in a header), optional polling, the last commit
// deployed, and the user it deploys as (re-loaded each time, so a revoked user's stack stops redeploying).
export const stackSources = sqliteTable(
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
    lastCheckedAt: integer("last_checked_at"),
    userId: text("user_id").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("stack_sources_project_idx").on(t.endpointId, t.project)],
);

// Requests per client and minute to public status pages, shared by every replica (server/status/shared-limiter.ts).
export const rateWindows = sqliteTable(
  "rate_windows",
  {
    key: text("key").notNull(),
    window: integer("window").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.window] })],
);
