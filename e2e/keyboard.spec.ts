import { expect, type Locator, type Page, test } from "@playwright/test";
import { docker, uniqueName } from "./support/docker-cli";
import { ADMIN, requireEnv } from "./support/env";

// Keyboard only: a full round without the mouse — sign in, find a container, open it, stop it, read its logs, come
// back to the list. Every step moves focus with Tab / Shift+Tab and acts with Enter, Space or arrow keys; the only
// non-keyboard calls are the first page load and reading what the screen shows.

const made: string[] = [];
test.afterAll(() => {
  for (const name of made) docker("rm", "-f", name);
});

/** Presses Tab (or Shift+Tab) until `target` has focus; fails after `max` presses (so the tab order is checked). */
async function tabTo(page: Page, target: Locator, opts: { back?: boolean; max?: number } = {}): Promise<void> {
  const max = opts.max ?? 60;
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(opts.back ? "Shift+Tab" : "Tab");
  }
  await expect(target, `not reached with ${max} ${opts.back ? "Shift+Tab" : "Tab"} presses`).toBeFocused();
}

test("a full round by keyboard: sign in, open a container, stop it, read its logs, come back", async ({ page }) => {
  test.setTimeout(120_000);
  const name = uniqueName("kbd");
  made.push(name);
  // --init so the stop is quick; the container says something we can read in its logs.
  docker(
    "run",
    "-d",
    "--init",
    "--name",
    name,
    requireEnv("BERTH_TEST_IMAGE"),
    "sh",
    "-c",
    `echo hello-${name}; sleep 3600`,
  );

  await page.goto("/login");
  await tabTo(page, page.getByLabel("Username"));
  await page.keyboard.type(ADMIN.username);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type(ADMIN.password);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Account menu" })).toBeVisible();

  // The skip link comes first; the sidebar's Containers link takes us to the list.
  await tabTo(page, page.getByRole("link", { name: "Skip to content" }), { max: 5 });
  const containersLink = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Containers" });
  await tabTo(page, containersLink.first());
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/containers/i);

  // Filter by name, then Tab on to the container's name link.
  await tabTo(page, page.getByLabel("Filter by name"));
  await page.keyboard.type(name);
  const nameLink = page.getByRole("link", { name, exact: true });
  await expect(nameLink).toBeVisible();
  await tabTo(page, nameLink);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  // Stop from the header's toolbar.
  const stop = page.getByRole("toolbar", { name: "Container actions" }).getByRole("button", { name: "Stop" });
  await tabTo(page, stop);
  await page.keyboard.press("Enter");
  await expect(
    page.getByRole("toolbar", { name: "Container actions" }).getByRole("button", { name: "Start" }),
  ).toBeVisible({
    timeout: 30_000,
  });
  expect(docker("inspect", "-f", "{{.State.Status}}", name)).toBe("exited");

  // The tabs: focus the selected one, then arrow keys move to Logs (Radix tabs activate on focus).
  const overviewTab = page.getByRole("tab", { name: "Overview", exact: true });
  await tabTo(page, overviewTab);
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "Logs", exact: true })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("log", { name: "Container logs" })).toContainText(`hello-${name}`);

  // Back to the list through the breadcrumb trail, going backwards through the page.
  const crumb = page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Containers" });
  await tabTo(page, crumb, { back: true, max: 120 });
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/containers(\?|$)/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/containers/i);
});
