import { endpointExists, upsertGrantStmt } from "@/db/access-queries";
import type { Actor, EndpointRole } from "@/lib/domain";
import { NotFoundError, UserError } from "@/lib/errors";
import { runtime } from "@/server/runtime";
import { findTargetTeam } from "../teams/find-target-team";
import { type UseCaseContext, useCase } from "../use-case";

/**
 * Gives a team a role on an endpoint (or changes it), optionally limited to some Kubernetes namespaces. Read per
 * request, so it applies at once.
 */
export async function setGrant(
  actor: Actor | null,
  input: { teamId: string; endpointId: string; role: EndpointRole; namespaces?: string[] },
  ctx?: UseCaseContext,
): Promise<void> {
  const namespaces = [...new Set(input.namespaces ?? [])].sort();
  const op = {
    audit: "grant.set",
    permission: "grant:manage" as const,
    resource: { endpointId: input.endpointId },
    target: input.teamId,
  };
  await useCase(
    actor,
    { ...op, detail: `role ${input.role}${namespaces.length ? ` in ${namespaces.join(", ")}` : ""}` },
    async (_actor, note) => {
      const team = await findTargetTeam(input.teamId);
      note.target = team.name;
      const { db } = runtime();
      if (!(await endpointExists(db, input.endpointId))) throw new NotFoundError("Endpoint not found");
      // Namespaces mean something on Kubernetes only; on a Docker endpoint a limited grant would be a silent no-op.
      if (namespaces.length && runtime().endpoints.view(input.endpointId)?.kind !== "kubernetes")
        throw new UserError("Only grants on a Kubernetes endpoint can name namespaces", 400, "not_namespaced");
      await note.commit(function* (tx) {
        yield upsertGrantStmt(
          tx,
          team.id,
          input.endpointId,
          input.role,
          namespaces.length ? JSON.stringify(namespaces) : null,
        );
      });
    },
    ctx,
  );
}
