"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { UiButton } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { composeDownAction, composeVerbAction, redeployComposeAction } from "@/server/actions/stacks/stack-actions";
import { runStackAction } from "./run-stack-action";

/** The whole project's verbs: start, stop, restart, pull and redeploy (Berth's stacks), down behind a confirmation. */
export function StackActions(props: {
  endpointId: string;
  project: string;
  canOperate: boolean;
  canRedeploy: boolean;
  hasContainers: boolean;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [down, setDown] = useState(false);
  const [volumes, setVolumes] = useState(false);
  const base = { endpointId: props.endpointId, stack: props.project };
  const go = async (what: string, fn: () => Promise<{ ok: true; data: unknown } | { ok: false; error: string }>) => {
    setBusy(true);
    const r = await runStackAction(what, fn);
    setBusy(false);
    if (r !== null) router.refresh();
    return r;
  };
  return (
    <div className="flex flex-wrap gap-2">
      {props.canOperate &&
        props.hasContainers &&
        (["start", "stop", "restart"] as const).map((verb) => (
          <UiButton
            key={verb}
            variant="outline"
            disabled={busy}
            onClick={() =>
              void go(`${verb[0]!.toUpperCase()}${verb.slice(1)} ${props.project}`, () =>
                composeVerbAction({ ...base, verb }),
              )
            }
          >
            {verb[0]!.toUpperCase() + verb.slice(1)}
          </UiButton>
        ))}
      {props.canRedeploy && (
        <UiButton
          disabled={busy}
          onClick={() => void go("Pull and redeploy", () => redeployComposeAction({ ...base, pullPolicy: "always" }))}
        >
          Pull and redeploy
        </UiButton>
      )}
      {props.canOperate && props.hasContainers && (
        <UiButton variant="danger" disabled={busy} onClick={() => setDown(true)}>
          Down
        </UiButton>
      )}
      {down && (
        <Dialog
          title={`Take ${props.project} down?`}
          onClose={() => setDown(false)}
          description="Its containers and networks are removed. Volumes stay unless you tick the box."
        >
          <label className="text-sm">
            <input type="checkbox" checked={volumes} onChange={(e) => setVolumes(e.target.checked)} /> Also remove its
            volumes (their data is lost)
          </label>
          <DialogFooter>
            <UiButton variant="ghost" onClick={() => setDown(false)}>
              Cancel
            </UiButton>
            <UiButton
              variant="danger"
              disabled={busy}
              onClick={async () => {
                await go(`Down ${props.project}`, () => composeDownAction({ ...base, removeVolumes: volumes }));
                setDown(false);
              }}
            >
              {volumes ? "Down and remove volumes" : "Down"}
            </UiButton>
          </DialogFooter>
        </Dialog>
      )}
    </div>
  );
}
