import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The layers of docs/ARCHITECTURE.md, checked on the imports themselves: each rule names what a folder may not
// import, and the test lists every file that does. Test files are exempt (they reach across layers on purpose).

const root = path.resolve(import.meta.dirname, "..");

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(rel));
    else if (/\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) out.push(rel);
  }
  return out;
}

interface Import {
  spec: string;
  typeOnly: boolean;
}

/** Static and dynamic imports and re-exports of a file, with whether they are type-only (erased at build). */
function importsOf(file: string): Import[] {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  const out: Import[] = [];
  for (const m of text.matchAll(/^\s*(import|export)(\s+type)?\s([^;]*?)\sfrom\s+["']([^"']+)["']/gms)) {
    // `import { type A, type B } from` is erased as well: every name in the braces is a type.
    const names = /^\{([^}]*)\}$/
      .exec((m[3] ?? "").trim())?.[1]
      ?.split(",")
      .map((n) => n.trim())
      .filter(Boolean);
    const allTypes = !!names?.length && names.every((n) => n.startsWith("type "));
    out.push({ spec: m[4] ?? "", typeOnly: Boolean(m[2]) || allTypes });
  }
  for (const m of text.matchAll(/^\s*import\s+["']([^"']+)["']/gm)) out.push({ spec: m[1] ?? "", typeOnly: false });
  for (const m of text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) out.push({ spec: m[1] ?? "", typeOnly: false });
  return out;
}

/** The files under `dir` importing something `bad` says no to, as "file -> import". */
function violations(dir: string, bad: (i: Import, file: string) => boolean): string[] {
  return files(dir).flatMap((f) =>
    importsOf(f)
      .filter((i) => bad(i, f))
      .map((i) => `${f} -> ${i.spec}`),
  );
}

const NODE_IO =
  /^(node:)?(fs|fs\/promises|net|tls|http|https|http2|child_process|dgram|dns|os|cluster|worker_threads)$/;
const DB_DRIVERS = /^(better-sqlite3|pg|postgres|drizzle-orm\/(better-sqlite3|node-postgres|postgres-js))$/;
const KIND_CLIENTS: Record<string, RegExp> = {
  docker: /^(dockerode|docker-modem)$/,
  kubernetes: /^@kubernetes\/client-node$/,
};

describe("import boundaries", () => {
  it("components import no app/ code and no server code but server actions", () => {
    expect(
      violations("components", (i) => /^@\/app\//.test(i.spec) || /^@\/(server|db)\/(?!actions\/)/.test(i.spec)),
    ).toEqual([]);
  });

  it("lib/ is pure: nothing from server/, db/, app/ or components/, and no node I/O", () => {
    expect(violations("lib", (i) => /^@\/(server|db|app|components)\//.test(i.spec) || NODE_IO.test(i.spec))).toEqual(
      [],
    );
  });

  it("server code never imports app/ or components/", () => {
    expect(violations("server", (i) => /^@\/(app|components)\//.test(i.spec))).toEqual([]);
  });

  it("only db/ loads a database driver", () => {
    const outside = [...violations("server", (i) => DB_DRIVERS.test(i.spec) && !i.typeOnly)];
    outside.push(...violations("lib", (i) => DB_DRIVERS.test(i.spec)));
    outside.push(...violations("app", (i) => DB_DRIVERS.test(i.spec)));
    expect(outside).toEqual([]);
  });

  it("only server/endpoints/<kind>/ loads its kind's client library", () => {
    const wrong: string[] = [];
    for (const [kind, re] of Object.entries(KIND_CLIENTS)) {
      const own = `server${path.sep}endpoints${path.sep}${kind}${path.sep}`;
      for (const dir of ["server", "lib", "app", "components", "db"]) {
        wrong.push(...violations(dir, (i, f) => re.test(i.spec) && !i.typeOnly && !f.startsWith(own)));
      }
    }
    expect(wrong).toEqual([]);
  });

  it("test-only code lives in test-support/, and production code never imports it", () => {
    const prod = ["server", "lib", "db", "app", "components"];
    expect(prod.flatMap((dir) => violations(dir, (i) => /^@\/test-support\//.test(i.spec)))).toEqual([]);
    const testOnly = prod.flatMap((dir) => files(dir)).filter((f) => /(-harness|test-rig|fixtures)/.test(f));
    expect(testOnly).toEqual([]);
  });

  it("Docker's own payloads are mapped in its driver folder, not in lib/", () => {
    // The Engine API's field spellings (HostConfig, NetworkSettings, cpu_stats...) mean Docker-only mapping code. Two
    // policies stay in lib/ on purpose: the container restrictions and the one redaction policy judge Docker payloads
    // (and Swarm service specs) without mapping them, and the browser shares them.
    const dockerShaped = files("lib").filter((f) =>
      /\b(HostConfig|NetworkSettings|cpu_stats|progressDetail|timeNano)\b/.test(
        fs.readFileSync(path.join(root, f), "utf8"),
      ),
    );
    expect(dockerShaped.sort()).toEqual([
      path.join("lib", "container-restrictions.ts"),
      path.join("lib", "redaction.ts"),
    ]);
  });

  it("browser code never loads zod (31 kB gzip): client components reach only zod-free lib/ modules", () => {
    // From every "use client" file, follow the value imports into components/ and lib/ (server actions are
    // references, not code in the bundle); no module reached may import zod. Schemas live in *-schemas.ts files that
    // the server imports.
    const resolve = (spec: string): string | undefined => {
      if (!/^@\/(components|lib)\//.test(spec)) return undefined;
      const base = spec.slice(2);
      return [".ts", ".tsx", "/index.ts"].map((x) => base + x).find((f) => fs.existsSync(path.join(root, f)));
    };
    const valueImports = (file: string) =>
      importsOf(file).filter((i) => !i.typeOnly && !/^@\/server\/actions\//.test(i.spec));
    const clients = files("components").filter((f) =>
      /^\s*["']use client["']/.test(fs.readFileSync(path.join(root, f), "utf8")),
    );
    const offenders = new Set<string>();
    for (const start of clients) {
      const seen = new Set<string>();
      const walk = (file: string, chain: string[]) => {
        if (seen.has(file)) return;
        seen.add(file);
        for (const i of valueImports(file)) {
          if (i.spec === "zod") offenders.add([...chain, file].join(" -> "));
          const next = resolve(i.spec);
          if (next) walk(next, [...chain, file]);
        }
      };
      walk(start, []);
    }
    expect([...offenders].sort()).toEqual([]);
  });

  it("services reach an endpoint's client through an accessor, never through a session class", () => {
    expect(violations(path.join("server", "services"), (i) => /endpoints\/[^/]+\/[^/]+-session$/.test(i.spec))).toEqual(
      [],
    );
  });
});
