import { listTeams, teamGrants } from "@/db/access-queries";
import { putSettingStmt } from "@/db/settings-queries";
import { usageBuckets } from "@/db/usage-queries";
import type { Actor } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import { can } from "@/lib/policy";
import { BUCKET_MS, bucketTimes, groupUsage, type Point, type UsageQuery, type UsageView } from "@/lib/usage-history";
import { runtime } from "@/server/runtime";
import { authorize } from "../authorize";
import { type UseCaseContext, useCase } from "../use-case";
import { USAGE_SETTING, usageEndpoints } from "./usage-recorder";

/**
 * CPU and memory over time, grouped per endpoint, stack (compose project) or team (the endpoints a team has a grant
 * on), from the endpoints the actor may read (or the one asked for). Teams are an admin's view.
 */
export async function getUsage(actor: Actor | null, q: UsageQuery): Promise<UsageView & { enabled: string[] }> {
  if (!actor) authorize(actor, "container:read");
  if (q.endpointId) authorize(actor, "container:read", { endpointId: q.endpointId });
  if (q.group === "team") authorize(actor, "team:manage");
  const rt = runtime();
  const views = rt.endpoints.views().filter((e) => can(actor, "container:read", { endpointId: e.id }));
  if (q.endpointId && !views.some((e) => e.id === q.endpointId)) throw new NotFoundError("Endpoint not found");
  const ids = q.endpointId ? [q.endpointId] : views.map((e) => e.id);
  const name = new Map(views.map((e) => [e.id, e.name]));
  const now = Date.now();
  const times = bucketTimes(now, q.range);
  const points = await usageBuckets(rt.db, ids, times[0]!, now, BUCKET_MS[q.range]);
  let groupsOf: (p: Point) => { key: string; label: string }[];
  if (q.group === "endpoint") groupsOf = (p) => [{ key: p.endpointId, label: name.get(p.endpointId) ?? p.endpointId }];
  else if (q.group === "stack")
    groupsOf = (p) => [
      {
        key: `${p.endpointId}/${p.project}`,
        label: `${p.project || "(no stack)"} on ${name.get(p.endpointId) ?? p.endpointId}`,
      },
    ];
  else {
    const teams = await listTeams(rt.db);
    const grants = await teamGrants(
      rt.db,
      teams.map((t) => t.id),
    );
    const teamName = new Map(teams.map((t) => [t.id, t.name]));
    const byEndpoint = new Map<string, { key: string; label: string }[]>();
    for (const g of grants) {
      const list = byEndpoint.get(g.endpointId) ?? [];
      list.push({ key: g.teamId, label: teamName.get(g.teamId) ?? g.teamId });
      byEndpoint.set(g.endpointId, list);
    }
    groupsOf = (p) => byEndpoint.get(p.endpointId) ?? [];
  }
  const enabled = (await usageEndpoints(rt)).filter((id) => name.has(id));
  return { group: q.group, range: q.range, times, series: groupUsage(points, times, groupsOf), enabled };
}

/** Switches usage history on or off for an endpoint (admins: it costs the engine a stats stream per container). */
export async function setUsageHistory(
  actor: Actor | null,
  input: { endpointId: string; enabled: boolean },
  ctx?: UseCaseContext,
): Promise<{ enabled: string[] }> {
  return useCase(
    actor,
    {
      audit: input.enabled ? "usage.enable" : "usage.disable",
      permission: "settings:manage",
      target: input.endpointId,
    },
    async (_who, note) => {
      const rt = runtime();
      if (!rt.endpoints.view(input.endpointId)) throw new NotFoundError("Endpoint not found");
      const current = new Set(await usageEndpoints(rt));
      if (input.enabled) current.add(input.endpointId);
      else current.delete(input.endpointId);
      const enabled = [...current].sort();
      await note.commit(function* (tx) {
        yield putSettingStmt(tx, USAGE_SETTING, JSON.stringify({ endpoints: enabled }));
      });
      return { enabled };
    },
    ctx,
  );
}
