// Prints every server action and route handler Berth has, as JSON, by importing the real modules so their
// defineAction/defineRoute calls run. Run with tsx (it resolves the @/ paths and Next's extensionless imports).
import fs from "node:fs";
import path from "node:path";
import { PUBLIC_TOPIC_PATTERNS } from "@/lib/topics";
import type { EntryPoint } from "@/server/entry/registry";
import { listedTopics } from "@/server/realtime/topic-registry";

const root = process.cwd();

function walk(dir: string, file: string | RegExp, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, file, out);
    else if (typeof file === "string" ? e.name === file : file.test(e.name)) out.push(path.relative(root, p));
  }
  return out;
}

// socket.io's own lifecycle events; everything else a socket listens to is an entry point.
// Names socket.io reserves: a client can never emit them to the server (connect_error is client-side only).
const RESERVED_SOCKET_EVENTS = new Set([
  "connect",
  "connect_error",
  "connection",
  "disconnect",
  "disconnecting",
  "error",
]);

/** Every event name any server-side socket listens to, found in the source itself. */
function socketEvents(): { event: string; file: string }[] {
  const out: { event: string; file: string }[] = [];
  for (const file of walk(path.join(root, "server"), /\.ts$/)) {
    if (file.includes(".test.")) continue;
    const text = fs.readFileSync(path.join(root, file), "utf8");
    for (const m of text.matchAll(/\bsocket\.(?:on|once)\(\s*["'`]([^"'`]+)["'`]/g)) {
      if (!RESERVED_SOCKET_EVENTS.has(m[1] ?? "")) out.push({ event: m[1] ?? "", file });
    }
  }
  return out;
}

/** Records which input path a resource function reads, e.g. "params.endpointId". */
function probe(prefix: string[] = []): unknown {
  return new Proxy(() => {}, {
    get(_t, key) {
      if (key === Symbol.toPrimitive || key === "toString") return () => prefix.join(".");
      return probe([...prefix, String(key)]);
    },
  });
}

export interface ListedEntry {
  kind: "action" | "route";
  file: string;
  exportName: string;
  name: string;
  permission: string;
  /** Where the endpoint id of the resource comes from in the input, when the permission is endpoint-scoped. */
  endpointFrom?: string;
}

async function main() {
  const out: ListedEntry[] = [];
  // Server actions live in server/actions/<area>/*.ts; a "use server" module anywhere else is listed too, so an
  // action written outside the factory's home still reaches the matrix (and fails it when it has no policy).
  const actionFiles = walk(path.join(root, "server", "actions"), /\.ts$/).filter((f) => !f.includes(".test."));
  const strayUseServer = [...walk(path.join(root, "app"), /\.tsx?$/), ...walk(path.join(root, "server"), /\.ts$/)]
    .filter((f) => !f.startsWith(`server${path.sep}actions${path.sep}`))
    .filter((f) => /^\s*["']use server["']/.test(fs.readFileSync(path.join(root, f), "utf8")));
  const files = [...actionFiles, ...strayUseServer, ...walk(path.join(root, "app", "api"), "route.ts")];
  for (const file of files.sort()) {
    const mod = (await import(path.join(root, file))) as Record<string, unknown>;
    for (const [exportName, value] of Object.entries(mod)) {
      if (typeof value !== "function") continue;
      const entry = (value as { entry?: EntryPoint }).entry;
      const isRoute = file.endsWith("route.ts");
      if (isRoute && !/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/.test(exportName)) continue;
      if (!entry) {
        // An entry point not made by defineAction/defineRoute has no policy: listed so the test fails on it.
        out.push({ kind: isRoute ? "route" : "action", file, exportName, name: "(unregistered)", permission: "" });
        continue;
      }
      const res = entry.resource ? (entry.resource as (i: unknown) => { endpointId?: unknown })(probe()) : undefined;
      out.push({
        kind: entry.kind === "route" ? "route" : "action",
        file,
        exportName,
        name: entry.name,
        permission: entry.permission,
        endpointFrom: res?.endpointId !== undefined ? String(res.endpointId) : undefined,
      });
    }
  }
  // Every topic handler of the registry, and one line per store the drivers register (the store topic).
  const topics = listedTopics();
  // Topics of the anonymous "/public" namespace: open to everyone by design (sanitized status pages only).
  const publicTopics = Object.entries(PUBLIC_TOPIC_PATTERNS).map(([kind, re]) => ({
    kind,
    pattern: re.source,
    permission: "public",
  }));
  process.stdout.write(JSON.stringify({ entries: out, topics, publicTopics, socketEvents: socketEvents() }));
}

void main().then(() => process.exit(0));
