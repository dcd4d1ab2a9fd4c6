"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { RecreateDialog, RenameDialog } from "@/components/containers/ContainerDialogs";
import { runContainerVerb } from "@/components/containers/run-container-verb";
import { useTopic } from "@/components/realtime/use-topic";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { BulkVerb } from "@/lib/bulk-schemas";
import type { ContainerOverview } from "@/lib/container-overview";
import { describeState, VERB_LABEL, verbsFor } from "@/lib/container-state";
import type { ContainerSummary } from "@/lib/domain";
import { containersTopic } from "@/lib/topics";

const BUTTON =
  "inline-flex items-center rounded border border-slate-300 px-2.5 py-1 text-sm hover:bg-slate-100 disabled:opacity-40 dark:border-slate-600 dark:hover:bg-slate-800";
const DANGER =
  "inline-flex items-center rounded border border-red-500 px-2.5 py-1 text-sm text-red-800 hover:bg-red-50 disabled:opacity-40 dark:border-red-400 dark:text-red-200 dark:hover:bg-red-950";

const STATE_BADGE: Record<string, string> = {
  running: "bg-green-100 text-green-900 dark:bg-green-900 dark:text-green-100",
  paused: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  restarting: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
};
const HEALTH_BADGE: Record<string, string> = {
  healthy: "bg-green-100 text-green-900 dark:bg-green-900 dark:text-green-100",
  unhealthy: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  starting: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
};

/**
 * The container page's header: name, state and health at a glance ("up 3 h"), and the actions the state allows, for
 * those allowed (a viewer sees none). The state follows the endpoint's live store; after an action the page is
 * re-read so times and the rest of the overview match.
 */
export function ContainerHeader(props: {
  endpointId: string;
  overview: ContainerOverview;
  canOperate: boolean;
  canCreate: boolean;
}) {
  const o = props.overview;
  const router = useRouter();
  const live = useTopic<ContainerSummary>(containersTopic(props.endpointId)).items.find((c) => c.id === o.id);
  // Whichever is newer wins: the page's own read (re-done after every action) until the live store moves on from
  // the state it had at that read. On a busy engine the store's re-read can lag the action's answer.
  const [seen, setSeen] = useState({ o, live: live?.state });
  if (seen.o !== o) setSeen({ o, live: live?.state });
  const liveMoved = live !== undefined && live.state !== seen.live;
  const state = liveMoved ? live.state : o.state;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);
  // Re-read when the live state moved away from what the page was rendered with (started, stopped elsewhere...).
  useEffect(() => {
    if (liveMoved && live.state !== o.state) router.refresh();
  }, [liveMoved, live?.state, o.state, router]);
  const [busy, setBusy] = useState<BulkVerb | null>(null);
  const [dialog, setDialog] = useState<"remove" | "rename" | "recreate" | null>(null);
  const c = { endpointId: props.endpointId, id: o.id, name: live?.name ?? o.name };
  const base = `/endpoints/${encodeURIComponent(props.endpointId)}/containers`;

  async function run(verb: BulkVerb) {
    setBusy(verb);
    const ok = await runContainerVerb(verb, c);
    setBusy(null);
    if (ok && verb === "remove") router.push(base);
    else router.refresh();
  }

  const health = o.health?.status;
  return (
    <header className="mb-4 space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="mr-2 text-2xl font-semibold break-all">{c.name}</h1>
        <span
          className={`rounded px-2 py-0.5 text-sm font-medium ${STATE_BADGE[state] ?? "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-100"}`}
        >
          {state === o.state ? describeState(o, now) : state}
        </span>
        {health && (
          <span className={`rounded px-2 py-0.5 text-sm font-medium ${HEALTH_BADGE[health] ?? ""}`}>{health}</span>
        )}
        {o.restartCount > 0 && (
          <span className="text-sm text-amber-800 dark:text-amber-300">restarted {o.restartCount}×</span>
        )}
      </div>
      {(props.canOperate || props.canCreate) && (
        <div role="toolbar" aria-label="Container actions" className="flex flex-wrap gap-1.5">
          {props.canOperate &&
            verbsFor(state)
              .filter((v) => v !== "remove")
              .map((v) => (
                <button key={v} type="button" className={BUTTON} disabled={busy !== null} onClick={() => void run(v)}>
                  {busy === v ? `${VERB_LABEL[v]}…` : VERB_LABEL[v]}
                </button>
              ))}
          {props.canOperate && props.canCreate && (
            <Link href={`${base}/${encodeURIComponent(o.id)}/edit`} className={BUTTON}>
              Edit
            </Link>
          )}
          {props.canCreate && (
            <Link href={`${base}/new?from=${encodeURIComponent(o.id)}`} className={BUTTON}>
              Duplicate
            </Link>
          )}
          {props.canOperate && (
            <button type="button" className={BUTTON} disabled={busy !== null} onClick={() => setDialog("rename")}>
              Rename
            </button>
          )}
          {props.canOperate && props.canCreate && (
            <button type="button" className={BUTTON} disabled={busy !== null} onClick={() => setDialog("recreate")}>
              Recreate
            </button>
          )}
          {props.canOperate && (
            <button type="button" className={DANGER} disabled={busy !== null} onClick={() => setDialog("remove")}>
              Remove
            </button>
          )}
        </div>
      )}
      {dialog === "remove" && (
        <ConfirmDialog
          title={`Remove container ${c.name}?`}
          body={`${state === "running" ? "It is running: it is killed first. " : ""}The container and its anonymous volumes are deleted. This cannot be undone.`}
          confirmLabel="Remove"
          onCancel={() => setDialog(null)}
          onConfirm={() => {
            setDialog(null);
            void run("remove");
          }}
        />
      )}
      {dialog === "rename" && (
        <RenameDialog
          endpointId={props.endpointId}
          container={c}
          onClose={() => setDialog(null)}
          onDone={() => router.refresh()}
        />
      )}
      {dialog === "recreate" && (
        <RecreateDialog
          endpointId={props.endpointId}
          container={c}
          onClose={() => setDialog(null)}
          onDone={(newId) => router.replace(`${base}/${encodeURIComponent(newId ?? o.id)}`)}
        />
      )}
    </header>
  );
}
