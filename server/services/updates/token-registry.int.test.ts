import { type ChildProcess, execFile, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain";
import { loadConfig } from "@/server/config";
import { createRuntime, type Runtime } from "@/server/runtime";
import { deleteRegistry, saveRegistry } from "../registries/manage-registries";
import { listUpdates } from "./check-endpoint-updates";
import { runEndpointCheck } from "./check-updates";

// The registry token flow for real: Debian's docker-registry (distribution 2.8) with `auth: token`, trusting a
// certificate made here, and a token service in this test that signs the JWTs distribution verifies (x5c chain,
// issuer, audience, access claims). The engine pushes through it; Berth's check must get a token with the saved login
// and read the digest.

const env = process.env;
if (!env.BERTH_TEST_DOCKER_HOST || !env.BERTH_TEST_IMAGE)
  throw new Error("start the rig and source $BERTH_RIG_DIR/env");
const DOCKER_HOST = env.BERTH_TEST_DOCKER_HOST;
const run = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-token-reg-"));
const cliConfig = path.join(tmp, "docker-config");
const docker = async (...args: string[]) =>
  (
    await run("docker", ["--config", cliConfig, "-H", DOCKER_HOST, ...args], {
      env: { ...env, DOCKER_API_VERSION: "1.41" },
    })
  ).stdout.trim();
const USER = "tokenuser";
const PASSWORD = "token-password";
const SERVICE = "berth-token-test";
const ISSUER = "berth-test-issuer";
const EP = "it";
const admin: Actor = { id: "admin-id", username: "admin", isAdmin: true, grants: {} };
const b64url = (v: object | Buffer) => (Buffer.isBuffer(v) ? v : Buffer.from(JSON.stringify(v))).toString("base64url");

let rt: Runtime;
let registry: ChildProcess | undefined;
let tokens: http.Server;
let registryAddr = "";
const tokenRequests: { auth: string | undefined; scope: string[] }[] = [];
let key: string;
let certDer: string;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** A token service: Basic login required, every requested action granted, JWT signed with the certificate's key. */
function tokenHandler(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? "/", "http://x");
  const scope = url.searchParams.getAll("scope");
  tokenRequests.push({ auth: req.headers.authorization, scope });
  if (req.headers.authorization !== `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString("base64")}`) {
    res.statusCode = 401;
    res.end("{}");
    return;
  }
  const access = scope.map((s) => {
    const [type, name, actions] = s.split(":");
    return { type, name, actions: (actions ?? "").split(",") };
  });
  const now = Math.floor(Date.now() / 1000);
  const head = b64url({ typ: "JWT", alg: "RS256", x5c: [certDer] });
  const body = b64url({
    iss: ISSUER,
    sub: USER,
    aud: SERVICE,
    exp: now + 300,
    nbf: now - 10,
    iat: now,
    jti: crypto.randomUUID(),
    access,
  });
  const sig = crypto.sign("RSA-SHA256", Buffer.from(`${head}.${body}`), key).toString("base64url");
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ token: `${head}.${body}.${sig}`, expires_in: 300 }));
}

beforeAll(async () => {
  fs.mkdirSync(cliConfig);
  await run("openssl", [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "1",
    "-subj",
    "/CN=berth-token-test",
    "-keyout",
    path.join(tmp, "key.pem"),
    "-out",
    path.join(tmp, "cert.pem"),
  ]);
  key = fs.readFileSync(path.join(tmp, "key.pem"), "utf8");
  certDer = new crypto.X509Certificate(fs.readFileSync(path.join(tmp, "cert.pem"))).raw.toString("base64");
  tokens = http.createServer(tokenHandler);
  await new Promise<void>((r) => tokens.listen(0, "127.0.0.1", r));
  const tokenPort = (tokens.address() as net.AddressInfo).port;
  const port = await freePort();
  registryAddr = `127.0.0.1:${port}`;
  fs.writeFileSync(
    path.join(tmp, "config.yml"),
    [
      "version: 0.1",
      "log: { level: error }",
      `storage: { filesystem: { rootdirectory: ${path.join(tmp, "data")} }, delete: { enabled: true } }`,
      `http: { addr: ${registryAddr} }`,
      "auth:",
      "  token:",
      `    realm: http://127.0.0.1:${tokenPort}/token`,
      `    service: ${SERVICE}`,
      `    issuer: ${ISSUER}`,
      `    rootcertbundle: ${path.join(tmp, "cert.pem")}`,
      "",
    ].join("\n"),
  );
  registry = spawn("docker-registry", ["serve", path.join(tmp, "config.yml")], { stdio: "ignore" });
  for (let i = 0; ; i++) {
    const r = await fetch(`http://${registryAddr}/v2/`).catch(() => null);
    if (r?.status === 401) break;
    if (i > 100) throw new Error("token registry did not start");
    await new Promise((res) => setTimeout(res, 100));
  }
  rt = await createRuntime(
    loadConfig({ BERTH_DATA_DIR: tmp, NEXTAUTH_SECRET: "x", LOG_LEVEL: "silent", NODE_ENV: "test" }),
  );
  rt.endpoints.add({ id: EP, name: "it", kind: "docker", url: DOCKER_HOST, secret: null, createdAt: Date.now() });
  for (let i = 0; rt.endpoints.view(EP)?.health.state !== "up"; i++) {
    if (i > 300) throw new Error("endpoint not up");
    await new Promise((res) => setTimeout(res, 100));
  }
});

afterAll(async () => {
  await docker("rm", "-f", `berth-token-${process.pid}`).catch(() => "");
  if (registry?.pid && registry.exitCode === null) registry.kill("SIGTERM");
  await new Promise<void>((r) => tokens?.close(() => r()) ?? r());
  rt?.endpoints.stopAll();
  await rt?.db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("registry token flow", () => {
  it("gets a pull token with the saved login and compares the digest", async () => {
    const ref = `${registryAddr}/berth-upd/token:latest`;
    await run("sh", ["-c", `echo "$P" | docker --config "$C" -H "$H" login -u "$U" --password-stdin "$R"`], {
      env: { ...env, P: PASSWORD, U: USER, C: cliConfig, H: DOCKER_HOST, R: registryAddr },
    });
    const dir = fs.mkdtempSync(path.join(tmp, "ctx-"));
    fs.writeFileSync(path.join(dir, "Dockerfile"), `FROM ${env.BERTH_TEST_IMAGE}\nLABEL berth.test.token=1\n`);
    await docker("build", "-q", "-t", ref, dir);
    await docker("push", ref);
    const name = `berth-token-${process.pid}`;
    const id = await docker("run", "-d", "--init", "--name", name, ref, "sleep", "3600");
    const session = rt.endpoints.access(EP, "docker");
    const container = { id, name, image: ref };

    // No saved login: the token service refuses the anonymous request, and the check says so.
    const before = tokenRequests.length;
    await runEndpointCheck(session, [container], { only: new Set([id]) });
    expect((await listUpdates(admin, EP)).find((u) => u.id === id)).toMatchObject({
      state: "error",
      detail: "The registry's token service answered 401",
    });
    expect(tokenRequests.slice(before)).toEqual([{ auth: undefined, scope: ["repository:berth-upd/token:pull"] }]);

    const saved = await saveRegistry(admin, {
      name: "token-registry",
      url: `http://${registryAddr}`,
      username: USER,
      password: PASSWORD,
    });
    try {
      const n = tokenRequests.length;
      await runEndpointCheck(session, [container], { only: new Set([id]) });
      const row = (await listUpdates(admin, EP)).find((u) => u.id === id);
      expect(row).toMatchObject({ state: "current" });
      expect(row?.remoteDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(tokenRequests.slice(n)).toEqual([
        {
          auth: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString("base64")}`,
          scope: ["repository:berth-upd/token:pull"],
        },
      ]);
      // The token is reused while it lives: a second check asks the token service nothing.
      const m = tokenRequests.length;
      await runEndpointCheck(session, [container], { only: new Set([id]) });
      expect(tokenRequests.length).toBe(m);
    } finally {
      await deleteRegistry(admin, saved.id);
    }
  });
});
