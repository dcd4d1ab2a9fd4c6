import { z } from "zod";
import { entityId } from "./access-schemas";
import { containerRef, endpointId } from "./schemas";
import { SLUG_MAX, SLUG_PATTERN } from "./status-slug";

// Inputs of status page management: one schema per input, shared by the server actions, the API and the form.

export { SLUG_MAX, SLUG_PATTERN };

const slugRe = new RegExp(`^${SLUG_PATTERN}$`);

export const statusSlug = z
  .string()
  .trim()
  .min(1, "Slug is required")
  .max(SLUG_MAX, `Slug is at most ${SLUG_MAX} characters`)
  .regex(slugRe, "Slug may contain lowercase letters, digits and hyphens only, and may not start or end with a hyphen")
  .refine((s) => !s.includes("--"), "Slug may not contain two hyphens in a row");

export function isStatusSlug(raw: unknown): raw is string {
  return typeof raw === "string" && slugRe.test(raw) && !raw.includes("--");
}

/** Anything printable: shown to the public as text, never as HTML. */
const publicText = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${what} is required`)
    .max(max, `${what} is at most ${max} characters`)
    .refine((s) => !/\p{Cc}/u.test(s), `${what} may not contain control characters`);

export const statusTitle = publicText("Title", 120);
export const statusDisplayName = publicText("Display name", 80);

export const MAX_STATUS_ITEMS = 100;

/**
 * One thing a page shows. A container is referenced by its name on the endpoint, not its id: Recreate and Edit
 * replace the id but keep the name, so the item survives them (a rename makes the item show as down).
 */
/** A Kubernetes Deployment on a status page: "namespace/name". */
const deploymentRef = z
  .string()
  .max(317)
  .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\/[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, "Not a namespace/name");

export const statusItemInput = z
  .object({
    endpointId,
    /**
     * A container (by name); a swarm service (by name): up while its running tasks reach the replicas wanted; a
     * Kubernetes Deployment ("namespace/name"): up while its ready replicas reach the replicas wanted.
     */
    kind: z.enum(["container", "service", "deployment"]).default("container"),
    ref: z.union([containerRef, deploymentRef]),
    displayName: statusDisplayName,
  })
  .refine((i) => (i.kind === "deployment") === i.ref.includes("/"), {
    message: "A Deployment is named namespace/name; a container or service by its name",
    path: ["ref"],
  });
export type StatusItemInput = z.infer<typeof statusItemInput>;

export const saveStatusPageInput = z
  .object({
    slug: statusSlug,
    title: statusTitle,
    items: z.array(statusItemInput).max(MAX_STATUS_ITEMS, `A page shows at most ${MAX_STATUS_ITEMS} items`),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.items.forEach((item, i) => {
      const key = `${item.endpointId}/${item.kind}/${item.ref}`;
      if (seen.has(key)) {
        ctx.addIssue({
          code: "custom",
          path: ["items", i, "ref"],
          message: `${item.kind === "service" ? "Service" : item.kind === "deployment" ? "Deployment" : "Container"} ${item.ref} is on this page twice`,
        });
      }
      seen.add(key);
    });
  });
export type SaveStatusPageInput = z.infer<typeof saveStatusPageInput>;

export const statusPageRefInput = z.object({ id: entityId });
export const updateStatusPageInput = z.intersection(saveStatusPageInput, statusPageRefInput);
