import { z } from "zod";
import type { UpdateState } from "./registry-ref";
import { containerRef, endpointId } from "./schemas";

/** One container's image update status, as the list's badge and filter read it (no secrets: digests and words). */
export interface UpdateView {
  /** The container's id (the key live diffs use). */
  id: string;
  endpointId: string;
  containerName: string;
  /** The reference the container was made from. */
  image: string;
  state: UpdateState;
  localDigest: string | null;
  remoteDigest: string | null;
  /** Why the state is unknown or an error ("not pulled from a registry", "the registry wants a login"...). */
  detail: string | null;
  checkedAt: number;
}

export const checkUpdatesInput = z.object({ endpointId });
export type CheckUpdatesInput = z.output<typeof checkUpdatesInput>;

/** How long the updated container gets to be healthy (or, without a healthcheck, to keep running). */
export const DEFAULT_GRACE_SECONDS = 30;
export const updateContainerInput = z.object({
  endpointId,
  containerId: containerRef,
  graceSeconds: z.number().int().min(1).max(600).default(DEFAULT_GRACE_SECONDS),
});
export type UpdateContainerInput = z.output<typeof updateContainerInput>;

export interface UpdateOutcome {
  /** updated: the new image runs; current: nothing newer was pulled; rolled-back: the old container runs again. */
  outcome: "updated" | "current" | "rolled-back";
  id: string;
  name: string;
  message: string;
}

/** The filter value of "update available" in the container list's URL (?update=available). */
export const UPDATE_FILTER_VALUES = ["available", "current", "unknown"] as const;

export const updateLabel = (u: UpdateView | undefined): string | null =>
  !u
    ? null
    : u.state === "available"
      ? "Update available"
      : u.state === "error"
        ? "Update check failed"
        : u.state === "current"
          ? "Up to date"
          : null;
