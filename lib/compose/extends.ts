// `extends:` within one compose file, resolved before validation: a service starts from the one it extends, then
// its own keys win. Maps (environment, labels, ...) merge key by key; lists that add up (ports, volumes, dns, ...)
// are joined; anything else is replaced. `file:` is refused: Berth has the one file it was given. Pure.

export class ExtendsError extends Error {
  constructor(
    message: string,
    readonly path: (string | number)[],
  ) {
    super(message);
    this.name = "ExtendsError";
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);

/** Keys given as `KEY=value` lists or maps: merged by key. */
const KEYED = new Set(["environment", "labels", "extra_hosts", "sysctls"]);
/** Lists that add up when a service extends another. */
const JOINED = new Set(["ports", "expose", "volumes", "dns", "cap_add", "cap_drop", "devices", "tmpfs", "env_file"]);

function asMap(v: unknown): Obj {
  if (Array.isArray(v))
    return Object.fromEntries(
      v.map((item) => {
        const s = String(item);
        const eq = s.indexOf("=");
        return eq < 0 ? [s, null] : [s.slice(0, eq), s.slice(eq + 1)];
      }),
    );
  return isObj(v) ? v : {};
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

function merge(base: Obj, own: Obj): Obj {
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(own)) {
    const b = base[k];
    if (b === undefined) out[k] = v;
    else if (KEYED.has(k)) out[k] = { ...asMap(b), ...asMap(v) };
    else if (JOINED.has(k)) out[k] = [...asList(b), ...asList(v)];
    else if (isObj(b) && isObj(v)) out[k] = merge(b, v);
    else out[k] = v;
  }
  return out;
}

/** Returns a copy of the document with every service's `extends` resolved (and removed). */
export function resolveExtends(doc: unknown): unknown {
  if (!isObj(doc) || !isObj(doc.services)) return doc;
  const services = doc.services as Obj;
  const done = new Map<string, Obj>();
  const resolve = (name: string, chain: string[]): Obj => {
    const hit = done.get(name);
    if (hit) return hit;
    const svc = services[name];
    if (!isObj(svc)) return {};
    if (svc.extends === undefined) {
      done.set(name, svc);
      return svc;
    }
    const ext = svc.extends;
    const path = ["services", name, "extends"];
    const ref = typeof ext === "string" ? { service: ext } : isObj(ext) ? ext : null;
    if (!ref || typeof ref.service !== "string") throw new ExtendsError("extends names a service", path);
    if (ref.file !== undefined)
      throw new ExtendsError("extends with file: is not supported; Berth deploys one compose file", path);
    if (!Object.hasOwn(services, ref.service)) throw new ExtendsError(`extends: no service named ${ref.service}`, path);
    if (chain.includes(ref.service))
      throw new ExtendsError(`extends loops: ${[...chain, ref.service].join(" -> ")}`, path);
    const base = resolve(ref.service, [...chain, ref.service]);
    const { extends: _drop, ...own } = svc;
    // What a service never inherits (the compose spec): its links to others and how it shares namespaces.
    const { depends_on: _d, links: _l, volumes_from: _v, ...inherited } = base;
    const merged = merge(inherited, own);
    done.set(name, merged);
    return merged;
  };
  const out: Obj = {};
  for (const name of Object.keys(services)) out[name] = resolve(name, [name]);
  return { ...doc, services: out };
}
