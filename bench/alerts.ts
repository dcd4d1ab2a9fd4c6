/**
 * Alerts benchmark: time from the engine's event (a container's `die`, a `health_status: unhealthy`) to a local
 * webhook receiver holding Berth's message, over BENCH_INCIDENTS incidents (default 50: half crashes, half
 * healthchecks turning unhealthy). The reference clock is a raw Docker /events listener in this process (its receive
 * time is 0); the webhook receiver runs in this process too, so both times come from one clock.
 *
 *   npm run build && source $BERTH_RIG_DIR/env && npx tsx bench/alerts.ts
 *
 * A built Berth on a loopback port with a temp data dir; a webhook channel and two rules made through the HTTP API;
 * each incident is its own container (its own subject), run one after another. Cleans up by label and pid.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Docker from "dockerode";
import { startWebhookReceiver } from "../server/services/alerts/alert-receivers";
import { cleanups, dockerCli, intEnv, loadRigEnv, runCleanups, signIn, sleep, startBerth } from "./support";

loadRigEnv();
const N = intEnv("BENCH_INCIDENTS", 50, 2, 200);
const IMAGE = process.env.BERTH_TEST_IMAGE!;
const RUN = `alerts-${process.pid}`;
const LABEL = `berth.bench=${RUN}`;
const docker = new Docker({ socketPath: decodeURIComponent(new URL(process.env.BERTH_TEST_DOCKER_HOST!).pathname) });
const now = () => performance.now();

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-bench-alerts-"));
  cleanups.push({ label: "remove temp dir", run: () => fs.rmSync(tmp, { recursive: true, force: true }) });
  cleanups.push({
    label: "remove bench containers",
    run: () => {
      const ids = dockerCli("ps", "-aq", "--filter", `label=${LABEL}`).split("\n").filter(Boolean);
      if (ids.length) dockerCli("rm", "-f", ...ids);
    },
  });
  const password = randomBytes(12).toString("hex");
  const { base } = await startBerth(tmp, password);
  const token = await signIn(base, "admin", password);
  const api = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(`${base}${p}`, {
      method,
      headers: { cookie: `next-auth.session-token=${token}`, origin: base, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<{ id: string }>;
  };

  const hook = await startWebhookReceiver();
  cleanups.push({ label: "close webhook receiver", run: () => hook.close() });
  const got = new Map<string, number>();
  hook.onRequest = (r) => {
    const t = now();
    const subject = (JSON.parse(r.body) as { subject?: string; event?: string }).subject;
    if (subject && !got.has(subject)) got.set(subject, t);
  };
  const channel = await api("POST", "/api/v1/alert-channels", {
    name: `bench-${RUN}`,
    config: { kind: "webhook", url: `${hook.url}/hook`, secret: "bench" },
  });
  const common = { label: LABEL, channelIds: [channel.id], cooldownSeconds: 0 };
  await api("POST", "/api/v1/endpoints/local/alert-rules", { ...common, name: "bench crash", trigger: "die" });
  await api("POST", "/api/v1/endpoints/local/alert-rules", { ...common, name: "bench health", trigger: "unhealthy" });

  // The raw /events listener: the reference clock.
  const raw = new Map<string, number>();
  const stream = (await docker.getEvents({
    filters: { type: ["container"], label: [LABEL] },
  })) as NodeJS.ReadableStream & {
    destroy(): void;
  };
  cleanups.push({ label: "close raw events", run: () => stream.destroy() });
  let buf = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    const t = now();
    buf += chunk;
    for (let nl = buf.indexOf("\n"); nl >= 0; nl = buf.indexOf("\n")) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      const e = JSON.parse(line) as { Action: string; Actor: { Attributes: { name: string } } };
      const hit = e.Action === "die" || e.Action === "health_status: unhealthy";
      if (hit && !raw.has(e.Actor.Attributes.name)) raw.set(e.Actor.Attributes.name, t);
    }
  });
  await sleep(3_000); // the rules reach the engine (reloaded on save)

  const results: { kind: string; ms: number }[] = [];
  for (let i = 0; i < N; i++) {
    const crash = i % 2 === 0;
    const name = `bench-${RUN}-${i}`;
    if (crash) dockerCli("run", "-d", "--name", name, "--label", LABEL, IMAGE, "sh", "-c", "sleep 0.3; exit 3");
    else
      dockerCli(
        "run",
        "-d",
        "--init",
        "--name",
        name,
        "--label",
        LABEL,
        "--health-cmd",
        "false",
        "--health-interval",
        "1s",
        "--health-retries",
        "1",
        IMAGE,
        "sleep",
        "3600",
      );
    const deadline = Date.now() + 20_000;
    while ((!raw.has(name) || !got.has(name)) && Date.now() < deadline) await sleep(10);
    if (!raw.has(name) || !got.has(name))
      throw new Error(`incident ${name}: no ${raw.has(name) ? "webhook" : "event"} in 20 s`);
    results.push({ kind: crash ? "die" : "unhealthy", ms: got.get(name)! - raw.get(name)! });
    dockerCli("rm", "-f", name);
  }
  const line = (label: string, xs: number[]) =>
    `${label.padEnd(22)} n=${String(xs.length).padStart(3)}  p50 ${pct(xs, 50).toFixed(1)} ms  p95 ${pct(xs, 95).toFixed(1)} ms  max ${Math.max(...xs).toFixed(1)} ms`;
  console.log(
    `engine event -> webhook received (${N} incidents, one container each, load ${os.loadavg()[0]!.toFixed(1)})`,
  );
  console.log(
    line(
      "all",
      results.map((r) => r.ms),
    ),
  );
  console.log(
    line(
      "die",
      results.filter((r) => r.kind === "die").map((r) => r.ms),
    ),
  );
  console.log(
    line(
      "health_status",
      results.filter((r) => r.kind === "unhealthy").map((r) => r.ms),
    ),
  );
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => runCleanups());
