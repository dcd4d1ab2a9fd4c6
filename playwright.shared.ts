import type { LaunchOptions } from "@playwright/test";

/** Debian's Chromium, with nothing that reaches beyond loopback (shared by the e2e and production-proof configs). */
export const chromiumLaunch: LaunchOptions = {
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
};
