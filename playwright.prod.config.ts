import { defineConfig } from "@playwright/test";
import { chromiumLaunch } from "./playwright.shared";

// The production proof: Berth's own image, built from the Dockerfile on the rig engine, brought up with Debian's
// docker-compose from docker-compose.yml, driven through a real browser. Run by scripts/test.sh after the e2e suite.
// Same port rule as e2e/production/compose-env.ts (not imported: the image build type-checks this file without e2e/).
const port = Number(process.env.BERTH_PROD_PROOF_PORT || 3300 + Number(process.env.BERTH_E2E_PORT || 3210) - 3210);

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
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: chromiumLaunch,
  },
});
