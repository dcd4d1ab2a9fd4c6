import { accessPaths } from "./openapi-access";
import { statusPaths } from "./openapi-status";

// The OpenAPI description of /api/v1. Kept beside the schemas it documents; e2e checks every listed path answers.

const problem = { $ref: "#/components/responses/Problem" };
// A session cookie (browser) or a personal access token in the Authorization header; never a token in the URL.
const secured = [{ cookie: [] }, { bearer: [] }];
const endpointParam = { name: "endpointId", in: "path", required: true, schema: { type: "string" } };
const containerParam = { name: "containerId", in: "path", required: true, schema: { type: "string" } };
const jsonBody = (schema: object) => ({ required: true, content: { "application/json": { schema } } });
const str = { type: "string" };
const mutation = { 400: problem, 401: problem, 403: problem, 404: problem, 409: problem };

/** The create spec: the same zod schema (lib/container-spec.ts) validates the form, the action and this API. */
const containerSpecSchema = {
  type: "object",
  required: ["image"],
  properties: {
    image: str,
    name: str,
    command: { type: "string", description: "Shell-style command line (quotes respected, nothing expanded)" },
    entrypoint: str,
    workingDir: str,
    user: str,
    env: { type: "array", items: { type: "string", description: "KEY=VALUE" } },
    labels: { type: "array", items: { type: "object", properties: { key: str, value: str } } },
    ports: {
      type: "array",
      items: {
        type: "object",
        required: ["containerPort"],
        properties: {
          hostIp: str,
          hostPort: { type: "integer", minimum: 1, maximum: 65535 },
          containerPort: { type: "integer", minimum: 1, maximum: 65535 },
          protocol: { enum: ["tcp", "udp", "sctp"] },
        },
      },
    },
    volumes: {
      type: "array",
      items: {
        type: "object",
        required: ["type", "target"],
        properties: { type: { enum: ["volume", "bind"] }, source: str, target: str, readOnly: { type: "boolean" } },
      },
    },
    network: str,
    restartPolicy: { enum: ["no", "always", "unless-stopped", "on-failure"] },
    maxRetries: { type: "integer" },
    memoryMb: { type: "number" },
    cpus: { type: "number" },
    autoRemove: { type: "boolean" },
    init: { type: "boolean" },
  },
};

const pem = { type: "string", description: "PEM text; on PATCH, empty keeps the stored value" };
const endpointBody = {
  type: "object",
  required: ["name", "connection"],
  properties: {
    name: str,
    connection: {
      oneOf: [
        { type: "object", required: ["type", "socketPath"], properties: { type: { const: "unix" }, socketPath: str } },
        {
          type: "object",
          required: ["type", "host", "port"],
          properties: { type: { const: "tcp" }, host: str, port: { type: "integer" } },
        },
        {
          type: "object",
          required: ["type", "host", "port"],
          properties: { type: { const: "tls" }, host: str, port: { type: "integer" }, ca: pem, cert: pem, key: pem },
        },
        {
          type: "object",
          required: ["type", "host", "user"],
          properties: {
            type: { const: "ssh" },
            host: str,
            port: { type: "integer", default: 22 },
            user: str,
            privateKey: pem,
            passphrase: str,
            hostKeyFingerprint: { type: "string", description: "SHA256:… ; when set, other host keys are refused" },
          },
        },
      ],
    },
  },
};

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
        post: {
          summary: "Add a Docker endpoint (admins). The connection is tested first; credentials are stored sealed",
          requestBody: { required: true, content: { "application/json": { schema: endpointBody } } },
          responses: {
            200: { description: "The new endpoint" },
            400: problem,
            401: problem,
            403: problem,
            409: problem,
            422: { ...problem, description: "The connection test failed; detail says why" },
          },
        },
      },
      "/endpoints/{endpointId}": {
        get: {
          summary: "Settings of an endpoint for editing (admins): which credentials are stored, never their values",
          parameters: [endpointParam],
          responses: { 200: { description: "Settings" }, 401: problem, 403: problem, 404: problem },
        },
        patch: {
          summary: "Edit an endpoint (admins). Empty credential fields keep the stored ones; tested before saving",
          parameters: [endpointParam],
          requestBody: { required: true, content: { "application/json": { schema: endpointBody } } },
          responses: {
            200: { description: "The endpoint" },
            400: problem,
            401: problem,
            403: problem,
            404: problem,
            409: problem,
            422: problem,
          },
        },
        delete: {
          summary: "Remove an endpoint (admins); its session stops. The engine itself is not touched",
          parameters: [endpointParam],
          responses: { 204: { description: "Removed" }, 401: problem, 403: problem, 404: problem },
        },
      },
      "/endpoints/{endpointId}/containers": {
        get: {
          summary: "All containers of an endpoint (running and stopped)",
          parameters: [endpointParam],
          responses: { 200: { description: "Containers" }, 401: problem, 404: problem },
        },
        post: {
          summary:
            "Create (and by default start) a container, pulling its image if missing. Non-admins are held to the " +
            "admin's container restrictions; a refusal (403) names the rule.",
          parameters: [endpointParam],
          requestBody: jsonBody({
            type: "object",
            required: ["spec"],
            properties: { spec: containerSpecSchema, start: { type: "boolean", default: true } },
          }),
          responses: { 200: { description: "Created: { id, name, pulled }" }, ...mutation, 502: problem },
        },
      },
      "/search": {
        get: {
          summary:
            "Endpoints, containers, images, networks and volumes whose name (or image, compose project, driver, tag, " +
            "short id) matches every term, across the endpoints the caller may see, best first: " +
            "{ query, hits: [{ kind, endpointId, endpointName, name, href, detail, score }], incomplete }",
          parameters: [
            { name: "q", in: "query", schema: { type: "string", maxLength: 200 } },
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 200, default: 50 } },
          ],
          responses: { 200: { description: "Hits" }, 400: problem, 401: problem },
        },
      },
      "/endpoints/{endpointId}/containers/{containerId}": {
        get: {
          summary:
            "`docker inspect` of a container: { inspect, secretsVisible }. For viewers env values and secret-looking " +
            "labels are redacted (secretsVisible false)",
          parameters: [endpointParam, containerParam],
          responses: { 200: { description: "Inspect" }, 401: problem, 404: problem, 502: problem },
        },
      },
      "/endpoints/{endpointId}/containers/{containerId}/top": {
        get: {
          summary: "Processes in a container (`docker top`): { titles, processes }; empty when it is not running",
          parameters: [endpointParam, containerParam],
          responses: { 200: { description: "Processes" }, 401: problem, 404: problem, 502: problem },
        },
      },
      "/endpoints/{endpointId}/containers/{containerId}/rename": {
        post: {
          summary: "Rename a container",
          parameters: [endpointParam, containerParam],
          requestBody: jsonBody({ type: "object", required: ["name"], properties: { name: str } }),
          responses: { 204: { description: "Renamed" }, ...mutation },
        },
      },
      "/endpoints/{endpointId}/containers/{containerId}/recreate": {
        post: {
          summary:
            "Recreate a container from its own settings, optionally pulling its image first; rolls back on failure",
          parameters: [endpointParam, containerParam],
          requestBody: {
            content: { "application/json": { schema: { type: "object", properties: { pull: { type: "boolean" } } } } },
          },
          responses: { 200: { description: "Recreated: { id, name }" }, ...mutation, 502: problem },
        },
      },
      "/endpoints/{endpointId}/containers/{containerId}/edit": {
        post: {
          summary:
            "Edit a container: under the same name it gets the spec's settings (settings the spec cannot express are " +
            "kept). Only restart policy, memory and CPU changed: updated in place (same id). Otherwise replaced: the " +
            "new container is made under a temporary name, the old one renamed aside and stopped, the new one named " +
            "and started if the old one ran, the old one removed; any failure puts the old one back. Non-admins are " +
            "held to the container restrictions (403 names the rule). The spec's name, if given, must be the " +
            "container's own",
          parameters: [endpointParam, containerParam],
          requestBody: jsonBody({ type: "object", required: ["spec"], properties: { spec: containerSpecSchema } }),
          responses: {
            200: { description: 'Edited: { id, previousId, name, mode: "replaced" | "updated" }' },
            ...mutation,
            502: problem,
          },
        },
      },
      "/endpoints/{endpointId}/containers/{containerId}/spec": {
        get: {
          summary:
            'A create spec made from an existing container: what Duplicate pre-fills (name + "-copy"), or with ' +
            "for=edit what Edit pre-fills (the container's own name)",
          parameters: [
            endpointParam,
            containerParam,
            {
              name: "for",
              in: "query",
              required: false,
              schema: { enum: ["duplicate", "edit"], default: "duplicate" },
            },
          ],
          responses: {
            200: { description: "Container spec", content: { "application/json": { schema: containerSpecSchema } } },
            401: problem,
            403: problem,
            404: problem,
          },
        },
      },
      "/settings/container-restrictions": {
        get: {
          summary: "Container restrictions for non-admins (admins)",
          responses: { 200: { description: "Rule id -> restricted" }, 401: problem, 403: problem },
        },
        put: {
          summary: "Set the container restrictions for non-admins (admins); rules left out stay restricted",
          requestBody: jsonBody({ type: "object", additionalProperties: { type: "boolean" } }),
          responses: { 200: { description: "Saved" }, 400: problem, 401: problem, 403: problem },
        },
      },
      "/endpoints/{endpointId}/topology": {
        get: {
          summary:
            "Network topology of an endpoint: nodes (networks, containers, host ports, compose projects) and edges",
          parameters: [endpointParam],
          responses: { 200: { description: "Topology graph" }, 401: problem, 404: problem },
        },
      },
      "/endpoints/{endpointId}/containers/{containerId}/{verb}": {
        post: {
          summary: "Start, stop, restart, kill, pause, unpause or remove (forced) a container",
          parameters: [
            endpointParam,
            { name: "containerId", in: "path", required: true, schema: { type: "string" } },
            {
              name: "verb",
              in: "path",
              required: true,
              schema: { enum: ["start", "stop", "restart", "kill", "pause", "unpause", "remove"] },
            },
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
      "/endpoints/{endpointId}/containers/bulk": {
        post: {
          summary:
            "Start, stop, kill, restart, pause, resume or remove many containers; each is authorized and audited",
          parameters: [endpointParam],
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["verb", "containerIds"],
                  properties: {
                    verb: { enum: ["start", "stop", "kill", "restart", "pause", "resume", "remove"] },
                    containerIds: { type: "array", items: str, minItems: 1, maxItems: 1000 },
                  },
                },
              },
            },
          },
          responses: {
            200: { description: "One result per container: { containerId, ok, error? }" },
            400: problem,
            401: problem,
            403: problem,
            404: problem,
          },
        },
      },
      // /audit and the access-management paths
      ...accessPaths,
      ...resourcePaths(),
      ...statusPaths,
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
