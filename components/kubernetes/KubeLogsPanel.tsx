"use client";

import { useState } from "react";
import { type KubeLogKind, type KubeLogRef, kubeLogsTopic } from "@/lib/kube-logs";
import { LogsPanel } from "../workbench/LogsPanel";

const control = "rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";

/**
 * Followed logs of a pod (pick a container, an init container, or all of them) or of a workload's pods merged,
 * each line labelled [pod/container]; the previous instance on demand. The shared log viewer does the rest: tail,
 * since, timestamps, search over the backlog, download (a single pod container's).
 */
export function KubeLogsPanel(props: {
  endpointId: string;
  namespace: string;
  kind: KubeLogKind;
  name: string;
  containers: string[];
  initContainers?: string[];
}) {
  const pod = props.kind === "pods";
  const first = pod && props.containers.length === 1 ? props.containers[0]! : "*";
  const [container, setContainer] = useState(first);
  const [previous, setPrevious] = useState(false);
  const ref: KubeLogRef = { namespace: props.namespace, kind: props.kind, name: props.name, container, previous };
  const base = `/api/v1/endpoints/${encodeURIComponent(props.endpointId)}/k8s/pods/${encodeURIComponent(
    props.namespace,
  )}/${encodeURIComponent(props.name)}/logs`;
  return (
    <LogsPanel
      endpointId={props.endpointId}
      label={pod ? "Pod logs" : "Workload logs"}
      topicOf={(o) => kubeLogsTopic(props.endpointId, ref, o)}
      downloadFor={(o) =>
        pod && container !== "*"
          ? `${base}?container=${encodeURIComponent(container)}&tail=${o.tail === "all" ? 100000 : o.tail}&previous=${
              previous ? 1 : 0
            }&timestamps=${o.timestamps ? 1 : 0}`
          : undefined
      }
      controls={
        <>
          <label className="flex items-center gap-1">
            Container
            <select className={control} value={container} onChange={(e) => setContainer(e.target.value)}>
              <option value="*">{pod ? "All containers" : "Each pod's first container"}</option>
              {props.containers.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
              {(props.initContainers ?? []).map((c) => (
                <option key={`init-${c}`} value={c}>
                  {c} (init)
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-1">
            <input type="checkbox" checked={previous} onChange={(e) => setPrevious(e.target.checked)} />
            Previous instance
          </label>
        </>
      }
    />
  );
}
