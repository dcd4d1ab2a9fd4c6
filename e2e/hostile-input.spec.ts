import { expect, type Page, test } from "@playwright/test";
import { AllContainersPage } from "./pages/all-containers-page";
import { ContainerPage } from "./pages/container-page";
import { SignInPage } from "./pages/sign-in-page";
import { docker, uniqueName } from "./support/docker-cli";
import { requireEnv } from "./support/env";

// HTML and script, then terminal escapes: an OSC title, clear-screen, and an OSC 8 hyperlink to a javascript: URL.
const HTML = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
const ESC = "\u001b]0;pwned-title\u0007\u001b[2J\u001b]8;;javascript:window.__pwned=3\u0007click-me\u001b]8;;\u0007";
const LOG = [
  `echo '${HTML}'`,
  "printf '\\033]8;;javascript:window.__pwned=3\\007hyperlink-text\\033]8;;\\007 \\033]0;pwned-title\\007after-osc\\n'",
  "sleep 3600",
].join("; ");

/** Nothing ran, nothing became markup: no flag set, no injected image, no javascript: link, title untouched. */
async function expectInert(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator("img[src=x]")).toHaveCount(0);
  await expect(page.locator('a[href^="javascript"]')).toHaveCount(0);
  expect(await page.title()).not.toContain("pwned-title");
}

test("HTML and terminal escapes in labels, env values and log lines stay inert text in every view", async ({
  page,
}) => {
  const name = uniqueName("hostile");
  const id = docker(
    "run",
    "-d",
    "--init",
    "--name",
    name,
    "--label",
    `evil=${HTML}${ESC}`,
    "--label",
    `com.docker.compose.project=${HTML}`,
    "-e",
    `EVIL=${HTML}${ESC}`,
    requireEnv("BERTH_TEST_IMAGE"),
    "sh",
    "-c",
    LOG,
  );
  try {
    await new SignInPage(page).signInAsAdmin();

    const all = new AllContainersPage(page);
    await all.open();
    await all.filterName(name);
    await expect(all.row(name)).toBeVisible();
    await expectInert(page);

    const detail = new ContainerPage(page);
    await detail.open(id);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expectInert(page);

    await detail.select("Logs");
    await expect(detail.logLine("onerror")).toContainText(HTML);
    const osc = detail.logLine("hyperlink-text");
    await expect(osc).toContainText("hyperlink-text after-osc");
    await expect(osc).not.toContainText("\u001b");
    await expect(osc).not.toContainText("javascript:");
    await expectInert(page);

    await detail.select("Inspect");
    const inspect = page.getByRole("main");
    // The admin sees the env value, as text.
    await expect(inspect).toContainText('EVIL=<img src=x onerror=\\"window.__pwned=1\\">');
    await expectInert(page);
  } finally {
    docker("rm", "-f", name);
  }
});
