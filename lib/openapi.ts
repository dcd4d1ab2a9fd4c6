import { accessPaths } from "./openapi-access";

// The OpenAPI description of /api/v1. Kept beside the schemas it documents; e2e checks every listed path answers.

const problem = { $ref: "#/components/responses/Problem" };
// A session cookie (browser) or a personal access token in the Authorization header; never a token in the URL.
const secured = [{ cookie: [] }, { bearer: [] }];
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
      // /audit and the access-management paths
      ...accessPaths,
    },
    components: {
      securitySchemes: {
        cookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
        bearer: { type: "http", scheme: "bearer", description: "Personal access token (berth_pat_...)" },
      },
      responses: {
        Problem: {
          description: "An error, as RFC 9457 problem details",
          content: { "application/problem+json": { schema: { type: "object" } } },
        },
      },
    },
  };
}
