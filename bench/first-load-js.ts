// First-load JS per page, from the production build: for each app route, the union of the client chunks its page
// entry needs (Next's per-page client reference manifest, `entryJSFiles` of the page and its layouts) plus the
// root main files every page loads, each gzip-compressed (level 9, what a browser receives from a compressing
// proxy). Run after `npm run build`: `npx tsx bench/first-load-js.ts`. Prints kB per route, biggest first.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const NEXT = path.join(process.cwd(), ".next");
const GOAL_KB = 170;

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name === "page_client-reference-manifest.js") out.push(p);
  }
  return out;
}

const gz = new Map<string, number>();
function gzipSize(file: string): number {
  let n = gz.get(file);
  if (n === undefined) {
    n = zlib.gzipSync(fs.readFileSync(path.join(NEXT, file)), { level: 9 }).length;
    gz.set(file, n);
  }
  return n;
}

const build = JSON.parse(fs.readFileSync(path.join(NEXT, "build-manifest.json"), "utf8")) as {
  rootMainFiles: string[];
  polyfillFiles: string[];
};
const rows: { route: string; kb: number }[] = [];
for (const file of walk(path.join(NEXT, "server", "app"))) {
  const src = fs.readFileSync(file, "utf8");
  // The file assigns one JSON object: globalThis.__RSC_MANIFEST["/route/page"] = {...};
  const json = src.slice(src.indexOf("= {") + 2, src.lastIndexOf("}") + 1);
  const manifest = JSON.parse(json) as { entryJSFiles?: Record<string, string[]> };
  const entries = manifest.entryJSFiles ?? {};
  const pageKey = Object.keys(entries).find((k) => k.endsWith("/page"));
  if (!pageKey) continue;
  // The page's own entry already lists its layouts' chunks; root main files come on every page.
  const files = new Set([...build.rootMainFiles, ...(entries[pageKey] ?? [])]);
  const bytes = [...files].reduce((sum, f) => sum + gzipSize(f), 0);
  const route = path
    .relative(path.join(NEXT, "server", "app"), path.dirname(file))
    .replace(/\([^)]+\)\/?/g, "")
    .replace(/\\/g, "/");
  rows.push({ route: `/${route}`.replace(/\/$/, "") || "/", kb: bytes / 1024 });
}
rows.sort((a, b) => b.kb - a.kb);
console.log(`First-load JS per route (gzip), goal for list pages <= ${GOAL_KB} kB`);
for (const r of rows)
  console.log(`${r.kb.toFixed(1).padStart(7)} kB  ${r.kb > GOAL_KB ? "over " : "     "} ${r.route}`);
