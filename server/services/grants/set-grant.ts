import { endpointExists, upsertGrant } from "@/db/access-queries";
import type { Actor, EndpointRole } from "@/lib/domain";
import { NotFoundError, UserError } from "@/lib/errors";
import { runtime } from "@/server/runtime";
import { runAudited, type ServiceContext } from "../access/run-audited";
import { findTargetTeam } from "../teams/find-target-team";

/** Gives a team a role on an endpoint (or changes it). Read per request, so it applies at once. */
export async function setGrant(
  actor: Actor | null,
  input: { teamId: string; endpointId: string; role: EndpointRole; namespaces?: string[] },
  ctx: ServiceContext = {},
): Promise<void> {
  const op = {
    action: "grant.set",
    permission: "grant:manage" as const,
    resource: { endpointId: input.endpointId },
    target: input.teamId,
  };
  await runAudited(
    actor,
    op,
    ctx,
    async () => {
      const team = await findTargetTeam(input.teamId);
      op.target = team.name;
      const { db } = runtime();
      if (!(await endpointExists(db, input.endpointId))) throw new NotFoundError("Endpoint not found");
      const namespaces = [...new Set(input.namespaces ?? [])].sort();
      // Namespaces mean something on Kubernetes only; on a Docker endpoint a limited grant would be a silent no-op.
      if (namespaces.length && runtime().endpoints.view(input.endpointId)?.kind !== "kubernetes")
        throw new UserError("Only grants on a Kubernetes endpoint can name namespaces", 400, "not_namespaced");
      await upsertGrant(
        db,
        team.id,
        input.endpointId,
        input.role,
        namespaces.length ? JSON.stringify(namespaces) : null,
      );
    },
    () =>
      `role ${input.role}${input.namespaces?.length ? ` in ${[...new Set(input.namespaces)].sort().join(", ")}` : ""}`,
  );
}
