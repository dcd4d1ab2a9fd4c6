// `npm start`: build when the sources are newer than the last build, then run the one Berth process.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = process.cwd();
const marker = path.join(root, "dist", "build-stamp");
const watched = ["app", "components", "lib", "server", "db", "public", "package.json", "next.config.ts"];

function newest(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const e of fs.readdirSync(p)) m = Math.max(m, newest(path.join(p, e)));
  return m;
}

const built =
  fs.existsSync(marker) && fs.existsSync(path.join(root, ".next", "BUILD_ID")) ? fs.statSync(marker).mtimeMs : 0;
const sources = Math.max(...watched.map((w) => newest(path.join(root, w))));
if (process.env.BERTH_SKIP_BUILD !== "1" && sources > built) {
  console.log("Building Berth…");
  const r = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
  fs.mkdirSync(path.dirname(marker), { recursive: true });
  fs.writeFileSync(marker, new Date().toISOString());
}

process.env.NODE_ENV ??= "production";
await import(path.join(root, "dist", "server.mjs"));
