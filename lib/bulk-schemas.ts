import { z } from "zod";
import { containerRef, endpointId } from "./schemas";

// "update": pull each container's tag and recreate it on a newer image (server/services/updates/update-container.ts).
export const BULK_VERBS = ["start", "stop", "kill", "restart", "pause", "resume", "remove", "update"] as const;
export type BulkVerb = (typeof BULK_VERBS)[number];

/** One bulk action on containers of one endpoint (the client sends one per endpoint of the selection). */
export const bulkContainerInput = z.object({
  endpointId,
  verb: z.enum(BULK_VERBS),
  containerIds: z.array(containerRef).min(1, "Select at least one container").max(1000, "At most 1,000 at once"),
});
export type BulkContainerInput = z.infer<typeof bulkContainerInput>;

export interface BulkItemResult {
  containerId: string;
  ok: boolean;
  error?: string;
}
