"use client";

import { useState } from "react";
import { ActionMessage } from "@/components/resources/ActionMessage";
import { PruneDialog } from "@/components/resources/PruneDialog";
import { useActionRunner } from "@/components/resources/use-action-runner";
import { useLiveRefresh } from "@/components/resources/use-live-refresh";
import { buttonClass, dangerClass, inputClass, primaryClass } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { formatBytes, type ImageSummary, type PrunePlan, shortId } from "@/lib/resources";
import { eventsTopic } from "@/lib/topics";
import {
  previewImagePruneAction,
  pruneImagesAction,
  removeImageAction,
  tagImageAction,
} from "@/server/actions/images/image-actions";
import { ImagesTable, imageLabel } from "./ImagesTable";
import { PullPanel } from "./PullPanel";

type Open =
  | { kind: "tag"; img: ImageSummary }
  | { kind: "remove"; img: ImageSummary }
  | { kind: "prune"; plan: PrunePlan<ImageSummary> }
  | null;

export function ImagesView(props: { endpointId: string; images: ImageSummary[]; canManage: boolean }) {
  const { endpointId } = props;
  useLiveRefresh(eventsTopic(endpointId), ["image", "container"]);
  const [open, setOpen] = useState<Open>(null);
  const { run, busy, message, setMessage } = useActionRunner();

  async function preview() {
    const plan = await run("Prune preview", () => previewImagePruneAction({ endpointId }));
    if (plan) setOpen({ kind: "prune", plan: plan.value });
  }

  return (
    <div className="space-y-6">
      {props.canManage && <PullPanel endpointId={endpointId} />}
      <ActionMessage message={message} />
      <section aria-labelledby="images-heading" className="space-y-2">
        <div className="flex items-center gap-2">
          <h2 id="images-heading" className="text-lg font-semibold">
            Images ({props.images.length})
          </h2>
          {props.canManage && (
            <button type="button" className={`${buttonClass} ml-auto`} disabled={busy} onClick={() => void preview()}>
              Prune unused images
            </button>
          )}
        </div>
        <ImagesTable
          images={props.images}
          canManage={props.canManage}
          onTag={(img) => setOpen({ kind: "tag", img })}
          onRemove={(img) => setOpen({ kind: "remove", img })}
        />
      </section>
      {open?.kind === "tag" && (
        <TagDialog
          img={open.img}
          busy={busy}
          onClose={() => setOpen(null)}
          onSubmit={async (repository, tag) => {
            const ok = await run("Tag", () => tagImageAction({ endpointId, image: open.img.imageId, repository, tag }));
            if (ok !== null) {
              setOpen(null);
              setMessage({ error: false, text: `Tagged ${repository}:${tag}` });
            }
          }}
        />
      )}
      {open?.kind === "remove" && (
        <RemoveDialog
          img={open.img}
          busy={busy}
          onClose={() => setOpen(null)}
          onSubmit={async (force) => {
            setOpen(null);
            await run(`Remove ${imageLabel(open.img)}`, () =>
              removeImageAction({ endpointId, image: open.img.imageId, force }),
            );
          }}
        />
      )}
      {open?.kind === "prune" && (
        <PruneDialog
          plural="images"
          plan={open.plan}
          nothing="Every image is in use by a container: nothing to prune."
          summary={
            <>
              These {open.plan.items.length} image(s) are used by no container and will be deleted. Space returned: at
              least <strong>{formatBytes(open.plan.reclaimBytes)}</strong>.
            </>
          }
          itemKey={(i) => i.imageId}
          itemText={(i) => `${imageLabel(i)} (${shortId(i.imageId)}, ${formatBytes(i.size)})`}
          busy={busy}
          onClose={() => setOpen(null)}
          onConfirm={async (items) => {
            setOpen(null);
            const r = await run("Prune", () =>
              pruneImagesAction({ endpointId, imageIds: items.map((i) => i.imageId) }),
            );
            if (r)
              setMessage({
                error: r.value.skipped.length > 0,
                text: `Pruned ${r.value.removed.length} image(s)${
                  r.value.skipped.length
                    ? `; kept ${r.value.skipped.length}: ${r.value.skipped.map((s) => s.reason).join("; ")}`
                    : ""
                }`,
              });
          }}
        />
      )}
    </div>
  );
}

function TagDialog(props: {
  img: ImageSummary;
  busy: boolean;
  onClose: () => void;
  onSubmit: (repository: string, tag: string) => void;
}) {
  const [repository, setRepository] = useState("");
  const [tag, setTag] = useState("latest");
  return (
    <Dialog title={`Tag ${imageLabel(props.img)}`} onClose={props.onClose}>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit(repository.trim(), tag.trim());
        }}
      >
        <label className="flex flex-col text-sm">
          Repository
          <input className={inputClass} value={repository} onChange={(e) => setRepository(e.target.value)} required />
        </label>
        <label className="flex flex-col text-sm">
          Tag
          <input className={inputClass} value={tag} onChange={(e) => setTag(e.target.value)} required />
        </label>
        <div className="flex justify-end gap-2">
          <button type="button" className={buttonClass} onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className={primaryClass} disabled={props.busy}>
            Save tag
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function RemoveDialog(props: {
  img: ImageSummary;
  busy: boolean;
  onClose: () => void;
  onSubmit: (force: boolean) => void;
}) {
  const [force, setForce] = useState(false);
  const used = props.img.containers.length;
  return (
    <Dialog title={`Remove image ${imageLabel(props.img)}?`} onClose={props.onClose}>
      <p className="mb-2 text-sm">
        {used
          ? `Used by ${used} container(s); the engine refuses unless forced, and forcing only untags it while in use.`
          : "No container uses this image."}{" "}
        {props.img.repoTags.length > 1 ? `All ${props.img.repoTags.length} tags go with it.` : ""}
      </p>
      <label className="mb-4 flex items-center gap-2 text-sm">
        <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
        Force
      </label>
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonClass} onClick={props.onClose}>
          Cancel
        </button>
        <button type="button" className={dangerClass} disabled={props.busy} onClick={() => props.onSubmit(force)}>
          Remove
        </button>
      </div>
    </Dialog>
  );
}
