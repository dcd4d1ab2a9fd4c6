// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose interpolation is written ${VAR}
import { describe, expect, it } from "vitest";
import { parseDotenv } from "@/lib/compose/dotenv";
import { ComposeError, parseCompose } from "@/lib/compose/parse";
import { toProjectPlan } from "./compose-plan";

const plan = (text: string, env: Record<string, string> = {}, profiles?: string[]) =>
  toProjectPlan("demo", parseCompose(text, env, { kind: "project" }).file, { workingDir: "/srv/demo", env, profiles });

function errorOf(fn: () => unknown): ComposeError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ComposeError) return e;
    throw e;
  }
  throw new Error("expected a ComposeError");
}

describe("standalone compose projects", () => {
  it("orders services after their dependencies and keeps the conditions", () => {
    const p = plan(
      [
        "services:",
        "  web:",
        "    image: app",
        "    depends_on:",
        "      db: {condition: service_healthy}",
        "      cache: {condition: service_started}",
        "  db: {image: pg}",
        "  cache: {image: redis}",
      ].join("\n"),
    );
    expect(p.services.map((s) => s.service)).toEqual(["cache", "db", "web"]);
    expect(p.services[2]?.dependsOn).toEqual([
      { service: "db", condition: "service_healthy" },
      { service: "cache", condition: "service_started" },
    ]);
  });

  it("refuses a dependency loop, naming it", () => {
    const e = errorOf(() => plan("services:\n  a: {image: x, depends_on: [b]}\n  b: {image: x, depends_on: [a]}\n"));
    expect(e.message).toBe("depends_on loops: a -> b -> a");
  });

  it("refuses build: with its line and a reason", () => {
    const e = errorOf(() => parseCompose("services:\n  web:\n    build: .\n", {}, { kind: "project" }));
    expect(e.line).toBe(3);
    expect(e.message).toContain("Berth does not build images");
  });

  it("takes build: with image: as that image, never pulled (docker compose up --no-build), and says so", () => {
    const parsed = parseCompose("services:\n  web:\n    build: .\n    image: app:local\n", {}, { kind: "project" });
    expect(parsed.warnings).toEqual([
      "services.web.build: not built (Berth has no builder); the image app:local is used as it is on the engine",
    ]);
    const web = toProjectPlan("demo", parsed.file, { workingDir: "/srv/demo", pull: "always" }).services[0]!;
    expect(web).toMatchObject({ image: "app:local", build: true, pullPolicy: "never" });
    expect(plan("services:\n  web: {image: app}\n").services[0]).toMatchObject({ build: false, pullPolicy: "missing" });
  });

  it("interpolates ${VAR:-x} from the .env and reads env_file: .env", () => {
    const env = parseDotenv('TAG=1.2\nexport SECRET="a b"\n# comment\nEMPTY=\n');
    const p = plan(
      "services:\n  web:\n    image: app:${TAG:-latest}\n    env_file: .env\n    environment:\n      MODE: ${MODE:-prod}\n      EMPTY: ${EMPTY:-fallback}\n",
      env,
    );
    const web = p.services[0]!;
    expect(web.image).toBe("app:1.2");
    expect(web.config.Env).toEqual(["TAG=1.2", "SECRET=a b", "EMPTY=fallback", "MODE=prod"]);
  });

  it("makes project networks and volumes with Compose's labels, binds relative to the working folder", () => {
    const p = plan(
      [
        "services:",
        "  web:",
        "    image: app",
        "    ports: ['127.0.0.1:8080:80', '9000-9001:9000-9001/udp']",
        "    volumes: [data:/data, ./conf:/conf:ro, /cache]",
        "    networks:",
        "      front: {aliases: [www]}",
        "      back: null",
        "    restart: on-failure:3",
        "    mem_limit: 64m",
        "    cpus: 0.5",
        "networks: {front: {}, back: {internal: true}}",
        "volumes: {data: {}}",
      ].join("\n"),
    );
    const web = p.services[0]!;
    expect(web.host.Binds).toEqual(["demo_data:/data:rw", "/srv/demo/conf:/conf:ro"]);
    expect(web.config.Volumes).toEqual({ "/cache": {} });
    expect(web.host.PortBindings).toEqual({
      "80/tcp": [{ HostIp: "127.0.0.1", HostPort: "8080" }],
      "9000/udp": [{ HostIp: "", HostPort: "9000" }],
      "9001/udp": [{ HostIp: "", HostPort: "9001" }],
    });
    expect(web.host.RestartPolicy).toEqual({ Name: "on-failure", MaximumRetryCount: 3 });
    expect(web.host.Memory).toBe(64 * 1024 * 1024);
    expect(web.host.NanoCpus).toBe(5e8);
    expect(web.networks).toEqual([
      { name: "demo_back", aliases: ["web"] },
      { name: "demo_front", aliases: ["web", "www"] },
    ]);
    expect(p.networks.find((n) => n.key === "back")?.create).toMatchObject({
      Name: "demo_back",
      Driver: "bridge",
      Internal: true,
      Labels: { "com.docker.compose.project": "demo", "com.docker.compose.network": "back" },
    });
    expect(p.volumes[0]?.create).toMatchObject({
      Name: "demo_data",
      Labels: { "com.docker.compose.project": "demo", "com.docker.compose.volume": "data" },
    });
  });

  it("enables services by profile and refuses a dependency on a disabled one", () => {
    const text = "services:\n  web: {image: a}\n  debug: {image: b, profiles: [dev]}\n";
    expect(plan(text).services.map((s) => s.service)).toEqual(["web"]);
    expect(plan(text).inactive).toEqual(["debug"]);
    expect(plan(text, {}, ["dev"]).services.map((s) => s.service)).toEqual(["debug", "web"]);
    expect(plan(text, { COMPOSE_PROFILES: "dev" }).services).toHaveLength(2);
    const e = errorOf(() =>
      plan("services:\n  web: {image: a, depends_on: [debug]}\n  debug: {image: b, profiles: [dev]}\n"),
    );
    expect(e.message).toContain("web depends on debug, which no active profile enables");
  });

  it("resolves extends and YAML merge keys", () => {
    const p = plan(
      [
        "x-base: &base",
        "  image: app",
        "  labels: {tier: base}",
        "services:",
        "  base:",
        "    <<: *base",
        "    environment: [A=1, B=2]",
        "    ports: ['80']",
        "  child:",
        "    extends: base",
        "    environment: {B: '3'}",
        "    ports: ['81']",
      ].join("\n"),
    );
    const child = p.services.find((s) => s.service === "child")!;
    expect(child.image).toBe("app");
    expect(child.config.Labels).toEqual({ tier: "base" });
    expect(child.config.Env).toEqual(["A=1", "B=3"]);
    expect(Object.keys(child.host.PortBindings as object)).toEqual(["80/tcp", "81/tcp"]);
  });

  it("refuses an undeclared volume or network and a relative path under ~", () => {
    expect(errorOf(() => plan("services:\n  a: {image: x, volumes: ['v:/v']}\n")).message).toContain(
      "v is not declared under top-level volumes",
    );
    expect(errorOf(() => plan("services:\n  a: {image: x, networks: [front]}\n")).message).toContain(
      "front is not declared under top-level networks",
    );
    expect(errorOf(() => plan("services:\n  a: {image: x, volumes: ['~/x:/x']}\n")).message).toContain("~");
  });

  it("still refuses keys Compose does not know, with the line", () => {
    const e = errorOf(() =>
      parseCompose("services:\n  a:\n    image: x\n    restrat: always\n", {}, { kind: "project" }),
    );
    expect(e.line).toBe(4);
  });
});
