import crypto from "node:crypto";
import { currentStackVersion } from "@/db/stack-queries";
import {
  findStackSource,
  findStackSourceById,
  markStackSource,
  type StackSourceRow,
  upsertStackSource,
} from "@/db/stack-source-queries";
import type { Actor } from "@/lib/domain";
import { NotFoundError, UserError } from "@/lib/errors";
import { defaultWorkingDir, type GitSourceInput } from "@/lib/stack-schemas";
import { loadUserActor } from "@/server/auth/actor";
import { runtime } from "@/server/runtime";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../authorize";
import type { UseCaseContext as OpContext } from "../use-case";
import { deployOutcomes } from "./deploy-outcomes";
import { type StartedDeploy, startComposeDeploy } from "./deploy-stack";
import { fetchRepoFile } from "./git-fetch";

// Stacks whose compose file lives in Git: saved with the repository, branch, path and an optional token (sealed,
// never shown again), deployed from the branch's tip, and redeployed by a webhook (its secret shown once) or by
// polling. Each deploy from Git runs as the user who set the source up, re-loaded every time.

export interface GitSourceView {
  hookId: string;
  repoUrl: string;
  branch: string;
  composePath: string;
  pollSeconds: number;
  lastCommit: string | null;
  hasToken: boolean;
}

const view = (r: StackSourceRow): GitSourceView => ({
  hookId: r.id,
  repoUrl: r.repoUrl,
  branch: r.branch,
  composePath: r.composePath,
  pollSeconds: r.pollSeconds,
  lastCommit: r.lastCommit,
  hasToken: !!r.tokenSealed,
});

export async function getGitSource(
  actor: Actor | null,
  endpointId: string,
  project: string,
): Promise<GitSourceView | null> {
  authorize(actor, "container:read", { endpointId });
  const row = await findStackSource(runtime().db, endpointId, project);
  return row ? view(row) : null;
}

async function deployRow(
  actor: Actor,
  row: StackSourceRow,
  ctx: OpContext,
): Promise<{ commit: string; started: StartedDeploy }> {
  const rt = runtime();
  const file = await fetchRepoFile({
    url: row.repoUrl,
    branch: row.branch,
    path: row.composePath,
    token: row.tokenSealed ? rt.secrets.open(row.tokenSealed) : null,
  });
  const current = await currentStackVersion(rt.db, row.endpointId, row.project);
  const started = await startComposeDeploy(
    actor,
    {
      endpointId: row.endpointId,
      stack: row.project,
      compose: file.text,
      envText: current ? rt.secrets.open(current.envSealed) : "",
      workingDir: current?.workingDir ?? defaultWorkingDir(row.project),
      removeOrphans: true,
      profiles: [],
      adopt: false,
    },
    { ...ctx, kind: "git" },
  );
  await markStackSource(rt.db, row.id, { lastCommit: file.commit, lastCheckedAt: Date.now() });
  return { commit: file.commit, started };
}

/** Saves (or changes) a stack's Git source and deploys its file. The webhook secret is returned on creation only. */
export async function saveGitSource(
  actor: Actor | null,
  input: GitSourceInput,
  ctx: OpContext = {},
): Promise<{ hookId: string; secret?: string; commit: string } & StartedDeploy> {
  const audit = {
    actor,
    action: "stack.git.save",
    endpointId: input.endpointId,
    target: input.stack,
    source: ctx.source,
  };
  try {
    authorize(actor, "container:create", { endpointId: input.endpointId });
  } catch (err) {
    await recordAudit({ ...audit, outcome: "denied", detail: (err as Error).message });
    throw err;
  }
  const rt = runtime();
  const existing = await findStackSource(rt.db, input.endpointId, input.stack);
  const secret = existing ? undefined : crypto.randomBytes(24).toString("base64url");
  const row: StackSourceRow = {
    id: existing?.id ?? crypto.randomUUID(),
    endpointId: input.endpointId,
    project: input.stack,
    repoUrl: input.repoUrl,
    tokenSealed: input.token ? rt.secrets.seal(input.token) : (existing?.tokenSealed ?? null),
    branch: input.branch,
    composePath: input.composePath,
    webhookSecretSealed: existing?.webhookSecretSealed ?? rt.secrets.seal(secret as string),
    pollSeconds: input.pollSeconds,
    lastCommit: existing?.lastCommit ?? null,
    lastCheckedAt: Date.now(),
    userId: actor.id,
    updatedAt: Date.now(),
  };
  try {
    // Read the file before saving anything: a wrong URL, branch, path or token is refused and nothing changes.
    await fetchRepoFile({
      url: row.repoUrl,
      branch: row.branch,
      path: row.composePath,
      token: row.tokenSealed ? rt.secrets.open(row.tokenSealed) : null,
    });
    await upsertStackSource(rt.db, row);
    const out = await deployRow(actor, row, ctx);
    await recordAudit({
      ...audit,
      outcome: "success",
      detail: `${row.repoUrl} ${row.branch}:${row.composePath} @ ${out.commit.slice(0, 12)}`,
    });
    return { hookId: row.id, ...(secret ? { secret } : {}), commit: out.commit, ...out.started };
  } catch (err) {
    await recordAudit({
      ...audit,
      outcome: "failure",
      detail: err instanceof UserError ? err.message : "unexpected error",
    });
    throw err;
  }
}

/** "Redeploy from Git" on the stack's page: the branch's tip, now, as the user who asks. */
export async function redeployFromGit(
  actor: Actor | null,
  input: { endpointId: string; stack: string },
  ctx: OpContext = {},
) {
  authorize(actor, "container:create", { endpointId: input.endpointId });
  const row = await findStackSource(runtime().db, input.endpointId, input.stack);
  if (!row) throw new NotFoundError(`${input.stack} has no Git source`);
  const out = await deployRow(actor, row, ctx);
  return { commit: out.commit, ...out.started };
}

/**
 * A webhook or the poller: deploy the source's branch tip as the user who set it up. `onlyIfNew` (polling) skips a
 * commit already deployed. Audited as that user, from "webhook" or "poll".
 */
export async function deployFromSource(
  hookId: string,
  trigger: "webhook" | "poll",
  onlyIfNew: boolean,
): Promise<{ state: "started"; jobId: string; commit: string } | { state: "unchanged"; commit: string }> {
  const rt = runtime();
  const row = await findStackSourceById(rt.db, hookId);
  if (!row) throw new NotFoundError("No such webhook");
  try {
    return await deployAsOwner(row, trigger, onlyIfNew);
  } catch (err) {
    // A deploy already running is not a failure of this one.
    if ((err as { code?: string }).code !== "deploy_running")
      deployOutcomes().emit("outcome", {
        endpointId: row.endpointId,
        project: row.project,
        ok: false,
        error: (err as Error).message,
        at: Date.now(),
      });
    throw err;
  }
}

type SourceRow = NonNullable<Awaited<ReturnType<typeof findStackSourceById>>>;

async function deployAsOwner(
  row: SourceRow,
  trigger: "webhook" | "poll",
  onlyIfNew: boolean,
): Promise<{ state: "started"; jobId: string; commit: string } | { state: "unchanged"; commit: string }> {
  const rt = runtime();
  const actor = await loadUserActor(row.userId);
  if (!actor) {
    await recordAudit({
      actor: null,
      action: "stack.git.deploy",
      endpointId: row.endpointId,
      target: row.project,
      outcome: "denied",
      detail: "the user who set up the Git source is gone or disabled",
      source: trigger,
    });
    throw new UserError("The user who set up this Git source can no longer deploy", 403, "forbidden");
  }
  if (onlyIfNew) {
    const tip = await fetchRepoFile({
      url: row.repoUrl,
      branch: row.branch,
      path: row.composePath,
      token: row.tokenSealed ? rt.secrets.open(row.tokenSealed) : null,
    });
    await markStackSource(rt.db, row.id, { lastCheckedAt: Date.now() });
    if (tip.commit === row.lastCommit) return { state: "unchanged", commit: tip.commit };
  }
  const out = await deployRow(actor, row, { source: trigger });
  return { state: "started", jobId: out.started.jobId, commit: out.commit };
}

/** The webhook's check: the secret in `X-Berth-Webhook-Secret`, or an HMAC-SHA256 of the body (GitHub, Gitea). */
export async function verifyWebhook(hookId: string, body: string, headers: Headers): Promise<boolean> {
  const row = await findStackSourceById(runtime().db, hookId);
  if (!row) return false;
  const secret = runtime().secrets.open(row.webhookSecretSealed);
  const equal = (a: string, b: string) => {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && crypto.timingSafeEqual(x, y);
  };
  const given = headers.get("x-berth-webhook-secret");
  if (given) return equal(given, secret);
  const sig = headers.get("x-hub-signature-256") ?? headers.get("x-gitea-signature");
  if (!sig) return false;
  const mac = crypto.createHmac("sha256", secret).update(body).digest("hex");
  return equal(sig.replace(/^sha256=/, ""), mac);
}
