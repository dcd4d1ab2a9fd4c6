"use client";

import { useState } from "react";
import { type KubeLogKind, LOG_KINDS } from "@/lib/kube-logs";
import type { KubeObjectDetail, KubeResource, KubeRevision } from "@/lib/kube-types";
import { revealSecretAction } from "@/server/actions/kubernetes/kube-actions";
import { ConsolePanel } from "../workbench/ConsolePanel";
import { KubeChildren } from "./KubeChildren";
import { KubeLogsPanel } from "./KubeLogsPanel";
import { DrainNode, EditYaml, RolloutPanel, RunCronJob } from "./KubeVerbs";
import { ConditionsTable, EventsTable, YamlBlock } from "./ObjectFacts";
import { ObjectActions, ScaleControl } from "./WorkloadActions";

/** Kinds whose detail page lists what they control (or, for a Service, select). */
const HAS_CHILDREN: ReadonlySet<KubeResource> = new Set([
  "deployments",
  "replicasets",
  "statefulsets",
  "daemonsets",
  "jobs",
  "cronjobs",
  "services",
]);
const isLogKind = (r: KubeResource): r is KubeLogKind => (LOG_KINDS as readonly string[]).includes(r);

/** An object's detail: actions, conditions, events, logs (pods), YAML (Secret values hidden unless revealed). */
export function KubeDetail(props: {
  endpointId: string;
  resource: KubeResource;
  detail: KubeObjectDetail;
  canOperate: boolean;
  canCluster: boolean;
  canReveal: boolean;
  canExec: boolean;
  /** Deployments: the rollout's revisions. */
  history?: KubeRevision[];
}) {
  const d = props.detail;
  const canWrite = d.namespace ? props.canOperate : props.canCluster;
  return (
    <div className="space-y-6">
      <ObjectActions
        endpointId={props.endpointId}
        resource={props.resource}
        namespace={d.namespace}
        name={d.name}
        canOperate={props.canOperate}
        canCluster={props.canCluster}
        unschedulable={d.unschedulable}
      />
      {props.canOperate &&
        d.replicas !== undefined &&
        (props.resource === "deployments" || props.resource === "statefulsets" || props.resource === "replicasets") && (
          <ScaleControl
            endpointId={props.endpointId}
            resource={props.resource}
            namespace={d.namespace ?? ""}
            name={d.name}
            replicas={d.replicas}
          />
        )}
      {props.resource === "cronjobs" && props.canOperate && d.namespace && (
        <RunCronJob endpointId={props.endpointId} namespace={d.namespace} name={d.name} />
      )}
      {props.resource === "nodes" && props.canCluster && <DrainNode endpointId={props.endpointId} node={d.name} />}
      {props.resource === "deployments" && d.namespace && props.history && (
        <RolloutPanel
          endpointId={props.endpointId}
          namespace={d.namespace}
          name={d.name}
          paused={d.paused ?? false}
          history={props.history}
          canOperate={props.canOperate}
        />
      )}
      {HAS_CHILDREN.has(props.resource) && (
        <KubeChildren endpointId={props.endpointId} kind={d.kind} items={d.children} />
      )}
      <ConditionsTable conditions={d.conditions} />
      {d.containers && d.namespace && isLogKind(props.resource) && (
        <section aria-label="Logs">
          <h2 className="mb-1 text-lg font-semibold">Logs</h2>
          <KubeLogsPanel
            endpointId={props.endpointId}
            namespace={d.namespace}
            kind={props.resource}
            name={d.name}
            containers={d.containers}
            initContainers={d.initContainers}
          />
        </section>
      )}
      {props.resource === "pods" && d.namespace && d.containers && (
        <PodConsole
          endpointId={props.endpointId}
          namespace={d.namespace}
          pod={d.name}
          containers={d.containers}
          canExec={props.canExec}
          running={d.phase === "Running"}
        />
      )}
      <EventsTable events={d.events} />
      {props.resource === "secrets" && props.canReveal && d.namespace && (
        <RevealSecret endpointId={props.endpointId} namespace={d.namespace} name={d.name} />
      )}
      {canWrite && d.editYaml && (
        <EditYaml
          endpointId={props.endpointId}
          resource={props.resource}
          namespace={d.namespace}
          name={d.name}
          yaml={d.editYaml}
        />
      )}
      <YamlBlock yaml={d.yaml} />
    </div>
  );
}

/** A console in one of the pod's containers: the workbench's console over the API server's exec websocket. */
function PodConsole(props: {
  endpointId: string;
  namespace: string;
  pod: string;
  containers: string[];
  canExec: boolean;
  running: boolean;
}) {
  const [container, setContainer] = useState(props.containers[0] ?? "");
  return (
    <div className="space-y-2">
      <h2 className="text-lg font-semibold">Console</h2>
      {props.containers.length > 1 && (
        <label className="flex items-center gap-1 text-sm">
          Console container
          <select
            className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
            value={container}
            onChange={(e) => setContainer(e.target.value)}
          >
            {props.containers.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
      )}
      <ConsolePanel
        key={container}
        endpointId={props.endpointId}
        containerId={props.pod}
        canExec={props.canExec}
        running={props.running}
        pod={{ namespace: props.namespace, pod: props.pod, container }}
      />
    </div>
  );
}

function RevealSecret(props: { endpointId: string; namespace: string; name: string }) {
  const [values, setValues] = useState<Record<string, string> | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <section aria-label="Secret values">
      <button
        type="button"
        className="rounded border border-amber-400 px-2 py-0.5 text-sm"
        onClick={async () => {
          const r = await revealSecretAction(props);
          if (r.ok) setValues(r.data);
          else setError(r.error);
        }}
      >
        Reveal values (audited)
      </button>
      {error && <p role="alert">{error}</p>}
      {values && (
        <dl className="mt-2 text-sm">
          {Object.entries(values).map(([k, v]) => (
            <div key={k} className="flex gap-2">
              <dt className="font-mono">{k}</dt>
              <dd className="font-mono break-all">{v}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
