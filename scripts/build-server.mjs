// Compiles server/main.ts (the custom server Next does not compile) into dist/server.mjs.
// Packages stay external: they are loaded from node_modules, exactly as Next's own bundle loads them.
import { build } from "esbuild";

await build({
  entryPoints: ["server/main.ts"],
  outfile: "dist/server.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  tsconfig: "tsconfig.json",
  logLevel: "warning",
});
