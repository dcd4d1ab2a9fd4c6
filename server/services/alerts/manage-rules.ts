import { randomUUID } from "node:crypto";
import {
  deleteRuleStmt,
  findRuleRow,
  listChannelRows,
  listRuleRows,
  type RuleRow,
  upsertRuleStmt,
} from "@/db/alert-queries";
import { type RuleInput, type RuleView, ruleInput } from "@/lib/alert-schemas";
import type { Actor } from "@/lib/domain";
import { NotFoundError, UserError } from "@/lib/errors";
import { runtime } from "@/server/runtime";
import { authorize } from "../authorize";
import { type UseCaseContext, useCase } from "../use-case";
import { alertSignals } from "./alert-signals";

export function ruleOf(row: RuleRow): RuleView {
  const spec = ruleInput.parse({ ...(JSON.parse(row.spec) as object), endpointId: row.endpointId, name: row.name });
  return { ...spec, id: row.id, enabled: row.enabled, createdBy: row.createdBy, createdAt: row.createdAt };
}

/** The rules of an endpoint: whoever may read the endpoint's containers sees what is watched. */
export async function listRules(actor: Actor | null, endpointId: string): Promise<RuleView[]> {
  authorize(actor, "container:read", { endpointId });
  return (await listRuleRows(runtime().db, endpointId)).map(ruleOf);
}

/** Adds or edits a rule of one endpoint (operators of it, admins). Its channels must exist. */
export async function saveRule(actor: Actor | null, input: RuleInput, ctx?: UseCaseContext): Promise<RuleView> {
  return useCase(
    actor,
    {
      audit: input.id ? "alert.rule.update" : "alert.rule.create",
      permission: "alert:rules",
      resource: { endpointId: input.endpointId },
      target: input.name,
      describe: (r) => `${r.trigger} on ${r.endpointId}`,
    },
    async (who, note) => {
      const db = runtime().db;
      const existing = input.id ? await findRuleRow(db, input.id) : undefined;
      // A rule of another endpoint is not this one's to edit: as unknown as a missing one.
      if (input.id && (!existing || existing.endpointId !== input.endpointId))
        throw new NotFoundError("Alert rule not found");
      const channels = new Set((await listChannelRows(db)).map((c) => c.id));
      const missing = input.channelIds.filter((id) => !channels.has(id));
      if (missing.length) throw new NotFoundError(`Alert channel not found: ${missing.join(", ")}`);
      if (!!input.quietFrom !== !!input.quietTo) throw new UserError("Quiet hours need both a start and an end", 400);
      const { id: _id, endpointId, name, enabled, ...spec } = input;
      const row: RuleRow = {
        id: existing?.id ?? randomUUID(),
        endpointId,
        name,
        spec: JSON.stringify(spec),
        enabled,
        createdBy: existing?.createdBy ?? who.username,
        createdAt: existing?.createdAt ?? Date.now(),
      };
      await note.commit(function* (tx) {
        yield upsertRuleStmt(tx, row);
      });
      alertSignals().emit("rulesChanged");
      return ruleOf(row);
    },
    ctx,
  );
}

export async function deleteRule(
  actor: Actor | null,
  input: { endpointId: string; ruleId: string },
  ctx?: UseCaseContext,
): Promise<void> {
  await useCase(
    actor,
    {
      audit: "alert.rule.delete",
      permission: "alert:rules",
      resource: { endpointId: input.endpointId },
      target: input.ruleId,
    },
    async (_who, note) => {
      const db = runtime().db;
      const row = await findRuleRow(db, input.ruleId);
      if (!row || row.endpointId !== input.endpointId) throw new NotFoundError("Alert rule not found");
      await note.commit(function* (tx) {
        yield deleteRuleStmt(tx, row.id);
      });
      alertSignals().emit("rulesChanged");
    },
    ctx,
  );
}
