/**
 * Berth's one redaction policy: what may leave the server for whom.
 *
 * - Shared summaries (container, network and volume lists, swarm nodes/services/tasks/secrets/configs, their live
 *   topics, events, search, topology, status pages) go to everyone who may read an endpoint through one fan-out, so
 *   they carry the form safe for a viewer: values of secret-looking labels and attributes, and exec command lines,
 *   never leave the server in them (swarm service summaries carry no env or command at all; service log lines keep
 *   only their task and node of the engine's details).
 * - Detail documents (container inspect) show environment values and secret-looking labels only to actors allowed
 *   `container:inspect-secrets` (operators and admins); a swarm service's detail shows its env, labels and command
 *   flags only to those allowed `swarm:operate`; image inspect leaves environment values out for everyone and
 *   image history shows `ENV`/`ARG` values and secret-looking assignments redacted for everyone.
 * - Audit records store command lines with secret-looking flags and assignments redacted (admins read them).
 * Keys stay, so a reader knows a label, variable or flag exists; values become REDACTED.
 */
export const REDACTED = "•••• (redacted)";

const SECRET_WORD = "(?:pass(?:word|wd)?|secret|token|api[-_]?key|private[-_]?key|credential|auth)";
const SECRET_KEY = new RegExp(SECRET_WORD, "i");

/** Does this label, attribute or variable name look like it holds a credential? */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** Labels (or event attributes) with the values of secret-looking keys redacted. */
export function redactLabels<T extends Record<string, unknown> | null | undefined>(labels: T): T {
  if (!labels || typeof labels !== "object" || Array.isArray(labels)) return labels;
  let out: Record<string, unknown> | undefined;
  for (const k of Object.keys(labels)) {
    if (!isSecretKey(k)) continue;
    out ??= { ...labels };
    out[k] = REDACTED;
  }
  return (out ?? labels) as T;
}

/** `KEY=value` environment entries with every value redacted (values of any name can be secrets). */
export function redactEnv(env: unknown): unknown {
  if (!Array.isArray(env)) return env;
  return env.map((e) => {
    if (typeof e !== "string") return REDACTED;
    const eq = e.indexOf("=");
    return eq < 0 ? e : `${e.slice(0, eq)}=${REDACTED}`;
  });
}

// A value on a command line: already redacted (so a second pass leaves it whole), quoted, or one word.
const VALUE = String.raw`(?:•••• \(redacted\)|"[^"]*"|'[^']*'|\S+)`;
// --db-password=x, -auth-token=x; --password x; DB_PASSWORD=x (shell assignments, env-style arguments).
const FLAG_EQ = new RegExp(String.raw`(-{1,2}[\w.-]*${SECRET_WORD}[\w.-]*)=${VALUE}`, "gi");
const FLAG_SPACE = new RegExp(String.raw`(-{1,2}[\w.-]*${SECRET_WORD}[\w.-]*)(\s+)(?!-)${VALUE}`, "gi");
const ASSIGN = new RegExp(String.raw`(^|[\s;&|"'(])([A-Za-z_][\w.]*${SECRET_WORD}[\w.]*)=${VALUE}`, "gi");
const ENV_PAIR = new RegExp(String.raw`([\w.-]+)=${VALUE}`, "g");
// Dockerfile ENV/ARG as image history records them: "ENV A=b C=d", "ENV A b", "ARG A=b".
const ENV_INSTRUCTION = /\b(ENV|ARG)\s+(.+)$/;

/** A command line (exec, image history, audit detail) with secret-looking flag values and assignments redacted. */
export function redactCommandLine(text: string): string {
  let out = text
    .replace(FLAG_EQ, (_m, flag: string) => `${flag}=${REDACTED}`)
    .replace(FLAG_SPACE, (_m, flag: string, space: string) => `${flag}${space}${REDACTED}`)
    .replace(ASSIGN, (_m, lead: string, key: string) => `${lead}${key}=${REDACTED}`);
  const env = ENV_INSTRUCTION.exec(out);
  if (env) {
    const body = env[2]!;
    const redacted = body.includes("=")
      ? body.replace(ENV_PAIR, (_m, k: string) => `${k}=${REDACTED}`)
      : body.replace(/^(\S+)\s+.*$/, (_m, k: string) => `${k} ${REDACTED}`);
    out = `${out.slice(0, env.index)}${env[1]} ${redacted}`;
  }
  return out;
}

/** An engine event's action: "exec_start: sh -c 'x --password=y'" keeps only "exec_start" (commands are operators'). */
export function redactEventAction(action: string): string {
  return action.startsWith("exec_") && action.includes(":") ? action.slice(0, action.indexOf(":")) : action;
}

/** Args of a process (inspect's Args/Cmd/Entrypoint) with secret-looking flag values redacted. */
export function redactArgs(args: unknown): unknown {
  if (!Array.isArray(args)) return args;
  const out: unknown[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (typeof a !== "string") {
      out.push(a);
      continue;
    }
    const prev = out.length ? args[i - 1] : undefined;
    const afterSecretFlag =
      typeof prev === "string" &&
      /^-{1,2}/.test(prev) &&
      !prev.includes("=") &&
      isSecretKey(prev) &&
      !a.startsWith("-");
    out.push(afterSecretFlag ? REDACTED : redactCommandLine(a));
  }
  return out;
}

/** A deep copy of a container inspect document with secrets removed, for an actor who may not see them. */
export function redactInspect<T>(inspect: T): T {
  const doc = structuredClone(inspect) as Record<string, unknown>;
  const config = doc.Config as Record<string, unknown> | undefined;
  if (config) {
    config.Env = redactEnv(config.Env);
    config.Labels = redactLabels(config.Labels as Record<string, unknown> | undefined);
    config.Cmd = redactArgs(config.Cmd);
    config.Entrypoint = redactArgs(config.Entrypoint);
  }
  doc.Args = redactArgs(doc.Args);
  // Log driver options can carry credentials (e.g. a remote syslog or splunk token).
  const host = doc.HostConfig as Record<string, unknown> | undefined;
  if (host?.LogConfig && typeof host.LogConfig === "object") {
    const lc = host.LogConfig as Record<string, unknown>;
    lc.Config = redactLabels(lc.Config as Record<string, unknown> | undefined);
  }
  return doc as T;
}
