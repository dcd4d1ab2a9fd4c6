"use client";

import Link from "next/link";
import { useMemo } from "react";
import { useTopicSet } from "@/components/realtime/use-topic-set";
import type { ContainerSummary } from "@/lib/domain";
import type { DeployStep } from "@/lib/stack-deploy";
import { groupStacks, type StackRecord } from "@/lib/stacks";
import { containersTopic } from "@/lib/topics";
import { DeployProgress } from "./DeployProgress";
import { type GitSourceFields, GitSourceForm } from "./GitSourceForm";
import { StackActions } from "./StackActions";
import { StackEditor } from "./StackEditor";
import { StackHistory, type VersionRow } from "./StackHistory";

/** One Compose project: live state and containers, its verbs, the live deploy, the editor (or Adopt), history. */
export function StackView(props: {
  endpointId: string;
  project: string;
  initial: ContainerSummary[];
  record: StackRecord | null;
  file: { compose: string; envText: string | null; workingDir: string } | null;
  git: GitSourceFields | null;
  versions: VersionRow[];
  log?: { version: number; steps: DeployStep[] };
  canOperate: boolean;
  canCreate: boolean;
}) {
  const topic = containersTopic(props.endpointId);
  const live = useTopicSet<ContainerSummary>([topic], { [topic]: props.initial });
  const stack = useMemo(
    () =>
      groupStacks(live.items, props.record ? [props.record] : []).find(
        (s) => s.project === props.project && s.endpointId === props.endpointId,
      ),
    [live.items, props.record, props.project, props.endpointId],
  );
  const containers = stack?.containers ?? [];
  const managed = !!props.file;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-4">
        <p role="status" className="text-sm">
          {containers.length ? `${stack?.running ?? 0} of ${containers.length} containers running` : "No containers"} ·
          deployed by {stack?.source ?? "unknown"}
          {stack?.configFiles || stack?.workingDir ? (
            <>
              {" "}
              · file <span className="font-mono text-xs">{stack.configFiles ?? stack.workingDir}</span>
            </>
          ) : null}
        </p>
        <div className="ml-auto">
          <StackActions
            endpointId={props.endpointId}
            project={props.project}
            canOperate={props.canOperate}
            canRedeploy={props.canCreate && managed}
            hasContainers={containers.length > 0}
          />
        </div>
      </div>
      <DeployProgress endpointId={props.endpointId} project={props.project} />
      <section aria-label="Containers">
        <h2 className="mb-2 text-lg font-semibold">Containers</h2>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Containers of {props.project}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Service</th>
              <th scope="col">State</th>
              <th scope="col">Image</th>
            </tr>
          </thead>
          <tbody>
            {containers.map((c) => (
              <tr key={c.id} className="border-t border-slate-200 dark:border-slate-800">
                <th scope="row">
                  <Link
                    className="text-blue-700 hover:underline dark:text-blue-300"
                    href={`/endpoints/${encodeURIComponent(props.endpointId)}/containers/${c.id}`}
                  >
                    {c.name}
                  </Link>
                </th>
                <td>{c.service}</td>
                <td>{c.state}</td>
                <td className="font-mono text-xs">{c.image}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {props.canCreate && (
        <section aria-label={managed ? "Edit and deploy" : "Adopt"}>
          <h2 className="mb-2 text-lg font-semibold">{managed ? "Edit and deploy" : "Adopt"}</h2>
          {!managed && (
            <p className="mb-2 text-sm">
              Berth did not deploy this project. Paste its compose file
              {stack?.configFiles ? ` (it lives at ${stack.configFiles} on the engine's host)` : ""} to take it over:
              Berth deploys it under the same name and keeps its history from then on.
            </p>
          )}
          <StackEditor
            endpointId={props.endpointId}
            project={props.project}
            compose={props.file?.compose ?? ""}
            envText={props.file ? props.file.envText : ""}
            workingDir={props.file?.workingDir ?? stack?.workingDir}
            adopt={!managed}
          />
        </section>
      )}
      {props.canCreate && (
        <section aria-label="From Git">
          <h2 className="mb-2 text-lg font-semibold">From Git</h2>
          <GitSourceForm endpointId={props.endpointId} project={props.project} source={props.git} />
        </section>
      )}
      <section aria-label="History">
        <h2 className="mb-2 text-lg font-semibold">History</h2>
        <StackHistory
          endpointId={props.endpointId}
          project={props.project}
          versions={props.versions}
          canDeploy={props.canCreate}
          log={props.log}
        />
      </section>
    </div>
  );
}
