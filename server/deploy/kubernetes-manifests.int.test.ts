import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { kubeRigError, rig } from "@/test-support/kube-test-rig";

// deploy/kubernetes (kustomize) as the rig's real API server judges it: a server-side dry run validates every
// object against the server's schemas and admission without creating anything.

const run = promisify(execFile);

async function dryRun(dir: string): Promise<string> {
  if (kubeRigError) throw kubeRigError;
  const { stdout } = await run("kubectl", [
    "--kubeconfig",
    rig.kubeconfig,
    "apply",
    "--dry-run=server",
    "-k",
    dir,
    "-o",
    "name",
  ]);
  return stdout;
}

describe("Kubernetes manifests", () => {
  it("base (one replica on SQLite, PVC) passes a server-side dry run", async () => {
    const out = await dryRun("deploy/kubernetes/base");
    expect(out.trim().split("\n").sort()).toEqual([
      "deployment.apps/berth",
      "persistentvolumeclaim/berth-data",
      "service/berth",
    ]);
  });

  it("replicas (three replicas on external Postgres, no PVC) passes a server-side dry run", async () => {
    const out = await dryRun("deploy/kubernetes/replicas");
    expect(out.trim().split("\n").sort()).toEqual(["deployment.apps/berth", "service/berth"]);
    const { stdout } = await run("kubectl", ["kustomize", "deploy/kubernetes/replicas"]);
    expect(stdout).toContain("replicas: 3");
    expect(stdout).toContain("key: DATABASE_URL");
    expect(stdout).not.toContain("claimName");
  });
});
