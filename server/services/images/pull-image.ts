import crypto from "node:crypto";
import type { Readable } from "node:stream";
import type { Actor } from "@/lib/domain";
import { NotFoundError, UserError } from "@/lib/errors";
import type { PullJob } from "@/lib/pull-progress";
import type { PullImageInput } from "@/lib/resource-schemas";
import { dockerOf } from "@/server/endpoints/access";
import { engineMessage } from "@/server/endpoints/docker/engine-errors";
import { applyProgress, type ProgressMessage } from "@/server/endpoints/docker/pull-progress";
import { pullJobs } from "@/server/hub/pull-jobs";
import { runtime } from "@/server/runtime";
import { type AuditEntry, recordAudit } from "../audit/record-audit";
import { authorize } from "../authorize";
import { credentialsForImage, pullErrorText } from "../registries/registry-credentials";
import { type UseCaseContext, useCase } from "../use-case";

const MAX_CONCURRENT_PER_ENDPOINT = 4;

/**
 * Starts pulling an image and returns at once with the job; progress (per layer and overall) follows on the
 * endpoint's pulls topic. Credentials of a saved registry whose host matches the reference are used automatically.
 */
export function startPull(actor: Actor | null, input: PullImageInput, ctx?: UseCaseContext): Promise<PullJob> {
  const spec = {
    audit: "image.pull",
    permission: "image:manage" as const,
    resource: { endpointId: input.endpointId },
    target: input.ref,
  };
  return useCase(
    actor,
    spec,
    async (me, note) => {
      const session = dockerOf(input.endpointId);
      const jobs = pullJobs();
      if (jobs.snapshot(input.endpointId).filter((j) => j.state === "pulling").length >= MAX_CONCURRENT_PER_ENDPOINT) {
        throw new UserError("Too many pulls running on this endpoint; wait for one to finish", 429);
      }
      const creds = await credentialsForImage(input.ref);
      const job: PullJob = {
        id: crypto.randomUUID(),
        endpointId: input.endpointId,
        ref: input.ref,
        state: "pulling",
        message: creds ? `Pulling with the credentials of ${creds.registry}` : "Pulling",
        layers: [],
        current: 0,
        total: 0,
        startedAt: Date.now(),
        by: me.username,
      };
      const abort = new AbortController();
      let stream: Readable;
      try {
        stream = (await session.streamApi.pull(input.ref, {
          abortSignal: abort.signal,
          ...(creds ? { authconfig: creds.auth } : {}),
        })) as Readable;
      } catch (err) {
        throw new UserError(pullErrorText(engineMessage(err), creds?.registry ?? null), 409, "pull_failed");
      }
      jobs.add(job, abort);
      // The pull's outcome is audited when its stream ends.
      note.later = true;
      const audit = {
        actor: me,
        action: spec.audit,
        endpointId: input.endpointId,
        target: input.ref,
        source: ctx?.source,
      };
      void follow(stream, job, audit, creds?.registry ?? null);
      return structuredClone(job);
    },
    ctx,
  );
}

async function follow(
  stream: Readable,
  job: PullJob,
  audit: Omit<AuditEntry, "outcome">,
  registry: string | null,
): Promise<void> {
  const jobs = pullJobs();
  let buf = "";
  stream.setEncoding("utf8");
  await new Promise<void>((resolve) => {
    stream.on("data", (chunk: string) => {
      buf += chunk;
      let nl = buf.indexOf("\n");
      while (nl >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        nl = buf.indexOf("\n");
        if (!line) continue;
        try {
          applyProgress(job, JSON.parse(line) as ProgressMessage);
        } catch {
          // not JSON: ignore the line
        }
      }
      if (buf.length > 1_000_000) buf = "";
      jobs.touch(job.id);
    });
    stream.on("end", () => resolve());
    stream.on("close", () => resolve());
    stream.on("error", () => resolve());
  });
  const entry = jobs.get(job.id);
  if (entry?.abort.signal.aborted) {
    job.state = "cancelled";
    job.message = "Cancelled";
  } else if (job.state === "pulling") {
    job.state = "done";
  }
  if (job.error) job.error = pullErrorText(job.error, registry);
  jobs.touch(job.id);
  await recordAudit({
    ...audit,
    outcome: job.state === "done" ? "success" : "failure",
    detail: job.state === "cancelled" ? "cancelled" : (job.error ?? job.message),
  });
}

export function cancelPull(
  actor: Actor | null,
  input: { endpointId: string; jobId: string },
  ctx?: UseCaseContext,
): Promise<void> {
  const spec = {
    audit: "image.pull.cancel",
    permission: "image:manage" as const,
    resource: { endpointId: input.endpointId },
    target: input.jobId,
  };
  return useCase(
    actor,
    spec,
    (_actor, note) => {
      const entry = pullJobs().get(input.jobId);
      // A pull another replica runs: that replica aborts it when told over the bus (server/cluster/bridges.ts).
      const job = entry?.job ?? pullJobs().remoteJob(input.jobId);
      if (!job || job.endpointId !== input.endpointId) throw new NotFoundError("No such pull");
      note.target = job.ref;
      if (job.state !== "pulling") {
        note.detail = `already ${job.state}`;
        return;
      }
      if (entry) entry.abort.abort();
      else runtime().cluster?.bus.publish("pull-cancel", { jobId: input.jobId });
    },
    ctx,
  );
}

export function listPulls(actor: Actor | null, endpointId: string): PullJob[] {
  authorize(actor, "image:read", { endpointId });
  if (!runtime().endpoints.session(endpointId)) throw new NotFoundError("Endpoint not found");
  return pullJobs().snapshot(endpointId);
}
