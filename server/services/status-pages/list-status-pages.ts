import { findStatusPageById, listStatusPages as listRows } from "@/db/status-page-queries";
import type { Actor } from "@/lib/domain";
import type { StatusSource } from "@/lib/status-view";
import type { SwarmService } from "@/lib/swarm";
import { containersOf } from "@/server/endpoints/access";
import { runtime } from "@/server/runtime";
import { authorize } from "../authorize";
import { type StatusPageAdminView, toAdminView } from "./status-page-views";

export async function listStatusPages(actor: Actor | null): Promise<StatusPageAdminView[]> {
  authorize(actor, "statuspage:manage");
  const rt = runtime();
  return (await listRows(rt.db)).map((p) => toAdminView(rt, p));
}

export async function getStatusPage(actor: Actor | null, id: string): Promise<StatusPageAdminView | undefined> {
  authorize(actor, "statuspage:manage");
  const rt = runtime();
  const page = await findStatusPageById(rt.db, id);
  return page && toAdminView(rt, page);
}

export function listStatusSources(actor: Actor | null): StatusSource[] {
  authorize(actor, "statuspage:manage");
  const { endpoints } = runtime();
  return endpoints.views().map((e) => ({
    id: e.id,
    name: e.name,
    reachable: e.health.state === "up",
    containers: (containersOf(e.id)?.snapshot() ?? []).map((c) => c.name).sort((a, b) => a.localeCompare(b)),
    services: (endpoints.session(e.id)?.store<SwarmService>("services")?.snapshot() ?? [])
      .map((s) => s.name)
      .sort((a, b) => a.localeCompare(b)),
    // Kept live by the status tracker for every cluster (server/status/status-tracker.ts).
    ...(e.kind === "kubernetes"
      ? {
          deployments: (endpoints.session(e.id)?.store<{ id: string }>("k8s-deployments")?.snapshot() ?? [])
            .map((d) => d.id)
            .sort((a, b) => a.localeCompare(b)),
        }
      : {}),
  }));
}
