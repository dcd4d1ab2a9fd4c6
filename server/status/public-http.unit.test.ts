import { describe, expect, it } from "vitest";
import { isPublicStatusPath } from "./public-http";

describe("isPublicStatusPath", () => {
  it("matches the public page and its JSON however the path is spelled", () => {
    for (const url of [
      "/status/acme",
      "/status/acme?_rsc=1",
      "/status",
      "//status/acme",
      "/./status/acme",
      "/x/../status/acme",
      "/%73tatus/acme",
      "/api/v1/status/acme",
      "/api//v1/status/acme",
    ]) {
      expect(isPublicStatusPath(url), url).toBe(true);
    }
  });

  it("leaves everything else alone, including the admin API", () => {
    for (const url of [
      "/",
      "/statusx",
      "/api/v1/status-pages",
      "/api/v1/status-pages/p1",
      "/admin/status-pages",
      undefined,
    ]) {
      expect(isPublicStatusPath(url), String(url)).toBe(false);
    }
  });
});
