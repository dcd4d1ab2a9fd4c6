"use client";

import Link from "next/link";
import { useMemo } from "react";
import { containerHref } from "@/components/containers/list/container-columns";
import { useTopic } from "@/components/realtime/use-topic";
import { useTopicSet } from "@/components/realtime/use-topic-set";
import { exitCode, isFailed, isUnhealthy } from "@/lib/container-filter";
import type { ContainerSummary, EndpointView } from "@/lib/domain";
import { containersTopic } from "@/lib/topics";

const SHOWN = 5;

interface Problem {
  key: string;
  /** "3 restarting": the link's text, the count first. */
  label: (n: number) => string;
  href: string;
  containers: ContainerSummary[];
  detail: (c: ContainerSummary) => string;
}

/**
 * What needs attention, before anything else: endpoints down, containers in a restart loop, exited with an error
 * or unhealthy. Live (the same topics as the container list); every count links to the list filtered to it.
 */
export function ProblemsPanel(props: { endpoints: EndpointView[]; initial: Record<string, ContainerSummary[]> }) {
  const endpoints = useTopic<EndpointView>("endpoints", props.endpoints);
  const topics = useMemo(() => endpoints.items.map((e) => containersTopic(e.id)), [endpoints.items]);
  const initial = useMemo(
    () => Object.fromEntries(Object.entries(props.initial).map(([id, l]) => [containersTopic(id), l])),
    [props.initial],
  );
  const containers = useTopicSet<ContainerSummary>(topics, initial);
  const name = (id: string) => endpoints.items.find((e) => e.id === id)?.name ?? id;
  const down = endpoints.items.filter((e) => e.health.state === "down");
  const problems: Problem[] = [
    {
      key: "restarting",
      label: (n) => `${n} restarting`,
      href: "/containers?state=restarting",
      containers: containers.items.filter((c) => c.state === "restarting"),
      detail: (c) => c.status,
    },
    {
      key: "failed",
      label: (n) => `${n} exited with an error`,
      href: "/containers?state=failed",
      containers: containers.items.filter(isFailed),
      detail: (c) => `exit code ${exitCode(c)}`,
    },
    {
      key: "unhealthy",
      label: (n) => `${n} unhealthy`,
      href: "/containers?state=unhealthy",
      containers: containers.items.filter(isUnhealthy),
      detail: (c) => c.status,
    },
  ];
  const any = down.length > 0 || problems.some((p) => p.containers.length > 0);
  return (
    <section aria-labelledby="problems-heading" className="mb-6">
      <h2 id="problems-heading" className="mb-2 text-lg font-semibold">
        Problems
      </h2>
      {!any ? (
        <p className="rounded border border-green-300 bg-green-50 p-3 text-sm text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100">
          Nothing needs attention: every endpoint is up, and no container is restarting, failed or unhealthy.
        </p>
      ) : (
        <ul aria-label="Problems" className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {down.length > 0 && (
            <ProblemCard title={`${down.length} endpoint${down.length === 1 ? "" : "s"} down`} href="/endpoints">
              {down.slice(0, SHOWN).map((e) => (
                <li key={e.id}>
                  <span className="font-medium">{e.name}</span>
                  {e.health.reason && <span className="text-slate-600 dark:text-slate-400">: {e.health.reason}</span>}
                </li>
              ))}
            </ProblemCard>
          )}
          {problems
            .filter((p) => p.containers.length > 0)
            .map((p) => (
              <ProblemCard key={p.key} title={p.label(p.containers.length)} href={p.href}>
                {[...p.containers]
                  .sort((a, b) => a.name.localeCompare(b.name))
                  .slice(0, SHOWN)
                  .map((c) => (
                    <li key={`${c.endpointId}/${c.id}`} className="truncate">
                      <Link href={containerHref(c)} className="font-medium hover:underline">
                        {c.name}
                      </Link>
                      <span className="text-slate-600 dark:text-slate-400">
                        {" "}
                        on {name(c.endpointId)}, {p.detail(c)}
                      </span>
                    </li>
                  ))}
              </ProblemCard>
            ))}
        </ul>
      )}
    </section>
  );
}

function ProblemCard(props: { title: string; href: string; children: React.ReactNode }) {
  return (
    <li className="min-w-0 rounded-lg border border-red-300 bg-white p-3 text-sm dark:border-red-800 dark:bg-slate-900">
      <Link href={props.href} className="text-base font-semibold text-red-800 hover:underline dark:text-red-300">
        {props.title}
      </Link>
      <ul className="mt-1 space-y-0.5">{props.children}</ul>
    </li>
  );
}
