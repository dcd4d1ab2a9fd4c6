import type { EventRow, KubeCondition } from "@/lib/kube-types";
import { age } from "./kube-columns";

// What every object page shows the same way (built-in kinds and custom objects alike).

const th = "py-1 pr-3";

/** status.conditions, when the object has any. */
export function ConditionsTable(props: { conditions: KubeCondition[] }) {
  if (props.conditions.length === 0) return null;
  return (
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
          {props.conditions.map((c) => (
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
  );
}

/** The object's events, newest first. */
export function EventsTable(props: { events: EventRow[] }) {
  return (
    <section aria-label="Events">
      <h2 className="mb-1 text-lg font-semibold">Events</h2>
      {props.events.length === 0 ? (
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
            {props.events.map((e) => (
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
  );
}

/** The object as YAML (read-only). */
export function YamlBlock(props: { yaml: string }) {
  return (
    <section aria-label="YAML">
      <h2 className="mb-1 text-lg font-semibold">YAML</h2>
      <pre className="max-h-[40rem] overflow-auto rounded bg-slate-100 p-3 text-xs dark:bg-slate-800">{props.yaml}</pre>
    </section>
  );
}
