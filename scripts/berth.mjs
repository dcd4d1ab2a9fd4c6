// `npm run berth -- backup|restore FILE`: the offline CLI (server/cli/berth.ts), compiled with the server. Builds the
// server bundle first when it is missing or older than the CLI's sources (a few seconds, no Next build needed).
import fs from "node:fs";
import path from "node:path";

const root = process.cwd();
const bundle = path.join(root, "dist", "berth-cli.mjs");
const sources = ["server/cli", "server/backup", "db"].map((d) => path.join(root, d));
const newest = (p) => {
  const st = fs.statSync(p);
  return st.isDirectory() ? Math.max(st.mtimeMs, ...fs.readdirSync(p).map((e) => newest(path.join(p, e)))) : st.mtimeMs;
};
const stale =
  !fs.existsSync(bundle) || sources.some((s) => fs.existsSync(s) && newest(s) > fs.statSync(bundle).mtimeMs);
if (stale && fs.existsSync(path.join(root, "scripts", "build-server.mjs"))) await import("./build-server.mjs");
process.env.NODE_ENV ??= "production";
await import(bundle);
