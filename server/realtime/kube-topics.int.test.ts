import { eq } from "drizzle-orm";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertEndpoint } from "@/db/queries";
import { kubeLogsTopic } from "@/lib/kube-logs";
import type { LogBatch, LogSnapshot } from "@/lib/log-options";
import { logStream } from "@/server/hub/container-hubs";
import { deleteStatusPage } from "@/server/services/status-pages/delete-status-page";
import { listStatusSources } from "@/server/services/status-pages/list-status-pages";
import { createStatusPage } from "@/server/services/status-pages/save-status-page";
import { busyboxDeployment, kubectl, kubeRigError, rig, uniqueNs, waitFor } from "@/test-support/kube-test-rig";
import { ask, type Harness, startHarness } from "@/test-support/workbench-harness";

// Live Kubernetes topics through the real gateway against the rig's cluster: namespace grants decide which store
// and log topics a viewer may hold (and drop them when the grant narrows); pod and workload logs follow live through
// the shared log streams, one upstream however many viewers.

const DOCKER_HOST = process.env.BERTH_TEST_DOCKER_HOST ?? "";
if (!DOCKER_HOST) throw new Error("BERTH_TEST_DOCKER_HOST not set: start the rig and source its env");
const KUBE = "kube";
const A = uniqueNs("ta");
const B = uniqueNs("tb");
let h: Harness;

type SubReply<T> = { ok: boolean; snapshot?: T; error?: string };

beforeAll(async () => {
  if (kubeRigError) throw kubeRigError;
  h = await startHarness(DOCKER_HOST);
  const now = Date.now();
  const secret = h.rt.secrets.seal(JSON.stringify({ token: rig.token, ca: rig.ca }));
  const row = { id: KUBE, name: KUBE, kind: "kubernetes", url: rig.server, secret, createdAt: now };
  await insertEndpoint(h.rt.db, row);
  // The harness's viewer (team-v) may read namespace A of the cluster, and nothing else there.
  await h.rt.db.db
    .insert(h.rt.db.t.grants)
    .values({ teamId: "team-v", endpointId: KUBE, role: "viewer", namespaces: JSON.stringify([A]) });
  h.rt.endpoints.add(row);
  await waitFor("cluster up", () => h.rt.endpoints.view(KUBE)?.health.state === "up", 30_000);
  for (const ns of [A, B]) await kubectl(["create", "namespace", ns]);
  await kubectl(["apply", "-f", "-"], busyboxDeployment(A, "web", 2));
  await kubectl(["apply", "-f", "-"], busyboxDeployment(B, "web", 1));
}, 120_000);

afterAll(async () => {
  for (const ns of [A, B]) await kubectl(["delete", "namespace", ns, "--wait=false"]).catch(() => "");
  await h?.close();
});

const running = async (ns: string) =>
  (
    await kubectl([
      "-n",
      ns,
      "get",
      "pods",
      "-l",
      "app=web",
      "--field-selector=status.phase=Running",
      "-o",
      "jsonpath={.items[*].metadata.name}",
    ])
  )
    .split(/\s+/)
    .filter(Boolean);

/** Collects the text of every log batch a socket gets for one topic. */
function collect(socket: Socket, topic: string): string[] {
  const seen: string[] = [];
  socket.on("logs:state", (m: { topic: string; state: string; error?: string }) => {
    if (m.topic === topic && m.state === "error") console.warn(`log stream ${topic}: ${m.error}`);
  });
  socket.on("logs", (b: LogBatch) => {
    if (b.topic === topic) for (const l of b.lines) seen.push(l.text);
  });
  return seen;
}

describe("namespace grants on live topics", () => {
  it("a viewer limited to one namespace holds its topics only, never all namespaces or nodes", async () => {
    const viewer = await h.connect("viewer");
    const ok = await ask<SubReply<{ name: string }[]>>(viewer, "subscribe", `endpoint:${KUBE}:ns:${A}:k8s-deployments`);
    expect(ok.ok, ok.error).toBe(true);
    for (const t of [
      `endpoint:${KUBE}:ns:${B}:k8s-deployments`,
      `endpoint:${KUBE}:k8s-deployments`,
      `endpoint:${KUBE}:k8s-nodes`,
      `endpoint:${KUBE}:k8s-namespaces`,
      kubeLogsTopic(
        KUBE,
        { namespace: B, kind: "deployments", name: "web", container: "*", previous: false },
        {
          tail: 10,
          since: "all",
          timestamps: false,
        },
      ),
    ])
      expect((await ask<SubReply<unknown>>(viewer, "subscribe", t)).ok, t).toBe(false);
    viewer.close();
  });

  it("narrowing the grant drops the open subscription within the re-check", async () => {
    const viewer = await h.connect("viewer");
    const topic = `endpoint:${KUBE}:ns:${A}:k8s-pods`;
    expect((await ask<SubReply<unknown>>(viewer, "subscribe", topic)).ok).toBe(true);
    const revoked = new Promise<unknown>((resolve) => viewer.on("revoked", resolve));
    const { db, t } = h.rt.db;
    await db
      .update(t.grants)
      .set({ namespaces: JSON.stringify([B]) })
      .where(eq(t.grants.endpointId, KUBE));
    try {
      expect(await revoked).toEqual({ topic });
      expect((await ask<SubReply<unknown>>(viewer, "subscribe", `endpoint:${KUBE}:ns:${B}:k8s-pods`)).ok).toBe(true);
    } finally {
      await db
        .update(t.grants)
        .set({ namespaces: JSON.stringify([A]) })
        .where(eq(t.grants.endpointId, KUBE));
      viewer.close();
    }
  }, 20_000);
});

describe("followed logs", () => {
  it("merges a workload's pods, labelled, live; viewers share one upstream; search works on the backlog", async () => {
    const pods = await waitFor(
      "2 running pods in A",
      async () => ((await running(A)).length === 2 ? running(A) : null),
      90_000,
    );
    // Let each pod write a few lines before the stream opens.
    await new Promise((r) => setTimeout(r, 2_000));
    const ref = { namespace: A, kind: "deployments" as const, name: "web", container: "*", previous: false };
    const topic = kubeLogsTopic(KUBE, ref, { tail: 5, since: "all", timestamps: true });
    const viewer = await h.connect("viewer");
    const admin = await h.connect("admin");
    const seenV = collect(viewer, topic);
    expect((await ask<SubReply<LogSnapshot>>(viewer, "subscribe", topic)).ok).toBe(true);
    const snapA = await ask<SubReply<LogSnapshot>>(admin, "subscribe", topic);
    expect(snapA.ok).toBe(true);
    for (const pod of pods)
      await waitFor(`lines of ${pod}`, () => seenV.some((l) => l.startsWith(`[${pod}/main] tick`)), 30_000);
    // Live: a line written after the stream opened arrives (tail 5 gave at most 5 old lines per pod).
    const max = () => Math.max(...seenV.map((l) => Number(/tick (\d+)/.exec(l)?.[1] ?? -1)));
    const first = max();
    await waitFor("a newer line", () => max() > first, 15_000);
    expect(logStream(topic)?.opened).toBe(1);
    const found = await ask<{ ok: boolean; result?: { total: number } }>(viewer, "logs:search", {
      topic,
      query: `[${pods[0]}/main]`,
      regex: false,
      caseSensitive: true,
    });
    expect(found.ok).toBe(true);
    expect(found.result!.total).toBeGreaterThan(0);
    viewer.close();
    admin.close();
  }, 150_000);

  it("adds the pods a workload starts after its merged stream opened (a scale-up), on the same upstream", async () => {
    await kubectl(["apply", "-f", "-"], busyboxDeployment(B, "grow", 1));
    const pods = async () =>
      (
        await kubectl([
          "-n",
          B,
          "get",
          "pods",
          "-l",
          "app=grow",
          "--field-selector=status.phase=Running",
          "-o",
          "jsonpath={.items[*].metadata.name}",
        ])
      )
        .split(/\s+/)
        .filter(Boolean);
    const [first] = await waitFor("1 running pod", async () => ((await pods()).length === 1 ? pods() : null), 90_000);
    const ref = { namespace: B, kind: "deployments" as const, name: "grow", container: "*", previous: false };
    const topic = kubeLogsTopic(KUBE, ref, { tail: 5, since: "all", timestamps: false });
    const admin = await h.connect("admin");
    const seen = collect(admin, topic);
    expect((await ask<SubReply<LogSnapshot>>(admin, "subscribe", topic)).ok).toBe(true);
    await waitFor(`lines of ${first}`, () => seen.some((l) => l.startsWith(`[${first}/main] tick`)), 30_000);
    await kubectl(["-n", B, "scale", "deployment/grow", "--replicas=2"]);
    const added = await waitFor(
      "a second running pod",
      async () => (await pods()).find((p) => p !== first) ?? null,
      90_000,
    );
    // Its first line (tick 0) too: a pod that joins later is read from its start.
    await waitFor(`lines of ${added}`, () => seen.includes(`[${added}/main] tick 0`), 30_000);
    expect(logStream(topic)?.opened).toBe(1);
    admin.close();
  }, 240_000);

  it("reads an init container's output and the previous instance of a restarted container", async () => {
    const pod = `apiVersion: v1
kind: Pod
metadata: { name: crashy, namespace: ${A} }
spec:
  terminationGracePeriodSeconds: 1
  initContainers:
    - { name: setup, image: ${rig.image}, imagePullPolicy: Never, command: ["/bin/sh", "-c", "echo init-done"] }
  containers:
    - name: main
      image: ${rig.image}
      imagePullPolicy: Never
      command: ["/bin/sh", "-c", "echo run-$(cat /proc/sys/kernel/random/uuid); echo bye; sleep 20; exit 1"]
`;
    await kubectl(["apply", "-f", "-"], pod);
    await waitFor(
      "a restart",
      async () =>
        Number(
          await kubectl([
            "-n",
            A,
            "get",
            "pod",
            "crashy",
            "-o",
            "jsonpath={.status.containerStatuses[0].restartCount}",
          ]),
        ) >= 1,
      120_000,
    );
    // Read while the new instance runs (the kubelet drops a dead instance's log once another one dies).
    const current = (await kubectl(["-n", A, "logs", "crashy"])).split("\n")[0];
    const admin = await h.connect("admin");
    const opts = { tail: 100, since: "all", timestamps: false } as const;
    const base = { namespace: A, kind: "pods" as const, name: "crashy" };
    const read = async (container: string, previous: boolean, last: string) => {
      const topic = kubeLogsTopic(KUBE, { ...base, container, previous }, opts);
      const seen = collect(admin, topic);
      expect((await ask<SubReply<LogSnapshot>>(admin, "subscribe", topic)).ok).toBe(true);
      await waitFor(`${container} ${previous ? "previous" : "current"} output`, () => seen.includes(last), 30_000);
      return seen;
    };
    expect(await read("setup", false, "init-done")).toEqual(["init-done"]);
    const prev = await read("main", true, "bye");
    const run = prev.find((l) => l.startsWith("run-"));
    // The previous instance's run id, not the running one's.
    expect(run).toBeTruthy();
    expect(run).not.toBe(current);
    admin.close();
  }, 180_000);
});

describe("console in a pod", () => {
  it("runs a TTY over the exec websocket: output, resize, the exit code; a viewer is refused", async () => {
    const [pod] = await waitFor(
      "a running pod in A",
      async () => ((await running(A)).length ? running(A) : null),
      90_000,
    );
    const admin = await h.connect("admin");
    let out = "";
    admin.on("exec:output", (m: { data: string }) => {
      out += m.data;
    });
    const exited = new Promise<unknown>((resolve) => admin.on("exec:exit", resolve));
    const start = { endpointId: KUBE, namespace: A, pod, container: "main", shell: "sh", cols: 80, rows: 24 };
    const r = await ask<{ ok: boolean; id?: string; error?: string }>(admin, "exec:start", start);
    expect(r.ok, r.error).toBe(true);
    await ask(admin, "exec:input", { id: r.id, data: "stty size\n" });
    await waitFor("the first size", () => out.includes("24 80"), 15_000);
    await ask(admin, "exec:resize", { id: r.id, cols: 101, rows: 33 });
    await ask(admin, "exec:input", { id: r.id, data: "stty size\n" });
    await waitFor("the new size", () => out.includes("33 101"), 15_000);
    await ask(admin, "exec:input", { id: r.id, data: "exit 3\n" });
    expect(await exited).toEqual({ id: r.id, code: 3 });
    admin.close();
    const viewer = await h.connect("viewer");
    const refused = await ask<{ ok: boolean; error?: string }>(viewer, "exec:start", start);
    expect(refused.ok).toBe(false);
    viewer.close();
  }, 120_000);
});

describe("custom resources", () => {
  it("lists a CRD's objects live with its printer columns, in the viewer's namespace only", async () => {
    const plural = `berthwidgets${Date.now().toString(36)}`;
    const crdName = `${plural}.bench.berth.test`;
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: ${crdName} }
spec:
  group: bench.berth.test
  scope: Namespaced
  names: { plural: ${plural}, singular: w${plural}, kind: BerthWidget${Date.now().toString(36)} }
  versions:
    - name: v1
      served: true
      storage: true
      schema: { openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true } }
      additionalPrinterColumns:
        - { name: Size, type: integer, jsonPath: .spec.size }
        - { name: Color, type: string, jsonPath: .spec.color }
`;
    await kubectl(["apply", "-f", "-"], crd);
    try {
      await kubectl(["wait", "--for=condition=Established", `crd/${crdName}`, "--timeout=60s"]);
      const kind = (await kubectl(["get", "crd", crdName, "-o", "jsonpath={.spec.names.kind}"])).trim();
      const obj = (size: number) =>
        `apiVersion: bench.berth.test/v1\nkind: ${kind}\nmetadata: { name: w1, namespace: ${A} }\nspec: { size: ${size}, color: blue }\n`;
      await kubectl(["apply", "-f", "-"], obj(3));
      const viewer = await h.connect("viewer");
      const topic = `endpoint:${KUBE}:ns:${A}:k8scr:${crdName}`;
      const rows = new Map<string, { cells: string[] }>();
      viewer.on("diff", (m: { topic: string; diff: { upsert: { id: string; cells: string[] }[] } }) => {
        if (m.topic === topic) for (const r of m.diff.upsert) rows.set(r.id, r);
      });
      expect((await ask<SubReply<unknown>>(viewer, "subscribe", topic)).ok).toBe(true);
      await waitFor("the row", () => rows.get(`${A}/w1`)?.cells.join(",") === "3,blue", 30_000);
      await kubectl(["apply", "-f", "-"], obj(7));
      await waitFor("the change", () => rows.get(`${A}/w1`)?.cells[0] === "7", 30_000);
      expect((await ask<SubReply<unknown>>(viewer, "subscribe", `endpoint:${KUBE}:ns:-:k8scr:${crdName}`)).ok).toBe(
        false,
      );
      viewer.close();
    } finally {
      await kubectl(["delete", "crd", crdName, "--wait=false"]).catch(() => "");
    }
  }, 120_000);
});

describe("status pages", () => {
  it("show a Deployment up while its ready replicas reach the desired count, down otherwise", async () => {
    const adminActor = { id: "u-admin", username: "admin", isAdmin: true, grants: {} };
    const gate = (selector: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: gate, namespace: ${A} }
spec:
  replicas: 1
  selector: { matchLabels: { app: gate } }
  template:
    metadata: { labels: { app: gate } }
    spec:
      terminationGracePeriodSeconds: 1
      ${selector}
      containers: [{ name: main, image: ${rig.image}, imagePullPolicy: Never, command: ["/bin/sh", "-c", "sleep 3600"] }]
`;
    await kubectl(["apply", "-f", "-"], gate('nodeSelector: { "berth-test/none": "true" }'));
    await h.rt.status.start();
    const page = await createStatusPage(adminActor, {
      slug: `kube-${Date.now().toString(36)}`,
      title: "Cluster",
      items: [{ endpointId: KUBE, kind: "deployment", ref: `${A}/gate`, displayName: "Gate" }],
    });
    const key = `${KUBE}/deployment/${A}/gate`;
    try {
      await waitFor("down (0 of 1 ready)", () => h.rt.status.live(key)?.state === "down", 30_000);
      expect(listStatusSources(adminActor).find((s) => s.id === KUBE)?.deployments).toContain(`${A}/gate`);
      await kubectl(["apply", "-f", "-"], gate(""));
      await waitFor("up (1 of 1 ready)", () => h.rt.status.live(key)?.state === "up", 90_000);
    } finally {
      await deleteStatusPage(adminActor, page.id);
      await h.rt.status.stop();
    }
  }, 150_000);
});
