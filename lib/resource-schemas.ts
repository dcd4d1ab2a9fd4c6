import { z } from "zod";
import { containerRef, endpointId } from "./schemas";

// Inputs for images, registries, networks, volumes and events: one schema per input, shared by action, route and form.

// The docker reference grammar (distribution/reference), simplified: optional host[:port]/, lower-case path
// components, optional :tag and @sha256 digest. Nothing else reaches the engine.
const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const REFERENCE = new RegExp(
  `^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]{1,5})?/)?` +
    `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`,
);

export const imageReference = z
  .string()
  .trim()
  .min(1, "Image name is required")
  .max(255, "Image name is at most 255 characters")
  .regex(REFERENCE, "Not an image name (e.g. busybox:latest or registry.example.com:5000/team/app:1.2)");

/** An image id (sha256:hex or a hex prefix) or a reference. */
export const imageIdOrRef = z.union([
  z.string().regex(/^(?:sha256:)?[a-f0-9]{12,64}$/, "Not an image id"),
  imageReference,
]);

export const tagName = z
  .string()
  .trim()
  .regex(/^[\w][\w.-]{0,127}$/, "A tag is letters, digits, _ . - (at most 128)");

export const pullImageInput = z.object({ endpointId, ref: imageReference });
export type PullImageInput = z.infer<typeof pullImageInput>;

export const pullJobInput = z.object({ endpointId, jobId: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/) });

export const removeImageInput = z.object({ endpointId, image: imageIdOrRef, force: z.boolean().default(false) });
export type RemoveImageInput = z.infer<typeof removeImageInput>;

export const tagImageInput = z.object({
  endpointId,
  image: imageIdOrRef,
  repository: z
    .string()
    .trim()
    .max(255)
    .regex(REFERENCE, "Not a repository name")
    .refine((r) => !/:[\w][\w.-]*$/.test(r.split("/").pop() ?? ""), "Give the tag in its own field"),
  tag: tagName,
});
export type TagImageInput = z.infer<typeof tagImageInput>;

export const inspectImageInput = z.object({ endpointId, image: imageIdOrRef });

/** Deletes exactly the images of a preview that are still unused; ids come from the preview the user saw. */
export const pruneImagesInput = z.object({
  endpointId,
  imageIds: z.array(z.string().regex(/^sha256:[a-f0-9]{64}$/)).max(5000),
});

// --- registries ---
export const registryInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name is required")
    .max(64, "Name is at most 64 characters")
    .regex(/^[\w .@-]+$/, "Name may contain letters, digits, spaces and _ . @ -"),
  url: z.string().trim().min(1, "URL is required").max(255, "URL is at most 255 characters"),
  username: z.string().trim().max(255).default(""),
  password: z.string().max(4096, "Password or token is at most 4096 characters").default(""),
});
export type RegistryInput = z.infer<typeof registryInput>;

export const registryIdInput = z.object({ id: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/) });

// --- networks ---
const dockerName = z
  .string()
  .trim()
  .min(1, "Name is required")
  .max(128)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, "Name may contain letters, digits and _ . - (not first)");

const cidr = z
  .string()
  .trim()
  .regex(
    /^(?:\d{1,3}\.){3}\d{1,3}\/\d{1,2}$|^[0-9a-fA-F:]+\/\d{1,3}$/,
    "Subnet is an address range such as 10.20.0.0/24",
  );
const ip = z
  .string()
  .trim()
  .regex(/^(?:\d{1,3}\.){3}\d{1,3}$|^[0-9a-fA-F:]+$/, "Gateway is an address such as 10.20.0.1");
const labels = z
  .record(z.string().min(1).max(256), z.string().max(1024))
  .refine((l) => Object.keys(l).length <= 64, "At most 64 labels")
  .default({});

export const createNetworkInput = z
  .object({
    endpointId,
    name: dockerName,
    driver: z.enum(["bridge", "overlay", "macvlan"]).default("bridge"),
    subnet: z.union([cidr, z.literal("")]).default(""),
    gateway: z.union([ip, z.literal("")]).default(""),
    parent: z
      .union([
        z
          .string()
          .trim()
          .regex(/^[a-zA-Z0-9_.:-]{1,15}$/, "Not an interface name"),
        z.literal(""),
      ])
      .default(""),
    internal: z.boolean().default(false),
    attachable: z.boolean().default(false),
    labels,
  })
  .refine((v) => v.driver !== "macvlan" || v.parent !== "", {
    message: "A macvlan network needs a parent interface",
    path: ["parent"],
  })
  .refine((v) => v.gateway === "" || v.subnet !== "", { message: "A gateway needs a subnet", path: ["gateway"] });
export type CreateNetworkInput = z.infer<typeof createNetworkInput>;

export const networkRef = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/, "Not a network id or name");

export const removeNetworkInput = z.object({ endpointId, network: networkRef });

export const connectNetworkInput = z.object({
  endpointId,
  network: networkRef,
  container: containerRef,
  aliases: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/, "Not an alias"),
    )
    .max(16)
    .default([]),
});
export type ConnectNetworkInput = z.infer<typeof connectNetworkInput>;

export const disconnectNetworkInput = z.object({
  endpointId,
  network: networkRef,
  container: containerRef,
  force: z.boolean().default(false),
});

// --- volumes ---
export const volumeName = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$/, "Not a volume name");

export const createVolumeInput = z.object({
  endpointId,
  name: z.union([volumeName, z.literal("")]).default(""),
  driver: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9][a-zA-Z0-9_./:-]{0,127}$/, "Not a driver name")
    .default("local"),
  labels,
});
export type CreateVolumeInput = z.infer<typeof createVolumeInput>;

export const removeVolumeInput = z.object({ endpointId, name: volumeName, force: z.boolean().default(false) });

export const pruneVolumesInput = z.object({ endpointId, names: z.array(volumeName).max(5000) });

export const endpointOnlyInput = z.object({ endpointId });

// --- events ---
export const eventFilterInput = z.object({
  type: z.enum(["container", "image", "network", "volume", "service", "node"]).optional(),
  action: z
    .string()
    .regex(/^[a-z_]{1,32}$/)
    .optional(),
  object: z.string().max(128).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type EventFilterInput = z.infer<typeof eventFilterInput>;

/** A saved registry as pages and the API show it: never the password (only whether one is stored). */
export interface RegistryView {
  id: string;
  name: string;
  url: string;
  host: string;
  username: string;
  hasSecret: boolean;
  createdAt: number;
}
