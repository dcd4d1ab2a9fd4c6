import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listDeliveryRows } from "@/db/alert-queries";
import type { RuleInput } from "@/lib/alert-schemas";
import type { Actor } from "@/lib/domain";
import { deployComposeInput } from "@/lib/stack-schemas";
import { loadConfig } from "@/server/config";
import { createRuntime, type Runtime } from "@/server/runtime";
import { awaitDeploy, startComposeDeploy } from "../stacks/deploy-stack";
import { type AlertEngine, startAlertEngine } from "./alert-engine";
import { type SmtpSink, startSmtpSink, startWebhookReceiver, type WebhookReceiver } from "./alert-receivers";
import { listChannels, saveChannel } from "./manage-channels";
import { deleteRule, saveRule } from "./manage-rules";
import { testChannel } from "./test-channel";

// Alerts end to end against the rig's dockerd: real engine events through the endpoint's one events stream, real
// HTTP and SMTP receivers on loopback. Exact messages per rule, one message per incident under flapping, a resolved
// message after the cooldown, nothing lost across a restart between firing and delivery.

const env = process.env;
if (!env.BERTH_TEST_DOCKER_HOST || !env.BERTH_TEST_IMAGE)
  throw new Error("start the rig and source $BERTH_RIG_DIR/env");
const DOCKER_HOST = env.BERTH_TEST_DOCKER_HOST;
const IMAGE = env.BERTH_TEST_IMAGE;
const run = promisify(execFile);
const docker = async (...args: string[]) =>
  (await run("docker", ["-H", DOCKER_HOST, ...args], { env: { ...env, DOCKER_API_VERSION: "1.41" } })).stdout.trim();
const STAMP = `${process.pid}-${Date.now().toString(36)}`;
const PREFIX = `berth-alert-${STAMP}`;
const EP = "it";
const SECRET = "webhook-signing-secret";
const admin: Actor = { id: "admin-id", username: "admin", isAdmin: true, grants: {} };
const operator: Actor = { id: "op-id", username: "op", isAdmin: false, grants: { [EP]: "operator" } };
const viewer: Actor = { id: "viewer-id", username: "viewer", isAdmin: false, grants: { [EP]: "viewer" } };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-alerts-"));
const config = loadConfig({ BERTH_DATA_DIR: tmp, NEXTAUTH_SECRET: "x", LOG_LEVEL: "silent", NODE_ENV: "test" });
let rt: Runtime;
let engine: AlertEngine;
let hook: WebhookReceiver;
let smtp: SmtpSink;
let webhookId: string;
let emailId: string;
let seq = 0;
const uniq = (what: string) => `${PREFIX}-${what}-${++seq}`;

async function waitFor<T>(what: string, probe: () => T | Promise<T>, ms = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Saving a rule makes the engine re-read the rules from the database: give that read a moment. */
const rulesLoaded = () => sleep(500);
/** Webhook bodies about one subject, parsed. */
const hooksFor = (subject: string) =>
  hook.received
    .filter((r) => r.path === "/hook")
    .map((r) => ({ ...r, json: JSON.parse(r.body) as Record<string, unknown> }))
    .filter((r) => r.json.subject === subject);

async function boot(): Promise<void> {
  rt = await createRuntime(config);
  rt.endpoints.add({ id: EP, name: "it", kind: "docker", url: DOCKER_HOST, secret: null, createdAt: Date.now() });
  await waitFor("endpoint up", () => rt.endpoints.view(EP)?.health.state === "up");
  engine = startAlertEngine(rt, { tickMs: 200, leaseMs: 3_000 });
  await waitFor("alerts lease", () => engine.lease.held());
}

const rule = (over: Partial<RuleInput> & Pick<RuleInput, "name" | "trigger" | "label">): RuleInput => ({
  endpointId: EP,
  count: 3,
  windowMinutes: 1,
  threshold: 90,
  durationSeconds: 60,
  project: "",
  channelIds: [webhookId],
  cooldownSeconds: 2,
  quietFrom: "",
  quietTo: "",
  enabled: true,
  ...over,
});

beforeAll(async () => {
  hook = await startWebhookReceiver();
  smtp = await startSmtpSink();
  await boot();
  webhookId = (
    await saveChannel(admin, { name: "hook", config: { kind: "webhook", url: `${hook.url}/hook`, secret: SECRET } })
  ).id;
  emailId = (
    await saveChannel(admin, {
      name: "mail",
      config: {
        kind: "email",
        host: "127.0.0.1",
        port: smtp.port,
        secure: false,
        username: "",
        password: "",
        from: "berth@example.test",
        to: ["ops@example.test"],
      },
    })
  ).id;
});

afterAll(async () => {
  const ids = (await docker("ps", "-aq", "--filter", `name=${PREFIX}`)).split("\n").filter(Boolean);
  if (ids.length) await docker("rm", "-f", ...ids);
  await engine?.stop();
  rt?.endpoints.stopAll();
  await rt?.db.close();
  await hook?.close();
  await smtp?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("alerts", () => {
  it("keeps channel secrets sealed and out of every view; admins only", async () => {
    const views = await listChannels(admin);
    const hookView = views.find((c) => c.id === webhookId)!;
    expect(hookView.config).toMatchObject({ kind: "webhook", url: `${hook.url}/hook`, secret: "" });
    expect(hookView.storedSecrets).toEqual(["secret"]);
    expect(JSON.stringify(views)).not.toContain(SECRET);
    await expect(listChannels(operator)).rejects.toThrow();
    const db = fs.readFileSync(path.join(tmp, "berth.db")).toString("latin1");
    const wal = fs.existsSync(path.join(tmp, "berth.db-wal"))
      ? fs.readFileSync(path.join(tmp, "berth.db-wal")).toString("latin1")
      : "";
    expect(db + wal).not.toContain(SECRET);
  });

  it("sends a test message through each channel, signed, and says why one fails", async () => {
    await testChannel(admin, webhookId);
    const got = await waitFor("test webhook", () => hook.received.find((r) => JSON.parse(r.body).event === "test"));
    const ts = String(got.headers["x-berth-timestamp"]);
    const expected = crypto.createHmac("sha256", SECRET).update(`${ts}.${got.body}`).digest("hex");
    expect(got.headers["x-berth-signature"]).toBe(`sha256=${expected}`);
    expect(JSON.parse(got.body)).toMatchObject({ title: "Berth test message for hook", event: "test" });
    await testChannel(admin, emailId);
    const mail = await waitFor("test mail", () => smtp.mails.find((m) => m.subject.includes("test message")));
    expect(mail).toMatchObject({
      subject: "[Berth] Berth test message for mail",
      text: "If you can read this, Berth can reach this channel.",
      to: ["ops@example.test"],
    });
    const closed = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
    });
    const broken = await saveChannel(admin, {
      name: "broken",
      config: { kind: "slack", url: `http://127.0.0.1:${closed}/x` },
    });
    await expect(testChannel(admin, broken.id)).rejects.toThrow(
      /not delivered: Could not reach the receiver \(ECONNREFUSED\)/,
    );
    await expect(testChannel(operator, broken.id)).rejects.toThrow();
  });

  it("one message per incident under flapping, then one resolved message after the cooldown (webhook and e-mail)", async () => {
    const label = `berth.alert=${uniq("die")}`;
    const r = await saveRule(
      operator,
      rule({ name: "Crashes", trigger: "die", label, channelIds: [webhookId, emailId] }),
    );
    await expect(saveRule(viewer, rule({ name: "x", trigger: "die", label }))).rejects.toThrow();
    await rulesLoaded();
    const name = uniq("crash");
    // Exits 3 until /tmp/ok exists: each start is one more crash, then it recovers.
    await docker(
      "run",
      "-d",
      "--name",
      name,
      "--label",
      label,
      IMAGE,
      "sh",
      "-c",
      "test -f /tmp/ok && exec sleep 3600; exit 3",
    );
    const firing = await waitFor("firing", () => hooksFor(name).find((h) => h.json.event === "firing"));
    for (let i = 0; i < 3; i++) {
      await docker("start", name);
      await sleep(300);
    }
    fs.writeFileSync(path.join(tmp, "ok"), "");
    await docker("cp", path.join(tmp, "ok"), `${name}:/tmp/ok`);
    await docker("start", name);
    const resolved = await waitFor("resolved", () => hooksFor(name).find((h) => h.json.event === "resolved"));
    await sleep(1_000);
    expect(hooksFor(name).map((h) => h.json.event)).toEqual(["firing", "resolved"]);
    expect(firing.json).toMatchObject({
      title: `[FIRING] ${name} died with exit code 3`,
      rule: { id: r.id, name: "Crashes", trigger: "die" },
      endpoint: { id: EP, name: "it" },
      subject: name,
      count: 1,
      resolvedAt: null,
    });
    expect(resolved.json).toMatchObject({ title: `[RESOLVED] ${name} died with exit code 3`, count: 4 });
    expect(resolved.json.incidentId).toBe(firing.json.incidentId);
    const mails = smtp.mails.filter((m) => m.subject.includes(name));
    expect(mails.map((m) => m.subject)).toEqual([
      `[Berth] [FIRING] ${name} died with exit code 3`,
      `[Berth] [RESOLVED] ${name} died with exit code 3`,
    ]);
    expect(mails[1]!.text).toMatch(
      new RegExp(`^Rule: Crashes\nEndpoint: it\nSubject: ${name}\nSince: \\S+Z\nOccurrences: 4\nResolved: \\S+Z$`),
    );
    // A stop by hand is no crash.
    await docker("stop", "-t", "0", name);
    await sleep(1_500);
    expect(hooksFor(name)).toHaveLength(2);
    await deleteRule(operator, { endpointId: EP, ruleId: r.id });
  });

  it("unhealthy, restart loop and OOM, each with its own message", async () => {
    const label = `berth.alert=${uniq("mixed")}`;
    const rules = [
      await saveRule(admin, rule({ name: "Sick", trigger: "unhealthy", label })),
      await saveRule(admin, rule({ name: "Loop", trigger: "restart-loop", label, count: 3, windowMinutes: 1 })),
      await saveRule(admin, rule({ name: "OOM", trigger: "oom", label })),
    ];
    await rulesLoaded();
    const sick = uniq("sick");
    await docker(
      "run",
      "-d",
      "--init",
      "--name",
      sick,
      "--label",
      label,
      "--health-cmd",
      "test -f /tmp/healthy",
      "--health-interval",
      "1s",
      "--health-retries",
      "1",
      IMAGE,
      "sleep",
      "3600",
    );
    const loop = uniq("loop");
    await docker(
      "run",
      "-d",
      "--name",
      loop,
      "--label",
      label,
      "--restart",
      "always",
      IMAGE,
      "sh",
      "-c",
      "sleep 0.2; exit 1",
    );
    const oom = uniq("oom");
    await docker(
      "run",
      "-d",
      "--name",
      oom,
      "--label",
      label,
      "-m",
      "16m",
      "--memory-swap",
      "16m",
      IMAGE,
      "sh",
      "-c",
      "a=xxxxxxxxxxxxxxxx; while :; do a=$a$a; done",
    );
    const sickFiring = await waitFor("unhealthy", () => hooksFor(sick)[0]);
    expect(sickFiring.json).toMatchObject({ title: `[FIRING] ${sick} is unhealthy`, rule: { name: "Sick" } });
    await docker("exec", sick, "touch", "/tmp/healthy");
    const sickResolved = await waitFor("healthy again", () => hooksFor(sick).find((h) => h.json.event === "resolved"));
    expect(sickResolved.json.title).toBe(`[RESOLVED] ${sick} is unhealthy`);

    const loopFiring = await waitFor("restart loop", () => hooksFor(loop)[0], 60_000);
    expect(loopFiring.json).toMatchObject({
      title: `[FIRING] ${loop} restarted 3 times in 1 min`,
      rule: { name: "Loop" },
    });
    await sleep(2_000);
    await docker("rm", "-f", loop);
    expect(hooksFor(loop)).toHaveLength(1);

    const oomFiring = await waitFor("oom", () => hooksFor(oom)[0]);
    expect(oomFiring.json).toMatchObject({
      title: `[FIRING] ${oom} was killed for lack of memory (OOM)`,
      rule: { name: "OOM" },
    });
    for (const r of rules) await deleteRule(admin, { endpointId: EP, ruleId: r.id });
  });

  it("CPU over a threshold for a duration, through the shared sampler, resolved when it stops", {
    timeout: 150_000,
  }, async () => {
    const label = `berth.alert=${uniq("cpu")}`;
    const r = await saveRule(admin, rule({ name: "Hot", trigger: "cpu", label, threshold: 10, durationSeconds: 5 }));
    await rulesLoaded();
    const hot = uniq("hot");
    await docker("run", "-d", "--init", "--name", hot, "--label", label, IMAGE, "sh", "-c", "while :; do :; done");
    const firing = await waitFor("cpu firing", () => hooksFor(hot)[0], 100_000);
    expect(String(firing.json.title)).toMatch(
      new RegExp(`^\\[FIRING\\] ${hot}: CPU over 10 % for 5 s \\(\\d+\\.\\d %\\)$`),
    );
    await docker("stop", "-t", "1", hot);
    const resolved = await waitFor("cpu resolved", () => hooksFor(hot).find((h) => h.json.event === "resolved"));
    expect(resolved.json.subject).toBe(hot);
    await deleteRule(admin, { endpointId: EP, ruleId: r.id });
  });

  it("endpoint unreachable and back, through a loopback proxy to the engine's socket", {
    timeout: 120_000,
  }, async () => {
    const sock = path.join(tmp, "proxy.sock");
    const target = DOCKER_HOST.replace(/^unix:\/\//, "");
    let conns: net.Socket[] = [];
    const open = () =>
      new Promise<net.Server>((resolve) => {
        const s = net.createServer((c) => {
          const up = net.connect(target);
          conns.push(c, up);
          c.pipe(up).pipe(c);
          c.on("error", () => up.destroy());
          up.on("error", () => c.destroy());
        });
        s.listen(sock, () => resolve(s));
      });
    let proxy = await open();
    const seen: string[] = [];
    rt.endpoints.on("health", (id, h) => {
      if (id === "proxied") seen.push(`${h.state}:${h.reason ?? ""}`);
    });
    rt.endpoints.add({
      id: "proxied",
      name: "proxied",
      kind: "docker",
      url: `unix://${sock}`,
      secret: null,
      createdAt: Date.now(),
    });
    await waitFor("proxied up", () => rt.endpoints.view("proxied")?.health.state === "up");
    const r = await saveRule(admin, {
      ...rule({ name: "Gone", trigger: "endpoint-down", label: "" }),
      endpointId: "proxied",
    });
    await sleep(500);
    proxy.close();
    for (const c of conns) c.destroy();
    conns = [];
    const down = await waitFor("down message", () => hooksFor("proxied")[0], 60_000).catch((err) => {
      throw new Error(`${(err as Error).message}; health seen: ${seen.join(" | ")}`);
    });
    expect(String(down.json.title)).toMatch(/^\[FIRING\] Endpoint proxied is unreachable: /);
    proxy = await open();
    const back = await waitFor(
      "back message",
      () => hooksFor("proxied").find((h) => h.json.event === "resolved"),
      60_000,
    );
    expect(back.json.title).toBe(down.json.title?.toString().replace("[FIRING]", "[RESOLVED]"));
    await deleteRule(admin, { endpointId: "proxied", ruleId: r.id });
    rt.endpoints.remove("proxied");
    proxy.close();
    for (const c of conns) c.destroy();
  });

  it("deploy failed: one message naming the stack, service and cause; resolved by the next good deploy; other stacks out of scope", async () => {
    const stack = uniq("stack").toLowerCase();
    const other = uniq("other").toLowerCase();
    await saveRule(operator, rule({ name: "Deploys", trigger: "deploy-failed", project: stack, label: "" }));
    await rulesLoaded();
    const compose = (image: string) =>
      `services:\n  web:\n    image: ${image}\n    pull_policy: never\n    command: ["sleep", "3600"]\n`;
    const deploy = async (name: string, image: string) => {
      const started = await startComposeDeploy(
        admin,
        deployComposeInput.parse({ endpointId: EP, stack: name, compose: compose(image), workingDir: tmp }),
      );
      return (await awaitDeploy(started.jobId))!;
    };
    const missing = `berth-alert-missing-${STAMP}:none`;
    expect((await deploy(other, missing)).state).toBe("failed");
    expect((await deploy(stack, missing)).state).toBe("failed");
    const firing = await waitFor("deploy firing", () => hooksFor(stack).find((h) => h.json.event === "firing"));
    expect(firing.json).toMatchObject({ rule: { trigger: "deploy-failed" }, subject: stack });
    expect(String(firing.json.summary)).toMatch(new RegExp(`^Deploy of stack ${stack} failed at service web: .+`));
    // A second failure joins the open incident: no second message.
    expect((await deploy(stack, missing)).state).toBe("failed");
    expect((await deploy(stack, IMAGE)).state).toBe("done");
    const resolved = await waitFor("deploy resolved", () => hooksFor(stack).find((h) => h.json.event === "resolved"));
    expect(resolved.json).toMatchObject({ subject: stack, count: 2 });
    expect(hooksFor(stack)).toHaveLength(2);
    expect(hooksFor(other)).toHaveLength(0);
    const ids = (await docker("ps", "-aq", "--filter", `label=com.docker.compose.project=${stack}`))
      .split("\n")
      .filter(Boolean);
    if (ids.length) await docker("rm", "-f", ...ids);
  });

  it("loses nothing when Berth restarts between firing and delivery", async () => {
    const label = `berth.alert=${uniq("restart")}`;
    hook.status = 500;
    await saveRule(admin, rule({ name: "Durable", trigger: "die", label }));
    await rulesLoaded();
    const name = uniq("durable");
    await docker("run", "-d", "--name", name, "--label", label, IMAGE, "sh", "-c", "exit 7");
    const row = await waitFor("first attempt failed", async () =>
      (await listDeliveryRows(rt.db)).find((d) => d.message.includes(name) && d.attempts >= 1),
    );
    expect(row).toMatchObject({ state: "pending", lastError: "The receiver answered 500: receiver says no" });
    // Restart: engine, endpoints and database go; the receiver comes back; a new Berth finds the row and sends it.
    await engine.stop();
    rt.endpoints.stopAll();
    await rt.db.close();
    hook.status = 200;
    await boot();
    const got = await waitFor("delivered after restart", () => hooksFor(name)[0], 30_000);
    expect(got.json).toMatchObject({ id: row.id, title: `[FIRING] ${name} died with exit code 7` });
    await sleep(1_500);
    expect(hooksFor(name)).toHaveLength(1);
    expect((await listDeliveryRows(rt.db)).find((d) => d.id === row.id)).toMatchObject({ state: "sent", attempts: 2 });
  });
});
