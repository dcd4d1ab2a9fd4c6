import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCompose } from "@/lib/compose/parse";
import { toStackPlan } from "@/lib/compose/to-stack";
import { applyStackPlan, removeStackObjects } from "./stack-deploy";

// Differential test: for each compose file of the corpus, Debian's `docker stack deploy` (the reference) and Berth's
// deploy, against the rig swarm's real manager, must give the same `docker service inspect` specs once normalized
// (stack name, network ids, and the explicit empty defaults the CLI sends).

const MANAGER = process.env.BERTH_TEST_SWARM_MANAGER_HOST ?? "";
const IMAGE = process.env.BERTH_TEST_IMAGE ?? "";
const CLI = "/usr/bin/docker"; // Debian's docker.io 20.10: the reference implementation
const CORPUS = path.join(import.meta.dirname, "stack-corpus");
const docker = new Docker({ socketPath: MANAGER ? new URL(MANAGER).pathname : "/nonexistent" });
const run = Date.now().toString(36).slice(-5);
const made: string[] = [];
let secretName = "";
let configName = "";

function cli(env: Record<string, string>, ...args: string[]): string {
  return execFileSync(CLI, ["-H", MANAGER, ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env, DOCKER_API_VERSION: "1.41", DOCKER_CONFIG: "/nonexistent-berth" },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

type Json = Record<string, unknown>;

/** Drops what carries no meaning (null, false, 0-free empties, "default" isolation) and renames ids to names. */
function normalize(v: unknown, stack: string, names: Map<string, string>): unknown {
  if (typeof v === "string") {
    const s = names.get(v) ?? v;
    return s.split(stack).join("STACK");
  }
  if (Array.isArray(v)) {
    const a = v.map((x) => normalize(x, stack, names)).filter((x) => x !== undefined);
    // Secret and config references are a set: their order means nothing to the engine.
    if (a.every((x) => x && typeof x === "object" && "File" in x))
      a.sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
    return a.length ? a : undefined;
  }
  if (v && typeof v === "object") {
    const out: Json = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === "Isolation" && x === "default") continue;
      const n = normalize(x, stack, names);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length ? out : undefined;
  }
  if (v === null || v === false) return undefined;
  return v;
}

async function specs(stack: string) {
  const names = new Map<string, string>();
  for (const n of (await docker.listNetworks()) as { Id: string; Name: string }[]) names.set(n.Id, n.Name);
  const services = (await docker.listServices({
    filters: { label: [`com.docker.stack.namespace=${stack}`] },
  })) as unknown as { Spec: Json & { Name: string } }[];
  const byName: Record<string, unknown> = {};
  for (const s of services) byName[s.Spec.Name.replace(stack, "STACK")] = normalize(s.Spec, stack, names);
  const nets = (await docker.listNetworks({ filters: { label: [`com.docker.stack.namespace=${stack}`] } })) as {
    Name: string;
    Driver: string;
    Attachable: boolean;
    Internal: boolean;
    Labels: Json;
  }[];
  const networks = Object.fromEntries(
    nets.map((n) => [
      n.Name.replace(stack, "STACK"),
      normalize({ Driver: n.Driver, Attachable: n.Attachable, Internal: n.Internal, Labels: n.Labels }, stack, names),
    ]),
  );
  return { services: byName, networks };
}

beforeAll(async () => {
  if (!MANAGER || !IMAGE) throw new Error("BERTH_TEST_SWARM_MANAGER_HOST not set: start the rig with its swarm");
  secretName = `berth-diff-secret-${run}`;
  configName = `berth-diff-config-${run}`;
  await docker.createSecret({ Name: secretName, Data: Buffer.from("s3cret").toString("base64") });
  await docker.createConfig({ Name: configName, Data: Buffer.from("level=1").toString("base64") });
});

afterAll(async () => {
  for (const s of made) await removeStackObjects(docker, s).catch(() => {});
  for (const s of (await docker.listSecrets()) as { ID: string; Spec: { Name: string } }[])
    if (s.Spec.Name === secretName)
      await docker
        .getSecret(s.ID)
        .remove()
        .catch(() => {});
  for (const c of (await docker.listConfigs()) as { ID: string; Spec: { Name: string } }[])
    if (c.Spec.Name === configName)
      await docker
        .getConfig(c.ID)
        .remove()
        .catch(() => {});
});

describe("stack deploy: Berth and `docker stack deploy` make the same services", () => {
  const files = fs
    .readdirSync(CORPUS)
    .filter((f) => f.endsWith(".yml"))
    .sort();
  for (const [i, file] of files.entries()) {
    it(file, async () => {
      const text = fs.readFileSync(path.join(CORPUS, file), "utf8");
      const env = { IMAGE, SECRET: secretName, CONFIG: configName, PORT: String(19000 + i * 2) };
      const cliStack = `dc${i}${run}`;
      const berthStack = `db${i}${run}`;
      made.push(cliStack, berthStack);
      cli(env, "stack", "deploy", "--resolve-image", "never", "-c", path.join(CORPUS, file), cliStack);
      const parsed = parseCompose(text, { ...env, PORT: String(19001 + i * 2) });
      await applyStackPlan(docker, toStackPlan(berthStack, parsed.file, env));
      const a = await specs(cliStack);
      const b = await specs(berthStack);
      // Host ports differ on purpose (both stacks run at once): compare them apart.
      const ports = JSON.stringify(b.services).replace(
        /"PublishedPort":(\d+)/g,
        (_m, p) => `"PublishedPort":${Number(p) - 1}`,
      );
      expect(JSON.parse(ports)).toEqual(a.services);
      expect(Object.keys(a.services).length).toBeGreaterThan(0);
      expect(b.networks).toEqual(a.networks);
      // The CLI sees Berth's stack as a stack.
      expect(cli({}, "stack", "ls", "--format", "{{.Name}}").split("\n")).toContain(berthStack);
    });
  }
});
