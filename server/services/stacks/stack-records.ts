import { currentStackVersion, findStackVersion, listStackHeads, listStackVersions } from "@/db/stack-queries";
import type { Actor } from "@/lib/domain";
import { NotFoundError, UnauthenticatedError } from "@/lib/errors";
import { can, visibleEndpointIds } from "@/lib/policy";
import type { DeployStep } from "@/lib/stack-deploy";
import type { StackRecord } from "@/lib/stacks";
import { runtime } from "@/server/runtime";
import { authorize } from "../authorize";

// Reads of what Berth has recorded about its stacks: the newest version per project (for the lists), one stack's
// file, .env and history (for its page). The .env often holds passwords: only those who may read containers'
// secrets (operators, admins) get it.

export async function listStackRecords(actor: Actor | null, endpointId?: string): Promise<StackRecord[]> {
  if (endpointId) authorize(actor, "container:read", { endpointId });
  else if (!actor) throw new UnauthenticatedError();
  const visible = visibleEndpointIds(actor);
  const rows = await listStackHeads(runtime().db, endpointId);
  return rows
    .filter(
      (r) => (visible ? visible.has(r.endpointId) : true) && can(actor, "container:read", { endpointId: r.endpointId }),
    )
    .map((r) => ({
      endpointId: r.endpointId,
      project: r.project,
      version: r.version,
      outcome: r.outcome,
      workingDir: r.workingDir,
      startedAt: r.startedAt,
      actorName: r.actorName,
    }));
}

export interface StackVersionView {
  version: number;
  kind: string;
  outcome: string;
  error: string | null;
  actorName: string;
  startedAt: number;
  finishedAt: number | null;
}

export interface StackFile {
  compose: string;
  /** null when the viewer may not read secrets. */
  envText: string | null;
  workingDir: string;
  version: number;
}

export async function getStackFile(
  actor: Actor | null,
  endpointId: string,
  project: string,
): Promise<StackFile | null> {
  authorize(actor, "container:read", { endpointId });
  const row = await currentStackVersion(runtime().db, endpointId, project);
  if (!row) return null;
  const secrets = can(actor, "container:inspect-secrets", { endpointId });
  return {
    compose: row.compose,
    envText: secrets ? runtime().secrets.open(row.envSealed) : null,
    workingDir: row.workingDir,
    version: row.version,
  };
}

export async function listStackHistory(
  actor: Actor | null,
  endpointId: string,
  project: string,
): Promise<StackVersionView[]> {
  authorize(actor, "container:read", { endpointId });
  return (await listStackVersions(runtime().db, endpointId, project)).map((r) => ({
    version: r.version,
    kind: r.kind,
    outcome: r.outcome,
    error: r.error,
    actorName: r.actorName,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  }));
}

export async function getDeployLog(
  actor: Actor | null,
  endpointId: string,
  project: string,
  version: number,
): Promise<DeployStep[]> {
  authorize(actor, "container:read", { endpointId });
  const row = await findStackVersion(runtime().db, endpointId, project, version);
  if (!row) throw new NotFoundError(`No version ${version} of ${project}`);
  try {
    return JSON.parse(row.log) as DeployStep[];
  } catch {
    return [];
  }
}
