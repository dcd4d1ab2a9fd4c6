// OpenAPI paths of status pages: merged into lib/openapi.ts.

const problem = { $ref: "#/components/responses/Problem" };
const adminErrors = { 400: problem, 401: problem, 403: problem, 404: problem, 409: problem };
const pageId = { name: "pageId", in: "path", required: true, schema: { type: "string" } };
const str = { type: "string" };

/** lib/status-page-schemas.ts: the same zod schema checks the form, the server actions and these routes. */
const statusPageBody = {
  type: "object",
  required: ["slug", "title", "items"],
  properties: {
    slug: {
      type: "string",
      pattern: "^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$",
      description: "The public URL is /status/{slug}; lowercase letters, digits and single hyphens, unique",
    },
    title: { type: "string", minLength: 1, maxLength: 120 },
    items: {
      type: "array",
      maxItems: 100,
      description: "In display order",
      items: {
        type: "object",
        required: ["endpointId", "ref", "displayName"],
        properties: {
          endpointId: str,
          kind: { const: "container", default: "container" },
          ref: { type: "string", description: "Container name (kept across Recreate, which replaces the id)" },
          displayName: { type: "string", minLength: 1, maxLength: 80, description: "The only name the public sees" },
        },
      },
    },
  },
};
const body = { required: true, content: { "application/json": { schema: statusPageBody } } };

export const statusPaths = {
  "/status-pages": {
    get: {
      summary: "All status pages with their items (admins)",
      responses: { 200: { description: "Status pages" }, 401: problem, 403: problem },
    },
    post: {
      summary: "Create a status page (admins)",
      requestBody: body,
      responses: { 201: { description: "The new page" }, ...adminErrors },
    },
  },
  "/status-pages/{pageId}": {
    get: {
      summary: "One status page (admins)",
      parameters: [pageId],
      responses: { 200: { description: "Page" }, ...adminErrors },
    },
    put: {
      summary: "Replace a status page's slug, title and items (admins)",
      parameters: [pageId],
      requestBody: body,
      responses: { 200: { description: "The saved page" }, ...adminErrors },
    },
    delete: {
      summary: "Delete a status page (admins)",
      parameters: [pageId],
      responses: { 204: { description: "Done" }, ...adminErrors },
    },
  },
  "/status/{slug}": {
    get: {
      summary:
        "A status page's public view, without signing in: title and per item display name, state, health, since and availability over 24 h; never ids, images, endpoints or ports. Rate-limited per client (429 with Retry-After)",
      security: [],
      parameters: [{ name: "slug", in: "path", required: true, schema: str }],
      responses: {
        200: { description: "The public view" },
        404: problem,
        429: { description: "Too many requests; Retry-After says when to come back" },
      },
    },
  },
};
