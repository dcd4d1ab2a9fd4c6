import type { PullJob } from "./pull-progress";

// A Compose deploy as the browser follows it live and the history keeps it: the steps in order, each image pull's
// progress per layer, and on failure the service that failed and why. Pure shapes.

export interface DeployStep {
  at: number;
  text: string;
  level: "info" | "warn" | "error";
  /** The service a step is about, when it is about one. */
  service?: string;
}

export interface DeployJob {
  id: string;
  endpointId: string;
  project: string;
  /** The history version this deploy records. */
  version: number;
  kind: "deploy" | "redeploy" | "rollback" | "adopt" | "git";
  state: "running" | "done" | "failed";
  steps: DeployStep[];
  pulls: PullJob[];
  error?: string;
  failedService?: string;
  startedAt: number;
  finishedAt?: number;
  by: string;
}

/** At most this many steps are kept per deploy (a 100-service stack logs a few hundred). */
export const MAX_STEPS = 2000;
