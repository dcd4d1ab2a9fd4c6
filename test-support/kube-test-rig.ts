import { execFile } from "node:child_process";
import fs from "node:fs";
import { promisify } from "node:util";
import pino from "pino";
import { KubeClient } from "@/server/endpoints/kubernetes/kube-client";
import { type KubeCredentials, kubeConfigFor } from "@/server/endpoints/kubernetes/kube-config";
import type { Logger } from "@/server/log";

// For integration tests: the rig's real Kubernetes (scripts/rig/k8s.sh) and kubectl as the reference client.

const REQUIRED = ["BERTH_TEST_KUBECONFIG", "BERTH_TEST_KUBE_SERVER", "BERTH_TEST_KUBE_TOKEN", "BERTH_TEST_KUBE_CA"];
export const kubeRigError = (() => {
  const missing = REQUIRED.filter((k) => !process.env[k]);
  return missing.length
    ? new Error(`${missing.join(", ")} not set: start the test rig (scripts/rig/up.sh) and source $BERTH_RIG_DIR/env`)
    : null;
})();

export const rig = {
  kubeconfig: process.env.BERTH_TEST_KUBECONFIG ?? "",
  server: process.env.BERTH_TEST_KUBE_SERVER ?? "",
  token: process.env.BERTH_TEST_KUBE_TOKEN ?? "",
  limitedToken: process.env.BERTH_TEST_KUBE_LIMITED_TOKEN ?? "",
  limitedNamespace: process.env.BERTH_TEST_KUBE_LIMITED_NAMESPACE ?? "",
  ca: process.env.BERTH_TEST_KUBE_CA ? fs.readFileSync(process.env.BERTH_TEST_KUBE_CA, "utf8") : "",
  image: process.env.BERTH_TEST_KUBE_IMAGE ?? "berth-test/busybox:latest",
  ctl: process.env.BERTH_TEST_KUBE_CTL ?? "",
};

export const quietLog = pino({ level: "silent" }) as unknown as Logger;

export const adminCreds = (): KubeCredentials => ({ token: rig.token, ca: rig.ca });
export const adminClient = () => new KubeClient(kubeConfigFor(rig.server, adminCreds()));

const run = promisify(execFile);

/** kubectl against the rig as its admin; stdin optional (for `apply -f -`). */
export async function kubectl(args: string[], stdin?: string): Promise<string> {
  const p = run("kubectl", ["--kubeconfig", rig.kubeconfig, ...args], { maxBuffer: 64 * 1024 * 1024 });
  if (stdin !== undefined) {
    p.child.stdin?.end(stdin);
  }
  return (await p).stdout;
}

export async function kubectlJson<T = { items: { metadata: { name: string } }[] }>(args: string[]): Promise<T> {
  return JSON.parse(await kubectl([...args, "-o", "json"])) as T;
}

export async function waitFor<T>(
  what: string,
  probe: () => T | Promise<T>,
  timeoutMs = 60_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v as NonNullable<T>;
      last = v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} (last: ${String(last)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A Deployment of the rig's busybox that serves nothing and logs a line a second (never pulls: Never). */
export function busyboxDeployment(ns: string, name: string, replicas = 1): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name} }
    spec:
      terminationGracePeriodSeconds: 1
      containers:
        - name: main
          image: ${rig.image}
          imagePullPolicy: Never
          command: ["/bin/sh", "-c", "i=0; while true; do echo tick $i; i=$((i+1)); sleep 1; done"]
`;
}

export const uniqueNs = (tag: string) => `berth-${tag}-${process.pid}-${Date.now().toString(36)}`.slice(0, 63);
