"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { UiButton } from "@/components/ui/button";
import type { DeployStep } from "@/lib/stack-deploy";
import { redeployComposeAction } from "@/server/actions/stacks/stack-actions";
import { runStackAction } from "./run-stack-action";

export interface VersionRow {
  version: number;
  kind: string;
  outcome: string;
  error: string | null;
  actorName: string;
  startedAt: number;
}

/** Deployed versions, newest first, each with its outcome, its log (?log=N) and "Roll back" to it. */
export function StackHistory(props: {
  endpointId: string;
  project: string;
  versions: VersionRow[];
  canDeploy: boolean;
  log?: { version: number; steps: DeployStep[] };
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const rollback = async (version: number) => {
    setBusy(true);
    const r = await runStackAction(`Roll back to version ${version}`, () =>
      redeployComposeAction({ endpointId: props.endpointId, stack: props.project, version }),
    );
    setBusy(false);
    if (r) router.refresh();
  };
  if (!props.versions.length)
    return <p className="text-sm text-slate-500 dark:text-slate-400">Berth has not deployed this stack.</p>;
  return (
    <>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Versions</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">What</th>
            <th scope="col">Outcome</th>
            <th scope="col">By</th>
            <th scope="col">When</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.versions.map((v) => (
            <tr key={v.version} className="border-t border-slate-200 dark:border-slate-800">
              <th scope="row">{v.version}</th>
              <td>{v.kind}</td>
              <td>
                {v.outcome}
                {v.error ? `: ${v.error}` : ""}
              </td>
              <td>{v.actorName}</td>
              <td>{new Date(v.startedAt).toLocaleString()}</td>
              <td className="space-x-2 whitespace-nowrap">
                <Link
                  className="text-blue-700 hover:underline dark:text-blue-300"
                  href={`?log=${v.version}`}
                  aria-label={`Log of version ${v.version}`}
                >
                  Log
                </Link>
                {props.canDeploy && (
                  <UiButton
                    variant="outline"
                    disabled={busy}
                    onClick={() => void rollback(v.version)}
                    aria-label={`Roll back to version ${v.version}`}
                  >
                    Roll back
                  </UiButton>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.log && (
        <section aria-label={`Log of version ${props.log.version}`} className="mt-3">
          <h3 className="text-sm font-semibold">Log of version {props.log.version}</h3>
          <ol className="max-h-64 overflow-auto font-mono text-xs">
            {props.log.steps.map((s, i) => (
              <li key={i}>
                {new Date(s.at).toLocaleTimeString()} {s.text}
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}
