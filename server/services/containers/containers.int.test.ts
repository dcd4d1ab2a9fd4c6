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
import { createRuntime, type Runtime } from "@/server/runtime";
import { deleteRegistry, saveRegistry } from "../registries/manage-registries";
import { createContainer } from "./create-container";
import { editContainer } from "./edit-container";
import { getContainerSpec } from "./get-container-spec";
import { recreateContainer } from "./recreate-container";

// Edit (replace in place, update in place, every rollback) and the registry credentials of create/recreate pulls,
// against the rig's private dockerd and its htpasswd registry.

const env = process.env;
const REQUIRED = ["BERTH_TEST_DOCKER_HOST", "BERTH_TEST_IMAGE", "BERTH_TEST_AUTH_REGISTRY_IMAGE"];
const missing = REQUIRED.filter((k) => !env[k]);
if (missing.length) throw new Error(`${missing.join(", ")} not set: start the rig and source $BERTH_RIG_DIR/env`);
const DOCKER_HOST = env.BERTH_TEST_DOCKER_HOST!;
const IMAGE = env.BERTH_TEST_IMAGE!;
const PRIVATE_IMAGE = env.BERTH_TEST_AUTH_REGISTRY_IMAGE!;

const run = promisify(execFile);
const docker = async (...args: string[]) =>
  (
    await run("docker", ["-H", DOCKER_HOST, ...args], {
      env: { ...env, DOCKER_API_VERSION: env.BERTH_TEST_DOCKER_API_VERSION || "1.41" },
    })
  ).stdout.trim();
const PREFIX = `berth-edit-${process.pid}-${Date.now().toString(36)}`;
const EP = "it";
const admin: Actor = { id: "admin-id", username: "admin", isAdmin: true, grants: {} };
const operator: Actor = { id: "op-id", username: "op", isAdmin: false, grants: { [EP]: "operator" } };
const viewer: Actor = { id: "viewer-id", username: "viewer", isAdmin: false, grants: { [EP]: "viewer" } };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-edit-"));
let rt: Runtime;
let seq = 0;

interface Inspect {
  Id: string;
  Name: string;
  State: { Running: boolean };
  Config: { Env: string[]; Labels: Record<string, string>; Hostname: string; Image: string };
  HostConfig: { RestartPolicy: { Name: string }; Memory: number; CapAdd: string[] | null; PortBindings: object };
}
const inspect = async (ref: string) => (JSON.parse(await docker("inspect", ref)) as Inspect[])[0]!;
const names = async () => (await docker("ps", "-a", "--format", "{{.Names}}")).split("\n").filter(Boolean);
const uniq = (what: string) => `${PREFIX}-${what}-${++seq}`;
const sleeper = (name: string, ...extra: string[]) =>
  docker("run", "-d", "--init", "--name", name, ...extra, IMAGE, "sleep", "3600");
/** The edit form as the page pre-fills it, with `change` applied, as the server receives it. */
async function form(name: string, change: Record<string, unknown> = {}) {
  const spec = await getContainerSpec(admin, { endpointId: EP, containerId: name }, "edit");
  return containerSpec.parse({ ...spec, ...change });
}
const lastAudit = async (action: string) => (await listAudit(rt.db, { action, limit: 1 }))[0];

async function waitFor<T>(what: string, probe: () => T | Promise<T>, ms = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  rt = await createRuntime(
    loadConfig({ BERTH_DATA_DIR: tmp, NEXTAUTH_SECRET: "x", LOG_LEVEL: "silent", NODE_ENV: "test" }),
  );
  rt.endpoints.add({ id: EP, name: "it", kind: "docker", url: DOCKER_HOST, secret: null, createdAt: Date.now() });
  await waitFor("endpoint up", () => rt.endpoints.view(EP)?.health.state === "up");
});

afterAll(async () => {
  const ids = (await docker("ps", "-aq", "--filter", `name=${PREFIX}`)).split("\n").filter(Boolean);
  if (ids.length) await docker("rm", "-f", "-v", ...ids);
  await docker("rmi", "-f", PRIVATE_IMAGE).catch(() => "");
  rt?.endpoints.stopAll();
  await rt?.db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("edit", () => {
  it("replaces the container under its name with the form's settings, keeping what the form does not show", async () => {
    const name = uniq("web");
    await sleeper(name, "-e", "A=1", "--label", "keep=me", "--cap-add", "NET_ADMIN", "--hostname", "custom");
    const before = await inspect(name);
    const spec = await form(name, {
      env: ["A=2", "B=two words"],
      labels: [
        { key: "keep", value: "me" },
        { key: "tier", value: "web" },
      ],
      restartPolicy: "unless-stopped",
    });
    const done = await editContainer(admin, { endpointId: EP, containerId: name, spec });
    expect(done).toMatchObject({ name, mode: "replaced", previousId: before.Id });
    const after = await inspect(name);
    expect(after.Id).toBe(done.id);
    expect(after.Id).not.toBe(before.Id);
    expect(after.State.Running).toBe(true);
    expect(after.Config.Env).toEqual(expect.arrayContaining(["A=2", "B=two words"]));
    expect(after.Config.Env).not.toContain("A=1");
    expect(after.Config.Labels).toMatchObject({ keep: "me", tier: "web" });
    expect(after.HostConfig.RestartPolicy.Name).toBe("unless-stopped");
    expect(after.HostConfig.CapAdd?.join()).toMatch(/NET_ADMIN/);
    expect(after.Config.Hostname).toBe("custom");
    expect((await names()).filter((n) => n.startsWith(name))).toEqual([name]);
    const record = await lastAudit("container.edit");
    expect(record).toMatchObject({ outcome: "success", target: name, actorName: "admin" });
    expect(record?.detail).toContain(`${before.Id.slice(0, 12)} -> ${after.Id.slice(0, 12)}`);
  });

  it("changes only the restart policy and limits in place (same id), or replaces a stopped one and leaves it stopped", async () => {
    const name = uniq("live");
    await sleeper(name, "-m", "64m");
    const before = await inspect(name);
    const done = await editContainer(admin, {
      endpointId: EP,
      containerId: name,
      spec: await form(name, { restartPolicy: "always", memoryMb: "96" }),
    });
    expect(done.mode).toBe("updated");
    const after = await inspect(name);
    expect(after.Id).toBe(before.Id);
    expect(after.HostConfig.RestartPolicy.Name).toBe("always");
    expect(after.HostConfig.Memory).toBe(96 * 1024 * 1024);
    expect((await lastAudit("container.edit"))?.detail).toContain("updated in place");

    await docker("stop", name);
    const replaced = await editContainer(admin, {
      endpointId: EP,
      containerId: name,
      spec: await form(name, { env: ["X=1"] }),
    });
    expect(replaced.mode).toBe("replaced");
    const stopped = await inspect(name);
    expect(stopped.Id).toBe(replaced.id);
    expect(stopped.State.Running).toBe(false);
    expect(stopped.Config.Env).toContain("X=1");
  });

  it("rolls back when the new container cannot start (host port taken): the old one runs on, unchanged", async () => {
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const holder = uniq("holder");
    await sleeper(holder, "-p", `127.0.0.1:${port}:80`);
    const name = uniq("victim");
    await sleeper(name, "-e", "A=1");
    const before = await inspect(name);
    const spec = await form(name, {
      env: ["A=2"],
      ports: [{ hostIp: "127.0.0.1", hostPort: port, containerPort: "80", protocol: "tcp" }],
    });
    const err = await editContainer(admin, { endpointId: EP, containerId: name, spec }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/Could not start the new container: .*(port is already allocated|in use)/);
    expect((err as Error).message).toMatch(
      /rolled back: the new container [0-9a-f]{12} was removed; the old container/,
    );
    const after = await inspect(name);
    expect(after.Id).toBe(before.Id);
    expect(after.State.Running).toBe(true);
    expect(after.Config.Env).toContain("A=1");
    expect(after.Config.Env).not.toContain("A=2");
    expect((await names()).filter((n) => n.startsWith(name))).toEqual([name]);
    const record = await lastAudit("container.edit");
    expect(record).toMatchObject({ outcome: "failure", target: name });
    expect(record?.detail).toContain(before.Id.slice(0, 12));
  });

  it("fails before touching anything when the image cannot be had", async () => {
    const name = uniq("badimage");
    await sleeper(name);
    const before = await inspect(name);
    const spec = await form(name, { image: `${env.BERTH_TEST_REGISTRY}/berth-test/no-such-image:latest` });
    await expect(editContainer(admin, { endpointId: EP, containerId: name, spec })).rejects.toThrow(
      /Pulling .*no-such-image:latest failed/,
    );
    const after = await inspect(name);
    expect(after.Id).toBe(before.Id);
    expect(after.State.Running).toBe(true);
    expect((await names()).filter((n) => n.startsWith(name))).toEqual([name]);
  });

  it("puts an auto-remove container back from its settings when the edit fails after it vanished", async () => {
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const holder = uniq("holder2");
    await sleeper(holder, "-p", `127.0.0.1:${port}:80`);
    const name = uniq("autorm");
    await sleeper(name, "--rm", "-e", "KEEP=1");
    const spec = await form(name, {
      ports: [{ hostIp: "127.0.0.1", hostPort: port, containerPort: "80", protocol: "tcp" }],
    });
    await expect(editContainer(admin, { endpointId: EP, containerId: name, spec })).rejects.toThrow(
      /auto-removed when stopped and was made again from its settings/,
    );
    const back = await inspect(name);
    expect(back.State.Running).toBe(true);
    expect(back.Config.Env).toContain("KEEP=1");
    expect((await names()).filter((n) => n.startsWith(name))).toEqual([name]);
  });

  it("keeps the name, holds non-admins to the restrictions, and refuses viewers", async () => {
    const name = uniq("named");
    await sleeper(name);
    await expect(
      editContainer(admin, { endpointId: EP, containerId: name, spec: await form(name, { name: `${name}-x` }) }),
    ).rejects.toThrow(/Edit keeps the name/);

    const priv = uniq("priv");
    await docker("create", "--init", "--privileged", "--name", priv, IMAGE, "sleep", "3600");
    const before = await inspect(priv);
    await expect(
      editContainer(operator, { endpointId: EP, containerId: priv, spec: await form(priv, { env: ["A=1"] }) }),
    ).rejects.toThrow(/Privileged mode/);
    // Even a change the engine could apply in place: the container as a whole must pass.
    await expect(
      editContainer(operator, {
        endpointId: EP,
        containerId: priv,
        spec: await form(priv, { restartPolicy: "always" }),
      }),
    ).rejects.toThrow(/Privileged mode/);
    expect((await inspect(priv)).Id).toBe(before.Id);
    expect(await lastAudit("container.edit")).toMatchObject({ outcome: "denied", actorName: "op", target: priv });

    await expect(
      editContainer(viewer, { endpointId: EP, containerId: name, spec: await form(name, { env: ["A=1"] }) }),
    ).rejects.toThrow(/not allowed/);
    await expect(getContainerSpec(viewer, { endpointId: EP, containerId: name }, "edit")).rejects.toThrow();
    expect(await lastAudit("container.edit")).toMatchObject({ outcome: "denied", actorName: "viewer" });

    // An ordinary container is edited for the operator as usual.
    const done = await editContainer(operator, {
      endpointId: EP,
      containerId: name,
      spec: await form(name, { env: ["BY=op"] }),
    });
    expect((await inspect(name)).Id).toBe(done.id);
  });
});

describe("pulls of create and recreate use the saved registry credentials", () => {
  const saveRig = () =>
    saveRegistry(admin, {
      name: "rig-auth",
      url: `http://${env.BERTH_TEST_AUTH_REGISTRY}`,
      username: env.BERTH_TEST_AUTH_REGISTRY_USER!,
      password: env.BERTH_TEST_AUTH_REGISTRY_PASSWORD!,
    });

  it("create pulls a missing private image only with a saved registry, and says why not without one", async () => {
    await docker("rmi", "-f", PRIVATE_IMAGE).catch(() => "");
    const name = uniq("private");
    const spec = containerSpec.parse({ image: PRIVATE_IMAGE, name, command: "sleep 3600", init: true });
    await expect(createContainer(admin, { endpointId: EP, spec, start: true })).rejects.toThrow(
      /Pulling .*private:latest failed: The registry wants a login: add it under Registries/,
    );
    expect(await names()).not.toContain(name);

    const saved = await saveRig();
    try {
      const made = await createContainer(admin, { endpointId: EP, spec, start: true });
      expect(made.pulled).toBe(true);
      expect((await inspect(name)).State.Running).toBe(true);
      expect((await lastAudit("container.create"))?.detail).toContain("pulled with the credentials of rig-auth");
    } finally {
      await deleteRegistry(admin, saved.id);
    }
  });

  it("recreate with pull fails clearly without the registry (nothing changes) and works with it", async () => {
    const name = uniq("private-rc");
    // Made while the registry was saved (the test above pulled the image); no registry is saved now.
    await docker("run", "-d", "--init", "--name", name, PRIVATE_IMAGE, "sleep", "3600");
    const before = await inspect(name);
    await expect(recreateContainer(admin, { endpointId: EP, containerId: name, pull: true })).rejects.toThrow(
      /Pulling .*private:latest failed: The registry wants a login: add it under Registries/,
    );
    expect((await inspect(name)).Id).toBe(before.Id);

    const saved = await saveRig();
    try {
      const done = await recreateContainer(admin, { endpointId: EP, containerId: name, pull: true });
      const after = await inspect(name);
      expect(after.Id).toBe(done.id);
      expect(after.Id).not.toBe(before.Id);
      expect(after.State.Running).toBe(true);
      expect((await lastAudit("container.recreate"))?.detail).toContain("pulled with the credentials of rig-auth");
    } finally {
      await deleteRegistry(admin, saved.id);
    }
  });
});
