import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/db/queries";
import { containerSpec } from "@/lib/container-spec";
import type { Actor } from "@/lib/domain";
import { loadConfig } from "@/server/config";
import { dockerOf } from "@/server/endpoints/access";
import { createRuntime, type Runtime } from "@/server/runtime";
import { createContainer } from "./containers/create-container";
import { killContainer } from "./containers/kill-container";
import { startContainer } from "./containers/start-container";
import { stopContainer } from "./containers/stop-container";
import { removeImage } from "./images/image-ops";
import { inspectNetwork } from "./networks/list-networks";
import { inspectVolume } from "./volumes/volumes";
import { inspectContainer } from "./workbench/inspect-container";

// Issue 9, "also seen": ids and names go into engine API paths only once checked (a hostile one is a 400 and never
// a request), and the host network is refused by what it is, not by its name. Plus the one use-case wrapper's
// contract (refusals audited, engine failures in the engine's words). Against the rig's private dockerd.

const env = process.env;
if (!env.BERTH_TEST_DOCKER_HOST || !env.BERTH_TEST_IMAGE)
  throw new Error("BERTH_TEST_DOCKER_HOST / BERTH_TEST_IMAGE not set: start the rig and source $BERTH_RIG_DIR/env");
const DOCKER_HOST = env.BERTH_TEST_DOCKER_HOST;
const IMAGE = env.BERTH_TEST_IMAGE;

const run = promisify(execFile);
const docker = async (...args: string[]) =>
  (
    await run("docker", ["-H", DOCKER_HOST, ...args], {
      env: { ...env, DOCKER_API_VERSION: env.BERTH_TEST_DOCKER_API_VERSION || "1.41" },
    })
  ).stdout.trim();
const PREFIX = `berth-refs-${process.pid}-${Date.now().toString(36)}`;
const EP = "refs";
const admin: Actor = { id: "admin-id", username: "admin", isAdmin: true, grants: {} };
const operator: Actor = { id: "op-id", username: "op", isAdmin: false, grants: { [EP]: "operator" } };
const viewer: Actor = { id: "viewer-id", username: "viewer", isAdmin: false, grants: { [EP]: "viewer" } };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-refs-"));
let rt: Runtime;
let victim: string;

const running = async (name: string) => (await docker("inspect", "-f", "{{.State.Running}}", name)) === "true";
const paused = async (name: string) => (await docker("inspect", "-f", "{{.State.Paused}}", name)) === "true";
const audits = async (action: string) => listAudit(rt.db, { action, limit: 20 });

async function waitFor(what: string, probe: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  rt = await createRuntime(
    loadConfig({ BERTH_DATA_DIR: tmp, NEXTAUTH_SECRET: "x", LOG_LEVEL: "silent", NODE_ENV: "test" }),
  );
  rt.endpoints.add({ id: EP, name: EP, kind: "docker", url: DOCKER_HOST, secret: null, createdAt: Date.now() });
  await waitFor("endpoint up", () => rt.endpoints.view(EP)?.health.state === "up");
  victim = `${PREFIX}-victim`;
  await docker("run", "-d", "--init", "--name", victim, IMAGE, "sleep", "3600");
});

afterAll(async () => {
  const ids = (await docker("ps", "-aq", "--filter", `name=${PREFIX}`)).split("\n").filter(Boolean);
  if (ids.length) await docker("rm", "-f", "-v", ...ids);
  rt?.endpoints.stopAll();
  await rt?.db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("ids and names in engine paths", () => {
  it("a container reference carrying another path is a 400, and the engine never sees it", async () => {
    // Pasted into "/containers/<ref>/start", this would be POST /containers/<victim>/kill?signal=KILL&x=/start.
    const hostile = `${victim}/kill?signal=KILL&x=`;
    await expect(startContainer(admin, { endpointId: EP, containerId: hostile })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("not a valid container id or name"),
    });
    // "/containers/<victim>/pause?x=/kill": a kill that would pause.
    await expect(killContainer(admin, { endpointId: EP, containerId: `${victim}/pause?x=` })).rejects.toMatchObject({
      status: 400,
    });
    await expect(
      stopContainer(admin, { endpointId: EP, containerId: `../containers/${victim}` }),
    ).rejects.toMatchObject({ status: 400 });
    expect(await running(victim)).toBe(true);
    expect(await paused(victim)).toBe(false);
    const failed = (await audits("container.start")).find((a) => a.target === hostile);
    expect(failed).toMatchObject({ outcome: "failure", detail: expect.stringContaining("not a valid container") });
  });

  it("the same one check guards images, networks, volumes and reads, and the driver's own clients", async () => {
    await expect(
      removeImage(admin, { endpointId: EP, image: `${IMAGE}/../../containers/${victim}`, force: true }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining("not a valid image reference") });
    await expect(inspectNetwork(admin, EP, "bridge?x=1")).rejects.toMatchObject({ status: 400 });
    await expect(inspectVolume(admin, EP, "a/../b")).rejects.toMatchObject({ status: 400 });
    await expect(inspectContainer(admin, { endpointId: EP, containerId: `${victim}#` })).rejects.toMatchObject({
      status: 400,
    });
    // Not only through services: any path-building call of the endpoint's clients refuses.
    expect(() => dockerOf(EP).api.getContainer(`${victim}/kill?`)).toThrow(/not a valid container id or name/);
    expect(() => dockerOf(EP).client(1000).getNetwork("x%2F..")).toThrow(/not a valid network id or name/);
    expect(() => dockerOf(EP).streamApi.getExec("abc/../def")).toThrow(/not a valid exec id or name/);
    // Well-formed references still work: a name, a full id, an id prefix, an image by tag.
    const id = await docker("inspect", "-f", "{{.Id}}", victim);
    for (const ref of [victim, id, id.slice(0, 12)])
      expect((await inspectContainer(admin, { endpointId: EP, containerId: ref })).inspect.Id).toBe(id);
  });
});

describe("the host network is refused by what it is", () => {
  const hostNet = async () => docker("network", "inspect", "-f", "{{.Id}}", "host");

  it("a non-admin naming the host network by its id or an id prefix is refused like 'host'", async () => {
    const hostId = await hostNet();
    for (const network of ["host", hostId, hostId.slice(0, 12)]) {
      const name = `${PREFIX}-net-${network.length}`;
      const spec = containerSpec.parse({ image: IMAGE, name, command: "sleep 60", network });
      await expect(createContainer(operator, { endpointId: EP, spec, start: false })).rejects.toMatchObject({
        status: 403,
        message: expect.stringContaining("Host or another container's network namespace"),
      });
      await expect(docker("inspect", name)).rejects.toThrow();
    }
    const denied = (await audits("container.create")).filter((a) => a.outcome === "denied");
    expect(denied.some((a) => /host network by id/.test(a.detail ?? ""))).toBe(true);
  });

  it("other networks, by name or id, are still allowed; admins may use the host network", async () => {
    const bridgeId = await docker("network", "inspect", "-f", "{{.Id}}", "bridge");
    const name = `${PREFIX}-bridge`;
    const spec = containerSpec.parse({ image: IMAGE, name, command: "sleep 60", network: bridgeId.slice(0, 12) });
    const made = await createContainer(operator, { endpointId: EP, spec, start: false });
    expect(made.name).toBe(name);
    const hostId = await hostNet();
    const adminName = `${PREFIX}-admin-host`;
    const adminSpec = containerSpec.parse({ image: IMAGE, name: adminName, command: "sleep 60", network: hostId });
    await createContainer(admin, { endpointId: EP, spec: adminSpec, start: false });
    expect(await docker("inspect", "-f", "{{.HostConfig.NetworkMode}}", adminName)).toBe(hostId);
  });
});

describe("the use-case wrapper", () => {
  it("audits a refusal as denied and answers 403; a viewer changes nothing", async () => {
    await expect(stopContainer(viewer, { endpointId: EP, containerId: victim })).rejects.toMatchObject({
      status: 403,
    });
    expect(await running(victim)).toBe(true);
    const row = (await audits("container.stop")).find((a) => a.actorName === "viewer");
    expect(row).toMatchObject({ outcome: "denied", endpointId: EP });
  });

  it("maps an engine failure to the engine's own words and status, and audits it as a failure", async () => {
    const ghost = `${PREFIX}-ghost`;
    await expect(startContainer(operator, { endpointId: EP, containerId: ghost })).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining("No such container"),
    });
    const row = (await audits("container.start")).find((a) => a.target === ghost);
    expect(row).toMatchObject({ outcome: "failure", detail: expect.stringContaining("No such container") });
  });

  it("a verb the engine says is already done (304) is a success, named so", async () => {
    await startContainer(operator, { endpointId: EP, containerId: victim });
    const row = (await audits("container.start")).find((a) => a.target === victim);
    expect(row).toMatchObject({ outcome: "success", detail: "already in that state" });
  });
});
