import { describe, expect, it } from "vitest";
import { rankCandidates, type SearchCandidate, scoreCandidate, searchTerms } from "./search";

const c = (
  kind: SearchCandidate["kind"],
  name: string,
  extra: string[] = [],
  endpointName = "local",
): SearchCandidate => ({
  kind,
  endpointId: endpointName,
  endpointName,
  name,
  extra,
  href: `/x/${name}`,
});

describe("searchTerms", () => {
  it("lower-cases and splits on whitespace, dropping empties", () => {
    expect(searchTerms("  Web  API\tprod ")).toEqual(["web", "api", "prod"]);
  });
  it("bounds the query and the number of terms", () => {
    expect(searchTerms("a ".repeat(50))).toHaveLength(8);
    expect(searchTerms("x".repeat(1000))[0]).toHaveLength(200);
    expect(searchTerms("   ")).toEqual([]);
  });
});

describe("scoreCandidate", () => {
  it("needs every term to hit the name or an extra field", () => {
    expect(scoreCandidate(["web", "nginx"], c("container", "web-1", ["nginx:1.27"]))).toBeGreaterThan(0);
    expect(scoreCandidate(["web", "redis"], c("container", "web-1", ["nginx:1.27"]))).toBe(0);
    expect(scoreCandidate([], c("container", "web-1"))).toBe(0);
  });
  it("ranks exact over prefix over substring over extra", () => {
    const exact = scoreCandidate(["web"], c("container", "web"));
    const prefix = scoreCandidate(["web"], c("container", "web-1"));
    const inner = scoreCandidate(["web"], c("container", "my-web"));
    const extra = scoreCandidate(["web"], c("container", "api", ["webstack"]));
    expect(exact).toBeGreaterThan(prefix);
    expect(prefix).toBeGreaterThan(inner);
    expect(inner).toBeGreaterThan(extra);
    expect(extra).toBeGreaterThan(0);
  });
  it("matches case-insensitively and treats regex characters literally", () => {
    expect(scoreCandidate(["web"], c("container", "WEB-1"))).toBeGreaterThan(0);
    expect(scoreCandidate([".*"], c("container", "web"))).toBe(0);
    expect(scoreCandidate(["a.b"], c("container", "a.b-1"))).toBeGreaterThan(0);
  });
});

describe("rankCandidates", () => {
  it("orders by score, then kind, then name, and applies the limit", () => {
    const hits = rankCandidates("web", [
      c("volume", "web"),
      c("container", "web"),
      c("container", "my-web"),
      c("network", "web-net"),
      c("image", "nginx", ["web"]),
    ]);
    expect(hits.map((h) => `${h.kind}:${h.name}`)).toEqual([
      "container:web",
      "volume:web",
      "network:web-net",
      "container:my-web",
      "image:nginx",
    ]);
    expect(rankCandidates("web", [c("container", "web-a"), c("container", "web-b")], 1)).toHaveLength(1);
    expect(rankCandidates("", [c("container", "web")])).toEqual([]);
  });
});
