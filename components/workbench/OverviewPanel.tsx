"use client";

import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { useTopic } from "@/components/realtime/use-topic";
import { TableScroll } from "@/components/ui/table-scroll";
import type { ContainerOverview } from "@/lib/container-overview";
import type { ContainerSummary } from "@/lib/domain";

function Section(props: { title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`ov-${props.title}`} className="space-y-1">
      <h2 id={`ov-${props.title}`} className="text-lg font-medium">
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

function Table(props: { caption: string; head: string[]; rows: string[][]; empty: string }) {
  if (props.rows.length === 0) return <p className="text-sm text-slate-500 dark:text-slate-400">{props.empty}</p>;
  return (
    <TableScroll label="Container facts table">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{props.caption}</caption>
        <thead className="border-b border-slate-300 dark:border-slate-700">
          <tr>
            {props.head.map((h) => (
              <th key={h} scope="col" className="py-1 pr-3">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r, i) => (
            <tr key={i} className="border-b border-slate-200 dark:border-slate-800">
              {r.map((c, j) => (
                <td key={j} className="py-1 pr-3 font-mono text-xs break-all">
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function OverviewPanel(props: {
  endpointId: string;
  overview: ContainerOverview;
  top: { titles: string[]; processes: string[][] } | null;
}) {
  const o = props.overview;
  const router = useRouter();
  // The state stays live from the endpoint's container store; the rest is as of the page load (Refresh re-reads).
  const live = useTopic<ContainerSummary>(`endpoint:${props.endpointId}:containers`).items.find((c) => c.id === o.id);
  const facts: [string, ReactNode][] = [
    ["State", live ? `${live.state} (${live.status})` : o.state],
    [
      "Health",
      o.health
        ? `${o.health.status}${o.health.failingStreak ? `, ${o.health.failingStreak} failing` : ""}`
        : "no health check",
    ],
    ["Restart count", String(o.restartCount)],
    ["Image", o.image],
    ["Command", <code key="c">{o.command || "–"}</code>],
    ["Started", o.startedAt ?? "–"],
    ["Id", <code key="i">{o.id}</code>],
  ];
  if (!o.running && o.exitCode !== undefined) facts.splice(1, 0, ["Exit code", String(o.exitCode)]);
  return (
    <div className="space-y-6">
      <div className="flex items-start">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          {facts.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="font-medium text-slate-600 dark:text-slate-400">{k}</dt>
              <dd className="break-all">{v}</dd>
            </div>
          ))}
        </dl>
        <button
          type="button"
          onClick={() => router.refresh()}
          className="ml-auto rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 dark:hover:bg-slate-800 dark:border-slate-700"
        >
          Refresh
        </button>
      </div>
      {o.health?.lastOutput && (
        <Section title="Last health check">
          <pre className="overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-900">{o.health.lastOutput}</pre>
        </Section>
      )}
      <Section title="Ports">
        <Table
          caption="Ports"
          head={["Container", "Host"]}
          rows={o.ports.map((p) => [p.container, p.host || "not published"])}
          empty="No ports."
        />
      </Section>
      <Section title="Mounts">
        <Table
          caption="Mounts"
          head={["Type", "Source", "Destination", "Mode"]}
          rows={o.mounts.map((m) => [
            m.type,
            m.source,
            m.destination,
            `${m.rw ? "rw" : "ro"}${m.mode ? `,${m.mode}` : ""}`,
          ])}
          empty="No mounts."
        />
      </Section>
      <Section title="Networks">
        <Table
          caption="Networks"
          head={["Network", "IP address", "Gateway", "MAC"]}
          rows={o.networks.map((n) => [n.name, n.ip, n.gateway, n.mac])}
          empty="No networks."
        />
      </Section>
      <Section title="Processes">
        {props.top ? (
          <ProcessTable top={props.top} running={o.running} />
        ) : (
          <p className="text-sm text-slate-500 dark:text-slate-400">The process list could not be read.</p>
        )}
      </Section>
    </div>
  );
}

/** `top` as a person reads it: numbers right-aligned, the command last and wide (not broken mid-word). */
function ProcessTable(props: { top: { titles: string[]; processes: string[][] }; running: boolean }) {
  const { titles, processes } = props.top;
  if (processes.length === 0) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {props.running ? "No processes." : "The container is not running."}
      </p>
    );
  }
  const numeric = new Set(["PID", "PPID", "C", "%CPU", "%MEM", "VSZ", "RSS", "UID"]);
  const isCmd = (t: string) => t === "CMD" || t === "COMMAND";
  return (
    <div className="overflow-x-auto">
      <TableScroll label="Processes table">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Processes</caption>
          <thead className="border-b border-slate-300 dark:border-slate-700">
            <tr>
              {titles.map((t) => (
                <th
                  key={t}
                  scope="col"
                  className={`py-1 pr-4 font-semibold whitespace-nowrap ${numeric.has(t) ? "text-right" : ""}`}
                >
                  {t}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {processes.map((r, i) => (
              <tr key={i} className="border-b border-slate-200 align-top dark:border-slate-800">
                {r.map((c, j) => {
                  const t = titles[j] ?? "";
                  return (
                    <td
                      key={j}
                      className={`py-1 pr-4 tabular-nums ${numeric.has(t) ? "text-right whitespace-nowrap" : ""} ${
                        isCmd(t) ? "w-full font-mono text-xs break-words" : "whitespace-nowrap"
                      }`}
                    >
                      {c}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
