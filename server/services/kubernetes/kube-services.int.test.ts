import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/db/queries";
import type { Actor } from "@/lib/domain";
import type { DeploymentRow, KubeRow } from "@/lib/kube-types";
import { loadConfig } from "@/server/config";
import { testKubeConnection } from "@/server/endpoints/kubernetes/test-connection";
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
import { applyYaml } from "./apply-yaml";
import { createJobFromCronJob } from "./create-job-from-cronjob";
import { deleteKubeObject } from "./delete-kube-object";
import { drainNode } from "./drain-node";
import { getKubeObject, revealSecret } from "./get-kube-object";
import { getPodLogs } from "./pod-logs";
import { replaceKubeObject } from "./replace-kube-object";
import { pauseRollout, rolloutHistory, undoRollout } from "./rollout-verbs";
import { cordonNode, restartWorkload, scaleWorkload } from "./workload-verbs";

// The Kubernetes services against the rig's real cluster. What Berth does, kubectl confirms; what kubectl does, the
// store shows.

const NS = uniqueNs("svc");
const EP = "k8s-it";
const admin: Actor = { id: "admin-id", username: "admin", isAdmin: true, grants: {} };
const operator: Actor = { id: "op-id", username: "op", isAdmin: false, grants: { [EP]: "operator" } };
const viewer: Actor = { id: "viewer-id", username: "viewer", isAdmin: false, grants: { [EP]: "viewer" } };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-k8s-"));
let rt: Runtime;

beforeAll(async () => {
  if (kubeRigError) throw kubeRigError;
  rt = await createRuntime(
    loadConfig({ BERTH_DATA_DIR: tmp, NEXTAUTH_SECRET: "x", LOG_LEVEL: "silent", NODE_ENV: "test" }),
  );
  const secret = rt.secrets.seal(JSON.stringify({ token: rig.token, ca: rig.ca }));
  rt.endpoints.add({ id: EP, name: "k8s-it", kind: "kubernetes", url: rig.server, secret, createdAt: Date.now() });
  await waitFor("endpoint up", () => rt.endpoints.view(EP)?.health.state === "up");
  await kubectl(["create", "namespace", NS]);
  await kubectl(["apply", "-f", "-"], busyboxDeployment(NS, "web", 1));
}, 120_000);

afterAll(async () => {
  await kubectl(["delete", "namespace", NS, "--wait=false"]).catch(() => "");
  await kubectl(["uncordon", process.env.BERTH_TEST_KUBE_NODE ?? "berth-node"]).catch(() => "");
  rt?.endpoints.stopAll();
  await rt?.db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const audits = async (action: string) => listAudit(rt.db, { action, limit: 200 });

describe("connection test", () => {
  it("accepts the admin token, and tells unreachable, certificate, 401 and 403 apart", async () => {
    const ok = await testKubeConnection(rig.server, { token: rig.token, ca: rig.ca });
    expect(ok).toMatchObject({ ok: true, clusterWide: true, version: "v1.20.2" });
    const limited = await testKubeConnection(rig.server, { token: rig.limitedToken, ca: rig.ca }, "default");
    expect(limited.ok).toBe(false);
    expect(!limited.ok && limited.reason).toMatch(/Forbidden \(403\).*"default"/);
    const inOwn = await testKubeConnection(rig.server, { token: rig.limitedToken, ca: rig.ca }, rig.limitedNamespace);
    expect(inOwn).toMatchObject({ ok: true, clusterWide: false });
    const bad = await testKubeConnection(rig.server, { token: "nope", ca: rig.ca });
    expect(!bad.ok && bad.reason).toMatch(/401 Unauthorized/);
    const noCa = await testKubeConnection(rig.server, { token: rig.token });
    expect(!noCa.ok && noCa.reason).toMatch(/certificate is not trusted/);
    const refused = await testKubeConnection("https://127.0.0.1:1", { token: rig.token, ca: rig.ca });
    expect(!refused.ok && refused.reason).toMatch(/connection refused/);
  });
});

describe("workload verbs", () => {
  it("scales a Deployment: kubectl agrees, and the live store follows", async () => {
    const session = rt.endpoints.session(EP)!;
    const release = session.retain("k8s-deployments", NS);
    const store = session.store<KubeRow>("k8s-deployments")!;
    await waitFor("web in the store", () => store.get(`${NS}/web`));
    await scaleWorkload(admin, { endpointId: EP, resource: "deployments", namespace: NS, name: "web", replicas: 3 });
    const d = await kubectlJson<{ spec: { replicas: number } }>(["-n", NS, "get", "deploy", "web"]);
    expect(d.spec.replicas).toBe(3);
    await waitFor(
      "3/3 in the store",
      () => (store.get(`${NS}/web`) as DeploymentRow | undefined)?.ready === "3/3",
      90_000,
    );
    expect(
      (await audits("k8s.scale")).some((a) => a.outcome === "success" && a.target === `${NS}/deployments/web`),
    ).toBe(true);
    release();
  }, 120_000);

  it("refuses a viewer, audited as denied, and changes nothing", async () => {
    await expect(
      scaleWorkload(viewer, { endpointId: EP, resource: "deployments", namespace: NS, name: "web", replicas: 0 }),
    ).rejects.toThrow(/not allowed/);
    expect((await audits("k8s.scale")).some((a) => a.outcome === "denied" && a.actorName === "viewer")).toBe(true);
    const d = await kubectlJson<{ spec: { replicas: number } }>(["-n", NS, "get", "deploy", "web"]);
    expect(d.spec.replicas).toBe(3);
  });

  it("restarts a rollout (kubectl sees the restartedAt annotation) and deletes a pod kubectl then misses", async () => {
    await restartWorkload(operator, { endpointId: EP, resource: "deployments", namespace: NS, name: "web" });
    const d = await kubectlJson<{ spec: { template: { metadata: { annotations?: Record<string, string> } } } }>([
      "-n",
      NS,
      "get",
      "deploy",
      "web",
    ]);
    expect(d.spec.template.metadata.annotations?.["kubectl.kubernetes.io/restartedAt"]).toBeTruthy();
    const pods = await kubectlJson(["-n", NS, "get", "pods"]);
    const victim = pods.items[0]!.metadata.name;
    await deleteKubeObject(operator, {
      endpointId: EP,
      resource: "pods",
      namespace: NS,
      name: victim,
      propagation: "Background",
    });
    // The rig's kubelet takes 15-60 s to finish a pod's deletion on a loaded machine.
    await waitFor(
      "kubectl no longer lists the pod",
      async () => {
        const now = await kubectlJson(["-n", NS, "get", "pods"]);
        return !now.items.some((p) => p.metadata.name === victim);
      },
      180_000,
    );
  }, 240_000);

  it("reads a pod's logs", async () => {
    const pods = await kubectlJson<{ items: { metadata: { name: string }; status: { phase: string } }[] }>([
      "-n",
      NS,
      "get",
      "pods",
    ]);
    const running = pods.items.find((p) => p.status.phase === "Running") ?? pods.items[0]!;
    const text = await waitFor(
      "a tick",
      async () => {
        const t = await getPodLogs(viewer, {
          endpointId: EP,
          namespace: NS,
          pod: running.metadata.name,
          container: "main",
          tail: 5,
          previous: false,
          timestamps: true,
        });
        return t.includes("tick") ? t : null;
      },
      60_000,
    );
    expect(text.trim().split("\n").length).toBeLessThanOrEqual(5);
    expect(text).toMatch(/^\d{4}-\d\d-\d\dT/);
  }, 90_000);

  it("cordons and uncordons the node (admins only)", async () => {
    const node = process.env.BERTH_TEST_KUBE_NODE ?? "berth-node";
    await expect(cordonNode(operator, { endpointId: EP, node, unschedulable: true })).rejects.toThrow(/not allowed/);
    await cordonNode(admin, { endpointId: EP, node, unschedulable: true });
    expect((await kubectl(["get", "node", node, "--no-headers"])).includes("SchedulingDisabled")).toBe(true);
    await cordonNode(admin, { endpointId: EP, node, unschedulable: false });
    expect((await kubectl(["get", "node", node, "--no-headers"])).includes("SchedulingDisabled")).toBe(false);
  });
});

describe("apply YAML", () => {
  const cm = (name: string, v: string) =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  key: "${v}"\n`;

  it("previews with a server-side dry run (nothing created), then applies; kubectl sees it", async () => {
    const docs = `${cm("berth-a", "1")}---\n${cm("berth-b", "2")}`;
    const preview = await applyYaml(operator, { endpointId: EP, yaml: docs, namespace: NS, dryRun: true });
    expect(preview.map((r) => r.outcome)).toEqual(["created", "created"]);
    await expect(kubectl(["-n", NS, "get", "configmap", "berth-a"])).rejects.toThrow(/NotFound/);
    const done = await applyYaml(operator, { endpointId: EP, yaml: docs, namespace: NS, dryRun: false });
    expect(done.map((r) => r.outcome)).toEqual(["created", "created"]);
    const got = await kubectlJson<{ data: { key: string } }>(["-n", NS, "get", "configmap", "berth-b"]);
    expect(got.data.key).toBe("2");
    const change = await applyYaml(operator, { endpointId: EP, yaml: cm("berth-a", "9"), namespace: NS, dryRun: true });
    expect(change[0]).toMatchObject({ outcome: "configured" });
    expect(change[0]!.diff).toMatch(/- {2}key: "1"|- {3}key: '1'|-.*key.*1/);
    expect(change[0]!.diff).toMatch(/\+.*key.*9/);
  });

  it("refuses a privileged pod spec from a non-admin, in any workload kind, and bad YAML clearly", async () => {
    const priv = busyboxDeployment(NS, "priv").replace(
      "imagePullPolicy: Never",
      "imagePullPolicy: Never\n          securityContext: { privileged: true }",
    );
    await expect(applyYaml(operator, { endpointId: EP, yaml: priv, namespace: NS, dryRun: true })).rejects.toThrow(
      /only admins may set spec\.template\.spec\.containers\[0\]\.securityContext\.privileged/,
    );
    await expect(
      applyYaml(operator, { endpointId: EP, yaml: "kind: [unclosed", namespace: NS, dryRun: true }),
    ).rejects.toThrow(/cannot be read/);
    const preview = await applyYaml(admin, { endpointId: EP, yaml: priv, namespace: NS, dryRun: true });
    expect(preview[0]!.outcome).toBe("created");
  });
});

describe("secrets", () => {
  it("shows keys but hides values; only an admin reveals them, audited", async () => {
    await kubectl(["-n", NS, "create", "secret", "generic", "pw", "--from-literal=password=hunter2"]);
    const d = await getKubeObject(viewer, { endpointId: EP, resource: "secrets", namespace: NS, name: "pw" });
    expect(d.yaml).toContain("password: (hidden)");
    expect(d.yaml).not.toContain(Buffer.from("hunter2").toString("base64"));
    await expect(revealSecret(operator, { endpointId: EP, namespace: NS, name: "pw" })).rejects.toThrow(/not allowed/);
    expect(await revealSecret(admin, { endpointId: EP, namespace: NS, name: "pw" })).toEqual({ password: "hunter2" });
    expect((await audits("k8s.secret.reveal")).map((a) => a.outcome).sort()).toEqual(["denied", "success"]);
  });
});

describe("rollouts", () => {
  const ref = { endpointId: EP, namespace: NS, name: "web" };
  type Deploy = { spec: { paused?: boolean; template: { metadata: { annotations?: Record<string, string> } } } };
  it("lists revisions as kubectl does, rolls back to one, pauses and resumes", async () => {
    // The restart above made revision 2; revision 1 has no restartedAt annotation.
    const before = await waitFor("two revisions", async () => {
      const h = await rolloutHistory(viewer, ref);
      return h.length >= 2 ? h : null;
    });
    expect(before.at(-1)?.current).toBe(true);
    const first = before[0]!;
    expect((await kubectl(["-n", NS, "rollout", "history", "deploy/web"])).includes(String(first.revision))).toBe(true);
    await expect(undoRollout(viewer, { ...ref, revision: first.revision })).rejects.toThrow(/not allowed/);
    expect(await undoRollout(operator, { ...ref, revision: first.revision })).toEqual({ revision: first.revision });
    await waitFor("the old template back", async () => {
      const d = await kubectlJson<Deploy>(["-n", NS, "get", "deploy", "web"]);
      return !d.spec.template.metadata.annotations?.["kubectl.kubernetes.io/restartedAt"];
    });
    // kubectl numbers the rolled-back ReplicaSet as the newest revision, as after `kubectl rollout undo`.
    await waitFor("revision renumbered", async () => {
      const h = await rolloutHistory(viewer, ref);
      return h.at(-1)?.replicaSet === first.replicaSet && h.at(-1)?.current;
    });
    await pauseRollout(operator, { ...ref, paused: true });
    expect((await kubectlJson<Deploy>(["-n", NS, "get", "deploy", "web"])).spec.paused).toBe(true);
    await pauseRollout(operator, { ...ref, paused: false });
    expect((await kubectlJson<Deploy>(["-n", NS, "get", "deploy", "web"])).spec.paused).toBeFalsy();
    const undos = (await audits("k8s.rollout-undo")).map((a) => a.outcome).sort();
    expect(undos).toEqual(["denied", "success"]);
  }, 120_000);
});

describe("edit YAML", () => {
  it("saves an edit that kubectl then sees, and refuses one made on a stale copy", async () => {
    await kubectl(["-n", NS, "create", "configmap", "edited", "--from-literal=k=v1"]);
    const d = await getKubeObject(viewer, { endpointId: EP, resource: "configmaps", namespace: NS, name: "edited" });
    expect(d.editYaml).toMatch(/resourceVersion: '?\d+/);
    const edit = (y: string, v: string) => y.replace(/k: v1\b/, `k: ${v}`);
    await replaceKubeObject(operator, {
      endpointId: EP,
      resource: "configmaps",
      namespace: NS,
      name: "edited",
      yaml: edit(d.editYaml!, "v2"),
    });
    expect(await kubectl(["-n", NS, "get", "configmap", "edited", "-o", "jsonpath={.data.k}"])).toBe("v2");
    // Someone else changed it since d was read: the stale edit is refused and nothing changes.
    await expect(
      replaceKubeObject(operator, {
        endpointId: EP,
        resource: "configmaps",
        namespace: NS,
        name: "edited",
        yaml: edit(d.editYaml!, "v3"),
      }),
    ).rejects.toThrow(/changed this object after you opened it/);
    expect(await kubectl(["-n", NS, "get", "configmap", "edited", "-o", "jsonpath={.data.k}"])).toBe("v2");
    await expect(
      replaceKubeObject(operator, {
        endpointId: EP,
        resource: "configmaps",
        namespace: NS,
        name: "edited",
        yaml: d.editYaml!.replace("name: edited", "name: renamed"),
      }),
    ).rejects.toThrow(/name must stay edited/);
  });
});

describe("cronjobs and drains", () => {
  it("runs a CronJob now: kubectl sees a Job it owns, marked manual", async () => {
    const cj = `apiVersion: batch/v1beta1
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
`;
    await kubectl(["apply", "-f", "-"], cj);
    const { job } = await createJobFromCronJob(operator, { endpointId: EP, namespace: NS, name: "nightly" });
    type Job = { metadata: { annotations: Record<string, string>; ownerReferences: { kind: string; name: string }[] } };
    const got = await kubectlJson<Job>(["-n", NS, "get", "job", job]);
    expect(got.metadata.ownerReferences[0]).toMatchObject({ kind: "CronJob", name: "nightly" });
    expect(got.metadata.annotations["cronjob.kubernetes.io/instantiate"]).toBe("manual");
    await expect(createJobFromCronJob(viewer, { endpointId: EP, namespace: NS, name: "nightly" })).rejects.toThrow(
      /not allowed/,
    );
  });

  it("drains the node: refuses while an unmanaged pod would be lost, evicts with force; admins only", async () => {
    const node = process.env.BERTH_TEST_KUBE_NODE ?? "berth-node";
    const bare = `apiVersion: v1
kind: Pod
metadata: { name: bare, namespace: ${NS} }
spec:
  terminationGracePeriodSeconds: 1
  containers: [{ name: main, image: ${rig.image}, imagePullPolicy: Never, command: ["/bin/sh", "-c", "sleep 3600"] }]
`;
    await kubectl(["apply", "-f", "-"], bare);
    await waitFor(
      "bare pod on the node",
      async () => (await kubectl(["-n", NS, "get", "pod", "bare", "-o", "jsonpath={.spec.nodeName}"])).trim() === node,
    );
    try {
      await expect(drainNode(operator, { endpointId: EP, node, force: true })).rejects.toThrow(/not allowed/);
      await expect(drainNode(admin, { endpointId: EP, node, force: false })).rejects.toThrow(/no controller manages/);
      expect((await kubectl(["get", "node", node, "--no-headers"])).includes("SchedulingDisabled")).toBe(false);
      const r = await drainNode(admin, { endpointId: EP, node, force: true });
      expect(r.evicted).toContain(`${NS}/bare`);
      expect((await kubectl(["get", "node", node, "--no-headers"])).includes("SchedulingDisabled")).toBe(true);
      await waitFor(
        "bare evicted",
        async () => {
          const pods = await kubectlJson(["-n", NS, "get", "pods"]);
          return !pods.items.some((p) => p.metadata.name === "bare");
        },
        180_000,
      );
    } finally {
      await kubectl(["uncordon", node]);
    }
  }, 300_000);
});
