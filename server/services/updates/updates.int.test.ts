import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateUser } from "@/db/access-queries";
import { insertUser, listAudit } from "@/db/queries";
import { listSettings } from "@/db/settings-queries";
import type { Actor } from "@/lib/domain";
import type { UpdateView } from "@/lib/updates";
import { loadConfig } from "@/server/config";
import { createRuntime, type Runtime } from "@/server/runtime";
import { bulkContainerOp } from "../containers/bulk-container-op";
import { createEndpoint } from "../endpoints/create-endpoint";
import { removeEndpoint } from "../endpoints/remove-endpoint";
import { deleteRegistry, saveRegistry } from "../registries/manage-registries";
import { type Attempts, runAutoUpdates } from "./auto-update";
import { checkEndpointUpdates, listUpdates } from "./check-endpoint-updates";
import { updateEvents } from "./check-updates";
import { updateContainer } from "./update-container";
import { getUpdatePolicies, setMaintenanceWindow, setUpdatePolicy } from "./update-policies";
import { startUpdateScheduler } from "./update-scheduler";

// Image update checks and one-click updates against the rig's real registries (plain and htpasswd) and its private
// dockerd: push a new image under the same tag -> "available" -> update -> the CLI sees the new image; push one whose
// healthcheck fails -> update rolls back -> the CLI sees the old container, running, on the old image.

const env = process.env;
const REQUIRED = ["BERTH_TEST_DOCKER_HOST", "BERTH_TEST_IMAGE", "BERTH_TEST_REGISTRY", "BERTH_TEST_AUTH_REGISTRY"];
const missing = REQUIRED.filter((k) => !env[k]);
if (missing.length) throw new Error(`${missing.join(", ")} not set: start the rig and source $BERTH_RIG_DIR/env`);
const DOCKER_HOST = env.BERTH_TEST_DOCKER_HOST!;
const BASE = env.BERTH_TEST_IMAGE!;
const REGISTRY = env.BERTH_TEST_REGISTRY!;
const AUTH_REGISTRY = env.BERTH_TEST_AUTH_REGISTRY!;

const run = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-updates-"));
const cliConfig = path.join(tmp, "docker-config");
const docker = async (...args: string[]) =>
  (
    await run("docker", ["--config", cliConfig, "-H", DOCKER_HOST, ...args], {
      env: { ...env, DOCKER_API_VERSION: env.BERTH_TEST_DOCKER_API_VERSION || "1.41" },
      maxBuffer: 16 << 20,
    })
  ).stdout.trim();
const STAMP = `${process.pid}-${Date.now().toString(36)}`;
const PREFIX = `berth-upd-${STAMP}`;
const EP = "it";
const admin: Actor = { id: "admin-id", username: "admin", isAdmin: true, grants: {} };
const operator: Actor = { id: "op-id", username: "op", isAdmin: false, grants: { [EP]: "operator" } };
const viewer: Actor = { id: "viewer-id", username: "viewer", isAdmin: false, grants: { [EP]: "viewer" } };
let rt: Runtime;
let seq = 0;
const uniq = (what: string) => `${PREFIX}-${what}-${++seq}`;

/** Builds FROM the rig's busybox with a marker label (and a healthcheck), tags it `ref`, pushes it; returns its id. */
async function buildPush(ref: string, version: string, health: "ok" | "fail" | "none" = "ok"): Promise<string> {
  const dir = fs.mkdtempSync(path.join(tmp, "ctx-"));
  const check =
    health === "ok"
      ? "HEALTHCHECK --interval=1s --timeout=2s --retries=2 CMD true\n"
      : health === "fail"
        ? "HEALTHCHECK --interval=1s --timeout=2s --retries=2 CMD false\n"
        : "";
  fs.writeFileSync(path.join(dir, "Dockerfile"), `FROM ${BASE}\nLABEL berth.test.version=${version}\n${check}`);
  await docker("build", "-q", "-t", ref, dir);
  await docker("push", ref);
  return docker("image", "inspect", "-f", "{{.Id}}", ref);
}

const inspect = async (name: string) =>
  (JSON.parse(await docker("inspect", name)) as { Id: string; Image: string; State: { Running: boolean } }[])[0]!;
const containerIds = async () => (await docker("ps", "-aq", "--no-trunc", "--filter", `name=${PREFIX}`)).split("\n");
const rowOf = async (id: string) => (await listUpdates(admin, EP)).find((u) => u.id === id);
const lastAudit = async (action: string) => (await listAudit(rt.db, { action, limit: 1 }))[0];

async function waitFor<T>(what: string, probe: () => T | Promise<T>, ms = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
/** The endpoint's live store lists the container (the check reads the store, as the scheduler does). */
const listed = (id: string) => waitFor(`${id} listed`, () => rt.endpoints.session(EP)?.store("containers")?.has(id));

beforeAll(async () => {
  fs.mkdirSync(cliConfig);
  rt = await createRuntime(
    loadConfig({ BERTH_DATA_DIR: tmp, NEXTAUTH_SECRET: "x", LOG_LEVEL: "silent", NODE_ENV: "test" }),
  );
  rt.endpoints.add({ id: EP, name: "it", kind: "docker", url: DOCKER_HOST, secret: null, createdAt: Date.now() });
  await waitFor("endpoint up", () => rt.endpoints.view(EP)?.health.state === "up");
});

afterAll(async () => {
  const ids = (await containerIds()).filter(Boolean);
  if (ids.length) await docker("rm", "-f", ...ids);
  rt?.endpoints.stopAll();
  await rt?.db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("image updates", () => {
  it("sees a new image behind the tag, updates to it, and rolls back when the next one is unhealthy", async () => {
    const ref = `${REGISTRY}/berth-upd/${STAMP}:latest`;
    const v1 = await buildPush(ref, "1");
    const name = uniq("web");
    const first = await docker("run", "-d", "--name", name, ref, "sleep", "3600");
    await listed(first);
    const seen: UpdateView[] = [];
    const onDiff = (id: string, d: { upsert: UpdateView[] }) => id === EP && seen.push(...d.upsert);
    updateEvents().on("diff", onDiff);

    await checkEndpointUpdates(operator, { endpointId: EP });
    expect(await rowOf(first)).toMatchObject({ state: "current", image: ref, containerName: name });
    expect(seen.find((u) => u.id === first)?.state).toBe("current");

    // v2 under the same tag in the registry; locally the tag goes back to v1, as on a host that has not pulled.
    const v2 = await buildPush(ref, "2");
    await docker("tag", v1, ref);
    const result = await checkEndpointUpdates(operator, { endpointId: EP });
    expect(result.available).toBeGreaterThanOrEqual(1);
    const row = await rowOf(first);
    expect(row).toMatchObject({ state: "available" });
    expect(row?.remoteDigest).not.toBe(row?.localDigest);
    expect(await lastAudit("updates.check")).toMatchObject({ outcome: "success", actorName: "op" });

    await expect(updateContainer(viewer, { endpointId: EP, containerId: name, graceSeconds: 20 })).rejects.toThrow();
    const done = await updateContainer(operator, { endpointId: EP, containerId: name, graceSeconds: 20 });
    expect(done).toMatchObject({ outcome: "updated", name });
    expect(done.message).toContain("healthy");
    const after = await inspect(name);
    expect(after.Id).toBe(done.id);
    expect(after.Image).toBe(v2);
    expect(after.State.Running).toBe(true);
    expect(await docker("inspect", "-f", '{{index .Config.Labels "berth.test.version"}}', name)).toBe("2");
    expect(await rowOf(done.id)).toMatchObject({ state: "current" });
    expect(await rowOf(first)).toBeUndefined();
    expect((await lastAudit("container.update"))?.detail).toContain(`${v1.slice(7, 19)} -> ${v2.slice(7, 19)}`);

    // v3: its healthcheck fails. The update must put the v2 container back, running, under its name.
    await buildPush(ref, "3", "fail");
    await docker("tag", v2, ref);
    await listed(done.id);
    await checkEndpointUpdates(operator, { endpointId: EP });
    expect(await rowOf(done.id)).toMatchObject({ state: "available" });
    await expect(updateContainer(operator, { endpointId: EP, containerId: name, graceSeconds: 20 })).rejects.toThrow(
      /rolled back to the old image: .*healthcheck failed.*rolled back: the new container \w+ was removed; the old container is unchanged/,
    );
    const back = await inspect(name);
    expect(back.Id).toBe(done.id);
    expect(back.Image).toBe(v2);
    expect(back.State.Running).toBe(true);
    expect((await docker("ps", "-a", "--format", "{{.Names}}")).split("\n").filter((n) => n.startsWith(name))).toEqual([
      name,
    ]);
    expect(await lastAudit("container.update")).toMatchObject({ outcome: "failure" });
    expect((await lastAudit("container.update"))?.detail).toMatch(/rolled back/);
    expect(await rowOf(done.id)).toMatchObject({ state: "available" });
    updateEvents().off("diff", onDiff);
  });

  it("says when there is nothing newer, and refuses images that never came from a registry before any pull", async () => {
    const ref = `${REGISTRY}/berth-upd/${STAMP}-same:v1`;
    await buildPush(ref, "1", "none");
    const name = uniq("same");
    const id = await docker("run", "-d", "--name", name, ref, "sleep", "3600");
    await listed(id);
    const done = await updateContainer(operator, { endpointId: EP, containerId: name, graceSeconds: 5 });
    expect(done).toMatchObject({ outcome: "current", id });
    expect((await inspect(name)).Id).toBe(id);

    const local = uniq("local");
    const localId = await docker("run", "-d", "--name", local, BASE, "sleep", "3600");
    await listed(localId);
    await expect(updateContainer(operator, { endpointId: EP, containerId: local, graceSeconds: 5 })).rejects.toThrow(
      /not pulled from a registry/,
    );
    await checkEndpointUpdates(operator, { endpointId: EP });
    expect(await rowOf(localId)).toMatchObject({
      state: "unknown",
      detail: "The image was not pulled from a registry",
    });
    // Bulk: each container gets its own result; one that cannot be updated does not stop the others.
    const bulk = await bulkContainerOp(operator, { endpointId: EP, verb: "update", containerIds: [name, local] });
    expect(bulk).toEqual([
      { containerId: name, ok: true },
      { containerId: local, ok: false, error: expect.stringMatching(/not pulled from a registry/) },
    ]);
  });

  it("uses the saved login of a registry that wants one", async () => {
    const ref = `${AUTH_REGISTRY}/berth-upd/${STAMP}:latest`;
    await run("sh", ["-c", `echo "$P" | docker --config "$C" -H "$H" login -u "$U" --password-stdin "$R"`], {
      env: {
        ...env,
        P: env.BERTH_TEST_AUTH_REGISTRY_PASSWORD,
        U: env.BERTH_TEST_AUTH_REGISTRY_USER,
        C: cliConfig,
        H: DOCKER_HOST,
        R: AUTH_REGISTRY,
      },
    });
    await buildPush(ref, "1", "none");
    const name = uniq("private");
    const id = await docker("run", "-d", "--name", name, ref, "sleep", "3600");
    await listed(id);
    await checkEndpointUpdates(admin, { endpointId: EP });
    expect(await rowOf(id)).toMatchObject({ state: "error", detail: expect.stringMatching(/wants a login/) });

    const saved = await saveRegistry(admin, {
      name: `upd-${STAMP}`,
      url: `http://${AUTH_REGISTRY}`,
      username: env.BERTH_TEST_AUTH_REGISTRY_USER!,
      password: env.BERTH_TEST_AUTH_REGISTRY_PASSWORD!,
    });
    try {
      await checkEndpointUpdates(admin, { endpointId: EP });
      expect(await rowOf(id)).toMatchObject({ state: "current" });
      await buildPush(ref, "2", "none");
      await checkEndpointUpdates(admin, { endpointId: EP });
      // The tag now points to v2 locally as well, but the container still runs v1: that is what is compared.
      expect(await rowOf(id)).toMatchObject({ state: "available" });
    } finally {
      await deleteRegistry(admin, saved.id);
    }
  });

  it("policies: off is not checked; auto updates only inside the window, as the user who set it, once per digest", async () => {
    const mkUser = async (username: string): Promise<Actor> => {
      const id = crypto.randomUUID();
      await insertUser(rt.db, { id, username, passwordHash: "x", isAdmin: true, createdAt: Date.now() });
      return { id, username, isAdmin: true, grants: {} };
    };
    const owner = await mkUser(`autoowner${process.pid}`);
    const leaver = await mkUser(`autoleaver${process.pid}`);
    const ref = `${REGISTRY}/berth-upd/${STAMP}-auto:latest`;
    const v1 = await buildPush(ref, "1", "none");
    const [auto, quiet, off, orphan] = [uniq("auto"), uniq("notify"), uniq("off"), uniq("orphan")];
    for (const n of [auto, quiet, off, orphan])
      await listed(await docker("run", "-d", "--init", "--name", n, ref, "sleep", "3600"));

    await expect(
      setUpdatePolicy(viewer, { endpointId: EP, target: "container", name: auto, policy: "auto" }),
    ).rejects.toThrow();
    await setUpdatePolicy(owner, { endpointId: EP, target: "container", name: auto, policy: "auto" });
    await setUpdatePolicy(owner, { endpointId: EP, target: "container", name: off, policy: "off" });
    await setUpdatePolicy(leaver, { endpointId: EP, target: "container", name: orphan, policy: "auto" });
    await expect(setMaintenanceWindow(operator, { endpointId: EP, from: "00:00", to: "23:59" })).rejects.toThrow();
    expect((await lastAudit("updates.window"))?.outcome).toBe("denied");
    const now = Date.now();
    const hhmm = (t: number) => new Date(t).toISOString().slice(11, 16);
    // A one-hour window that ends two hours from now and one that holds now.
    await setMaintenanceWindow(admin, { endpointId: EP, from: hhmm(now + 3_600_000), to: hhmm(now + 7_200_000) });
    const policies = await getUpdatePolicies(viewer, EP);
    expect(policies.entries.map((e) => [e.name, e.policy, e.setByName])).toEqual(
      expect.arrayContaining([
        [auto, "auto", owner.username],
        [off, "off", owner.username],
      ]),
    );
    expect(await lastAudit("updates.policy")).toMatchObject({ outcome: "success", target: `container ${orphan}` });

    await buildPush(ref, "2", "none");
    await docker("tag", v1, ref);
    await checkEndpointUpdates(operator, { endpointId: EP });
    const ids = Object.fromEntries(
      await Promise.all([auto, quiet, off, orphan].map(async (n) => [n, (await inspect(n)).Id])),
    );
    expect(await rowOf(ids[auto])).toMatchObject({ state: "available" });
    expect(await rowOf(ids[quiet])).toMatchObject({ state: "available" });
    expect(await rowOf(ids[off])).toBeUndefined();

    await updateUser(rt.db, leaver.id, { disabled: true }, true);
    const attempts: Attempts = new Map();
    // Outside the window: nothing happens.
    expect(await runAutoUpdates(rt, attempts, now)).toEqual([]);
    expect((await inspect(auto)).Image).toBe(v1);
    // Inside it: the auto container is updated as its owner; the notify one is left; the disabled user's is refused.
    const inside = now + 3_600_000 + 60_000;
    const results = await runAutoUpdates(rt, attempts, inside);
    expect(results.map((r) => [r.name, r.outcome]).sort()).toEqual(
      [
        [auto, "updated"],
        [orphan, "failed"],
      ].sort(),
    );
    expect((await inspect(auto)).Image).not.toBe(v1);
    expect(await docker("inspect", "-f", '{{index .Config.Labels "berth.test.version"}}', auto)).toBe("2");
    expect((await inspect(quiet)).Image).toBe(v1);
    expect((await inspect(orphan)).Image).toBe(v1);
    const audits = await listAudit(rt.db, { action: "container.update", limit: 5 });
    expect(audits.find((a) => a.target === auto)).toMatchObject({ outcome: "success", actorName: owner.username });
    expect(audits.find((a) => a.target === orphan)).toMatchObject({
      outcome: "denied",
      detail: `${leaver.username}, who chose automatic updates for ${orphan}, is gone or disabled: not updated`,
    });
    // The refused digest is not tried again every minute.
    expect(await runAutoUpdates(rt, attempts, inside + 60_000)).toEqual([]);
    await setMaintenanceWindow(admin, { endpointId: EP, from: "", to: "" });
    expect((await getUpdatePolicies(admin, EP)).window).toBeNull();
  });

  it("an endpoint's policies and window are deleted with it, and no other endpoint's", async () => {
    const made = await createEndpoint(admin, {
      name: `policies-${STAMP}`,
      connection: { type: "unix", socketPath: DOCKER_HOST.replace(/^unix:\/\//, "") },
    });
    await setUpdatePolicy(admin, { endpointId: made.id, target: "container", name: "web", policy: "auto" });
    await setUpdatePolicy(admin, { endpointId: made.id, target: "stack", name: "shop", policy: "off" });
    await setMaintenanceWindow(admin, { endpointId: made.id, from: "01:00", to: "02:00" });
    await setUpdatePolicy(admin, { endpointId: EP, target: "container", name: "kept", policy: "off" });
    const keysOf = async (id: string) =>
      [...(await listSettings(rt.db, `update-policy:${id}:`)), ...(await listSettings(rt.db, `update-window:${id}`))]
        .map((r) => r.key)
        .sort();
    expect(await keysOf(made.id)).toEqual([
      `update-policy:${made.id}:container:web`,
      `update-policy:${made.id}:stack:shop`,
      `update-window:${made.id}`,
    ]);
    await removeEndpoint(admin, { endpointId: made.id });
    expect(await keysOf(made.id)).toEqual([]);
    expect(await keysOf(EP)).toContain(`update-policy:${EP}:container:kept`);
    await setUpdatePolicy(admin, { endpointId: EP, target: "container", name: "kept", policy: "default" });
  });

  it("checks on its own schedule, on the replica holding the lease", async () => {
    const ref = `${REGISTRY}/berth-upd/${STAMP}-sched:latest`;
    await buildPush(ref, "1", "none");
    const name = uniq("sched");
    const id = await docker("run", "-d", "--init", "--name", name, ref, "sleep", "3600");
    await listed(id);
    expect(await rowOf(id)).toBeUndefined();
    const stop = startUpdateScheduler(rt, 1_500);
    try {
      expect(await waitFor("scheduled check", () => rowOf(id))).toMatchObject({
        state: "current",
        containerName: name,
      });
    } finally {
      await stop();
    }
  });
});
