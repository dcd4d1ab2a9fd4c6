import { z } from "zod";
import type { EntryPoint } from "./registry";

// The OpenAPI description of /api/v1, generated from what the routes really are: each route module's handlers carry
// their registration (server/entry/registry.ts) with the zod schema that validates `{ params, query, body }`, so the
// document cannot drift from the validation. Nothing here is written per route.

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** One route module, at its URL under /api/v1 (`/endpoints/{endpointId}/images`). */
export interface ApiRoute {
  path: string;
  module: Record<string, unknown>;
}

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };

const problem = { $ref: "#/components/responses/Problem" };

/** The JSON Schema of the input a client sends (coercions and defaults on the input side); {} when not expressible. */
function inputSchema(schema: z.ZodType | undefined): JsonSchema {
  if (!schema) return {};
  try {
    const out = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
    delete out.$schema;
    return out;
  } catch {
    return {};
  }
}

/** The path's own parameters, from its `{name}` segments: always there, even when a schema says nothing of them. */
function pathParameters(path: string, params: JsonSchema | undefined) {
  return [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: params?.properties?.[name as string] ?? { type: "string" },
  }));
}

function queryParameters(query: JsonSchema | undefined) {
  return Object.entries(query?.properties ?? {}).map(([name, schema]) => ({
    name,
    in: "query",
    required: query?.required?.includes(name) ?? false,
    schema,
  }));
}

function operation(path: string, method: string, entry: EntryPoint) {
  const input = inputSchema(entry.schema);
  const parts = input.properties ?? {};
  const body = parts.body;
  const open = entry.permission === "public";
  const writes = method !== "GET";
  return {
    operationId: entry.name,
    summary: entry.summary ?? entry.name,
    ...(open ? { security: [] } : {}),
    "x-berth-permission": entry.permission,
    parameters: [...pathParameters(path, parts.params), ...queryParameters(parts.query)],
    ...(writes && body && Object.keys(body).length
      ? { requestBody: { content: { "application/json": { schema: body } } } }
      : {}),
    responses: {
      200: { description: "Done; the answer as JSON" },
      ...(writes ? { 204: { description: "Done, nothing to answer" } } : {}),
      400: problem,
      ...(open ? {} : { 401: problem, 403: problem }),
      404: problem,
      ...(writes ? { 409: problem } : {}),
      503: problem,
    },
  };
}

/** Every handler of every route module with its registration; a handler without one is a bug the test reports. */
export function routeOperations(routes: readonly ApiRoute[]) {
  const out: { path: string; method: string; entry: EntryPoint | undefined }[] = [];
  for (const route of routes)
    for (const method of HTTP_METHODS) {
      const handler = route.module[method];
      if (typeof handler === "function")
        out.push({ path: route.path, method, entry: (handler as { entry?: EntryPoint }).entry });
    }
  return out;
}

export function openApiDocument(routes: readonly ApiRoute[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { path, method, entry } of routeOperations(routes)) {
    if (!entry) continue;
    paths[path] ??= {};
    paths[path][method.toLowerCase()] = operation(path, method, entry);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Berth API",
      version: "1",
      description:
        "Generated from the route handlers' own validation schemas. Errors are RFC 9457 problem details; a change " +
        "is authorized by the permission named in x-berth-permission and audited.",
    },
    servers: [{ url: "/api/v1" }],
    // A session cookie (browser) or a personal access token in the Authorization header; never a token in the URL.
    security: [{ cookie: [] }, { bearer: [] }],
    paths,
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
