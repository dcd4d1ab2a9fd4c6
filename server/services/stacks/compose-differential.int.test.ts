import { execFile } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOOL_LABELS } from "@/lib/compose/project-labels";
import type { Actor } from "@/lib/domain";
import { deployComposeInput } from "@/lib/stack-schemas";
import { groupStacks } from "@/lib/stacks";
import { loadConfig } from "@/server/config";
import { dockerOf } from "@/server/endpoints/access";
import { createRuntime, type Runtime } from "@/server/runtime";
import { awaitDeploy, startComposeDeploy } from "./deploy-stack";

// The differential test: Debian's docker-compose 1.29 and Berth deploy the same files (compose-corpus/) under the same
// project name, one after the other, on the rig's engine. Each container's normalized inspect (what the file decides:
// image, command, entrypoint, env, labels but the tool's own, mounts, networks and aliases, ports, restart,
// resources, healthcheck, host settings) must be equal. Each tool must also see and handle the other's project:
// Berth lists docker-compose's, and `docker-compose ps` / `down` find and remove Berth's.

const env = process.env;
if (!env.BERTH_TEST_DOCKER_HOST || !env.BERTH_TEST_IMAGE)
  throw new Error("BERTH_TEST_DOCKER_HOST, BERTH_TEST_IMAGE not set: start the rig and source $BERTH_RIG_DIR/env");
const DOCKER_HOST = env.BERTH_TEST_DOCKER_HOST;
// docker-compose also interpolates from its shell environment (vitest sets MODE=test, for one); Berth has no shell
// and reads the stack's .env only. Both get the same inputs: the .env, and for docker-compose a bare environment.
const toolEnv = {
  PATH: env.PATH,
  HOME: env.HOME,
  DOCKER_HOST,
  DOCKER_API_VERSION: "1.41",
  COMPOSE_INTERACTIVE_NO_CLI: "1",
  NODE_ENV: env.NODE_ENV,
};
const run = promisify(execFile);
const docker = async (...args: string[]) => (await run("docker", args, { env: toolEnv })).stdout.trim();
const compose = async (cwd: string, project: string, ...args: string[]) =>
  (await run("docker-compose", ["--no-ansi", "-p", project, ...args], { env: toolEnv, cwd })).stdout.trim();
const EP = "it";
const admin: Actor = { id: "admin-id", username: "admin", isAdmin: true, grants: {} };
const CORPUS = path.join(import.meta.dirname, "compose-corpus");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-diff-"));
let rt: Runtime;

type Json = Record<string, unknown>;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const isId = (s: string) => /^[0-9a-f]{12}$/.test(s) || /^[0-9a-f]{64}$/.test(s);
const sorted = <T>(v: T[] | null | undefined) => (v ? [...v].sort() : []);

/** What the file decides about one container, with what differs by tool or by moment taken out. */
function normalize(i: Json): Json {
  const cfg = i.Config as Json;
  const hc = i.HostConfig as Json;
  const labels = Object.fromEntries(
    Object.entries((cfg.Labels as Record<string, string>) ?? {}).filter(([k]) => !TOOL_LABELS.has(k)),
  );
  const id = String(i.Id);
  const name = String(i.Name).replace(/^\//, "");
  const nets = (i.NetworkSettings as { Networks: Record<string, { Aliases: string[] | null }> }).Networks;
  const bindings = (hc.PortBindings as Record<string, { HostIp: string; HostPort: string }[]> | null) ?? {};
  return {
    state: (i.State as Json).Status,
    exitCode: (i.State as Json).ExitCode,
    Image: cfg.Image,
    Cmd: cfg.Cmd,
    Entrypoint: cfg.Entrypoint,
    Env: sorted(cfg.Env as string[]),
    Labels: labels,
    User: cfg.User,
    WorkingDir: cfg.WorkingDir,
    Hostname: id.startsWith(String(cfg.Hostname)) ? "<id>" : cfg.Hostname,
    Domainname: cfg.Domainname,
    Tty: cfg.Tty,
    OpenStdin: cfg.OpenStdin,
    StopSignal: cfg.StopSignal ?? null,
    Healthcheck: cfg.Healthcheck ?? null,
    ExposedPorts: sorted(Object.keys((cfg.ExposedPorts as Json) ?? {})),
    Mounts: ((i.Mounts as Json[]) ?? [])
      .map((m) => ({
        Type: m.Type,
        Name: m.Type === "volume" ? (isId(String(m.Name)) ? "<anonymous>" : m.Name) : undefined,
        Source: m.Type === "bind" ? m.Source : undefined,
        Destination: m.Destination,
        RW: m.RW,
      }))
      .sort((a, b) => String(a.Destination).localeCompare(String(b.Destination))),
    Networks: Object.fromEntries(
      Object.keys(nets)
        .sort()
        .map((n) => [
          n,
          sorted(nets[n]?.Aliases).filter((a) => !isId(a) && a !== name && !a.startsWith(`${id.slice(0, 12)}`)),
        ]),
    ),
    NetworkMode: Object.hasOwn(nets, String(hc.NetworkMode)) ? "<project network>" : hc.NetworkMode,
    PortBindings: Object.fromEntries(
      Object.entries(bindings)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, v.map((b) => `${b.HostIp || ""}:${b.HostPort || ""}`)]),
    ),
    RestartPolicy: `${(hc.RestartPolicy as Json)?.Name || "no"}:${(hc.RestartPolicy as Json)?.MaximumRetryCount ?? 0}`,
    Memory: hc.Memory,
    MemoryReservation: hc.MemoryReservation,
    NanoCpus: hc.NanoCpus,
    CpuShares: hc.CpuShares,
    PidsLimit: hc.PidsLimit || 0,
    ShmSize: hc.ShmSize,
    Ulimits: hc.Ulimits ?? [],
    CapAdd: sorted(hc.CapAdd as string[]),
    CapDrop: sorted(hc.CapDrop as string[]),
    Privileged: hc.Privileged,
    ExtraHosts: sorted(hc.ExtraHosts as string[]),
    Dns: sorted(hc.Dns as string[]),
    Init: hc.Init ?? false,
    ReadonlyRootfs: hc.ReadonlyRootfs,
    Tmpfs: hc.Tmpfs ?? {},
    Sysctls: hc.Sysctls ?? {},
    LogConfig: hc.LogConfig,
  };
}

async function snapshot(project: string): Promise<Record<string, Json>> {
  const ids = (await docker("ps", "-aq", "--filter", `label=com.docker.compose.project=${project}`))
    .split("\n")
    .filter(Boolean);
  const out: Record<string, Json> = {};
  for (const i of JSON.parse(await docker("inspect", ...ids)) as Json[]) {
    const l = (i.Config as { Labels: Record<string, string> }).Labels;
    out[`${l["com.docker.compose.service"]}-${l["com.docker.compose.container-number"]}`] = normalize(i);
  }
  return out;
}

/** The project's networks and volumes with their compose labels (the tool's version label left out). */
async function resources(project: string): Promise<Json> {
  const filter = `label=com.docker.compose.project=${project}`;
  const netNames = (await docker("network", "ls", "-q", "--filter", filter)).split("\n").filter(Boolean);
  const volNames = (await docker("volume", "ls", "-q", "--filter", filter)).split("\n").filter(Boolean);
  const strip = (o: Json) => {
    const labels = { ...((o.Labels as Record<string, string>) ?? {}) };
    delete labels["com.docker.compose.version"];
    return labels;
  };
  const nets = netNames.length ? (JSON.parse(await docker("network", "inspect", ...netNames)) as Json[]) : [];
  const vols = volNames.length ? (JSON.parse(await docker("volume", "inspect", ...volNames)) as Json[]) : [];
  return {
    networks: nets
      .map((n) => ({ Name: n.Name, Driver: n.Driver, Internal: n.Internal, Labels: strip(n) }))
      .sort((a, b) => String(a.Name).localeCompare(String(b.Name))),
    volumes: vols
      .map((v) => ({ Name: v.Name, Driver: v.Driver, Labels: strip(v) }))
      .sort((a, b) => String(a.Name).localeCompare(String(b.Name))),
  };
}

async function waitSettled(project: string): Promise<void> {
  // One-shot services (migrate) must have exited, and healthchecks had their first run, before comparing.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const states = await docker(
      "ps",
      "-a",
      "--filter",
      `label=com.docker.compose.project=${project}`,
      "--format",
      "{{.Status}}",
    );
    if (!/starting|Created/.test(states)) return;
    if (Date.now() > deadline) return;
    await new Promise((r) => setTimeout(r, 300));
  }
}

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
  rt?.endpoints.stopAll();
  await rt?.db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const files = fs
  .readdirSync(CORPUS)
  .filter((f) => f.endsWith(".yml"))
  .sort();

describe("Berth's deploy equals docker-compose 1.29's", () => {
  it.each(files)(
    "%s",
    async (file) => {
      const project = `dif${process.pid % 10000}${file.replace(/\W/g, "").slice(0, 12)}`;
      const dir = path.join(tmp, project);
      fs.mkdirSync(path.join(dir, "conf"), { recursive: true });
      fs.mkdirSync(path.join(dir, "logs"), { recursive: true });
      const text = fs.readFileSync(path.join(CORPUS, file), "utf8");
      fs.writeFileSync(path.join(dir, "docker-compose.yml"), text);
      const dotenv = `IMAGE=${env.BERTH_TEST_IMAGE}\nPORT=${await freePort()}\nPORT2=${await freePort()}\nWHO=berth\nFROM_ENV=from-dotenv\n`;
      fs.writeFileSync(path.join(dir, ".env"), dotenv);
      try {
        await compose(dir, project, "up", "-d");
        await waitSettled(project);
        const theirs = await snapshot(project);
        const theirResources = await resources(project);
        expect(Object.keys(theirs).length).toBeGreaterThan(0);
        // Berth sees docker-compose's project, by its labels.
        const listed = () =>
          groupStacks(dockerOf(EP).containers.values(), []).find(
            (s) => s.project === project && s.containers.length === Object.keys(theirs).length,
          );
        const deadline = Date.now() + 20_000;
        while (!listed() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
        expect(listed()?.source).toBe("docker-compose 1.29.2");
        await compose(dir, project, "down", "-v");

        const started = await startComposeDeploy(
          admin,
          deployComposeInput.parse({ endpointId: EP, stack: project, compose: text, envText: dotenv, workingDir: dir }),
        );
        const job = await awaitDeploy(started.jobId);
        expect(job?.error).toBeUndefined();
        await waitSettled(project);
        const ours = await snapshot(project);
        expect(ours).toEqual(theirs);
        expect(await resources(project)).toEqual(theirResources);

        // docker-compose sees Berth's project: ps lists every container, down removes it all.
        const ps = (await compose(dir, project, "ps", "-q")).split("\n").filter(Boolean);
        expect(ps.length).toBe(Object.keys(ours).length);
        await compose(dir, project, "down", "-v");
        expect(await docker("ps", "-aq", "--filter", `label=com.docker.compose.project=${project}`)).toBe("");
        expect(await docker("network", "ls", "-q", "--filter", `label=com.docker.compose.project=${project}`)).toBe("");
      } finally {
        await compose(dir, project, "down", "-v").catch(() => "");
      }
    },
    180_000,
  );
});
