import { currentStackVersion, findStackVersion } from "@/db/stack-queries";
import type { Actor } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import type { RedeployComposeInput } from "@/lib/stack-schemas";
import { runtime } from "@/server/runtime";
import { authorize } from "../authorize";
import type { UseCaseContext as OpContext } from "../use-case";
import { type StartedDeploy, startComposeDeploy } from "./deploy-stack";

/**
 * Deploys a recorded version again: without a version the current one ("Pull and redeploy" with pull policy always),
 * with one an older one (rollback). The new deploy is a version of its own, so history reads as what happened.
 */
export async function redeployStack(
  actor: Actor | null,
  input: RedeployComposeInput,
  ctx: OpContext = {},
): Promise<StartedDeploy> {
  authorize(actor, "container:create", { endpointId: input.endpointId });
  const db = runtime().db;
  const row = input.version
    ? await findStackVersion(db, input.endpointId, input.stack, input.version)
    : await currentStackVersion(db, input.endpointId, input.stack);
  if (!row)
    throw new NotFoundError(
      input.version
        ? `No version ${input.version} of ${input.stack}`
        : `Berth has no file of ${input.stack}; adopt it first`,
    );
  return startComposeDeploy(
    actor,
    {
      endpointId: input.endpointId,
      stack: input.stack,
      compose: row.compose,
      envText: runtime().secrets.open(row.envSealed),
      workingDir: row.workingDir,
      pullPolicy: input.pullPolicy,
      removeOrphans: true,
      profiles: [],
      adopt: false,
    },
    { ...ctx, kind: input.version ? "rollback" : "redeploy" },
  );
}
