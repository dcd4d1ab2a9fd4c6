import { describe, expect, it } from "vitest";
import { API_ROUTES } from "@/app/api/v1/openapi.json/api-routes";
import { GET as openApiRoute } from "@/app/api/v1/openapi.json/route";
import { apiRouteFiles } from "@/scripts/gen-api-routes";
import { HTTP_METHODS, openApiDocument, routeOperations } from "./openapi";

// The API description is generated from the route modules; these fail when a route is left out of it (a new route
// file not in the table: run `npm run gen:api-routes`), when a handler is not made by the entry factories, or when a
// route's own parameters are missing from its description.

const routes = [...API_ROUTES, { path: "/openapi.json", module: { GET: openApiRoute } }];
const doc = openApiDocument(routes) as unknown as {
  paths: Record<string, Record<string, { parameters: { name: string; in: string }[]; requestBody?: unknown }>>;
};

describe("the generated OpenAPI document", () => {
  it("lists every route module under app/api/v1, swarm routes included", () => {
    const onDisk = apiRouteFiles().map((r) => r.path);
    expect(API_ROUTES.map((r) => r.path).sort()).toEqual(onDisk.sort());
    expect(onDisk).toEqual(expect.arrayContaining(["/endpoints/{endpointId}/swarm/services"]));
  });

  it("describes every handler of every route, each registered by the entry factories", () => {
    const ops = routeOperations(routes);
    expect(ops.length).toBeGreaterThan(60);
    for (const { path, method, entry } of ops) {
      expect(entry, `${method} ${path} is not made by defineRoute/defineStreamRoute/publicRoute`).toBeDefined();
      expect(doc.paths[path]?.[method.toLowerCase()], `${method} ${path} missing from the document`).toBeDefined();
    }
    // Exports that are not HTTP verbs are never described.
    for (const path of Object.keys(doc.paths))
      for (const m of Object.keys(doc.paths[path] ?? {}))
        expect(HTTP_METHODS).toContain(m.toUpperCase() as (typeof HTTP_METHODS)[number]);
  });

  it("names each path's parameters and takes bodies and queries from the validation schemas", () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const op of Object.values(ops))
        expect(op.parameters.filter((p) => p.in === "path").map((p) => p.name)).toEqual(names);
    }
    const create = doc.paths["/endpoints/{endpointId}/containers"]?.post as { requestBody?: { content: object } };
    expect(JSON.stringify(create.requestBody)).toContain("image");
    const logs = doc.paths["/endpoints/{endpointId}/containers/{containerId}/logs"]?.get;
    expect(logs?.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(["tail", "since"]));
    const verb = JSON.stringify(doc.paths["/endpoints/{endpointId}/containers/{containerId}/{verb}"]);
    expect(verb).toContain('"stop"');
  });
});
