import { defineConfig } from "@playwright/test";
import { PROOF_URL } from "./e2e/production/compose-env";

// The production proof: Berth's own image, built from the Dockerfile on the rig engine, brought up with Debian's
// docker-compose from docker-compose.yml, driven through a real browser. Run by scripts/test.sh after the e2e suite.
export default defineConfig({
  testDir: "e2e/production",
  testMatch: /.*\.prod\.ts/,
  workers: 1,
  retries: 0,
  timeout: 300_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  globalSetup: "./e2e/production/global-setup.ts",
  globalTeardown: "./e2e/production/global-teardown.ts",
  use: {
    baseURL: PROOF_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.BERTH_TEST_CHROMIUM || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
