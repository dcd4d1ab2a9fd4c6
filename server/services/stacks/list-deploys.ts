import type { Actor } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import type { DeployJob } from "@/lib/stack-deploy";
import { runtime } from "@/server/runtime";
import { authorize } from "../authorize";
import { deployJobs } from "./deploy-jobs";

/** Deploys running or recently finished on an endpoint (the deploys topic's snapshot). */
export function listDeploys(actor: Actor | null, endpointId: string): DeployJob[] {
  authorize(actor, "container:read", { endpointId });
  if (!runtime().endpoints.session(endpointId)) throw new NotFoundError("Endpoint not found");
  return deployJobs().snapshot(endpointId);
}
