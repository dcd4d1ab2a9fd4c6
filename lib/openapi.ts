// The OpenAPI description of /api/v1. Kept beside the schemas it documents; e2e checks every listed path answers.

const problem = { $ref: "#/components/responses/Problem" };
const secured = [{ cookie: [] }];
const endpointParam = { name: "endpointId", in: "path", required: true, schema: { type: "string" } };

export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: { title: "Berth API", version: "1" },
    servers: [{ url: "/api/v1" }],
    security: secured,
    paths: {
      "/endpoints": {
        get: {
          summary: "Endpoints the caller may see, with live health",
          responses: { 200: { description: "Endpoints" }, 401: problem },
        },
      },
      "/endpoints/{endpointId}/containers": {
        get: {
          summary: "All containers of an endpoint (running and stopped)",
          parameters: [endpointParam],
          responses: { 200: { description: "Containers" }, 401: problem, 404: problem },
        },
      },
      "/endpoints/{endpointId}/containers/{containerId}/{verb}": {
        post: {
          summary: "Start, stop, restart or remove a container",
          parameters: [
            endpointParam,
            { name: "containerId", in: "path", required: true, schema: { type: "string" } },
            { name: "verb", in: "path", required: true, schema: { enum: ["start", "stop", "restart", "remove"] } },
          ],
          responses: {
            204: { description: "Done" },
            400: problem,
            401: problem,
            403: problem,
            404: problem,
            409: problem,
          },
        },
      },
      ...resourcePaths(),
      "/audit": {
        get: {
          summary: "Audit log, newest first (admins)",
          parameters: [
            { name: "endpointId", in: "query", schema: { type: "string" } },
            { name: "action", in: "query", schema: { type: "string" } },
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 1000 } },
          ],
          responses: { 200: { description: "Audit records" }, 401: problem, 403: problem },
        },
      },
    },
    components: {
      securitySchemes: { cookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token" } },
      responses: {
        Problem: {
          description: "An error, as RFC 9457 problem details",
          content: { "application/problem+json": { schema: { type: "object" } } },
        },
      },
    },
  };
}

// Images, networks, volumes and events of one endpoint (issue 5). Reads need the `*:read` permission on the endpoint,
// changes `*:manage`; every change is audited.
function resourcePaths() {
  const json = (schema: object) => ({ required: true, content: { "application/json": { schema } } });
  const op = (values: string[]) => ({ name: "op", in: "path", required: true, schema: { enum: values } });
  const errors = { 400: problem, 401: problem, 403: problem, 404: problem, 409: problem };
  const list = (what: string) => ({
    get: {
      summary: `All ${what} of an endpoint`,
      parameters: [endpointParam],
      responses: { 200: { description: what }, 401: problem, 404: problem },
    },
  });
  return {
    "/endpoints/{endpointId}/images": list("images, with the containers using each"),
    "/endpoints/{endpointId}/images/{op}": {
      get: {
        summary:
          "inspect (?image=, with layer history), prune (preview: exactly what a prune deletes), pulls (progress)",
        parameters: [
          endpointParam,
          op(["inspect", "prune", "pulls"]),
          { name: "image", in: "query", schema: { type: "string" } },
        ],
        responses: { 200: { description: "Result" }, ...errors },
      },
      post: {
        summary:
          "pull {ref}, cancel-pull {jobId}, remove {image, force}, tag {image, repository, tag}, prune {imageIds}",
        parameters: [endpointParam, op(["pull", "cancel-pull", "remove", "tag", "prune"])],
        requestBody: json({ type: "object" }),
        responses: { 200: { description: "Result" }, 204: { description: "Done" }, ...errors },
      },
    },
    "/endpoints/{endpointId}/networks": list("networks, with attached containers and aliases"),
    "/endpoints/{endpointId}/networks/{op}": {
      get: {
        summary: "inspect (?network=)",
        parameters: [endpointParam, op(["inspect"]), { name: "network", in: "query", schema: { type: "string" } }],
        responses: { 200: { description: "The engine's inspect" }, ...errors },
      },
      post: {
        summary:
          "create {name, driver, subnet, gateway, parent, internal, attachable, labels}, remove {network}, connect {network, container, aliases}, disconnect {network, container}",
        parameters: [endpointParam, op(["create", "remove", "connect", "disconnect"])],
        requestBody: json({ type: "object" }),
        responses: { 200: { description: "Result" }, 204: { description: "Done" }, ...errors },
      },
    },
    "/endpoints/{endpointId}/volumes": list("volumes, with sizes (when the engine reports them) and users"),
    "/endpoints/{endpointId}/volumes/{op}": {
      get: {
        summary: "inspect (?name=) or prune (preview)",
        parameters: [
          endpointParam,
          op(["inspect", "prune"]),
          { name: "name", in: "query", schema: { type: "string" } },
        ],
        responses: { 200: { description: "Result" }, ...errors },
      },
      post: {
        summary: "create {name, driver, labels}, remove {name, force}, prune {names}",
        parameters: [endpointParam, op(["create", "remove", "prune"])],
        requestBody: json({ type: "object" }),
        responses: { 200: { description: "Result" }, 204: { description: "Done" }, ...errors },
      },
    },
    "/endpoints/{endpointId}/events": {
      get: {
        summary: "Recent engine events of an endpoint (container, image, network, volume), oldest first",
        parameters: [
          endpointParam,
          { name: "type", in: "query", schema: { enum: ["container", "image", "network", "volume"] } },
          { name: "action", in: "query", schema: { type: "string" } },
          { name: "object", in: "query", schema: { type: "string" } },
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 1000 } },
        ],
        responses: { 200: { description: "Events" }, 400: problem, 401: problem, 404: problem },
      },
    },
  };
}
