// Compiles server/main.ts (the custom server Next does not compile) into dist/server.mjs, and the worker threads it
// starts (log search) into dist/<name>.mjs beside it, where the server looks for them, and the offline CLI.
// Packages stay external: they are loaded from node_modules, exactly as Next's own bundle loads them.
import { build } from "esbuild";

await build({
  entryPoints: {
    server: "server/main.ts",
    "log-search-worker": "server/hub/log-search-worker.ts",
    // `npm run berth -- backup|restore FILE` (scripts/berth.mjs).
    "berth-cli": "server/cli/berth.ts",
  },
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  tsconfig: "tsconfig.json",
  logLevel: "warning",
});
