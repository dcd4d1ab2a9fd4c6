import { defineConfig } from "@playwright/test";
import { chromiumLaunch } from "./playwright.shared";

const port = Number(process.env.BERTH_E2E_PORT || 3210);

export default defineConfig({
  testDir: "e2e",
  // One Berth server, one engine: tests share them, so they run one at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  globalSetup: "./e2e/support/global-setup.ts",
  globalTeardown: "./e2e/support/global-teardown.ts",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: chromiumLaunch,
  },
  projects: [
    { name: "setup", testMatch: /setup\.spec\.ts/ },
    { name: "app", testMatch: /.*\.spec\.ts/, testIgnore: /setup\.spec\.ts/, dependencies: ["setup"] },
  ],
});
