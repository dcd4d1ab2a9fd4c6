import { z } from "zod";
import { splitCommandLine } from "./command-line";
import { RESTART_POLICIES } from "./restart-policies";
import { containerRef, endpointId } from "./schemas";

// The container create form, as one schema shared by the form, the server action and the HTTP API. Inputs are the
// strings a form holds (numbers may also come as numbers from the API); empty strings mean "not set".

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);
const toNumber = (v: unknown) => {
  const b = blank(v);
  return typeof b === "string" ? Number(b.trim()) : b;
};

const optionalText = (max: number, re: RegExp, message: string) =>
  z.preprocess((v) => blank(trimmed(v)), z.string().max(max, message).regex(re, message).optional());

const optionalNumber = (message: string, min: number, max: number, int = false) => {
  let n = z.number({ error: message }).min(min, message).max(max, message);
  if (int) n = n.int(message);
  return z.preprocess(toNumber, n.optional());
};

const absolutePath = /^\/[^\0]*$/;
const noNul = /^[^\0]*$/;

export const IMAGE_REF =
  /^(?:[a-zA-Z0-9.-]+(?::\d{1,5})?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::\w[\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

export const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const NAME_MESSAGE = "Name must be 2 to 128 characters: letters, digits and _ . - (starting with a letter or digit)";
const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export const containerName = z
  .string()
  .trim()
  .min(2, NAME_MESSAGE)
  .max(128, NAME_MESSAGE)
  .regex(CONTAINER_NAME, NAME_MESSAGE);

const commandLine = (what: string) =>
  z.preprocess(
    (v) => blank(v),
    z
      .string()
      .max(8192, `${what} is at most 8192 characters`)
      .refine((s) => splitCommandLine(s) !== null, `${what} has an unclosed quote`)
      .optional(),
  );

export const envLine = z
  .string()
  .max(32768, "An environment line is at most 32768 characters")
  .regex(/^[^=\s\0]+=[^\0]*$/s, "Must be KEY=VALUE: a name without spaces or =, then =, then any value");

export const labelRow = z.object({
  key: z
    .string()
    .trim()
    .min(1, "Label key is required")
    .max(256, "Label key is at most 256 characters")
    .regex(noNul, "Label key cannot contain NUL"),
  value: z.string().max(4096, "Label value is at most 4096 characters").regex(noNul, "Label value cannot contain NUL"),
});

const PORT_MESSAGE = "must be a whole number from 1 to 65535";

export const portRow = z.object({
  hostIp: z.preprocess(
    (v) => blank(trimmed(v)),
    z.union([z.ipv4(), z.ipv6()], { error: "Host IP must be an IPv4 or IPv6 address" }).optional(),
  ),
  hostPort: optionalNumber(`Host port ${PORT_MESSAGE} (or empty for any free port)`, 1, 65535, true),
  containerPort: z.preprocess(
    toNumber,
    z
      .number({ error: `Container port ${PORT_MESSAGE}` })
      .int(`Container port ${PORT_MESSAGE}`)
      .min(1, `Container port ${PORT_MESSAGE}`)
      .max(65535, `Container port ${PORT_MESSAGE}`),
  ),
  protocol: z.enum(["tcp", "udp", "sctp"], { error: "Protocol must be tcp, udp or sctp" }).default("tcp"),
});

export const volumeRow = z
  .object({
    type: z.enum(["volume", "bind"], { error: "Type must be volume or bind" }),
    source: z.preprocess(trimmed, z.string().max(4096, "Source is at most 4096 characters")).default(""),
    target: z.preprocess(
      trimmed,
      z
        .string()
        .min(1, "Container path is required")
        .max(4096, "Container path is at most 4096 characters")
        .regex(absolutePath, "Container path must be absolute (start with /)"),
    ),
    readOnly: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (v.type === "bind" && !absolutePath.test(v.source))
      ctx.addIssue({ code: "custom", path: ["source"], message: "Host path must be absolute (start with /)" });
    if (v.type === "volume" && v.source !== "" && !VOLUME_NAME.test(v.source))
      ctx.addIssue({
        code: "custom",
        path: ["source"],
        message: "Volume name must be letters, digits and _ . - (or empty for an anonymous volume)",
      });
  });

export { RESTART_POLICIES };

export const containerSpec = z
  .object({
    image: z
      .string()
      .trim()
      .min(1, "Image is required")
      .max(512, "Image is at most 512 characters")
      .regex(IMAGE_REF, "Not a valid image reference (such as nginx:1.27 or registry:5000/team/app:tag)"),
    name: z.preprocess((v) => blank(v), containerName.optional()),
    command: commandLine("Command"),
    entrypoint: commandLine("Entrypoint"),
    workingDir: optionalText(4096, absolutePath, "Working directory must be an absolute path (start with /)"),
    user: optionalText(
      128,
      /^[A-Za-z0-9_.-]+(?::[A-Za-z0-9_.-]+)?$/,
      "User must be a name or id, optionally with :group",
    ),
    env: z.array(envLine).max(500, "At most 500 environment variables").default([]),
    labels: z.array(labelRow).max(500, "At most 500 labels").default([]),
    ports: z.array(portRow).max(200, "At most 200 published ports").default([]),
    volumes: z.array(volumeRow).max(100, "At most 100 volumes").default([]),
    network: optionalText(
      128,
      /^[a-zA-Z0-9][a-zA-Z0-9_.:-]*$/,
      "Network must be a network name such as bridge, host or none",
    ),
    restartPolicy: z
      .enum(RESTART_POLICIES, { error: "Restart policy must be no, always, unless-stopped or on-failure" })
      .default("no"),
    maxRetries: optionalNumber("Maximum retries must be a whole number from 0 to 1000", 0, 1000, true),
    memoryMb: optionalNumber("Memory limit must be a number of MB from 6 to 10000000", 6, 10_000_000),
    cpus: optionalNumber("CPUs must be a number from 0.01 to 1024, such as 0.5 or 2", 0.01, 1024),
    autoRemove: z.boolean().default(false),
    init: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (v.autoRemove && v.restartPolicy !== "no")
      ctx.addIssue({
        code: "custom",
        path: ["autoRemove"],
        message: "Auto-remove cannot be combined with a restart policy other than no",
      });
    if (v.maxRetries !== undefined && v.restartPolicy !== "on-failure")
      ctx.addIssue({
        code: "custom",
        path: ["maxRetries"],
        message: "Maximum retries applies only to the on-failure restart policy",
      });
    const seen = new Set<string>();
    v.labels.forEach((l, i) => {
      if (seen.has(l.key)) ctx.addIssue({ code: "custom", path: ["labels", i, "key"], message: "Duplicate label key" });
      seen.add(l.key);
    });
    const published = new Set<string>();
    v.ports.forEach((p, i) => {
      if (p.hostPort === undefined) return;
      const k = `${p.hostIp ?? ""}|${p.hostPort}|${p.protocol}`;
      if (published.has(k))
        ctx.addIssue({
          code: "custom",
          path: ["ports", i, "hostPort"],
          message: "This host port is already used above",
        });
      published.add(k);
    });
  });

export type ContainerSpec = z.output<typeof containerSpec>;
export type ContainerSpecInput = z.input<typeof containerSpec>;

export const createContainerInput = z.object({
  endpointId,
  spec: containerSpec,
  /** Start the container once created (the form's default). */
  start: z.boolean().default(true),
});
export type CreateContainerInput = z.output<typeof createContainerInput>;

export const renameContainerInput = z.object({ endpointId, containerId: containerRef, name: containerName });
export type RenameContainerInput = z.output<typeof renameContainerInput>;

export const recreateContainerInput = z.object({
  endpointId,
  containerId: containerRef,
  pull: z.boolean().default(false),
});
export type RecreateContainerInput = z.output<typeof recreateContainerInput>;

export const editContainerInput = z.object({
  endpointId,
  containerId: containerRef,
  /** The whole form; its name, if given, must be the container's own (Edit keeps the name; Rename changes it). */
  spec: containerSpec,
});
export type EditContainerInput = z.output<typeof editContainerInput>;
