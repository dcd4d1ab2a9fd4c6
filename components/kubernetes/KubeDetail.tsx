"use client";

import { useId, useState } from "react";
import type { KubeObjectDetail, KubeResource } from "@/lib/kube-types";
import { podLogsAction, revealSecretAction } from "@/server/actions/kubernetes/kube-actions";
import { age } from "./kube-columns";
import { ObjectActions, ScaleControl } from "./WorkloadActions";

const th = "py-1 pr-3";

/** An object's detail: actions, conditions, events, logs (pods), YAML (Secret values hidden unless revealed). */
export function KubeDetail(props: {
  endpointId: string;
  resource: KubeResource;
  detail: KubeObjectDetail;
  canOperate: boolean;
  canCluster: boolean;
  canReveal: boolean;
}) {
  const d = props.detail;
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
        (props.resource === "deployments" || props.resource === "statefulsets") && (
          <ScaleControl
            endpointId={props.endpointId}
            resource={props.resource}
            namespace={d.namespace ?? ""}
            name={d.name}
            replicas={d.replicas}
          />
        )}
      {d.conditions.length > 0 && (
        <section aria-label="Conditions">
          <h2 className="mb-1 text-lg font-semibold">Conditions</h2>
          <table className="w-full text-left text-sm">
            <thead>
              <tr>
                <th className={th}>Type</th>
                <th className={th}>Status</th>
                <th className={th}>Reason</th>
                <th className={th}>Message</th>
                <th className={th}>Since</th>
              </tr>
            </thead>
            <tbody>
              {d.conditions.map((c) => (
                <tr key={c.type}>
                  <td className={th}>{c.type}</td>
                  <td className={th}>{c.status}</td>
                  <td className={th}>{c.reason}</td>
                  <td className={th}>{c.message}</td>
                  <td className={th}>{age(c.lastTransitionTime)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {d.containers && d.namespace && (
        <PodLogs
          endpointId={props.endpointId}
          namespace={d.namespace}
          pod={d.name}
          containers={[...d.containers, ...(d.initContainers ?? [])]}
        />
      )}
      <section aria-label="Events">
        <h2 className="mb-1 text-lg font-semibold">Events</h2>
        {d.events.length === 0 ? (
          <p className="text-sm text-slate-500">No events.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr>
                <th className={th}>Last seen</th>
                <th className={th}>Type</th>
                <th className={th}>Reason</th>
                <th className={th}>Message</th>
              </tr>
            </thead>
            <tbody>
              {d.events.map((e) => (
                <tr key={e.id}>
                  <td className={th}>{age(e.lastSeen)}</td>
                  <td className={th}>{e.type}</td>
                  <td className={th}>{e.reason}</td>
                  <td className={th}>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {props.resource === "secrets" && props.canReveal && d.namespace && (
        <RevealSecret endpointId={props.endpointId} namespace={d.namespace} name={d.name} />
      )}
      <section aria-label="YAML">
        <h2 className="mb-1 text-lg font-semibold">YAML</h2>
        <pre className="max-h-[40rem] overflow-auto rounded bg-slate-100 p-3 text-xs dark:bg-slate-800">{d.yaml}</pre>
      </section>
    </div>
  );
}

function PodLogs(props: { endpointId: string; namespace: string; pod: string; containers: string[] }) {
  const id = useId();
  const [container, setContainer] = useState(props.containers[0] ?? "");
  const [tail, setTail] = useState("200");
  const [previous, setPrevious] = useState(false);
  const [timestamps, setTimestamps] = useState(false);
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    setError(null);
    const r = await podLogsAction({
      endpointId: props.endpointId,
      namespace: props.namespace,
      pod: props.pod,
      container,
      tail: Number(tail),
      previous,
      timestamps,
    });
    if (r.ok) setText(r.data);
    else setError(r.error);
  };
  return (
    <section aria-label="Logs">
      <h2 className="mb-1 text-lg font-semibold">Logs</h2>
      <form
        className="mb-2 flex flex-wrap items-center gap-3 text-sm"
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <label htmlFor={`${id}-c`}>Container</label>
        <select
          id={`${id}-c`}
          value={container}
          onChange={(e) => setContainer(e.target.value)}
          className="rounded border dark:bg-slate-900"
        >
          {props.containers.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
        <label>
          Tail{" "}
          <input
            type="number"
            min={1}
            value={tail}
            onChange={(e) => setTail(e.target.value)}
            className="w-20 rounded border px-1 dark:bg-slate-900"
          />
        </label>
        <label>
          <input type="checkbox" checked={previous} onChange={(e) => setPrevious(e.target.checked)} /> Previous instance
        </label>
        <label>
          <input type="checkbox" checked={timestamps} onChange={(e) => setTimestamps(e.target.checked)} /> Timestamps
        </label>
        <button type="submit" className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100">
          Show logs
        </button>
      </form>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      {text !== null && (
        <pre
          role="log"
          aria-label="Log output"
          className="max-h-96 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100"
        >
          {text || "(no output)"}
        </pre>
      )}
    </section>
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
