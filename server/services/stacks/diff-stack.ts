import { currentStackVersion } from "@/db/stack-queries";
import { COMPOSE_LABEL } from "@/lib/compose/project-labels";
import { type DiffLine, diffLines } from "@/lib/compose/text-diff";
import type { Actor } from "@/lib/domain";
import { type DeployComposeInput, defaultWorkingDir } from "@/lib/stack-schemas";
import { dockerOf } from "@/server/endpoints/access";
import { runtime } from "@/server/runtime";
import { useCase } from "../use-case";
import { containerNumber, imageId, projectContainers } from "./compose-engine";
import { hashOf } from "./compose-up";
import { planProject } from "./plan-project";

export interface ServiceChange {
  service: string;
  container: string;
  change: "create" | "recreate" | "unchanged" | "remove";
  reason?: string;
}

export interface StackDiff {
  changes: ServiceChange[];
  /** The compose file against the current version Berth has ([] when it has none). */
  file: DiffLine[];
  warnings: string[];
}

/** What a deploy of this file would do, without doing it: the same plan and hashes the deploy compares. */
export function diffStack(actor: Actor | null, input: DeployComposeInput): Promise<StackDiff> {
  return useCase(
    actor,
    { permission: "container:read", resource: { endpointId: input.endpointId }, engine: true },
    async () => {
      const api = dockerOf(input.endpointId).api;
      const { plan, warnings } = planProject(input.stack, input.compose, input.envText, {
        workingDir: input.workingDir ?? defaultWorkingDir(input.stack),
        profiles: input.profiles.length ? input.profiles : undefined,
        pull: input.pullPolicy,
      });
      const existing = (await projectContainers(api, input.stack)).filter(
        (c) => c.Labels[COMPOSE_LABEL.oneoff] !== "True",
      );
      const changes: ServiceChange[] = [];
      for (const s of plan.services) {
        const hash = hashOf(s);
        const img = await imageId(api, s.image);
        const mine = existing.filter((c) => c.Labels[COMPOSE_LABEL.service] === s.service);
        for (let n = 1; n <= s.replicas; n++) {
          const name = s.containerName ?? `${input.stack}-${s.service}-${n}`;
          const old = mine.find((c) => containerNumber(c) === n);
          if (!old) changes.push({ service: s.service, container: name, change: "create" });
          else if (old.Labels[COMPOSE_LABEL.hash] !== hash)
            changes.push({ service: s.service, container: name, change: "recreate", reason: "configuration changed" });
          else if (img !== old.ImageID)
            changes.push({ service: s.service, container: name, change: "recreate", reason: "image changed" });
          else
            changes.push({
              service: s.service,
              container: name,
              change: "unchanged",
              ...(s.pullPolicy === "always" ? { reason: "a pull may bring a newer image" } : {}),
            });
        }
        for (const extra of mine.filter((c) => containerNumber(c) > s.replicas))
          changes.push({
            service: s.service,
            container: extra.Names[0]?.slice(1) ?? extra.Id,
            change: "remove",
            reason: "scaled down",
          });
      }
      const wanted = new Set(plan.services.map((s) => s.service));
      for (const c of existing.filter((x) => !wanted.has(x.Labels[COMPOSE_LABEL.service] ?? "")))
        changes.push({
          service: c.Labels[COMPOSE_LABEL.service] ?? "",
          container: c.Names[0]?.slice(1) ?? c.Id,
          change: input.removeOrphans ? "remove" : "unchanged",
          reason: "not in the file (orphan)",
        });
      const current = await currentStackVersion(runtime().db, input.endpointId, input.stack);
      return { changes, file: current ? diffLines(current.compose, input.compose) : [], warnings };
    },
  );
}
