import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/db/queries";
import type { Actor } from "@/lib/domain";
import { loadConfig } from "@/server/config";
import { createRuntime, type Runtime } from "@/server/runtime";
import { browseVolume, downloadVolume, restoreVolume } from "./volume-archive";

// Volume files through the Engine API's archive endpoints on the rig's private dockerd: browse, download as a tar,
// restore into a new volume; files, modes, symlinks and a 200 MB file compared by sha256sum inside a container.

const env = process.env;
for (const k of ["BERTH_TEST_DOCKER_HOST", "BERTH_TEST_IMAGE"])
  if (!env[k]) throw new Error(`${k} not set: start the rig and source $BERTH_RIG_DIR/env`);
const DOCKER_HOST = env.BERTH_TEST_DOCKER_HOST!;
const IMAGE = env.BERTH_TEST_IMAGE!;
const run = promisify(execFile);
const docker = async (...args: string[]) =>
  (
    await run("docker", ["-H", DOCKER_HOST, ...args], {
      env: { ...env, DOCKER_API_VERSION: env.BERTH_TEST_DOCKER_API_VERSION || "1.41" },
      maxBuffer: 16 << 20,
    })
  ).stdout.trim();

const EP = "vol";
const PREFIX = `berth-vol-${process.pid}-${Date.now().toString(36)}`;
const SRC = `${PREFIX}-src`;
const DST = `${PREFIX}-dst`;
const BIND = `${PREFIX}-bind`;
const admin: Actor = { id: "admin-id", username: "admin", isAdmin: true, grants: {} };
const operator: Actor = { id: "op-id", username: "op", isAdmin: false, grants: { [EP]: "operator" } };
const viewer: Actor = { id: "viewer-id", username: "viewer", isAdmin: false, grants: { [EP]: "viewer" } };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-vol-"));
let rt: Runtime;

/** Every path with its mode and type, symlink targets, and sha256 of every file, as busybox sees them in a container. */
const fingerprint = (volume: string) =>
  docker(
    "run",
    "--rm",
    "-v",
    `${volume}:/d:ro`,
    IMAGE,
    "sh",
    "-c",
    "cd /d && find . | sort | while read f; do stat -c '%n %a %F %s' \"$f\"; done; find . -type l | sort | xargs -r readlink; find . -type f | sort | xargs sha256sum",
  );

beforeAll(async () => {
  rt = await createRuntime(
    loadConfig({ BERTH_DATA_DIR: tmp, NEXTAUTH_SECRET: "x", LOG_LEVEL: "silent", NODE_ENV: "test" }),
  );
  rt.endpoints.add({ id: EP, name: "vol", kind: "docker", url: DOCKER_HOST, secret: null, createdAt: Date.now() });
  const deadline = Date.now() + 30_000;
  while (rt.endpoints.view(EP)?.health.state !== "up") {
    if (Date.now() > deadline) throw new Error("endpoint not up");
    await new Promise((r) => setTimeout(r, 50));
  }
  await docker("volume", "create", SRC);
  await docker(
    "run",
    "--rm",
    "-v",
    `${SRC}:/d`,
    IMAGE,
    "sh",
    "-c",
    [
      "mkdir -p /d/sub/deep /d/empty",
      "echo hello > /d/a.txt && chmod 640 /d/a.txt",
      "printf 'run\\n' > /d/sub/run.sh && chmod 755 /d/sub/run.sh",
      "chmod 711 /d/sub && chmod 1777 /d/empty",
      "ln -s a.txt /d/link && ln -s ../a.txt /d/sub/up",
      "echo z > /d/sub/deep/z",
      "dd if=/dev/urandom of=/d/sub/big.bin bs=1048576 count=200 2>/dev/null",
    ].join(" && "),
  );
}, 180_000);

afterAll(async () => {
  for (const v of [SRC, DST, BIND]) await docker("volume", "rm", "-f", v).catch(() => "");
  rt?.endpoints.stopAll();
  await rt?.db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("volume archive", () => {
  it("browses a folder read-only: names, types, modes, sizes, symlink targets", async () => {
    const root = await browseVolume(admin, { endpointId: EP, volume: SRC });
    const byName = Object.fromEntries(root.entries.map((e) => [e.name, e]));
    expect(Object.keys(byName).sort()).toEqual(["a.txt", "empty", "link", "sub"]);
    expect(byName["a.txt"]).toMatchObject({ type: "file", size: 6, mode: 0o640 });
    expect(byName.link).toMatchObject({ type: "symlink", linkTarget: "a.txt" });
    expect(byName.sub).toMatchObject({ type: "directory", mode: 0o711 });
    expect(byName.empty!.mode).toBe(0o1777);
    const sub = await browseVolume(admin, { endpointId: EP, volume: SRC, path: "sub" });
    expect(sub.entries.map((e) => e.name)).toEqual(["big.bin", "deep", "run.sh", "up"]);
    expect(sub.entries[0]!.size).toBe(200 * 1024 * 1024);
    await expect(browseVolume(admin, { endpointId: EP, volume: SRC, path: "../etc" })).rejects.toThrow(
      /inside the volume/,
    );
    await expect(browseVolume(admin, { endpointId: EP, volume: SRC, path: "nope" })).rejects.toThrow(/No such folder/);
    // No helper container is left behind.
    expect(await docker("ps", "-aq", "--filter", "label=berth.helper")).toBe("");
  }, 120_000);

  it("round-trips the volume through a tar byte for byte, streamed (RSS does not grow by the file's size)", async () => {
    const file = path.join(tmp, "src.tar");
    let peak = 0;
    const base = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss - base);
    }, 20);
    try {
      const { stream } = await downloadVolume(admin, { endpointId: EP, volume: SRC });
      await pipeline(stream, fs.createWriteStream(file));
      expect(fs.statSync(file).size).toBeGreaterThan(200 * 1024 * 1024);
      const result = await restoreVolume(
        admin,
        { endpointId: EP, volume: DST, create: true },
        fs.createReadStream(file),
      );
      expect(result).toEqual({ volume: DST, created: true });
    } finally {
      clearInterval(sampler);
    }
    console.log(
      `[volume-archive] 200 MiB round trip: test process RSS grew at most ${(peak / 1048576).toFixed(1)} MiB`,
    );
    expect(peak).toBeLessThan(100 * 1024 * 1024);
    expect(await fingerprint(DST)).toBe(await fingerprint(SRC));
    expect(await docker("ps", "-aq", "--filter", "label=berth.helper")).toBe("");
  }, 300_000);

  it("downloads one folder, entries relative to it", async () => {
    const { stream } = await downloadVolume(admin, { endpointId: EP, volume: SRC, path: "sub/deep" });
    const file = path.join(tmp, "deep.tar");
    await pipeline(stream, fs.createWriteStream(file));
    const listing = (await run("tar", ["-tvf", file])).stdout;
    expect(listing).toMatch(/ z\n/);
    expect(listing).not.toContain("deep/");
  });

  it("refuses a volume with files, viewers, and for non-admins a volume that binds a host path; all audited", async () => {
    const tarFile = path.join(tmp, "deep.tar");
    await expect(
      restoreVolume(admin, { endpointId: EP, volume: SRC, create: false }, fs.createReadStream(tarFile)),
    ).rejects.toThrow(/not empty/);
    await expect(browseVolume(viewer, { endpointId: EP, volume: SRC })).rejects.toThrow();
    const hostDir = fs.mkdtempSync(path.join(tmp, "host-"));
    await docker("volume", "create", "--opt", "type=none", "--opt", "o=bind", "--opt", `device=${hostDir}`, BIND);
    await expect(browseVolume(operator, { endpointId: EP, volume: BIND })).rejects.toThrow(
      /restrictions \(bind mounts\)/,
    );
    expect((await browseVolume(admin, { endpointId: EP, volume: BIND })).entries).toEqual([]);
    const audit = await listAudit(rt.db, { limit: 50 });
    const rows = audit.filter((a) => a.action.startsWith("volume."));
    expect(rows.some((a) => a.action === "volume.restore" && a.outcome === "failure")).toBe(true);
    expect(rows.some((a) => a.action === "volume.browse" && a.actorName === "viewer" && a.outcome === "denied")).toBe(
      true,
    );
    expect(rows.some((a) => a.action === "volume.browse" && a.actorName === "op" && a.outcome === "denied")).toBe(true);
    expect(rows.some((a) => a.action === "volume.download" && a.outcome === "success")).toBe(true);
  });
});
