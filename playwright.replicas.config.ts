import { defineConfig } from "@playwright/test";
import { chromiumLaunch } from "./playwright.shared";

// The replica proof: three Berth processes on one Postgres behind Debian's nginx (e2e/replicas/). It starts and
// stops its own processes; run by scripts/test.sh after the build, with the rig up.
export default defineConfig({
  testDir: "e2e/replicas",
  testMatch: /.*\.cluster\.ts/,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    trace: "retain-on-failure",
    launchOptions: chromiumLaunch,
  },
});
