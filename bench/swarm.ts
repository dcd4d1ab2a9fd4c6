/**
 * Swarm scale-out: a service scaled 1 → 100 replicas on the rig's three-node swarm. Prints the time from the scale
 * call to the browser showing 100/100 running (Berth's service page, pushed over its socket), beside the time the
 * docker CLI's `docker service ls`, polled by this script every 250 ms, first says 100/100; and how many /events
 * streams Berth opened to the manager (it must stay 1 per endpoint, whatever the churn).
 *
 *   npm run build && source $BERTH_RIG_DIR/env && npx tsx bench/swarm.ts
 *   BENCH_REPLICAS=100
 *
 * A script, not a test. Berth (built dist/ + .next/, loopback, temp data dir) reaches the manager through a unix
 * socket proxy of this script's own that counts the /events requests going through it. Everything it made it
 * removes (the service, Berth by its pid, the proxy).
 */

import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Docker from "dockerode";
import { chromium } from "playwright-core";
import { cleanups, intEnv, loadRigEnv, runCleanups, signIn, sleep, startBerth } from "./support";

loadRigEnv();
const REPLICAS = intEnv("BENCH_REPLICAS", 100, 2, 300);
const MANAGER = process.env.BERTH_TEST_SWARM_MANAGER_HOST;
if (!MANAGER) throw new Error("BERTH_TEST_SWARM_MANAGER_HOST is not set: start the rig with its swarm");
const MANAGER_SOCKET = decodeURIComponent(new URL(MANAGER).pathname);
const docker = new Docker({ socketPath: MANAGER_SOCKET });
const name = `berth-bench-swarm-${randomBytes(3).toString("hex")}`;
const run = promisify(execFile);

/** A unix socket in front of the manager that counts /events requests (and those still open). */
function countingProxy(sockPath: string) {
  const counts = { opened: 0, open: 0 };
  const server = net.createServer((client) => {
    const upstream = net.connect(MANAGER_SOCKET);
    let eventsHere = 0;
    client.on("data", (chunk: Buffer) => {
      const n = (chunk.toString("latin1").match(/^GET \/(v[\d.]+\/)?events[?\s]/gm) ?? []).length;
      eventsHere += n;
      counts.opened += n;
      counts.open += n;
    });
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      counts.open -= eventsHere;
      client.destroy();
      upstream.destroy();
    };
    client.pipe(upstream).pipe(client);
    client.on("close", close).on("error", close);
    upstream.on("close", close).on("error", close);
  });
  server.listen(sockPath);
  cleanups.push({ label: "close the proxy", run: () => void server.close() });
  return counts;
}

async function cliReplicas(): Promise<string> {
  const { stdout } = await run(
    "docker",
    ["-H", MANAGER!, "service", "ls", "--filter", `name=${name}`, "--format", "{{.Replicas}}"],
    {
      env: { ...process.env, DOCKER_API_VERSION: "1.41" },
    },
  );
  return stdout.trim();
}

async function scale(replicas: number): Promise<void> {
  const s = docker.getService(name);
  const raw = (await s.inspect()) as { Version: { Index: number }; Spec: Record<string, unknown> };
  await s.update({
    _query: { version: raw.Version.Index },
    _body: { ...raw.Spec, Mode: { Replicated: { Replicas: replicas } } },
  } as never);
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-bench-swarm-"));
  cleanups.push({ label: "remove temp dir", run: () => fs.rmSync(tmp, { recursive: true, force: true }) });
  const proxyPath = path.join(tmp, "manager.sock");
  const streams = countingProxy(proxyPath);
  process.env.BERTH_TEST_DOCKER_HOST = `unix://${proxyPath}`;
  const password = randomBytes(12).toString("hex");
  const { base } = await startBerth(tmp, password);
  const token = await signIn(base, "admin", password);

  cleanups.push({
    label: `remove service ${name}`,
    run: () =>
      docker
        .getService(name)
        .remove()
        .catch(() => {}),
  });
  await docker.createService({
    Name: name,
    TaskTemplate: {
      ContainerSpec: { Image: process.env.BERTH_TEST_IMAGE, Command: ["sleep", "3600"], StopGracePeriod: 1e9 },
      RestartPolicy: { Condition: "none" },
    },
    Mode: { Replicated: { Replicas: 1 } },
    EndpointSpec: { Mode: "dnsrr" },
  } as never);

  const browser = await chromium.launch({
    executablePath: process.env.BERTH_TEST_CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"],
  });
  cleanups.push({ label: "close the browser", run: () => browser.close() });
  const context = await browser.newContext();
  await context.addCookies([{ name: "next-auth.session-token", value: token, url: base, httpOnly: true }]);
  const page = await context.newPage();
  await page.goto(`${base}/endpoints/local/swarm/services/${name}`);
  const replicasText = page.getByTestId("service-replicas");
  await replicasText.filter({ hasText: "1/1 running" }).waitFor({ timeout: 60_000 });
  console.log(`service ${name} at 1/1 in the browser; /events streams opened so far: ${streams.opened}`);

  const t0 = performance.now();
  await scale(REPLICAS);
  let cliAt = Number.NaN;
  const cliPoll = (async () => {
    for (;;) {
      if ((await cliReplicas()) === `${REPLICAS}/${REPLICAS}`) {
        cliAt = performance.now() - t0;
        return;
      }
      if (performance.now() - t0 > 300_000) return;
      await sleep(250);
    }
  })();
  await replicasText.filter({ hasText: `${REPLICAS}/${REPLICAS} running` }).waitFor({ timeout: 300_000 });
  const browserAt = performance.now() - t0;
  await cliPoll;
  console.log(
    `scale 1 → ${REPLICAS}: browser shows ${REPLICAS}/${REPLICAS} running after ${(browserAt / 1000).toFixed(1)} s`,
  );
  console.log(
    `                docker service ls (polled every 250 ms) says ${REPLICAS}/${REPLICAS} after ${(cliAt / 1000).toFixed(1)} s`,
  );

  const t1 = performance.now();
  await scale(1);
  await replicasText.filter({ hasText: "1/1 running" }).waitFor({ timeout: 300_000 });
  console.log(
    `scale ${REPLICAS} → 1: browser shows 1/1 running after ${((performance.now() - t1) / 1000).toFixed(1)} s`,
  );
  console.log(`/events streams Berth opened to the manager: ${streams.opened} (open now: ${streams.open})`);
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => runCleanups());
