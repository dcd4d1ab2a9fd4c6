import { z } from "zod";

// Inputs of every swarm entry point (server actions, route handlers, forms share them).

const endpointId = z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "Not an endpoint id");
/** Swarm object ids are 25 base-32 characters; names are accepted wherever the engine accepts them too. */
const swarmRef = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/, "Not a swarm id or name");
export const serviceName = z
  .string()
  .regex(/^[a-zA-Z0-9](?:[a-zA-Z0-9_-]{0,61}[a-zA-Z0-9])?$/, "Letters, digits, - and _ (at most 63), as Docker wants");
const labelMap = z.record(z.string().min(1).max(255), z.string().max(4096)).default({});

export const nodeInput = z.object({ endpointId, nodeId: swarmRef });
export const updateNodeInput = nodeInput.extend({
  availability: z.enum(["active", "pause", "drain"]).optional(),
  /** Promote (manager) or demote (worker). */
  nodeRole: z.enum(["manager", "worker"]).optional(),
  labels: z.record(z.string().min(1).max(255), z.string().max(4096)).optional(),
});
export type UpdateNodeInput = z.infer<typeof updateNodeInput>;

export const serviceInput = z.object({ endpointId, serviceId: swarmRef });
export const scaleServiceInput = serviceInput.extend({ replicas: z.coerce.number().int().min(0).max(1000) });

const mount = z.object({
  type: z.enum(["volume", "bind", "tmpfs"]),
  source: z.string().max(4096).default(""),
  target: z.string().min(1).max(4096).startsWith("/", "A mount target is an absolute path"),
  readOnly: z.boolean().default(false),
});
const port = z.object({
  target: z.coerce.number().int().min(1).max(65535),
  published: z.coerce.number().int().min(1).max(65535).optional(),
  protocol: z.enum(["tcp", "udp", "sctp"]).default("tcp"),
  mode: z.enum(["host", "ingress"]).default("host"),
});
const fileRef = z.object({
  name: swarmRef,
  /** Secrets: a file name under /run/secrets; configs: an absolute path (default /<name>). */
  target: z.string().max(4096).optional(),
});
const seconds = z.coerce.number().min(0).max(86_400);

/** What the service form (and the API) sends: Docker's own concepts with friendlier units. */
export const serviceForm = z.object({
  name: serviceName,
  image: z.string().min(1).max(512),
  command: z.array(z.string().max(4096)).max(100).default([]),
  args: z.array(z.string().max(4096)).max(100).default([]),
  env: z
    .array(z.string().regex(/^[^=\s]+=/, "Environment entries are KEY=value"))
    .max(500)
    .default([]),
  labels: labelMap,
  containerLabels: labelMap,
  mounts: z.array(mount).max(50).default([]),
  networks: z.array(swarmRef).max(20).default([]),
  mode: z.enum(["replicated", "global"]).default("replicated"),
  replicas: z.coerce.number().int().min(0).max(1000).default(1),
  constraints: z.array(z.string().min(3).max(512)).max(50).default([]),
  /** Spread descriptors, e.g. node.labels.zone. */
  preferences: z.array(z.string().min(1).max(512)).max(10).default([]),
  limits: z
    .object({
      cpus: z.coerce.number().min(0).max(1024).optional(),
      memoryMb: z.coerce.number().int().min(0).optional(),
    })
    .default({}),
  reservations: z
    .object({
      cpus: z.coerce.number().min(0).max(1024).optional(),
      memoryMb: z.coerce.number().int().min(0).optional(),
    })
    .default({}),
  restart: z
    .object({
      condition: z.enum(["none", "on-failure", "any"]).default("any"),
      delaySeconds: seconds.default(5),
      maxAttempts: z.coerce.number().int().min(0).max(1000).default(0),
    })
    .default({ condition: "any", delaySeconds: 5, maxAttempts: 0 }),
  update: z
    .object({
      parallelism: z.coerce.number().int().min(0).max(1000).default(1),
      delaySeconds: seconds.default(0),
      failureAction: z.enum(["pause", "continue", "rollback"]).default("pause"),
      monitorSeconds: seconds.default(5),
      order: z.enum(["stop-first", "start-first"]).default("stop-first"),
    })
    .default({ parallelism: 1, delaySeconds: 0, failureAction: "pause", monitorSeconds: 5, order: "stop-first" }),
  ports: z.array(port).max(50).default([]),
  endpointMode: z.enum(["vip", "dnsrr"]).default("vip"),
  secrets: z.array(fileRef).max(50).default([]),
  configs: z.array(fileRef).max(50).default([]),
  stopGraceSeconds: seconds.optional(),
});
export type ServiceForm = z.infer<typeof serviceForm>;

export const createServiceInput = z.object({ endpointId, service: serviceForm });
export const updateServiceInput = serviceInput.extend({ service: serviceForm });

export const swarmObjectInput = z.object({ endpointId, kind: z.enum(["secret", "config"]), id: swarmRef });
/** A secret's or config's value travels in here once, to the engine; it is never logged or sent back. */
export const createSwarmObjectInput = z.object({
  endpointId,
  kind: z.enum(["secret", "config"]),
  name: swarmRef,
  value: z
    .string()
    .min(1, "A value is required")
    .max(500 * 1024, "At most 500 KB (the engine's limit)"),
  labels: labelMap,
});
export type CreateSwarmObjectInput = z.infer<typeof createSwarmObjectInput>;

export const stackName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,49}$/, "Lower-case letters, digits, - and _ (at most 50)");
/** The compose file's text; its own limits (size, aliases) are checked by lib/compose. */
export const deployStackInput = z.object({
  endpointId,
  stack: stackName,
  compose: z.string().max(1024 * 1024, "A compose file of at most 1 MB"),
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string().max(4096)).default({}),
});
export type DeployStackInput = z.infer<typeof deployStackInput>;
export const stackInput = z.object({ endpointId, stack: stackName });
