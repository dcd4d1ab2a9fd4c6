import { endpointExists, upsertGrantStmt } from "@/db/access-queries";
import type { Actor, EndpointRole } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import { runtime } from "@/server/runtime";
import { findTargetTeam } from "../teams/find-target-team";
import { type UseCaseContext, useCase } from "../use-case";

/** Gives a team a role on an endpoint (or changes it). Read per request, so it applies at once. */
export async function setGrant(
  actor: Actor | null,
  input: { teamId: string; endpointId: string; role: EndpointRole },
  ctx?: UseCaseContext,
): Promise<void> {
  const op = {
    audit: "grant.set",
    permission: "grant:manage" as const,
    resource: { endpointId: input.endpointId },
    target: input.teamId,
  };
  await useCase(
    actor,
    { ...op, detail: `role ${input.role}` },
    async (_actor, note) => {
      const team = await findTargetTeam(input.teamId);
      note.target = team.name;
      const { db } = runtime();
      if (!(await endpointExists(db, input.endpointId))) throw new NotFoundError("Endpoint not found");
      await note.commit(function* (tx) {
        yield upsertGrantStmt(tx, team.id, input.endpointId, input.role);
      });
    },
    ctx,
  );
}
