import { z } from "zod";
import { containerRef, endpointId } from "./schemas";
import { DEFAULT_GRACE_SECONDS } from "./updates";

// Inputs of the image update actions and routes (server side; the browser gets lib/updates.ts only).

export const checkUpdatesInput = z.object({ endpointId });
export type CheckUpdatesInput = z.output<typeof checkUpdatesInput>;

export const updateContainerInput = z.object({
  endpointId,
  containerId: containerRef,
  graceSeconds: z.number().int().min(1).max(600).default(DEFAULT_GRACE_SECONDS),
});
export type UpdateContainerInput = z.output<typeof updateContainerInput>;
