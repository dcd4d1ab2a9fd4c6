/**
 * What a viewer may not see in `docker inspect`: environment values and anything that looks like a credential.
 * Keys stay (so a viewer knows a variable exists); values become REDACTED.
 */
export const REDACTED = "•••• (redacted)";

const SECRET_KEY = /pass(word|wd)?|secret|token|api[-_]?key|private[-_]?key|credential|auth/i;

export function redactEnv(env: unknown): unknown {
  if (!Array.isArray(env)) return env;
  return env.map((e) => {
    if (typeof e !== "string") return REDACTED;
    const eq = e.indexOf("=");
    return eq < 0 ? e : `${e.slice(0, eq)}=${REDACTED}`;
  });
}

function redactSecretKeys(obj: unknown): unknown {
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) return obj;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = SECRET_KEY.test(k) ? REDACTED : v;
  return out;
}

/** A deep copy of an inspect document with secrets removed. */
export function redactInspect<T>(inspect: T): T {
  const doc = structuredClone(inspect) as Record<string, unknown>;
  const config = doc.Config as Record<string, unknown> | undefined;
  if (config) {
    config.Env = redactEnv(config.Env);
    config.Labels = redactSecretKeys(config.Labels);
  }
  // Exec'd process environments and anything with a password-ish key at the top of HostConfig (e.g. log opts).
  const host = doc.HostConfig as Record<string, unknown> | undefined;
  if (host?.LogConfig && typeof host.LogConfig === "object") {
    const lc = host.LogConfig as Record<string, unknown>;
    lc.Config = redactSecretKeys(lc.Config);
  }
  return doc as T;
}
