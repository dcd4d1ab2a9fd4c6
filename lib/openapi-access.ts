// OpenAPI paths of users, teams, grants, tokens: merged into lib/openapi.ts.

const problem = { $ref: "#/components/responses/Problem" };
const adminErrors = { 400: problem, 401: problem, 403: problem, 404: problem, 409: problem };
const path = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });
const json = (properties: Record<string, unknown>, required: string[]) => ({
  required: true,
  content: { "application/json": { schema: { type: "object", properties, required } } },
});
const done = { 204: { description: "Done" } };

const auditFilters = ["actor", "action", "endpointId", "outcome", "from", "to"].map((name) => ({
  name,
  in: "query",
  schema: name === "outcome" ? { enum: ["success", "failure", "denied"] } : { type: "string" },
}));

export const accessPaths = {
  "/audit": {
    get: {
      summary: "Audit log, newest first, filtered (admins); from/to are ISO times (UTC)",
      parameters: [
        ...auditFilters,
        { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 1000 } },
      ],
      responses: { 200: { description: "Audit records" }, 400: problem, 401: problem, 403: problem },
    },
  },
  "/audit/export": {
    get: {
      summary: "The filtered audit log as CSV, streamed (admins)",
      parameters: auditFilters,
      responses: { 200: { description: "text/csv" }, 400: problem, 401: problem, 403: problem },
    },
  },
  "/audit/retention": {
    get: {
      summary: "Days audit records are kept (0 = forever)",
      responses: { 200: { description: "{days}" }, 401: problem, 403: problem },
    },
    put: {
      summary: "Set the retention in days (admins); older records are pruned at once and hourly",
      requestBody: json({ days: { type: "integer", minimum: 0 } }, ["days"]),
      responses: { 200: { description: "{days, pruned}" }, ...adminErrors },
    },
  },
  "/users": {
    get: { summary: "All users (admins)", responses: { 200: { description: "Users" }, 401: problem, 403: problem } },
    post: {
      summary: "Create a user (admins)",
      requestBody: json(
        { username: { type: "string" }, password: { type: "string", minLength: 8 }, isAdmin: { type: "boolean" } },
        ["username", "password"],
      ),
      responses: { 201: { description: "Created" }, ...adminErrors },
    },
  },
  "/users/{userId}": {
    patch: {
      summary: "Disable/enable a user or change the admin flag (admins); ends the user's sessions",
      parameters: [path("userId")],
      requestBody: json({ disabled: { type: "boolean" }, isAdmin: { type: "boolean" } }, []),
      responses: { ...done, ...adminErrors },
    },
    delete: { summary: "Delete a user (admins)", parameters: [path("userId")], responses: { ...done, ...adminErrors } },
  },
  "/users/{userId}/password": {
    post: {
      summary: "Set a new password for a user (admins); ends the user's sessions",
      parameters: [path("userId")],
      requestBody: json({ password: { type: "string", minLength: 8 } }, ["password"]),
      responses: { ...done, ...adminErrors },
    },
  },
  "/teams": {
    get: {
      summary: "All teams with members and grants (admins)",
      responses: { 200: { description: "Teams" }, 401: problem, 403: problem },
    },
    post: {
      summary: "Create a team (admins)",
      requestBody: json({ name: { type: "string" } }, ["name"]),
      responses: { 201: { description: "Created" }, ...adminErrors },
    },
  },
  "/teams/{teamId}": {
    get: {
      summary: "One team (admins)",
      parameters: [path("teamId")],
      responses: { 200: { description: "Team" }, ...adminErrors },
    },
    delete: { summary: "Delete a team (admins)", parameters: [path("teamId")], responses: { ...done, ...adminErrors } },
  },
  "/teams/{teamId}/members": {
    post: {
      summary: "Add a user to a team (admins)",
      parameters: [path("teamId")],
      requestBody: json({ userId: { type: "string" } }, ["userId"]),
      responses: { ...done, ...adminErrors },
    },
  },
  "/teams/{teamId}/members/{userId}": {
    delete: {
      summary: "Remove a user from a team (admins)",
      parameters: [path("teamId"), path("userId")],
      responses: { ...done, ...adminErrors },
    },
  },
  "/teams/{teamId}/grants": {
    get: {
      summary: "A team's grants (admins)",
      parameters: [path("teamId")],
      responses: { 200: { description: "Grants" }, ...adminErrors },
    },
    post: {
      summary: "Give a team a role on an endpoint, or change it (admins)",
      parameters: [path("teamId")],
      requestBody: json({ endpointId: { type: "string" }, role: { enum: ["operator", "viewer"] } }, [
        "endpointId",
        "role",
      ]),
      responses: { ...done, ...adminErrors },
    },
  },
  "/teams/{teamId}/grants/{endpointId}": {
    delete: {
      summary: "Take a team's access to an endpoint away (admins); live subscriptions drop within seconds",
      parameters: [path("teamId"), path("endpointId")],
      responses: { ...done, ...adminErrors },
    },
  },
  "/tokens": {
    get: {
      summary: "The caller's own personal access tokens (never their values)",
      responses: { 200: { description: "Tokens" }, 401: problem },
    },
  },
  "/tokens/{tokenId}": {
    delete: {
      summary: "Revoke one of the caller's tokens",
      parameters: [path("tokenId")],
      responses: { ...done, 401: problem, 404: problem },
    },
  },
};
