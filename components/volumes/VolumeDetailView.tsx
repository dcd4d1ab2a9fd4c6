"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionMessage } from "@/components/resources/ActionMessage";
import { FactList, LabelList } from "@/components/resources/FactList";
import { ContainerLink, UsedBy } from "@/components/resources/UsedBy";
import { useActionRunner } from "@/components/resources/use-action-runner";
import { useLiveRefresh } from "@/components/resources/use-live-refresh";
import { dangerClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toast";
import type { VolumeDetail } from "@/lib/resource-detail";
import { type ContainerRef, formatBytes } from "@/lib/resources";
import { eventsTopic } from "@/lib/topics";
import { removeVolumeAction } from "@/server/actions/volumes/volume-actions";

/** One volume: its facts, size, the containers that mount it (links), and Remove for those allowed. */
export function VolumeDetailView(props: {
  endpointId: string;
  volume: VolumeDetail;
  size: number | null;
  usedBy: ContainerRef[];
  canManage: boolean;
}) {
  const { endpointId, volume: v } = props;
  const router = useRouter();
  useLiveRefresh(eventsTopic(endpointId), ["volume", "container"]);
  const { run, busy, message } = useActionRunner();
  const [confirm, setConfirm] = useState(false);
  const base = `/endpoints/${encodeURIComponent(endpointId)}`;
  return (
    <div className="space-y-6">
      {props.canManage && (
        <div role="toolbar" aria-label="Volume actions" className="flex flex-wrap gap-2">
          <button type="button" className={dangerClass} disabled={busy} onClick={() => setConfirm(true)}>
            Remove
          </button>
        </div>
      )}
      <ActionMessage message={message} />
      <FactList
        label="Volume facts"
        facts={[
          ["Driver", v.driver],
          ["Scope", v.scope],
          ["Size", props.size === null ? "unknown" : formatBytes(props.size)],
          [
            "Mountpoint",
            <span key="mp" className="font-mono text-xs">
              {v.mountpoint}
            </span>,
          ],
          ["Created", v.created],
          ["Options", <LabelList key="options" labels={v.options} />],
          ["Labels", <LabelList key="labels" labels={v.labels} />],
        ]}
      />
      <UsedBy
        count={props.usedBy.length}
        empty="No container mounts this volume: removing it (or a prune) deletes its data."
      >
        <ul aria-label={`Containers using ${v.name}`} className="list-disc pl-5 text-sm">
          {props.usedBy.map((c) => (
            <li key={c.id}>
              <ContainerLink base={base} id={c.id} name={c.name} />
            </li>
          ))}
        </ul>
      </UsedBy>
      {confirm && (
        <ConfirmDialog
          title={`Remove volume ${v.name}?`}
          body={
            props.usedBy.length
              ? `${props.usedBy.length} container(s) mount it: the engine refuses while they exist.`
              : "Its data is deleted. This cannot be undone."
          }
          confirmLabel="Remove"
          onCancel={() => setConfirm(false)}
          onConfirm={async () => {
            setConfirm(false);
            const r = await run(`Remove ${v.name}`, () =>
              removeVolumeAction({ endpointId, name: v.name, force: false }),
            );
            if (r) {
              toast.success(`Removed volume ${v.name}`);
              router.push(`${base}/volumes`);
            }
          }}
        />
      )}
    </div>
  );
}
