import { deleteSettingStmt, getSetting, listSettings, putSettingStmt } from "@/db/settings-queries";
import type { Actor } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import type { PolicyEntry, UpdatePolicies } from "@/lib/update-policy";
import {
  type MaintenanceWindowInput,
  type SetUpdatePolicyInput,
  setUpdatePolicyInput,
} from "@/lib/update-policy-schemas";
import { runtime } from "@/server/runtime";
import { type UseCaseContext, useCase } from "../use-case";

// Stored as settings, one key per policy (two people setting policies at once never overwrite each other's) and one
// for the window: `update-policy:<endpoint>:<target>:<name>`, `update-window:<endpoint>`. "default" deletes the key.

const policyPrefix = (endpointId: string) => `update-policy:${endpointId}:`;
const policyKey = (i: Pick<SetUpdatePolicyInput, "endpointId" | "target" | "name">) =>
  `${policyPrefix(i.endpointId)}${i.target}:${i.name}`;
const windowKey = (endpointId: string) => `update-window:${endpointId}`;

/** Every settings key of the endpoint's policies and window, for removing them with the endpoint. */
export async function updatePolicyKeys(endpointId: string): Promise<string[]> {
  const keys = (await listSettings(runtime().db, policyPrefix(endpointId))).map((r) => r.key);
  if ((await getSetting(runtime().db, windowKey(endpointId))) !== undefined) keys.push(windowKey(endpointId));
  return keys;
}

/** The endpoint's policies and window as stored (no authorization: the scheduler and the checks read it). */
export async function storedPolicies(endpointId: string): Promise<UpdatePolicies> {
  const db = runtime().db;
  const entries: PolicyEntry[] = [];
  for (const row of await listSettings(db, policyPrefix(endpointId))) {
    try {
      const v = JSON.parse(row.value) as Omit<PolicyEntry, "target" | "name">;
      const [target, ...rest] = row.key.slice(policyPrefix(endpointId).length).split(":");
      const parsed = setUpdatePolicyInput.safeParse({ endpointId, target, name: rest.join(":"), policy: v.policy });
      if (parsed.success && v.policy !== ("default" as string))
        entries.push({ ...v, target: parsed.data.target, name: parsed.data.name });
    } catch {
      // A damaged row is ignored (the container falls back to the default), never fatal.
    }
  }
  entries.sort((a, b) => a.target.localeCompare(b.target) || a.name.localeCompare(b.name));
  const w = await getSetting(db, windowKey(endpointId));
  let window: UpdatePolicies["window"] = null;
  try {
    window = w ? (JSON.parse(w) as UpdatePolicies["window"]) : null;
  } catch {
    window = null;
  }
  return { endpointId, window, entries };
}

const knownEndpoint = (endpointId: string) => {
  if (!runtime().endpoints.view(endpointId)) throw new NotFoundError("Endpoint not found");
};

/** Readers of an endpoint's containers see its policies (what will happen to their containers is no secret). */
export function getUpdatePolicies(actor: Actor | null, endpointId: string): Promise<UpdatePolicies> {
  return useCase(actor, { permission: "container:read", resource: { endpointId } }, () => {
    knownEndpoint(endpointId);
    return storedPolicies(endpointId);
  });
}

/**
 * Sets a container's or a stack's policy. The same right as a one-click update (container:create): "auto" makes
 * Berth recreate the container later, as this user, and only while this user still may.
 */
export function setUpdatePolicy(
  actor: Actor | null,
  input: SetUpdatePolicyInput,
  ctx?: UseCaseContext,
): Promise<UpdatePolicies> {
  return useCase(
    actor,
    {
      audit: "updates.policy",
      permission: "container:create",
      resource: { endpointId: input.endpointId },
      target: `${input.target} ${input.name}`,
      detail: input.policy,
    },
    async (who, note) => {
      knownEndpoint(input.endpointId);
      const key = policyKey(input);
      const value = { policy: input.policy, setBy: who.id, setByName: who.username, setAt: Date.now() };
      await note.commit(function* (tx) {
        if (input.policy === "default") yield deleteSettingStmt(tx, key);
        else yield putSettingStmt(tx, key, JSON.stringify(value));
      });
      return storedPolicies(input.endpointId);
    },
    ctx,
  );
}

/** The endpoint's maintenance window (admins: it decides when Berth recreates containers by itself). */
export function setMaintenanceWindow(
  actor: Actor | null,
  input: MaintenanceWindowInput,
  ctx?: UseCaseContext,
): Promise<UpdatePolicies> {
  return useCase(
    actor,
    {
      audit: "updates.window",
      permission: "settings:manage",
      endpointId: input.endpointId,
      target: input.endpointId,
      detail: input.from ? `${input.from}-${input.to} UTC` : "none",
    },
    async (_who, note) => {
      knownEndpoint(input.endpointId);
      const key = windowKey(input.endpointId);
      await note.commit(function* (tx) {
        if (!input.from) yield deleteSettingStmt(tx, key);
        else yield putSettingStmt(tx, key, JSON.stringify({ from: input.from, to: input.to }));
      });
      return storedPolicies(input.endpointId);
    },
    ctx,
  );
}
