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
      "/endpoints/{endpointId}/containers/{containerId}/logs": {
        get: {
          summary: "A container's logs as a text file (stdout and stderr in order), streamed",
          parameters: [
            endpointParam,
            { name: "containerId", in: "path", required: true, schema: { type: "string" } },
            { name: "tail", in: "query", schema: { oneOf: [{ type: "integer", minimum: 0 }, { const: "all" }] } },
            { name: "since", in: "query", schema: { enum: ["10m", "1h", "4h", "1d", "all"] } },
            { name: "timestamps", in: "query", schema: { enum: ["0", "1"] } },
          ],
          responses: {
            200: { description: "The logs", content: { "text/plain": { schema: { type: "string" } } } },
            400: problem,
            401: problem,
            404: problem,
          },
        },
      },
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
