// Image update views and words, shared with the browser: no zod here (the inputs are in update-schemas.ts).
import type { UpdateState } from "./registry-ref";

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

/** How long the updated container gets to be healthy (or, without a healthcheck, to keep running). */
export const DEFAULT_GRACE_SECONDS = 30;

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
