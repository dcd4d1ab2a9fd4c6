"use client";

import { useId, useState } from "react";
import { inputClass } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { toast } from "@/components/ui/toast";
import { DEFAULT_GRACE_SECONDS } from "@/lib/updates";
import { updateContainerAction } from "@/server/actions/updates/update-actions";

/**
 * One-click image update of one container: pull its tag, recreate it through the safe swap, wait for it to be
 * healthy. A rollback is an error toast that says the old container runs again (the dialog closes either way: the
 * attempt is over).
 */
export function UpdateDialog(props: {
  endpointId: string;
  container: { id: string; name: string };
  image: string;
  onClose: () => void;
}) {
  const [grace, setGrace] = useState(String(DEFAULT_GRACE_SECONDS));
  const graceId = useId();
  const name = props.container.name;
  return (
    <FormDialog
      title={`Update container ${name}`}
      submitLabel="Update"
      onClose={props.onClose}
      run={async () => {
        const seconds = Number(grace);
        if (!Number.isInteger(seconds) || seconds < 1 || seconds > 600)
          return { ok: false, error: "The grace period is a whole number of seconds from 1 to 600." };
        const r = await updateContainerAction({
          endpointId: props.endpointId,
          containerId: props.container.id,
          graceSeconds: seconds,
        });
        if (r.ok)
          toast.success(r.data.outcome === "updated" ? `Updated ${name}` : `${name} is up to date`, {
            description: r.data.message,
          });
        else if (/rolled back/.test(r.error)) toast.error(`Update of ${name} rolled back`, { details: r.error });
        else return r;
        return { ok: true };
      }}
    >
      <p className="text-sm">
        Pulls <span className="font-mono">{props.image}</span> and, if that brings a newer image, replaces the container
        with one made from it under the same name and settings. If the new container is not healthy (or, without a
        healthcheck, does not keep running) in time, the old container is put back.
      </p>
      <label htmlFor={graceId} className="block text-sm font-medium">
        Grace period (seconds)
      </label>
      <input
        id={graceId}
        inputMode="numeric"
        value={grace}
        onChange={(e) => setGrace(e.target.value)}
        className={`${inputClass} w-24`}
      />
    </FormDialog>
  );
}
