/**
 * Kubernetes at scale: 20,000 pods in 200 namespaces (Pending: their nodeSelector matches no node, so the one node is
 * not flooded), listed in Chromium. Prints the time to the first page of the all-pods list (cold: Berth's informer
 * lists from the API server; warm: the shared informer is already live), Berth's RSS, and the watch -> browser
 * latency of a pod change while all pods are listed, beside `kubectl get pods -A` timed in the same run.
 *
 *   npm run build && source $BERTH_RIG_DIR/env && npx tsx bench/kubernetes.ts
 *   BENCH_NAMESPACES=200 BENCH_PODS_PER_NS=100 BENCH_CHANGES=20
 *
 * A script, not a test. Latency: a watch of its own on the API server stamps each ADDED/DELETED event as it
 * arrives; a MutationObserver in the page stamps the moment the pod's row appears or goes (same clock, same
 * machine). The bench pods are named to sort first, so their rows are in the rendered window. Everything it made
 * it removes (namespaces by label, Berth by its pid).
 */

import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { chromium } from "playwright-core";
import { cleanups, intEnv, loadRigEnv, processTree, rssMiB, runCleanups, signIn, sleep, startBerth } from "./support";

loadRigEnv();
const NAMESPACES = intEnv("BENCH_NAMESPACES", 200, 1, 1000);
const PER_NS = intEnv("BENCH_PODS_PER_NS", 100, 1, 1000);
const CHANGES = intEnv("BENCH_CHANGES", 20, 1, 200);
// BENCH_REUSE=<tag> measures pods an earlier run made with BENCH_KEEP=1 (creating 20,000 takes minutes here).
const REUSE = process.env.BENCH_REUSE ?? "";
const KEEP = process.env.BENCH_KEEP === "1" || !!REUSE;
const CREATE_WIDTH = intEnv("BENCH_CREATE_WIDTH", 32, 1, 256);
const tag = REUSE || `k8s${randomBytes(3).toString("hex")}`;
const run = promisify(execFile);
const env = (k: string) => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} not set: start the rig (scripts/rig/up.sh) and source $BERTH_RIG_DIR/env`);
  return v;
};
const kubeconfig = env("BERTH_TEST_KUBECONFIG");
const server = new URL(env("BERTH_TEST_KUBE_SERVER"));
const token = env("BERTH_TEST_KUBE_TOKEN");
const ca = fs.readFileSync(env("BERTH_TEST_KUBE_CA"), "utf8");
const image = process.env.BERTH_TEST_KUBE_IMAGE ?? "berth-test/busybox:latest";

async function kubectl(args: string[], stdin?: string): Promise<string> {
  const p = run("kubectl", ["--kubeconfig", kubeconfig, ...args], { maxBuffer: 512 * 1024 * 1024 });
  if (stdin !== undefined) p.child.stdin?.end(stdin);
  return (await p).stdout;
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN;
  return `n=${s.length} p50 ${q(0.5).toFixed(0)} ms, p95 ${q(0.95).toFixed(0)} ms, max ${(s.at(-1) ?? Number.NaN).toFixed(0)} ms`;
}

async function pool<T>(items: T[], width: number, fn: (x: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

const pod = (ns: string, name: string) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: ns, labels: { "berth-bench": tag } as Record<string, string> },
  spec: {
    nodeSelector: { "berth-bench/nowhere": "true" },
    terminationGracePeriodSeconds: 0,
    containers: [{ name: "main", image, imagePullPolicy: "Never" }],
  },
});

const agent = new https.Agent({ keepAlive: true, maxSockets: 64, ca });

/** One API request with the rig's token (keep-alive, so parallel creates do not each pay a TLS handshake). */
function api(method: string, p: string, body?: unknown): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: server.hostname,
        port: server.port,
        path: p,
        method,
        agent,
        headers: { Authorization: `Bearer ${token}`, "content-type": "application/json" },
      },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => {
          text += c.toString("utf8");
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** POSTs one object, retrying a 429/5xx or a dropped connection (an API server under 20,000 creates sheds load). */
async function create(p: string, body: unknown): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const r = await api("POST", p, body).catch((e: Error) => ({ status: 0, text: e.message }));
    if (r.status === 201 || r.status === 409) return;
    if (attempt >= 8 || (r.status >= 400 && r.status < 500 && r.status !== 429))
      throw new Error(`POST ${p}: ${r.status} ${r.text.slice(0, 200)}`);
    await sleep(250 * 2 ** attempt);
  }
}

async function makePods(): Promise<string[]> {
  const names = Array.from({ length: NAMESPACES }, (_, i) => `bench-${tag}-${String(i).padStart(3, "0")}`);
  if (!KEEP)
    cleanups.push({
      label: "delete bench namespaces",
      run: async () => {
        await kubectl(["delete", "namespace", "-l", `berth-bench=${tag}`, "--wait=false"]).catch(() => "");
        console.log("bench namespaces deleted (the cluster removes their pods in the background)");
      },
    });
  if (REUSE) {
    console.log(`reusing the pods of tag ${tag}`);
    return names;
  }
  cleanups.push({ label: "close the API agent", run: () => agent.destroy() });
  const t0 = performance.now();
  await pool(names, 8, (ns) =>
    create("/api/v1/namespaces", {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: ns, labels: { "berth-bench": tag } },
    }),
  );
  const pods = names.flatMap((ns) =>
    Array.from({ length: PER_NS }, (_, j) => pod(ns, `p-${String(j).padStart(4, "0")}`)),
  );
  let done = 0;
  // Parallel POSTs straight to the API server: kubectl apply sends one object at a time.
  await pool(pods, CREATE_WIDTH, async (p) => {
    await create(`/api/v1/namespaces/${p.metadata.namespace}/pods`, p);
    if (++done % 2000 === 0) console.log(`  ${done} pods, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  });
  console.log(
    `created ${pods.length} pods in ${NAMESPACES} namespaces in ${((performance.now() - t0) / 1000).toFixed(1)} s (${CREATE_WIDTH} creates in flight)`,
  );
  if (KEEP)
    console.log(`kept: run again with BENCH_REUSE=${tag} (and delete with kubectl delete ns -l berth-bench=${tag})`);
  return names;
}

/** The bench's own watch on all pods: when each ADDED/DELETED event for a name reaches this process (Date.now()). */
function watchPods(rv: string) {
  const seen = new Map<string, number>();
  const req = https.request(
    {
      host: server.hostname,
      port: server.port,
      path: `/api/v1/pods?watch=1&resourceVersion=${rv}&labelSelector=berth-bench-probe%3D${tag}`,
      headers: { Authorization: `Bearer ${token}` },
      ca,
    },
    (res) => {
      let buf = "";
      res.on("data", (c: Buffer) => {
        buf += c.toString("utf8");
        for (let i = buf.indexOf("\n"); i >= 0; i = buf.indexOf("\n")) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 1);
          try {
            const ev = JSON.parse(line) as { type: string; object: { metadata: { name: string } } };
            seen.set(`${ev.type}:${ev.object.metadata.name}`, Date.now());
          } catch {
            // a partial line
          }
        }
      });
    },
  );
  req.end();
  cleanups.push({ label: "close the bench watch", run: () => void req.destroy() });
  return seen;
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-bench-k8s-"));
  cleanups.push({ label: "remove temp dir", run: () => fs.rmSync(tmp, { recursive: true, force: true }) });
  const names = await makePods();
  const probeNs = names[0]!;

  const kc: number[] = [];
  let kubectlLines = 0;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    kubectlLines = (await kubectl(["get", "pods", "-A"])).trim().split("\n").length - 1;
    kc.push(performance.now() - t);
    console.log(`kubectl get pods -A: ${kubectlLines} pods in ${kc.at(-1)!.toFixed(0)} ms`);
  }

  const password = randomBytes(12).toString("hex");
  const { child, base } = await startBerth(tmp, password);
  const session = await signIn(base, "admin", password);
  const add = await fetch(`${base}/api/v1/endpoints`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: `next-auth.session-token=${session}`, origin: base },
    body: JSON.stringify({ name: "bench", connection: { mode: "token", server: server.href, token, ca } }),
  });
  if (!add.ok) throw new Error(`could not add the cluster: ${add.status} ${await add.text()}`);
  const endpointId = ((await add.json()) as { id: string }).id;

  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"],
  });
  cleanups.push({ label: "close Chromium", run: () => browser.close() });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addCookies([{ name: "next-auth.session-token", value: session, url: base }]);
  const page = await context.newPage();
  const url = `${base}/endpoints/${encodeURIComponent(endpointId)}/k8s/pods`;
  const total = NAMESPACES * PER_NS;

  /** Opens the all-pods list; ms to the first rendered row and to the whole list counted live. */
  const open = async () => {
    const t0 = Date.now();
    await page.goto(url);
    await page.locator("table tbody th").first().waitFor({ timeout: 300_000 });
    const first = Date.now() - t0;
    await page
      .getByRole("status")
      .filter({ hasText: /pods, live/ })
      .waitFor({ timeout: 300_000 });
    // At least the bench's pods: the cluster may hold a few others (the rig's own, other tests').
    await page.waitForFunction((n) => Number(/(\d+) pods, live/.exec(document.body.innerText)?.[1] ?? 0) >= n, total, {
      timeout: 300_000,
    });
    return { first, all: Date.now() - t0 };
  };
  const cold = await open();
  console.log(`cold: first row ${cold.first} ms, all counted ${cold.all} ms`);
  const berthPids = [...processTree(child.pid!)];
  const rss = () => berthPids.reduce((sum, pid) => sum + rssMiB(pid), 0);
  const rssListed = rss();
  const warm = await open();
  console.log(`warm: first row ${warm.first} ms, all counted ${warm.all} ms; RSS listed ${rssListed.toFixed(0)} MiB`);

  // Watch -> browser: bench pods named to sort first appear and go while all pods are listed.
  const rv = JSON.parse(await kubectl(["get", "--raw", "/api/v1/pods?limit=1"])).metadata.resourceVersion as string;
  const seen = watchPods(rv);
  // A string, not a function: tsx would wrap named inner functions in a helper the page does not have.
  await page.evaluate(`(() => {
    const w = window;
    w.__rows = new Map();
    function mark() {
      const now = Date.now();
      const names = new Set([...document.querySelectorAll("table tbody th")].map((th) => th.textContent || ""));
      for (const n of names) if (!w.__rows.has("in:" + n)) w.__rows.set("in:" + n, now);
      for (const k of [...w.__rows.keys()])
        if (k.startsWith("in:") && !names.has(k.slice(3)) && !w.__rows.has("out:" + k.slice(3)))
          w.__rows.set("out:" + k.slice(3), now);
    }
    new MutationObserver(mark).observe(document.querySelector("table tbody"), { childList: true, subtree: true });
    mark();
  })()`);
  const addLat: number[] = [];
  const delLat: number[] = [];
  for (let i = 0; i < CHANGES; i++) {
    const name = `aaaa-probe-${String(i).padStart(3, "0")}`;
    const p = pod(probeNs, name);
    p.metadata.labels = { ...p.metadata.labels, "berth-bench-probe": tag };
    await kubectl(["apply", "-f", "-"], JSON.stringify(p));
    const rows = async () =>
      new Map(await page.evaluate(() => [...(window as unknown as { __rows: Map<string, number> }).__rows]));
    const until = Date.now() + 30_000;
    while (Date.now() < until && !((await rows()).has(`in:${name}`) && seen.has(`ADDED:${name}`))) await sleep(50);
    const r1 = await rows();
    if (r1.has(`in:${name}`) && seen.has(`ADDED:${name}`))
      addLat.push(r1.get(`in:${name}`)! - seen.get(`ADDED:${name}`)!);
    await kubectl(["-n", probeNs, "delete", "pod", name, "--grace-period=0", "--force"]).catch(() => "");
    const until2 = Date.now() + 30_000;
    while (Date.now() < until2 && !((await rows()).has(`out:${name}`) && seen.has(`DELETED:${name}`))) await sleep(50);
    const r2 = await rows();
    if (r2.has(`out:${name}`) && seen.has(`DELETED:${name}`))
      delLat.push(r2.get(`out:${name}`)! - seen.get(`DELETED:${name}`)!);
  }
  const rssEnd = rss();

  console.log(`\nKubernetes bench: ${total} Pending pods in ${NAMESPACES} namespaces (Chromium ${browser.version()})`);
  console.log(`kubectl get pods -A: ${kubectlLines} pods listed; ${kc.map((x) => `${x.toFixed(0)} ms`).join(", ")}`);
  console.log(
    `Berth all-pods list, cold (informer lists ${total} pods): first row ${cold.first} ms; all ${total} counted live ${cold.all} ms`,
  );
  console.log(
    `Berth all-pods list, warm (shared informer live):       first row ${warm.first} ms; all counted live ${warm.all} ms`,
  );
  console.log(
    `Berth RSS (process tree): ${rssListed.toFixed(0)} MiB with all pods listed, ${rssEnd.toFixed(0)} MiB at the end`,
  );
  console.log(`watch event -> row in the browser: added ${stats(addLat)}; deleted ${stats(delLat)}`);
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => runCleanups());
