import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/db/queries";
import type { Actor } from "@/lib/domain";
import { deployComposeInput } from "@/lib/stack-schemas";
import { loadConfig } from "@/server/config";
import { createRuntime, type Runtime } from "@/server/runtime";
import { awaitDeploy, startComposeDeploy } from "./deploy-stack";
import { diffStack } from "./diff-stack";
import { redeployStack } from "./redeploy-stack";
import { getStackFile, listStackHistory } from "./stack-records";
import { composeDown, composeVerb } from "./stack-verbs";

// Berth's own Compose deploy against the rig's private dockerd: labels, dependency conditions, recreating only what
// changed, orphans, failures that name the service, restrictions for non-admins, history and rollback, down.

const env = process.env;
if (!env.BERTH_TEST_DOCKER_HOST || !env.BERTH_TEST_IMAGE)
  throw new Error("BERTH_TEST_DOCKER_HOST, BERTH_TEST_IMAGE not set: start the rig and source $BERTH_RIG_DIR/env");
const DOCKER_HOST = env.BERTH_TEST_DOCKER_HOST;
const IMAGE = env.BERTH_TEST_IMAGE;
const run = promisify(execFile);
const docker = async (...args: string[]) =>
  (await run("docker", ["-H", DOCKER_HOST, ...args], { env: { ...env, DOCKER_API_VERSION: "1.41" } })).stdout.trim();
const EP = "it";
const admin: Actor = { id: "admin-id", username: "admin", isAdmin: true, grants: {} };
const operator: Actor = { id: "op-id", username: "op", isAdmin: false, grants: { [EP]: "operator" } };
const viewer: Actor = { id: "viewer-id", username: "viewer", isAdmin: false, grants: { [EP]: "viewer" } };
const P = `bst${process.pid}`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-stacks-"));
let rt: Runtime;

interface Inspect {
  Id: string;
  Name: string;
  State: { Running: boolean; Status: string };
  Config: { Env: string[]; Labels: Record<string, string>; Image: string };
  Mounts: { Type: string; Name?: string; Destination: string }[];
  NetworkSettings: { Networks: Record<string, { Aliases: string[] | null }> };
}
const inspect = async (ref: string) => (JSON.parse(await docker("inspect", ref)) as Inspect[])[0]!;
const names = async (project: string) =>
  (await docker("ps", "-a", "--filter", `label=com.docker.compose.project=${project}`, "--format", "{{.Names}}"))
    .split("\n")
    .filter(Boolean)
    .sort();

const deploy = async (actor: Actor, stack: string, compose: string, extra: Record<string, unknown> = {}) => {
  const started = await startComposeDeploy(
    actor,
    deployComposeInput.parse({ endpointId: EP, stack, compose, workingDir: tmp, ...extra }),
  );
  return { ...started, job: (await awaitDeploy(started.jobId))! };
};

const file = (webEnv: string, extra = "") => `
services:
  db:
    image: ${IMAGE}
    command: ["sleep", "3600"]
    init: true
    healthcheck: {test: ["CMD-SHELL", "exit 0"], interval: 1s, retries: 3}
    volumes: [data:/data]
  web:
    image: ${IMAGE}
    command: sleep 3600
    init: true
    environment: [MODE=${webEnv}, SECRET]
    depends_on: {db: {condition: service_healthy}}
    volumes: [/scratch]
    networks: {default: {}, back: {aliases: [api]}}
${extra}
networks: {back: {}}
volumes: {data: {}}
`;

beforeAll(async () => {
  rt = await createRuntime(
    loadConfig({ BERTH_DATA_DIR: tmp, NEXTAUTH_SECRET: "x", LOG_LEVEL: "silent", NODE_ENV: "test" }),
  );
  rt.endpoints.add({ id: EP, name: "it", kind: "docker", url: DOCKER_HOST, secret: null, createdAt: Date.now() });
  const deadline = Date.now() + 30_000;
  while (rt.endpoints.view(EP)?.health.state !== "up") {
    if (Date.now() > deadline) throw new Error("endpoint not up");
    await new Promise((r) => setTimeout(r, 50));
  }
});

afterAll(async () => {
  for (const p of [P, `${P}b`, `${P}c`, `${P}d`, `${P}e`])
    await composeDown(admin, { endpointId: EP, stack: p, removeVolumes: true }).catch(() => {});
  rt?.endpoints.stopAll();
  await rt?.db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("compose deploy", () => {
  it("deploys in dependency order with Compose's labels, then recreates only what changed", async () => {
    const first = await deploy(admin, P, file("a"), { envText: "SECRET=s3cret\n" });
    expect(first.job.error).toBeUndefined();
    expect(first.job.state).toBe("done");
    expect(first.version).toBe(1);
    expect(await names(P)).toEqual([`${P}-db-1`, `${P}-web-1`]);
    const texts = first.job.steps.map((s) => s.text);
    expect(texts.indexOf(`Waiting for db (service_healthy)`)).toBeGreaterThan(
      texts.indexOf(`Container ${P}-db-1 created and started`),
    );
    const web = await inspect(`${P}-web-1`);
    expect(web.Config.Labels).toMatchObject({
      "com.docker.compose.project": P,
      "com.docker.compose.service": "web",
      "com.docker.compose.container-number": "1",
      "com.docker.compose.oneoff": "False",
      "com.docker.compose.project.working_dir": tmp,
      "com.docker.compose.project.config_files": `${tmp}/docker-compose.yml`,
      "com.docker.compose.version": "berth-0.1.0",
    });
    expect(web.Config.Labels["com.docker.compose.config-hash"]).toMatch(/^[0-9a-f]{64}$/);
    expect(web.Config.Env).toEqual(expect.arrayContaining(["MODE=a", "SECRET=s3cret"]));
    expect(web.NetworkSettings.Networks[`${P}_back`]?.Aliases).toEqual(expect.arrayContaining(["web", "api"]));
    expect(Object.keys(web.NetworkSettings.Networks).sort()).toEqual([`${P}_back`, `${P}_default`]);
    const db = await inspect(`${P}-db-1`);
    expect(db.Mounts.find((m) => m.Destination === "/data")?.Name).toBe(`${P}_data`);
    const scratch = web.Mounts.find((m) => m.Destination === "/scratch")?.Name;

    const same = await deploy(admin, P, file("a"), { envText: "SECRET=s3cret\n" });
    expect(same.job.state).toBe("done");
    expect((await inspect(`${P}-web-1`)).Id).toBe(web.Id);
    expect((await inspect(`${P}-db-1`)).Id).toBe(db.Id);

    const diff = await diffStack(
      admin,
      deployComposeInput.parse({
        endpointId: EP,
        stack: P,
        compose: file("b"),
        workingDir: tmp,
        envText: "SECRET=s3cret\n",
      }),
    );
    expect(diff.changes.map((c) => `${c.container}:${c.change}`)).toEqual([
      `${P}-db-1:unchanged`,
      `${P}-web-1:recreate`,
    ]);
    expect(diff.file).toEqual(expect.arrayContaining([{ op: "-", text: "    environment: [MODE=a, SECRET]" }]));

    const changed = await deploy(admin, P, file("b"), { envText: "SECRET=s3cret\n" });
    expect(changed.job.state).toBe("done");
    const web2 = await inspect(`${P}-web-1`);
    expect(web2.Id).not.toBe(web.Id);
    expect(web2.Config.Env).toContain("MODE=b");
    // The anonymous volume's data survives the recreate, as with Compose.
    expect(web2.Mounts.find((m) => m.Destination === "/scratch")?.Name).toBe(scratch);
    expect((await inspect(`${P}-db-1`)).Id).toBe(db.Id);
    expect(changed.job.steps.map((s) => s.text)).toContain(`Recreating ${P}-web-1 (configuration changed)`);

    const history = await listStackHistory(viewer, EP, P);
    expect(history.map((h) => [h.version, h.outcome])).toEqual([
      [3, "done"],
      [2, "done"],
      [1, "done"],
    ]);
    // The .env goes to those who may read secrets only; it is sealed in the database.
    expect((await getStackFile(operator, EP, P))?.envText).toBe("SECRET=s3cret\n");
    expect((await getStackFile(viewer, EP, P))?.envText).toBeNull();
    const audit = (await listAudit(rt.db, { action: "stack.deploy", limit: 1 }))[0];
    expect(audit).toMatchObject({ outcome: "success", target: P });

    const back = await redeployStack(admin, { endpointId: EP, stack: P, version: 1 });
    expect((await awaitDeploy(back.jobId))?.state).toBe("done");
    expect((await inspect(`${P}-web-1`)).Config.Env).toContain("MODE=a");
    expect((await listStackHistory(admin, EP, P))[0]).toMatchObject({ version: 4, kind: "rollback", outcome: "done" });
  });

  it("removes orphans, scales, stops, starts and takes the project down with its volumes", async () => {
    const two = `services:\n  a: {image: ${IMAGE}, command: sleep 3600, init: true, scale: 2}\n  b: {image: ${IMAGE}, command: sleep 3600, init: true}\nvolumes: {v: {}}\n`;
    expect((await deploy(admin, `${P}b`, two)).job.state).toBe("done");
    expect(await names(`${P}b`)).toEqual([`${P}b-a-1`, `${P}b-a-2`, `${P}b-b-1`]);
    const one = `services:\n  a: {image: ${IMAGE}, command: sleep 3600, init: true}\nvolumes: {v: {}}\n`;
    const out = await deploy(admin, `${P}b`, one);
    expect(out.job.steps.map((s) => s.text)).toEqual(
      expect.arrayContaining([`Orphan container ${P}b-b-1 removed`, `Container ${P}b-a-2 removed (scaled down)`]),
    );
    expect(await names(`${P}b`)).toEqual([`${P}b-a-1`]);
    await composeVerb(operator, { endpointId: EP, stack: `${P}b`, verb: "stop" });
    expect((await inspect(`${P}b-a-1`)).State.Running).toBe(false);
    await composeVerb(operator, { endpointId: EP, stack: `${P}b`, verb: "start" });
    expect((await inspect(`${P}b-a-1`)).State.Running).toBe(true);
    await expect(composeVerb(viewer, { endpointId: EP, stack: `${P}b`, verb: "stop" })).rejects.toThrow();
    const down = await composeDown(operator, { endpointId: EP, stack: `${P}b`, removeVolumes: true });
    expect(down).toEqual({ containers: [`${P}b-a-1`], networks: [`${P}b_default`], volumes: [`${P}b_v`] });
    expect(await names(`${P}b`)).toEqual([]);
  });

  it("pulls with pull policy always, reporting each layer's progress in the deploy", async () => {
    const registry = env.BERTH_TEST_REGISTRY;
    if (!registry) throw new Error("BERTH_TEST_REGISTRY not set: the rig's registry is needed");
    // An image with a layer of its own, pushed to the rig's registry and removed here, so the pull downloads it.
    const ref = `${registry}/berth-test/stack-pull:${process.pid}`;
    const ctx = fs.mkdtempSync(path.join(tmp, "img-"));
    fs.writeFileSync(path.join(ctx, "Dockerfile"), `FROM ${IMAGE}\nRUN echo ${process.pid} > /stamp\n`);
    await run("docker", ["-H", DOCKER_HOST, "build", "-q", "-t", ref, ctx], {
      env: { ...env, DOCKER_API_VERSION: "1.41", DOCKER_BUILDKIT: "0" },
    });
    await docker("push", ref);
    await docker("rmi", ref);
    const out = await deploy(
      admin,
      `${P}b`,
      `services:\n  p: {image: ${ref}, command: sleep 3600, init: true, pull_policy: always}\n`,
    );
    expect(out.job.error).toBeUndefined();
    expect(out.job.pulls).toHaveLength(1);
    expect(out.job.pulls[0]).toMatchObject({ ref, state: "done" });
    expect(out.job.pulls[0]?.layers.map((l) => l.status)).toContain("Pull complete");
    expect(out.job.steps.map((s) => s.text)).toEqual(expect.arrayContaining([`Pulling ${ref}`, `Pulled ${ref}`]));
    await composeDown(admin, { endpointId: EP, stack: `${P}b`, removeVolumes: true });
    await docker("rmi", ref);
  });

  it("a failed deploy names the service and why, and keeps the failure in the history", async () => {
    const bad = `services:\n  db: {image: ${IMAGE}, command: sleep 3600, init: true, healthcheck: {test: ["CMD-SHELL", "exit 1"], interval: 1s, retries: 1}}\n  web: {image: ${IMAGE}, command: sleep 3600, depends_on: {db: {condition: service_healthy}}}\n`;
    const out = await deploy(admin, `${P}c`, bad);
    expect(out.job.state).toBe("failed");
    expect(out.job.failedService).toBe("web");
    expect(out.job.error).toBe("service web: dependency db is unhealthy");
    expect((await listStackHistory(admin, EP, `${P}c`))[0]).toMatchObject({
      outcome: "failed",
      error: "service web: dependency db is unhealthy",
    });

    const never = await deploy(admin, `${P}c`, "services:\n  x: {image: berth-test/none:1, pull_policy: never}\n");
    expect(never.job.error).toBe(
      'service x: image berth-test/none:1 is not on the engine and the pull policy is "never"',
    );
  });

  it("adopts a project docker-compose deployed: same names, Berth's labels, history starting with adopt", async () => {
    const dir = fs.mkdtempSync(path.join(tmp, "adopt-"));
    const text = `services:\n  svc: {image: ${IMAGE}, command: sleep 3600, init: true}\n`;
    fs.writeFileSync(path.join(dir, "docker-compose.yml"), text);
    const project = `${P}d`;
    await run("docker-compose", ["--no-ansi", "-p", project, "up", "-d"], {
      cwd: dir,
      env: { ...env, DOCKER_HOST, DOCKER_API_VERSION: "1.41" },
    });
    const theirs = await inspect(`${project}_svc_1`);
    expect(theirs.Config.Labels["com.docker.compose.version"]).toBe("1.29.2");
    // Berth can stop and start it without its file.
    await composeVerb(operator, { endpointId: EP, stack: project, verb: "stop" });
    expect((await inspect(`${project}_svc_1`)).State.Running).toBe(false);
    await composeVerb(operator, { endpointId: EP, stack: project, verb: "start" });
    const out = await deploy(admin, project, text, { adopt: true, workingDir: dir });
    expect(out.job.state).toBe("done");
    expect(out.job.kind).toBe("adopt");
    // docker-compose's container is replaced by Berth's (its hash is Compose's own), as an orphan-free recreate.
    expect(await names(project)).toEqual([`${project}-svc-1`]);
    expect((await inspect(`${project}-svc-1`)).Config.Labels["com.docker.compose.version"]).toBe("berth-0.1.0");
    expect((await listStackHistory(admin, EP, project))[0]).toMatchObject({ kind: "adopt", outcome: "done" });
    await composeDown(admin, { endpointId: EP, stack: project, removeVolumes: true });
  });

  it("deploys build: with image: from the image on the engine, never pulling it (docker compose up --no-build)", async () => {
    // A name only this engine has, as `docker build -t` leaves it: a pull of it could only fail.
    const built = `berth-built-${process.pid}:local`;
    await docker("tag", IMAGE, built);
    try {
      const text = `services:\n  app:\n    build: .\n    image: ${built}\n    command: sleep 3600\n    init: true\n`;
      const out = await deploy(admin, `${P}e`, text, { pullPolicy: "always" });
      expect(out.job.error).toBeUndefined();
      expect(out.job.state).toBe("done");
      expect(out.job.steps.map((s) => s.text)).toContain(
        `Not built (Berth has no builder): using ${built} as it is on the engine`,
      );
      expect(out.job.steps.some((s) => /Pulling/.test(s.text))).toBe(false);
      const c = await inspect(`${P}e-app-1`);
      expect(c.State.Running).toBe(true);
      expect(c.Config.Image).toBe(built);
      await composeDown(admin, { endpointId: EP, stack: `${P}e`, removeVolumes: true });
    } finally {
      await docker("rmi", built).catch(() => {});
    }
  });

  it("refuses before touching the engine: bad files with their line, build:, restrictions, viewers", async () => {
    await expect(deploy(admin, `${P}c`, "services:\n  web:\n    build: .\n")).rejects.toThrow(
      /^line 3: services\.web\.build: Berth does not build images/,
    );
    // build: with an image the engine does not have: refused before the deploy starts, nothing pulled or made.
    await expect(
      deploy(admin, `${P}f`, "services:\n  web:\n    image: berth-no-such/built:local\n    build: .\n"),
    ).rejects.toThrow(/services\.web\.build: Berth does not build images .* no image berth-no-such\/built:local/);
    await expect(deploy(operator, `${P}c`, `services:\n  web: {image: ${IMAGE}, privileged: true}\n`)).rejects.toThrow(
      /^service web: .*[Pp]rivileged/,
    );
    await expect(deploy(viewer, `${P}c`, `services:\n  web: {image: ${IMAGE}}\n`)).rejects.toThrow();
    const refused = (await listAudit(rt.db, { action: "stack.deploy", limit: 3 })).map((a) => a.outcome);
    expect(refused).toEqual(["denied", "denied", "failure"]);
    expect(await names(`${P}f`)).toEqual([]);
  });
});
