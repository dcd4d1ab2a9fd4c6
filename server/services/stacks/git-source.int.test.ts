import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateUser } from "@/db/access-queries";
import { insertUser, listAudit } from "@/db/queries";
import type { Actor } from "@/lib/domain";
import { gitSourceInput } from "@/lib/stack-schemas";
import { loadConfig } from "@/server/config";
import { createRuntime, type Runtime } from "@/server/runtime";
import { type GitServer, startGitServer } from "@/test-support/git-server-harness";
import { type DeployOutcome, deployOutcomes } from "./deploy-outcomes";
import { awaitDeploy } from "./deploy-stack";
import { deployFromSource, getGitSource, saveGitSource, verifyWebhook } from "./git-source";
import { composeDown } from "./stack-verbs";

// Git-backed stacks against a real Git server on loopback (git http-backend behind a token): save + first deploy,
// a wrong token refused with nothing saved, the webhook's secret and HMAC checks, a redeploy on a new commit, polling
// that deploys only a moved branch, and a disabled owner stopping the webhook.

const env = process.env;
if (!env.BERTH_TEST_DOCKER_HOST || !env.BERTH_TEST_IMAGE)
  throw new Error("BERTH_TEST_DOCKER_HOST, BERTH_TEST_IMAGE not set: start the rig and source $BERTH_RIG_DIR/env");
const DOCKER_HOST = env.BERTH_TEST_DOCKER_HOST;
const run = promisify(execFile);
const docker = async (...args: string[]) =>
  (await run("docker", ["-H", DOCKER_HOST, ...args], { env: { ...env, DOCKER_API_VERSION: "1.41" } })).stdout.trim();
const EP = "it";
const P = `bgit${process.pid}`;
const TOKEN = "s3cret-token";
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-git-"));
let rt: Runtime;
let repo: GitServer;
let owner: Actor;

const file = (v: string) =>
  `services:\n  app:\n    image: ${env.BERTH_TEST_IMAGE}\n    command: sleep 3600\n    init: true\n    environment: [V=${v}]\n`;
const envOf = async () => (await docker("inspect", "-f", "{{json .Config.Env}}", `${P}-app-1`)) as string;

beforeAll(async () => {
  rt = await createRuntime(
    loadConfig({ BERTH_DATA_DIR: tmp, NEXTAUTH_SECRET: "x", LOG_LEVEL: "silent", NODE_ENV: "test" }),
  );
  rt.endpoints.add({ id: EP, name: "it", kind: "docker", url: DOCKER_HOST, secret: null, createdAt: Date.now() });
  const id = crypto.randomUUID();
  await insertUser(rt.db, {
    id,
    username: `gitowner${process.pid}`,
    passwordHash: "x",
    isAdmin: true,
    createdAt: Date.now(),
  });
  owner = { id, username: `gitowner${process.pid}`, isAdmin: true, grants: {} };
  repo = await startGitServer({ token: TOKEN });
  const deadline = Date.now() + 30_000;
  while (rt.endpoints.view(EP)?.health.state !== "up") {
    if (Date.now() > deadline) throw new Error("endpoint not up");
    await new Promise((r) => setTimeout(r, 50));
  }
});

afterAll(async () => {
  await composeDown(owner, { endpointId: EP, stack: P, removeVolumes: true }).catch(() => {});
  await repo?.close();
  rt?.endpoints.stopAll();
  await rt?.db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("git-backed stacks", () => {
  it("deploys from the branch, redeploys by webhook and by polling, and stops when its owner is disabled", async () => {
    const first = repo.commit({ "deploy/compose.yml": file("1") }, "one");
    const input = (token: string, extra: object = {}) =>
      gitSourceInput.parse({
        endpointId: EP,
        stack: P,
        repoUrl: repo.url,
        token,
        composePath: "deploy/compose.yml",
        ...extra,
      });

    await expect(saveGitSource(owner, input("wrong"))).rejects.toThrow(/refused the credentials/);
    expect(await getGitSource(owner, EP, P)).toBeNull();
    await expect(saveGitSource(owner, input(TOKEN, { composePath: "nope.yml" }))).rejects.toThrow(
      /nope\.yml is not in/,
    );

    const saved = await saveGitSource(owner, input(TOKEN));
    expect(saved.commit).toBe(first);
    expect(saved.secret).toMatch(/^[\w-]{32}$/);
    expect((await awaitDeploy(saved.jobId))?.state).toBe("done");
    expect(await envOf()).toContain("V=1");
    const view = await getGitSource(owner, EP, P);
    expect(view).toMatchObject({ hookId: saved.hookId, lastCommit: first, hasToken: true, branch: "main" });
    expect(JSON.stringify(view)).not.toContain(TOKEN);

    // The webhook: the secret in a header, or an HMAC of the body; anything else is refused.
    const headers = (h: Record<string, string>) => new Headers(h);
    expect(await verifyWebhook(saved.hookId, "{}", headers({ "x-berth-webhook-secret": saved.secret! }))).toBe(true);
    expect(await verifyWebhook(saved.hookId, "{}", headers({ "x-berth-webhook-secret": "nope" }))).toBe(false);
    const mac = crypto.createHmac("sha256", saved.secret!).update('{"ref":"main"}').digest("hex");
    expect(
      await verifyWebhook(saved.hookId, '{"ref":"main"}', headers({ "x-hub-signature-256": `sha256=${mac}` })),
    ).toBe(true);
    expect(await verifyWebhook(saved.hookId, '{"ref":"x"}', headers({ "x-hub-signature-256": `sha256=${mac}` }))).toBe(
      false,
    );
    expect(await verifyWebhook(crypto.randomUUID(), "{}", headers({ "x-berth-webhook-secret": saved.secret! }))).toBe(
      false,
    );

    const second = repo.commit({ "deploy/compose.yml": file("2") }, "two");
    const hooked = await deployFromSource(saved.hookId, "webhook", false);
    expect(hooked).toMatchObject({ state: "started", commit: second });
    expect((await awaitDeploy((hooked as { jobId: string }).jobId))?.state).toBe("done");
    expect(await envOf()).toContain("V=2");
    // Audited as the owner's deploy, from the webhook.
    expect((await listAudit(rt.db, { action: "stack.git", limit: 1 }))[0]).toMatchObject({
      outcome: "success",
      source: "webhook",
      actorName: owner.username,
    });
    expect((await listAudit(rt.db, { action: "stack.git.save", limit: 1 }))[0]).toMatchObject({ outcome: "success" });

    // Polling deploys only a branch that moved.
    expect(await deployFromSource(saved.hookId, "poll", true)).toEqual({ state: "unchanged", commit: second });
    const third = repo.commit({ "deploy/compose.yml": file("3") }, "three");
    const polled = await deployFromSource(saved.hookId, "poll", true);
    expect(polled).toMatchObject({ state: "started", commit: third });
    expect((await awaitDeploy((polled as { jobId: string }).jobId))?.state).toBe("done");
    expect(await envOf()).toContain("V=3");

    // A bad file pushed to the branch: nobody watches a form, so the failure goes out for the deploy-failed alert.
    const outcomes: DeployOutcome[] = [];
    const listen = (o: DeployOutcome) => outcomes.push(o);
    deployOutcomes().on("outcome", listen);
    repo.commit({ "deploy/compose.yml": "services:\n  web:\n    image: [unclosed\n" }, "broken");
    await expect(deployFromSource(saved.hookId, "poll", true)).rejects.toThrow(/line/);

    await updateUser(rt.db, owner.id, { disabled: true }, true);
    await expect(deployFromSource(saved.hookId, "webhook", false)).rejects.toThrow(/can no longer deploy/);
    deployOutcomes().off("outcome", listen);
    expect(outcomes.map((o) => ({ project: o.project, ok: o.ok }))).toEqual([
      { project: P, ok: false },
      { project: P, ok: false },
    ]);
    expect(outcomes[1]?.error).toMatch(/can no longer deploy/);
    expect((await listAudit(rt.db, { action: "stack.git.deploy", limit: 1 }))[0]).toMatchObject({ outcome: "denied" });
  });
});
