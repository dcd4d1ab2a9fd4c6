import { describe, expect, it } from "vitest";
import {
  matchTopic,
  parsePublicTopic,
  STORE_NAME_PATTERN,
  statsTopic,
  statusTopic,
  storeTopic,
  storeTopicPattern,
  TOPIC_PATTERNS,
  usageTopic,
} from "./topics";

// The server's registry matches the same patterns, with the store names the drivers register.
const PATTERNS = [...Object.entries(TOPIC_PATTERNS), ["store", storeTopicPattern(["containers", "networks"])]] as const;
const parseTopic = (raw: unknown) => matchTopic(raw, PATTERNS as readonly (readonly [string, RegExp])[]);

describe("parseTopic", () => {
  it("accepts the endpoints topic", () => {
    expect(parseTopic("endpoints")).toEqual({ kind: "endpoints", name: "endpoints" });
  });

  it("accepts a store topic and extracts the endpoint id and store", () => {
    expect(parseTopic("endpoint:prod_1-a:containers")).toEqual({
      kind: "store",
      name: "endpoint:prod_1-a:containers",
      endpointId: "prod_1-a",
      store: "containers",
    });
  });

  it("accepts a namespaced store topic, and only registered stores with valid namespaces", () => {
    expect(parseTopic(storeTopic("k1", "networks", "kube-system"))).toEqual({
      kind: "store",
      name: "endpoint:k1:ns:kube-system:networks",
      endpointId: "k1",
      namespace: "kube-system",
      store: "networks",
    });
    for (const raw of [
      "endpoint:k1:pods",
      "endpoint:k1:ns::containers",
      "endpoint:k1:ns:Kube:containers",
      "endpoint:k1:ns:-a:containers",
      "endpoint:k1:ns:a/b:containers",
      `endpoint:k1:ns:${"a".repeat(64)}:containers`,
      "endpoint:k1:ns:a:b:containers",
    ]) {
      expect(parseTopic(raw), raw).toBeNull();
    }
  });

  it("builds store patterns only from well-formed store names", () => {
    expect(STORE_NAME_PATTERN.test("services")).toBe(true);
    expect(STORE_NAME_PATTERN.test("a|b")).toBe(false);
    expect(matchTopic("endpoint:e1:x", [["store", storeTopicPattern(["a|x"])]])).toBeNull();
    expect(matchTopic("endpoint:e1:x", [["store", storeTopicPattern([])]])).toBeNull();
  });

  it("accepts endpoint ids up to 64 characters and no longer", () => {
    const id64 = "a".repeat(64);
    expect(parseTopic(`endpoint:${id64}:containers`)).toMatchObject({ endpointId: id64 });
    expect(parseTopic(`endpoint:${"a".repeat(65)}:containers`)).toBeNull();
  });

  it("rejects anything that is not a string", () => {
    for (const raw of [undefined, null, 1, true, {}, [], ["endpoints"], { toString: () => "endpoints" }]) {
      expect(parseTopic(raw)).toBeNull();
    }
  });

  it("rejects junk and near misses", () => {
    for (const raw of [
      "",
      " ",
      "Endpoints",
      " endpoints",
      "endpoints ",
      "endpoints\n",
      "endpoint",
      "endpoint::containers",
      "endpoint:e1",
      "endpoint:e1:",
      "endpoint:e1:Containers",
      "endpoint:e1:containers ",
      "endpoint:e1:containers\n",
      "\nendpoint:e1:containers",
      "endpoint:e1:containers:extra",
      "endpoint:e1:logs",
      "endpoint:e1:containers\u0000",
      "endpoint:e\u04251:containers", // Cyrillic look-alike
    ]) {
      expect(parseTopic(raw), JSON.stringify(raw)).toBeNull();
    }
  });

  it("rejects path tricks and injection in the endpoint id", () => {
    for (const id of ["..", "../x", "a/b", "a\\b", "%2e%2e", "a.b", "a:b", "*", "e1' OR '1'='1", "<script>", "a b"]) {
      expect(parseTopic(`endpoint:${id}:containers`), id).toBeNull();
    }
  });

  it("rejects long strings before matching them", () => {
    expect(parseTopic("x".repeat(201))).toBeNull();
    expect(parseTopic(`endpoints${" ".repeat(500)}`)).toBeNull();
    expect(parseTopic(`endpoint:${"a".repeat(10_000)}:containers`)).toBeNull();
    expect(parseTopic("e".repeat(1_000_000))).toBeNull();
  });
});

describe("resource topics", () => {
  it("parses events, all-events and pulls topics", () => {
    expect(parseTopic("endpoint:e1:events")).toMatchObject({ kind: "events", endpointId: "e1" });
    expect(parseTopic("events")).toMatchObject({ kind: "allEvents" });
    expect(parseTopic("endpoint:e1:pulls")).toMatchObject({ kind: "pulls", endpointId: "e1" });
    expect(parseTopic("endpoint:e1:events:x")).toBeNull();
    expect(parseTopic("endpoint:../x:pulls")).toBeNull();
  });
});

describe("public topics", () => {
  it("accept status pages by slug, and nothing else", () => {
    expect(parsePublicTopic("status:acme-prod")).toEqual({
      kind: "status",
      name: "status:acme-prod",
      slug: "acme-prod",
    });
    for (const bad of [
      "status:",
      "status:Acme",
      "status:a--b",
      "status:-a",
      "status:a/b",
      "status:../x",
      "endpoints",
      "endpoint:local:containers",
      "events",
      " status:acme",
      `status:${"a".repeat(49)}`,
      42,
      null,
    ]) {
      expect(parsePublicTopic(bad), String(bad)).toBeNull();
    }
  });

  it("are not topics of the signed-in namespace, and the signed-in topics are not public", () => {
    expect(parseTopic("status:acme")).toBeNull();
    expect(parsePublicTopic(statusTopic("acme"))?.slug).toBe("acme");
  });
});

describe("container topics", () => {
  const id = "a".repeat(64);
  it("parses stats and usage topics of one container, by id or name", () => {
    expect(parseTopic(usageTopic("e1", id))).toEqual({
      kind: "usage",
      name: `endpoint:e1:container:${id}:usage`,
      endpointId: "e1",
      containerId: id,
    });
    expect(parseTopic(statsTopic("e1", "web-1"))).toMatchObject({ kind: "stats", containerId: "web-1" });
    expect(parseTopic(usageTopic("e1", "web.1_x"))).toMatchObject({ kind: "usage", containerId: "web.1_x" });
  });

  it("rejects near misses of the usage topic", () => {
    for (const raw of [
      `endpoint:e1:container:${id}:usage:x`,
      `endpoint:e1:container:${id}:Usage`,
      `endpoint:e1:container::usage`,
      `endpoint:e1:container:-x:usage`,
      `endpoint:e1:container:a/b:usage`,
      `endpoint:e1:container:${"a".repeat(129)}:usage`,
      `endpoint:e1:container:${id}:usage\n`,
    ]) {
      expect(parseTopic(raw), raw).toBeNull();
    }
  });
});
