import crypto from "node:crypto";
import { finishStackVersion, insertStackVersion } from "@/db/stack-queries";
import type { Actor } from "@/lib/domain";
import { ForbiddenError, UserError } from "@/lib/errors";
import type { DeployJob } from "@/lib/stack-deploy";
import { type DeployComposeInput, defaultWorkingDir } from "@/lib/stack-schemas";
import { dockerOf } from "@/server/endpoints/access";
import { BUDGET_MS } from "@/server/endpoints/docker/engine-budget";
import { dockerUserError } from "@/server/endpoints/docker/engine-errors";
import { runtime } from "@/server/runtime";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../authorize";
import { restrictionRefusal } from "../containers/engine";
import type { UseCaseContext as OpContext } from "../use-case";
import { DeployError, imageId, unbuiltImage } from "./compose-engine";
import { composeUp } from "./compose-up";
import { deployJobs } from "./deploy-jobs";
import { deployOutcomes } from "./deploy-outcomes";
import { planProject } from "./plan-project";

export type DeployKind = DeployJob["kind"];

export interface StartedDeploy {
  jobId: string;
  version: number;
}

/**
 * Deploys a Compose project on a plain engine with Berth's own implementation (compose-up.ts). Everything that can be
 * refused is refused before the engine is touched: the file (400 naming the line), the .env, and for non-admins the
 * container restrictions on every service (403 naming the service and the rule). Then the deploy runs as a job whose
 * steps stream on the endpoint's deploys topic; its outcome is audited and recorded as a version in the history.
 */
export async function startComposeDeploy(
  actor: Actor | null,
  input: DeployComposeInput,
  ctx: OpContext & { kind?: DeployKind } = {},
): Promise<StartedDeploy> {
  const kind: DeployKind = ctx.kind ?? (input.adopt ? "adopt" : "deploy");
  const audit = {
    actor,
    action: `stack.${kind}`,
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
  const session = dockerOf(input.endpointId);
  const api = session.client(BUDGET_MS.remove);
  const workingDir = input.workingDir ?? defaultWorkingDir(input.stack);
  let planned: ReturnType<typeof planProject>;
  try {
    planned = planProject(input.stack, input.compose, input.envText, {
      workingDir,
      profiles: input.profiles.length ? input.profiles : undefined,
      pull: input.pullPolicy,
    });
    if (
      deployJobs()
        .snapshot(input.endpointId)
        .some((j) => j.project === input.stack && j.state === "running")
    )
      throw new UserError(`A deploy of ${input.stack} is running; wait for it to finish`, 409, "deploy_running");
    for (const s of planned.plan.services)
      if (s.build && !(await imageId(api, s.image)))
        throw new UserError(unbuiltImage(s.service, s.image), 409, "no_image");
    for (const s of planned.plan.services) {
      const refusal = await restrictionRefusal(actor, api, { ...s.config, HostConfig: s.host });
      if (refusal) throw new ForbiddenError(`service ${s.service}: ${refusal}`);
    }
  } catch (err) {
    const e = dockerUserError(err);
    await recordAudit({ ...audit, outcome: e instanceof ForbiddenError ? "denied" : "failure", detail: e.message });
    throw e;
  }
  const rt = runtime();
  const id = crypto.randomUUID();
  const startedAt = Date.now();
  const version = await insertStackVersion(rt.db, {
    id,
    endpointId: input.endpointId,
    project: input.stack,
    kind,
    compose: input.compose,
    envSealed: rt.secrets.seal(input.envText),
    workingDir,
    outcome: "running",
    error: null,
    log: "[]",
    actorName: actor.username,
    startedAt,
  });
  const job: DeployJob = {
    id,
    endpointId: input.endpointId,
    project: input.stack,
    version,
    kind,
    state: "running",
    steps: [],
    pulls: [],
    startedAt,
    by: actor.username,
  };
  const jobs = deployJobs();
  void jobs.add(job, async (j) => {
    for (const w of planned.warnings) jobs.step(id, { text: w, level: "warn" });
    if (planned.plan.inactive.length)
      jobs.step(id, { text: `Not in an active profile: ${planned.plan.inactive.join(", ")}`, level: "info" });
    try {
      const out = await composeUp(
        api,
        planned.plan,
        {
          step: (text, service, level = "info") => jobs.step(id, { text, service, level }),
          pull: (image, msg) => jobs.pull(id, image, msg),
        },
        { removeOrphans: input.removeOrphans, pullApi: session.streamApi },
      );
      j.state = "done";
      const summary = `${out.created.length} created, ${out.recreated.length} recreated, ${out.unchanged.length} unchanged, ${out.removed.length} removed`;
      jobs.step(id, { text: `Deployed ${input.stack} version ${version}: ${summary}`, level: "info" });
      await recordAudit({ ...audit, outcome: "success", detail: `version ${version}: ${summary}` });
    } catch (err) {
      const e = err instanceof DeployError ? err : dockerUserError(err);
      j.state = "failed";
      j.error = e.message;
      j.failedService = err instanceof DeployError ? err.service : undefined;
      jobs.step(id, { text: `Deploy failed: ${e.message}`, service: j.failedService, level: "error" });
      await recordAudit({ ...audit, outcome: "failure", detail: `version ${version}: ${e.message}` });
    } finally {
      j.finishedAt = Date.now();
      await finishStackVersion(rt.db, id, {
        outcome: j.state,
        error: j.error ?? null,
        log: JSON.stringify(j.steps),
        finishedAt: j.finishedAt,
      }).catch(() => {});
      deployOutcomes().emit("outcome", {
        endpointId: j.endpointId,
        project: j.project,
        ok: j.state === "done",
        error: j.error,
        service: j.failedService,
        at: j.finishedAt,
      });
    }
  });
  return { jobId: id, version };
}

/** Waits for a started deploy to finish and returns it as it ended (tests, the webhook). */
export async function awaitDeploy(jobId: string): Promise<DeployJob | undefined> {
  await deployJobs().done(jobId);
  return deployJobs().get(jobId);
}
