import { getSetting, putSetting } from "@/db/settings-queries";
import { type ContainerRestrictions, parseRestrictions } from "@/lib/container-restrictions";
import type { Actor } from "@/lib/domain";
import { runtime } from "@/server/runtime";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../authorize";

export const RESTRICTIONS_KEY = "container_restrictions";

/** The restrictions in force, for services that enforce them (no actor: enforcement is not a read by a user). */
export async function loadContainerRestrictions(): Promise<ContainerRestrictions> {
  return parseRestrictions(await getSetting(runtime().db, RESTRICTIONS_KEY));
}

export async function getContainerRestrictions(actor: Actor | null): Promise<ContainerRestrictions> {
  authorize(actor, "settings:manage");
  return loadContainerRestrictions();
}

export async function updateContainerRestrictions(
  actor: Actor | null,
  input: ContainerRestrictions,
  ctx: { source?: string } = {},
): Promise<ContainerRestrictions> {
  const audit = { actor, action: "settings.container_restrictions", target: RESTRICTIONS_KEY, source: ctx.source };
  try {
    authorize(actor, "settings:manage");
  } catch (err) {
    await recordAudit({ ...audit, outcome: "denied", detail: (err as Error).message });
    throw err;
  }
  await putSetting(runtime().db, RESTRICTIONS_KEY, JSON.stringify(input));
  const off = Object.entries(input)
    .filter(([, v]) => !v)
    .map(([k]) => k);
  await recordAudit({ ...audit, outcome: "success", detail: off.length ? `allowed: ${off.join(", ")}` : "all on" });
  return input;
}
