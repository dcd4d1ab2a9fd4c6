import { execFile } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/db/queries";
import { insertRegistryRow, listRegistryRows } from "@/db/registry-queries";
import type { Actor } from "@/lib/domain";
import type { PullJob } from "@/lib/pull-progress";
import { loadConfig } from "@/server/config";
import { pullJobs } from "@/server/hub/pull-jobs";
import { createRuntime, type Runtime } from "@/server/runtime";
import { listEvents } from "../events/list-events";
import { removeImage } from "../images/image-ops";
import { listImages } from "../images/list-images";
import { previewImagePrune, pruneImages } from "../images/prune-images";
import { cancelPull, startPull } from "../images/pull-image";
import { listNetworks } from "../networks/list-networks";
import { connectNetwork, createNetwork, disconnectNetwork, removeNetwork } from "../networks/network-ops";
import { deleteRegistry, listRegistries, saveRegistry } from "../registries/manage-registries";
import { createVolume, listVolumes, previewVolumePrune, pruneVolumes } from "../volumes/volumes";

// Services of issue 5 against the rig's private dockerd and its htpasswd registry (never /var/run/docker.sock).

const env = process.env;
const REQUIRED = [
  "BERTH_TEST_DOCKER_HOST",
  "BERTH_TEST_IMAGE",
  "BERTH_TEST_AUTH_REGISTRY",
  "BERTH_TEST_AUTH_REGISTRY_IMAGE",
];
const missing = REQUIRED.filter((k) => !env[k]);
if (missing.length) throw new Error(`${missing.join(", ")} not set: start the rig and source $BERTH_RIG_DIR/env`);
const DOCKER_HOST = env.BERTH_TEST_DOCKER_HOST!;
const IMAGE = env.BERTH_TEST_IMAGE!;
const AUTH_REGISTRY = env.BERTH_TEST_AUTH_REGISTRY!;
const PRIVATE_IMAGE = env.BERTH_TEST_AUTH_REGISTRY_IMAGE!;
const USER = env.BERTH_TEST_AUTH_REGISTRY_USER!;
const PASSWORD = env.BERTH_TEST_AUTH_REGISTRY_PASSWORD!;

const run = promisify(execFile);
const docker = async (...args: string[]) =>
  (
    await run("docker", ["-H", DOCKER_HOST, ...args], {
      env: { ...env, DOCKER_API_VERSION: env.BERTH_TEST_DOCKER_API_VERSION || "1.41" },
    })
  ).stdout.trim();
const PREFIX = `berth-res-${process.pid}-${Date.now().toString(36)}`;
const EP = "it";
const admin: Actor = { id: "admin-id", username: "admin", isAdmin: true, grants: {} };
const viewer: Actor = { id: "viewer-id", username: "viewer", isAdmin: false, grants: { [EP]: "viewer" } };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-res-"));
let rt: Runtime;

async function waitFor<T>(what: string, probe: () => T | Promise<T>, ms = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const pullDone = (id: string) =>
  waitFor(
    "pull to finish",
    () => {
      const j = pullJobs().get(id)?.job;
      return j && j.state !== "pulling" ? structuredClone(j) : null;
    },
    60_000,
  );

beforeAll(async () => {
  rt = await createRuntime(
    loadConfig({ BERTH_DATA_DIR: tmp, NEXTAUTH_SECRET: "x", LOG_LEVEL: "silent", NODE_ENV: "test" }),
  );
  rt.endpoints.add({ id: EP, name: "it", kind: "docker", url: DOCKER_HOST, secret: null, createdAt: Date.now() });
  await waitFor("endpoint up", () => rt.endpoints.view(EP)?.health.state === "up");
  await docker("rmi", "-f", PRIVATE_IMAGE).catch(() => "");
});

afterAll(async () => {
  const names = (await docker("ps", "-aq", "--filter", `name=${PREFIX}`)).split("\n").filter(Boolean);
  if (names.length) await docker("rm", "-f", ...names);
  for (const net of (await docker("network", "ls", "-q", "--filter", `name=${PREFIX}`)).split("\n").filter(Boolean))
    await docker("network", "rm", net).catch(() => "");
  for (const v of (await docker("volume", "ls", "-q", "--filter", `name=${PREFIX}`)).split("\n").filter(Boolean))
    await docker("volume", "rm", v).catch(() => "");
  await docker("rmi", "-f", PRIVATE_IMAGE).catch(() => "");
  rt?.endpoints.stopAll();
  await rt?.db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("registries and pulls", () => {
  it("refuses a wrong password at save, with the registry's reason, and stores nothing", async () => {
    await expect(
      saveRegistry(admin, { name: "bad", url: `http://${AUTH_REGISTRY}`, username: USER, password: "wrong-password" }),
    ).rejects.toThrow(/Login to 127\.0\.0\.1:\d+ failed: .*(unauthorized|401)/i);
    expect(await listRegistryRows(rt.db)).toHaveLength(0);
  });

  it("fails a pull clearly when the registry wants a login and none is saved", async () => {
    // The engine refuses before streaming anything: the caller gets the reason at once.
    await expect(startPull(admin, { endpointId: EP, ref: PRIVATE_IMAGE })).rejects.toThrow(
      /wants a login: add it under Registries \(.*no basic auth credentials\)/,
    );
  });

  it("fails a pull clearly when the saved password has become wrong", async () => {
    await insertRegistryRow(rt.db, {
      id: "stale",
      name: "stale",
      url: AUTH_REGISTRY,
      username: USER,
      secret: rt.secrets.seal("rotated-away"),
      createdAt: Date.now(),
    });
    await expect(startPull(admin, { endpointId: EP, ref: PRIVATE_IMAGE })).rejects.toThrow(
      /refused the saved credentials of "stale" \(unauthorized/,
    );
    const audit = await listAudit(rt.db, { action: "image.pull" });
    expect(audit.some((a) => a.outcome === "failure" && /stale/.test(a.detail ?? ""))).toBe(true);
    await deleteRegistry(admin, "stale");
  });

  it("saves a registry (password sealed, never returned) and pulls with its credentials, with layer progress", async () => {
    const view = await saveRegistry(admin, {
      name: "rig",
      url: `http://${AUTH_REGISTRY}`,
      username: USER,
      password: PASSWORD,
    });
    expect(view).not.toHaveProperty("secret");
    expect(JSON.stringify(await listRegistries(admin))).not.toContain(PASSWORD);
    const row = (await listRegistryRows(rt.db))[0]!;
    expect(row.secret).not.toContain(PASSWORD);
    expect(rt.secrets.open(row.secret!)).toBe(PASSWORD);

    const seen: PullJob[] = [];
    const onDiff = (_id: string, d: { upsert: PullJob[] }) => seen.push(...d.upsert);
    pullJobs().on("diff", onDiff);
    const job = await startPull(admin, { endpointId: EP, ref: PRIVATE_IMAGE });
    const done = await pullDone(job.id);
    pullJobs().off("diff", onDiff);
    expect(done.error).toBeUndefined();
    expect(done.state).toBe("done");
    // The private image's own 8 MB layer was downloaded, with a known size, and reported while in flight.
    const downloaded = done.layers.filter((l) => l.status === "Pull complete" && l.total > 1_000_000);
    expect(downloaded.length).toBeGreaterThanOrEqual(1);
    expect(done.current).toBe(done.total);
    expect(seen.some((j) => j.id === job.id && j.state === "pulling" && j.layers.length > 0)).toBe(true);
    const images = await listImages(admin, EP);
    expect(images.some((i) => i.repoTags.includes(PRIVATE_IMAGE))).toBe(true);
    // The pull shows up in the endpoint's events history (the one shared stream now follows image events).
    await waitFor("image pull event", () =>
      listEvents(admin, EP, { type: "image", action: "pull" }).some((e) => e.name.includes("berth-test/private")),
    );
    const audit = await listAudit(rt.db, { action: "image.pull" });
    expect(audit.some((a) => a.outcome === "success" && a.target === PRIVATE_IMAGE)).toBe(true);
  });

  it("cancels a pull in flight (through a throttled loopback proxy, so it is slow enough to catch)", async () => {
    await docker("rmi", "-f", PRIVATE_IMAGE).catch(() => "");
    const [host, port] = AUTH_REGISTRY.split(":");
    const sockets = new Set<net.Socket>();
    // Forwards to the auth registry; answers flow back at about 256 kB/s.
    const proxy = net.createServer((client) => {
      const upstream = net.connect(Number(port), host);
      sockets.add(client).add(upstream);
      client.pipe(upstream);
      upstream.on("data", (chunk: Buffer) => {
        upstream.pause();
        client.write(chunk);
        setTimeout(() => upstream.resume(), Math.ceil(chunk.length / 256));
      });
      const end = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on("error", end).on("close", end);
      upstream.on("error", end).on("close", end);
    });
    await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
    const proxyHost = `127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
    try {
      await insertRegistryRow(rt.db, {
        id: "slow",
        name: "slow",
        url: proxyHost,
        username: USER,
        secret: rt.secrets.seal(PASSWORD),
        createdAt: Date.now(),
      });
      const ref = `${proxyHost}/berth-test/private:latest`;
      const job = await startPull(admin, { endpointId: EP, ref });
      await waitFor("bytes flowing", () => (pullJobs().get(job.id)?.job.current ?? 0) > 0);
      await cancelPull(admin, { endpointId: EP, jobId: job.id });
      const done = await pullDone(job.id);
      expect(done.state).toBe("cancelled");
      expect(done.current).toBeLessThan(done.total);
      await expect(docker("image", "inspect", ref)).rejects.toThrow();
      const audit = await listAudit(rt.db, { action: "image.pull.cancel" });
      expect(audit.some((a) => a.target === ref)).toBe(true);
    } finally {
      await deleteRegistry(admin, "slow").catch(() => {});
      for (const s of sockets) s.destroy();
      await new Promise((r) => proxy.close(r));
    }
  });

  it("does not let a viewer pull, and audits the refusal", async () => {
    await expect(startPull(viewer, { endpointId: EP, ref: IMAGE })).rejects.toThrow(/not allowed/);
    const audit = await listAudit(rt.db, { action: "image.pull" });
    expect(audit.some((a) => a.outcome === "denied" && a.actorName === "viewer")).toBe(true);
  });
});

describe("prune previews", () => {
  it("lists exactly the unused images and deletes exactly those", async () => {
    const ctx = fs.mkdtempSync(path.join(tmp, "ctx-"));
    fs.writeFileSync(path.join(ctx, "Dockerfile"), `FROM ${IMAGE}\nLABEL berth.prune=${PREFIX}\n`);
    const unusedTag = `${PREFIX}/unused:1`;
    await docker("build", "-q", "-t", unusedTag, ctx);
    await docker("create", "--name", `${PREFIX}-user`, IMAGE, "true");
    const plan = await previewImagePrune(admin, EP);
    const names = plan.items.flatMap((i) => i.repoTags);
    expect(names).toContain(unusedTag);
    expect(names).not.toContain(IMAGE);
    const target = plan.items.find((i) => i.repoTags.includes(unusedTag))!;
    // A second tag of an image in use is not pruned even if asked for by id.
    const used = (await listImages(admin, EP)).find((i) => i.repoTags.includes(IMAGE))!;
    const r = await pruneImages(admin, { endpointId: EP, imageIds: [target.imageId, used.imageId] });
    expect(r.removed).toEqual([target.imageId]);
    expect(r.skipped.map((s) => s.id)).toEqual([used.imageId]);
    await expect(docker("image", "inspect", unusedTag)).rejects.toThrow();
    await docker("image", "inspect", IMAGE);
  });

  it("prunes an unused parent and its unused child even when the parent comes first", async () => {
    // The engine refuses the parent while its child exists; the parent's tag is gone after the first pass, and the
    // second pass must still remove it (a 404 on the tag is not a failure).
    const parentTag = `${PREFIX}/parent:1`;
    const childTag = `${PREFIX}/child:1`;
    const pctx = fs.mkdtempSync(path.join(tmp, "ctx-"));
    fs.writeFileSync(path.join(pctx, "Dockerfile"), `FROM ${IMAGE}\nLABEL berth.prune.parent=${PREFIX}\n`);
    await docker("build", "-q", "-t", parentTag, pctx);
    const cctx = fs.mkdtempSync(path.join(tmp, "ctx-"));
    fs.writeFileSync(path.join(cctx, "Dockerfile"), `FROM ${parentTag}\nLABEL berth.prune.child=${PREFIX}\n`);
    await docker("build", "-q", "-t", childTag, cctx);
    const plan = await previewImagePrune(admin, EP);
    const parent = plan.items.find((i) => i.repoTags.includes(parentTag))!;
    const child = plan.items.find((i) => i.repoTags.includes(childTag))!;
    expect(parent && child).toBeTruthy();
    const r = await pruneImages(admin, { endpointId: EP, imageIds: [parent.imageId, child.imageId] });
    expect(r.skipped).toEqual([]);
    expect(r.removed.sort()).toEqual([parent.imageId, child.imageId].sort());
    await expect(docker("image", "inspect", parent.imageId)).rejects.toThrow();
    await expect(docker("image", "inspect", child.imageId)).rejects.toThrow();
  });

  it("previews and prunes exactly the unused volumes", async () => {
    const free = `${PREFIX}-free`;
    const busy = `${PREFIX}-busy`;
    expect(await createVolume(admin, { endpointId: EP, name: free, driver: "local", labels: { a: "b" } })).toEqual({
      name: free,
    });
    await createVolume(admin, { endpointId: EP, name: busy, driver: "local", labels: {} });
    await docker("create", "--name", `${PREFIX}-vol`, "-v", `${busy}:/data`, IMAGE, "true");
    const vols = await listVolumes(admin, EP);
    expect(vols.find((v) => v.name === busy)?.containers.map((c) => c.name)).toEqual([`${PREFIX}-vol`]);
    const plan = await previewVolumePrune(admin, EP);
    expect(plan.items.map((v) => v.name)).toContain(free);
    expect(plan.items.map((v) => v.name)).not.toContain(busy);
    const r = await pruneVolumes(admin, { endpointId: EP, names: [free, busy] });
    expect(r.removed).toEqual([free]);
    await docker("volume", "inspect", busy);
  });
});

describe("disk usage", () => {
  it("several volume lists and image-prune previews at once all answer (the engine runs one /system/df at a time)", async () => {
    // The engine answers a second concurrent /system/df with a 500; asked six at a time, only one would succeed.
    const results = await Promise.allSettled([
      listVolumes(admin, EP),
      listVolumes(admin, EP),
      listVolumes(admin, EP),
      previewImagePrune(admin, EP),
      previewImagePrune(admin, EP),
      previewVolumePrune(admin, EP),
    ]);
    expect(
      results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason)),
    ).toEqual([]);
    // And one after the other still asks the engine afresh (nothing is kept once the walk is over).
    const vol = `${PREFIX}-df-late`;
    await docker("volume", "create", vol);
    expect((await listVolumes(admin, EP)).map((v) => v.name)).toContain(vol);
    await docker("volume", "rm", vol);
  });
});

describe("networks", () => {
  it("creates a network, connects a container with an alias, disconnects, removes", async () => {
    const net = `${PREFIX}-net`;
    const c = `${PREFIX}-c`;
    await docker("run", "-d", "--init", "--name", c, IMAGE, "sleep", "300");
    await createNetwork(admin, {
      endpointId: EP,
      name: net,
      driver: "bridge",
      subnet: "",
      gateway: "",
      parent: "",
      internal: true,
      attachable: false,
      labels: { team: "x" },
    });
    await connectNetwork(admin, { endpointId: EP, network: net, container: c, aliases: ["db-alias"] });
    let found = (await listNetworks(admin, EP)).find((n) => n.name === net)!;
    expect(found.internal).toBe(true);
    expect(found.subnets.length).toBe(1);
    expect(found.containers).toEqual([
      expect.objectContaining({ name: c, aliases: expect.arrayContaining(["db-alias"]) }),
    ]);
    await expect(
      createNetwork(admin, {
        endpointId: EP,
        name: `${net}-o`,
        driver: "overlay",
        subnet: "",
        gateway: "",
        parent: "",
        internal: false,
        attachable: true,
        labels: {},
      }),
    ).rejects.toThrow(/Swarm/);
    await disconnectNetwork(admin, { endpointId: EP, network: net, container: c, force: false });
    found = (await listNetworks(admin, EP)).find((n) => n.name === net)!;
    expect(found.containers).toEqual([]);
    await removeNetwork(admin, { endpointId: EP, network: net });
    expect((await listNetworks(admin, EP)).some((n) => n.name === net)).toBe(false);
    await expect(removeNetwork(admin, { endpointId: EP, network: "bridge" })).rejects.toThrow(/cannot be removed/);
  });

  it("turns engine refusals into clear errors (removing an image in use without force, by id)", async () => {
    const ctx = fs.mkdtempSync(path.join(tmp, "ctx-"));
    fs.writeFileSync(path.join(ctx, "Dockerfile"), `FROM ${IMAGE}\nLABEL berth.inuse=${PREFIX}\n`);
    const tag = `${PREFIX}/inuse:1`;
    await docker("build", "-q", "-t", tag, ctx);
    await docker("create", "--name", `${PREFIX}-inuse`, tag, "true");
    const id = await docker("image", "inspect", "-f", "{{.Id}}", tag);
    await expect(removeImage(admin, { endpointId: EP, image: id, force: false })).rejects.toThrow(
      /conflict|being used|must be forced/i,
    );
    await docker("image", "inspect", tag);
    await docker("rm", `${PREFIX}-inuse`);
    await removeImage(admin, { endpointId: EP, image: id, force: false });
    await expect(docker("image", "inspect", tag)).rejects.toThrow();
  });
});
