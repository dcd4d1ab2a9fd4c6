import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Diff } from "@/lib/domain";
import type { DeploymentRow, KubeRow, PodRow } from "@/lib/kube-types";
import {
  adminClient,
  busyboxDeployment,
  kubectl,
  kubectlJson,
  kubeRigError,
  quietLog,
  rig,
  uniqueNs,
  waitFor,
} from "@/test-support/kube-test-rig";
import { Informer } from "./informer";
import { InformerPool, type RowSink } from "./informer-pool";
import type { KubeClient } from "./kube-client";
import { RESOURCE_DEFS, resourcePath } from "./resources";

// The informer against the rig's real API server; kubectl is the reference: what it sees, the store holds.

const NS = uniqueNs("inf");
let client: KubeClient;
const informers: Informer<KubeRow>[] = [];

function podInformer(ns: string) {
  const inf = new Informer<KubeRow>({
    client,
    path: resourcePath(RESOURCE_DEFS.pods, "v1", ns),
    map: RESOURCE_DEFS.pods.map,
  });
  informers.push(inf);
  return inf;
}

beforeAll(async () => {
  if (kubeRigError) throw kubeRigError;
  client = adminClient();
  await kubectl(["create", "namespace", NS]);
  await kubectl(["apply", "-f", "-"], busyboxDeployment(NS, "web", 2));
});

afterAll(async () => {
  for (const i of informers) i.stop();
  client?.close();
  await kubectl(["delete", "namespace", NS, "--wait=false"]).catch(() => {});
});

describe("informer (list, then watch from the resourceVersion)", () => {
  it("holds the pods kubectl lists, with kubectl's READY and STATUS", async () => {
    const inf = podInformer(NS);
    inf.start();
    await inf.whenSynced();
    expect(inf.state).toEqual({ synced: true, error: null });
    // Both replicas running, as kubectl reports them.
    await waitFor("two running pods", () => {
      const rows = [...inf.rows.values()] as PodRow[];
      return rows.length === 2 && rows.every((p) => p.status === "Running" && p.ready === "1/1");
    });
    const ref = await kubectlJson(["-n", NS, "get", "pods"]);
    expect([...inf.rows.keys()].sort()).toEqual(ref.items.map((p) => `${NS}/${p.metadata.name}`).sort());
    const pod = [...inf.rows.values()][0] as PodRow;
    expect(pod.node).toBe(process.env.BERTH_TEST_KUBE_NODE);
    expect(pod.owners[0]?.kind).toBe("ReplicaSet");
  });

  it("drops a pod deleted with kubectl, live (a diff), and adds its replacement", async () => {
    const inf = podInformer(NS);
    const diffs: Diff<KubeRow>[] = [];
    inf.on("diff", (d) => diffs.push(d));
    inf.start();
    await inf.whenSynced();
    await waitFor("two pods", () => inf.rows.size === 2);
    const victim = [...inf.rows.values()][0]!;
    const listsBefore = inf.stats.lists;
    await kubectl(["-n", NS, "delete", "pod", victim.name, "--wait=false"]);
    // Subscribers learn it from a diff (sent within tens of ms of the watch event).
    await waitFor("a diff removing the victim", () => diffs.some((d) => d.remove.includes(victim.id)));
    expect(inf.rows.has(victim.id)).toBe(false);
    // The ReplicaSet makes a new one: it arrives as an upsert, without a re-list.
    await waitFor("a replacement", () => [...inf.rows.keys()].some((k) => k !== victim.id && !k.endsWith(victim.name)));
    expect(inf.stats.lists).toBe(listsBefore);
  });

  it("sends the first list page by page, before the whole list is in", async () => {
    // One pod per page: each page is a diff of its own, emitted while the informer is not yet synced.
    const inf = new Informer<KubeRow>({
      client,
      path: resourcePath(RESOURCE_DEFS.pods, "v1", NS),
      map: RESOURCE_DEFS.pods.map,
      pageSize: 1,
    });
    informers.push(inf);
    const early: number[] = [];
    inf.on("diff", (d) => {
      if (!inf.state.synced) early.push(d.upsert.length);
    });
    inf.start();
    await inf.whenSynced();
    expect(inf.rows.size).toBeGreaterThanOrEqual(2);
    expect(early.length).toBe(inf.rows.size);
    expect(early.every((n) => n === 1)).toBe(true);
  });

  it("says Forbidden for a namespace the credentials may not list", async () => {
    const { KubeClient: Client } = await import("./kube-client");
    const { kubeConfigFor } = await import("./kube-config");
    const limited = new Client(kubeConfigFor(rig.server, { token: rig.limitedToken, ca: rig.ca }));
    const inf = new Informer<KubeRow>({
      client: limited,
      path: resourcePath(RESOURCE_DEFS.pods, "v1", NS),
      map: RESOURCE_DEFS.pods.map,
    });
    informers.push(inf);
    inf.start();
    await inf.whenSynced();
    expect(inf.state.synced).toBe(false);
    expect(inf.state.error).toMatch(/Forbidden \(403\).*cannot list resource "pods".*namespace/);
    limited.close();
  });
});

describe("informer pool (one informer per resource and scope, ref-counted)", () => {
  it("shares one informer between subscribers and stops it after the last one left", async () => {
    const store = new Map<string, KubeRow>();
    const sink: RowSink = {
      apply: (d) => {
        for (const r of d.upsert) store.set(r.id, r);
        for (const id of d.remove) store.delete(id);
      },
    };
    const pool = new InformerPool(
      client,
      () => sink,
      () => undefined,
      quietLog,
      undefined,
      200,
    );
    const a = pool.acquire("deployments", NS);
    const b = pool.acquire("deployments", NS);
    expect(a).toBe(b);
    expect(pool.refs().get(`deployments|${NS}`)).toBe(2);
    await a.whenSynced();
    await waitFor(
      "the deployment in the store",
      () => (store.get(`${NS}/web`) as DeploymentRow | undefined)?.ready === "2/2",
    );
    // What kubectl prints: READY 2/2, UP-TO-DATE 2, AVAILABLE 2.
    const out = await kubectl(["-n", NS, "get", "deploy", "web", "--no-headers"]);
    const [, ready, upToDate, available] = out.trim().split(/\s+/);
    const row = store.get(`${NS}/web`) as DeploymentRow;
    expect([row.ready, String(row.upToDate), String(row.available)]).toEqual([ready, upToDate, available]);
    pool.release("deployments", NS);
    pool.release("deployments", NS);
    await waitFor("the informer gone after the linger", () => !pool.refs().has(`deployments|${NS}`), 5_000);
    expect(store.has(`${NS}/web`)).toBe(false);
    pool.stopAll();
  });
});

describe("informer pool into a keyed store", () => {
  it("puts a list into the store as one diff, not one per row (each diff is a socket message to every viewer)", async () => {
    const { KeyedStore } = await import("../keyed-store");
    const store = new KeyedStore<KubeRow>("k8s-pods", (r) => r.id);
    const diffs: Diff<KubeRow>[] = [];
    store.on("diff", (d) => diffs.push(d));
    const pool = new InformerPool(
      client,
      () => store,
      () => undefined,
      quietLog,
      undefined,
      200,
    );
    const inf = pool.acquire("pods", NS);
    await inf.whenSynced();
    expect(store.size).toBeGreaterThanOrEqual(2);
    expect(diffs.length).toBe(1);
    expect(diffs[0]?.upsert.length).toBe(store.size);
    pool.release("pods", NS);
    // Gone after the linger: the rows leave the store in one diff too.
    const held = store.size;
    const before = diffs.length;
    await waitFor("the rows gone", () => store.size === 0, 5_000);
    expect(diffs.length).toBe(before + 1);
    expect(diffs.at(-1)?.remove.length).toBe(held);
    pool.stopAll();
  });
});

describe("API server restart", () => {
  // A 1.20 API server starts its watch cache afresh: a watch from an older version may get 410 Gone, and then the
  // informer lists once more. Either way subscribers only ever get diffs: the store is never emptied or resent.
  it("resumes after an API server restart with at most one re-list, subscribers seeing only diffs", async () => {
    expect(rig.ctl, "BERTH_TEST_KUBE_CTL").not.toBe("");
    const inf = podInformer(NS);
    inf.start();
    await inf.whenSynced();
    const lists = inf.stats.lists;
    const watches = inf.stats.watches;
    let removed = 0;
    let upserts = 0;
    inf.on("diff", (d) => {
      removed += d.remove.length;
      upserts += d.upsert.length;
    });
    await promisify(execFile)("bash", [rig.ctl, "restart-apiserver"], { timeout: 120_000 });
    // A change made after the restart still arrives, through a new watch, not a new list.
    await kubectl(["-n", NS, "label", "deploy", "web", "restarted=yes"]);
    await kubectl(["-n", NS, "scale", "deploy", "web", "--replicas=3"]);
    await waitFor("three pods after the restart", () => inf.rows.size === 3, 90_000);
    expect(inf.stats.watches).toBeGreaterThan(watches);
    expect(inf.stats.lists).toBeLessThanOrEqual(lists + 1);
    expect(removed).toBe(0);
    // The new pod and the status changes of the rollout, not every pod again and again.
    expect(upserts).toBeLessThan(40);
  }, 180_000);
});
