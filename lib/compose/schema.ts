import { z } from "zod";

// The compose file as a Swarm stack deploy reads it: the keys `docker stack deploy` uses, strictly (an unknown key is
// an error naming it), plus a few it accepts and ignores (build, depends_on, restart, container_name), reported as
// warnings. `x-` extension keys are allowed wherever the compose spec allows them.

const extensions = <T extends z.ZodRawShape>(shape: T) =>
  z
    .object(shape)
    .catchall(z.unknown())
    .superRefine((o, ctx) => {
      for (const k of Object.keys(o))
        if (!(k in shape) && !k.startsWith("x-"))
          ctx.addIssue({ code: "custom", path: [k], message: `Unknown key "${k}"` });
    });

const str = z.string();
const num = z.union([
  z.number(),
  z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .transform(Number),
]);
const int = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);
const bool = z.boolean();
/** Lists of `KEY=value` or maps; values may be numbers or booleans, kept as text. */
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const listOrMap = z.union([z.array(z.string()), z.record(z.string(), scalar)]);
/** Compose durations: 10s, 1m30s, 500ms, 1h. */
export const duration = z.string().regex(/^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/, "A duration such as 10s, 1m30s or 500ms");
const stringOrList = z.union([z.string(), z.array(z.string())]);

const resources = extensions({
  cpus: z.union([z.string(), z.number()]).optional(),
  memory: z.union([z.string(), z.number()]).optional(),
  pids: int.optional(),
});

const updateConfig = extensions({
  parallelism: int.optional(),
  delay: duration.optional(),
  failure_action: z.enum(["continue", "pause", "rollback"]).optional(),
  monitor: duration.optional(),
  max_failure_ratio: num.optional(),
  order: z.enum(["start-first", "stop-first"]).optional(),
});

const deploy = extensions({
  mode: z.enum(["replicated", "global"]).optional(),
  replicas: int.optional(),
  labels: listOrMap.optional(),
  endpoint_mode: z.enum(["vip", "dnsrr"]).optional(),
  placement: extensions({
    constraints: z.array(str).optional(),
    preferences: z.array(extensions({ spread: str })).optional(),
    max_replicas_per_node: int.optional(),
  }).optional(),
  resources: extensions({ limits: resources.optional(), reservations: resources.optional() }).optional(),
  restart_policy: extensions({
    condition: z.enum(["none", "on-failure", "any"]).optional(),
    delay: duration.optional(),
    max_attempts: int.optional(),
    window: duration.optional(),
  }).optional(),
  update_config: updateConfig.optional(),
  rollback_config: updateConfig.optional(),
});

const port = z.union([
  z.number().int(),
  z
    .string()
    .regex(
      /^(?:(?:[\d.]+|\[[0-9a-fA-F:]+\]):)?(?:\d+(?:-\d+)?:)?\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/,
      "A port such as 80, 8080:80 or 8080:80/udp",
    ),
  extensions({
    target: int,
    published: z.union([int, z.string()]).optional(),
    protocol: z.enum(["tcp", "udp", "sctp"]).optional(),
    mode: z.enum(["host", "ingress"]).optional(),
  }),
]);

const volume = z.union([
  z.string().min(1),
  extensions({
    type: z.enum(["volume", "bind", "tmpfs", "npipe"]),
    source: str.optional(),
    target: str,
    read_only: bool.optional(),
    volume: extensions({ nocopy: bool.optional() }).optional(),
    bind: extensions({ propagation: str.optional() }).optional(),
    tmpfs: extensions({ size: z.union([int, str]).optional() }).optional(),
  }),
]);

const fileRef = z.union([
  str,
  extensions({ source: str, target: str.optional(), uid: str.optional(), gid: str.optional(), mode: int.optional() }),
]);

export const IGNORED_SERVICE_KEYS = ["build", "depends_on", "restart", "container_name"] as const;

const serviceShape = {
  image: str,
  command: stringOrList.optional(),
  entrypoint: stringOrList.optional(),
  environment: listOrMap.optional(),
  labels: listOrMap.optional(),
  deploy: deploy.optional(),
  ports: z.array(port).optional(),
  networks: z
    .union([z.array(str), z.record(str, extensions({ aliases: z.array(str).optional() }).nullable())])
    .optional(),
  volumes: z.array(volume).optional(),
  secrets: z.array(fileRef).optional(),
  configs: z.array(fileRef).optional(),
  stop_grace_period: duration.optional(),
  hostname: str.optional(),
  user: str.optional(),
  working_dir: str.optional(),
  tty: bool.optional(),
  stdin_open: bool.optional(),
  init: bool.optional(),
  read_only: bool.optional(),
  healthcheck: extensions({
    test: stringOrList.optional(),
    interval: duration.optional(),
    timeout: duration.optional(),
    retries: int.optional(),
    start_period: duration.optional(),
    disable: bool.optional(),
  }).optional(),
  extra_hosts: listOrMap.optional(),
  dns: stringOrList.optional(),
  stop_signal: str.optional(),
  // Accepted and ignored by `docker stack deploy`; reported as warnings.
  build: z.unknown().optional(),
  depends_on: z.unknown().optional(),
  restart: z.unknown().optional(),
  container_name: z.unknown().optional(),
};

const service = extensions(serviceShape);

// Standalone Compose (`docker compose up` on one engine): the keys a stack uses plus those only a single engine has.
// `build:` is accepted by the schema so the refusal can name its line (parse.ts), never built.
const restart = z
  .string()
  .regex(/^(no|always|unless-stopped|on-failure(:\d+)?)$/, "One of no, always, unless-stopped, on-failure[:N]");
export const DEPENDENCY_CONDITIONS = ["service_started", "service_healthy", "service_completed_successfully"] as const;
const size = z.union([z.string(), z.number()]);
const projectService = extensions({
  ...serviceShape,
  image: str.optional(),
  build: z.unknown().optional(),
  depends_on: z
    .union([
      z.array(str),
      z.record(
        str,
        extensions({
          condition: z.enum(DEPENDENCY_CONDITIONS).optional(),
          restart: bool.optional(),
          required: bool.optional(),
        }),
      ),
    ])
    .optional(),
  restart: restart.optional(),
  container_name: z
    .string()
    .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/, "A container name of letters, digits, . _ -")
    .optional(),
  profiles: z.array(z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, "A profile name")).optional(),
  env_file: stringOrList.optional(),
  pull_policy: z.enum(["always", "missing", "never", "if_not_present", "build"]).optional(),
  extends: z.unknown().optional(),
  scale: int.optional(),
  mem_limit: size.optional(),
  mem_reservation: size.optional(),
  cpus: num.optional(),
  cpu_shares: int.optional(),
  pids_limit: int.optional(),
  shm_size: size.optional(),
  cap_add: z.array(str).optional(),
  cap_drop: z.array(str).optional(),
  privileged: bool.optional(),
  network_mode: str.optional(),
  pid: str.optional(),
  ipc: str.optional(),
  devices: z.array(str).optional(),
  security_opt: z.array(str).optional(),
  sysctls: listOrMap.optional(),
  tmpfs: stringOrList.optional(),
  expose: z.array(z.union([str, z.number()])).optional(),
  domainname: str.optional(),
  group_add: z.array(z.union([str, z.number()])).optional(),
  ulimits: z.record(str, z.union([int, extensions({ soft: int, hard: int })])).optional(),
  logging: extensions({ driver: str.optional(), options: z.record(str, scalar).optional() }).optional(),
  networks: z
    .union([
      z.array(str),
      z.record(
        str,
        extensions({
          aliases: z.array(str).optional(),
          ipv4_address: str.optional(),
          priority: int.optional(),
        }).nullable(),
      ),
    ])
    .optional(),
});

const external = z.union([bool, extensions({ name: str.optional() })]);

const network = extensions({
  driver: str.optional(),
  driver_opts: z.record(str, z.union([str, z.number()])).optional(),
  attachable: bool.optional(),
  internal: bool.optional(),
  external: external.optional(),
  name: str.optional(),
  labels: listOrMap.optional(),
  ipam: z.unknown().optional(),
}).nullable();

const volumeDef = extensions({
  driver: str.optional(),
  driver_opts: z.record(str, z.union([str, z.number()])).optional(),
  external: external.optional(),
  name: str.optional(),
  labels: listOrMap.optional(),
}).nullable();

/** Secrets and configs of a stack made in Berth: external (made on the Secrets page) or, for a stack, `file:`. */
const objectDef = extensions({
  file: str.optional(),
  external: external.optional(),
  name: str.optional(),
  labels: listOrMap.optional(),
});

export const composeSchema = extensions({
  version: z.union([z.string(), z.number()]).optional(),
  name: str.optional(),
  services: z.record(z.string().regex(/^[a-zA-Z0-9._-]+$/, "A service name of letters, digits, . _ -"), service),
  networks: z.record(str, network).optional(),
  volumes: z.record(str, volumeDef).optional(),
  secrets: z.record(str, objectDef).optional(),
  configs: z.record(str, objectDef).optional(),
});

export type ComposeFile = z.infer<typeof composeSchema>;
export type ComposeService = z.infer<typeof service>;

export const composeProjectSchema = extensions({
  version: z.union([z.string(), z.number()]).optional(),
  name: str.optional(),
  services: z.record(z.string().regex(/^[a-zA-Z0-9._-]+$/, "A service name of letters, digits, . _ -"), projectService),
  networks: z.record(str, network).optional(),
  volumes: z.record(str, volumeDef).optional(),
  secrets: z.record(str, objectDef).optional(),
  configs: z.record(str, objectDef).optional(),
});

export type ComposeProject = z.infer<typeof composeProjectSchema>;
export type ProjectService = z.infer<typeof projectService>;
