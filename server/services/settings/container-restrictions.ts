import { getSetting, putSettingStmt } from "@/db/settings-queries";
import { type ContainerRestrictions, parseRestrictions } from "@/lib/container-restrictions";
import type { Actor } from "@/lib/domain";
import { runtime } from "@/server/runtime";
import { authorize } from "../authorize";
import { type UseCaseContext, useCase } from "../use-case";

export const RESTRICTIONS_KEY = "container_restrictions";

/** The restrictions in force, for services that enforce them (no actor: enforcement is not a read by a user). */
export async function loadContainerRestrictions(): Promise<ContainerRestrictions> {
  return parseRestrictions(await getSetting(runtime().db, RESTRICTIONS_KEY));
}

export async function getContainerRestrictions(actor: Actor | null): Promise<ContainerRestrictions> {
  authorize(actor, "settings:manage");
  return loadContainerRestrictions();
}

export function updateContainerRestrictions(
  actor: Actor | null,
  input: ContainerRestrictions,
  ctx?: UseCaseContext,
): Promise<ContainerRestrictions> {
  const spec = {
    audit: "settings.container_restrictions",
    permission: "settings:manage" as const,
    target: RESTRICTIONS_KEY,
  };
  return useCase(
    actor,
    spec,
    async (_actor, note) => {
      const off = Object.entries(input)
        .filter(([, v]) => !v)
        .map(([k]) => k);
      note.detail = off.length ? `allowed: ${off.join(", ")}` : "all on";
      await note.commit(function* (tx) {
        yield putSettingStmt(tx, RESTRICTIONS_KEY, JSON.stringify(input));
      });
      return input;
    },
    ctx,
  );
}
