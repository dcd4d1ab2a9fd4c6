import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain";
import { loadConfig } from "@/server/config";
import { createRuntime, type Runtime } from "@/server/runtime";
import {
  busyboxDeployment,
  kubectl,
  kubectlJson,
  kubeRigError,
  rig,
  uniqueNs,
  waitFor,
} from "@/test-support/kube-test-rig";
import { createJobFromCronJob } from "./create-job-from-cronjob";
import { getKubeObject } from "./get-kube-object";

// Children on detail pages against the rig's real cluster: what kubectl finds by owner and selector, Berth lists.

const NS = uniqueNs("kids");
const EP = "k8s-kids";
const viewer: Actor = { id: "viewer-id", username: "viewer", isAdmin: false, grants: { [EP]: "viewer" } };
const operator: Actor = { id: "op-id", username: "op", isAdmin: false, grants: { [EP]: "operator" } };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-k8s-kids-"));
let rt: Runtime;

type Obj = { metadata: { name: string; uid: string; ownerReferences?: { uid: string }[] } };
const names = (items: Obj[]) => items.map((o) => o.metadata.name).sort();
const detail = (resource: "deployments" | "replicasets" | "services" | "cronjobs" | "jobs", name: string) =>
  getKubeObject(viewer, { endpointId: EP, resource, namespace: NS, name });

beforeAll(async () => {
  if (kubeRigError) throw kubeRigError;
  rt = await createRuntime(
    loadConfig({ BERTH_DATA_DIR: tmp, NEXTAUTH_SECRET: "x", LOG_LEVEL: "silent", NODE_ENV: "test" }),
  );
  const secret = rt.secrets.seal(JSON.stringify({ token: rig.token, ca: rig.ca }));
  rt.endpoints.add({ id: EP, name: EP, kind: "kubernetes", url: rig.server, secret, createdAt: Date.now() });
  await waitFor("endpoint up", () => rt.endpoints.view(EP)?.health.state === "up");
  await kubectl(["create", "namespace", NS]);
  await kubectl(["apply", "-f", "-"], busyboxDeployment(NS, "web", 2));
  // Another workload in the namespace: its pods are nobody's children here.
  await kubectl(["apply", "-f", "-"], busyboxDeployment(NS, "other", 1));
  await kubectl(["-n", NS, "create", "service", "clusterip", "web", "--tcp=80:80"]);
  await kubectl(["-n", NS, "rollout", "status", "deploy/web", "--timeout=120s"]);
}, 180_000);

afterAll(async () => {
  await kubectl(["delete", "namespace", NS, "--wait=false"]).catch(() => "");
  rt?.endpoints.stopAll();
  await rt?.db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("children on detail pages", () => {
  it("a Deployment: its ReplicaSet and that ReplicaSet's pods, as kubectl finds them by owner", async () => {
    const dep = await kubectlJson<Obj>(["-n", NS, "get", "deploy", "web"]);
    const sets = (await kubectlJson<{ items: Obj[] }>(["-n", NS, "get", "rs"])).items.filter((r) =>
      r.metadata.ownerReferences?.some((o) => o.uid === dep.metadata.uid),
    );
    const setUids = new Set(sets.map((r) => r.metadata.uid));
    const pods = (await kubectlJson<{ items: Obj[] }>(["-n", NS, "get", "pods"])).items.filter((p) =>
      p.metadata.ownerReferences?.some((o) => setUids.has(o.uid)),
    );
    expect(pods).toHaveLength(2);
    const d = await detail("deployments", "web");
    expect(d.children.filter((c) => c.kind === "ReplicaSet").map((c) => c.name)).toEqual(names(sets));
    expect(d.children.filter((c) => c.kind === "Pod").map((c) => c.name)).toEqual(names(pods));
    expect(d.children.find((c) => c.kind === "Pod")?.status).toMatch(/^Running, 1\/1 ready$/);
    expect(d.children.find((c) => c.kind === "ReplicaSet")?.status).toBe("2/2 ready");

    const rs = await detail("replicasets", sets[0]!.metadata.name);
    expect(rs.children.map((c) => `${c.kind}/${c.name}`)).toEqual(names(pods).map((n) => `Pod/${n}`));
  });

  it("a Service: the pods its selector picks (the other Deployment's pods are not among them)", async () => {
    await kubectl(["-n", NS, "set", "selector", "service", "web", "app=web"]);
    const picked = await kubectlJson<{ items: Obj[] }>(["-n", NS, "get", "pods", "-l", "app=web"]);
    const s = await detail("services", "web");
    expect(s.children.map((c) => c.name)).toEqual(names(picked.items));
    expect(s.children.every((c) => c.kind === "Pod" && !c.name.startsWith("other-"))).toBe(true);
  });

  it("a CronJob: the Jobs it owns; a Job: its pod", async () => {
    await kubectl(
      ["apply", "-f", "-"],
      `apiVersion: batch/v1beta1
kind: CronJob
metadata: { name: nightly, namespace: ${NS} }
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{ name: main, image: ${rig.image}, imagePullPolicy: Never, command: ["/bin/sh", "-c", "echo ran"] }]
`,
    );
    expect((await detail("cronjobs", "nightly")).children).toEqual([]);
    const { job } = await createJobFromCronJob(operator, { endpointId: EP, namespace: NS, name: "nightly" });
    const cj = await detail("cronjobs", "nightly");
    expect(cj.children.map((c) => `${c.kind}/${c.name}`)).toEqual([`Job/${job}`]);
    await waitFor("the job's pod", async () => {
      const pods = await kubectlJson<{ items: Obj[] }>(["-n", NS, "get", "pods", "-l", `job-name=${job}`]);
      return pods.items.length === 1;
    });
    const pod = (await kubectlJson<{ items: Obj[] }>(["-n", NS, "get", "pods", "-l", `job-name=${job}`])).items[0]!;
    const j = await detail("jobs", job);
    expect(j.children.map((c) => `${c.kind}/${c.name}`)).toEqual([`Pod/${pod.metadata.name}`]);
  });
});

describe("a custom object's own page", () => {
  it("shows its conditions, its events and its YAML; a wrong scope is not found", async () => {
    const plural = `berthgadgets${Date.now().toString(36)}`;
    const crdName = `${plural}.kids.berth.test`;
    const kind = `BerthGadget${Date.now().toString(36)}`;
    await kubectl(
      ["apply", "-f", "-"],
      `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: ${crdName} }
spec:
  group: kids.berth.test
  scope: Namespaced
  names: { plural: ${plural}, singular: g${plural}, kind: ${kind} }
  versions:
    - name: v1
      served: true
      storage: true
      schema: { openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true } }
`,
    );
    try {
      await kubectl(["wait", "--for=condition=Established", `crd/${crdName}`, "--timeout=60s"]);
      // No status subresource: the status given at creation is stored as is, like a controller would have set it.
      // Established can come a moment before the API server serves the new kind (a 404 then): try again.
      await waitFor(
        "the object created",
        () =>
          kubectl(
            ["apply", "-f", "-"],
            `apiVersion: kids.berth.test/v1
kind: ${kind}
metadata: { name: g1, namespace: ${NS} }
spec: { size: 3 }
status: { conditions: [{ type: Ready, status: "True", reason: Reconciled, message: all good }] }
`,
          ).then(
            () => true,
            () => false,
          ),
        30_000,
      );
      const uid = (await kubectl(["-n", NS, "get", crdName, "g1", "-o", "jsonpath={.metadata.uid}"])).trim();
      await kubectl(
        ["apply", "-f", "-"],
        `apiVersion: v1
kind: Event
metadata: { name: g1.kids, namespace: ${NS} }
involvedObject: { apiVersion: kids.berth.test/v1, kind: ${kind}, name: g1, namespace: ${NS}, uid: ${uid} }
type: Normal
reason: Polished
message: the gadget shines
firstTimestamp: "${new Date().toISOString().replace(/\.\d+Z$/, "Z")}"
lastTimestamp: "${new Date().toISOString().replace(/\.\d+Z$/, "Z")}"
count: 1
source: { component: berth-test }
`,
      );
      const { getCustomObject } = await import("./get-custom-object");
      const d = await getCustomObject(viewer, { endpointId: EP, crd: crdName, namespace: NS, name: "g1" });
      expect(d.crd.kind).toBe(kind);
      expect(d.uid).toBe(uid);
      expect(d.conditions).toEqual([
        expect.objectContaining({ type: "Ready", status: "True", reason: "Reconciled", message: "all good" }),
      ]);
      expect(d.events.map((e) => `${e.reason}: ${e.message}`)).toEqual(["Polished: the gadget shines"]);
      expect(d.yaml).toMatch(/size: 3/);
      await expect(
        getCustomObject(viewer, { endpointId: EP, crd: crdName, namespace: undefined, name: "g1" }),
      ).rejects.toThrow(/No such object/);
      await expect(
        getCustomObject(viewer, { endpointId: EP, crd: crdName, namespace: NS, name: "nope" }),
      ).rejects.toThrow();
    } finally {
      await kubectl(["delete", "crd", crdName, "--wait=false"]).catch(() => "");
    }
  }, 120_000);
});
