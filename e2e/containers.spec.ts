import { expect, test } from "@playwright/test";
import { ContainersPage } from "./pages/containers-page";
import { SignInPage } from "./pages/sign-in-page";
import { docker, runSleeper, uniqueName } from "./support/docker-cli";

test.beforeEach(async ({ page }) => {
  await new SignInPage(page).signInAsAdmin();
});

test("the table follows the docker CLI live, in every open browser", async ({ page, browser }) => {
  const first = new ContainersPage(page);
  await first.open();
  const otherContext = await browser.newContext();
  const otherPage = await otherContext.newPage();
  await new SignInPage(otherPage).signInAsAdmin();
  const second = new ContainersPage(otherPage);
  await second.open();

  const name = uniqueName("live");
  // The table is virtualized: each browser looks at this test's rows through the name filter.
  for (const view of [first, second]) await view.filterName(name);
  runSleeper(name, ["-p", "127.0.0.1::80"]);
  for (const view of [first, second]) {
    await expect(view.state(name)).toHaveText("running");
    await expect(view.row(name)).toContainText("berth-test/busybox:latest");
    await expect(view.row(name)).toContainText(/127\.0\.0\.1:\d+->80\/tcp/);
  }

  docker("stop", "-t", "1", name);
  for (const view of [first, second]) await expect(view.state(name)).toHaveText("exited");

  const renamed = `${name}-renamed`;
  docker("rename", name, renamed);
  for (const view of [first, second]) {
    await expect(view.row(renamed)).toBeVisible();
    await expect(view.row(name)).toHaveCount(0);
  }

  const created = `${name}-created`;
  docker("create", "--name", created, process.env.BERTH_TEST_IMAGE!, "true");
  for (const view of [first, second]) await expect(view.state(created)).toHaveText("created");

  docker("rm", renamed, created);
  for (const view of [first, second]) {
    await expect(view.row(renamed)).toHaveCount(0);
    await expect(view.row(created)).toHaveCount(0);
  }
  await otherContext.close();
});

test("Stop from the UI: the CLI agrees and the audit log records it", async ({ page }) => {
  const name = uniqueName("stopme");
  runSleeper(name, ["-p", "127.0.0.1:18931:80"]);
  const view = new ContainersPage(page);
  await view.open();
  await view.filterName(name);
  await expect(view.state(name)).toHaveText("running");
  await page.screenshot({ path: "docs/containers.png", fullPage: true });

  await view.action(name, "Stop").click();
  await expect(view.state(name)).toHaveText("exited");
  expect(docker("inspect", "-f", "{{.State.Running}}", name)).toBe("false");

  await page.getByRole("link", { name: "Audit" }).click();
  const audit = page.getByRole("table", { name: /Audit log/ });
  const record = audit.getByRole("row").filter({ hasText: "container.stop" }).filter({ hasText: name });
  await expect(record).toHaveCount(1);
  await expect(record).toContainText("admin");
  await expect(record).toContainText("success");
  await expect(record).toContainText("local");
  docker("rm", "-f", name);
});

test("Start, Restart and Remove (with confirmation) from the UI", async ({ page }) => {
  const name = uniqueName("ops");
  runSleeper(name);
  docker("stop", "-t", "1", name);
  const view = new ContainersPage(page);
  await view.open();
  await view.filterName(name);
  await expect(view.state(name)).toHaveText("exited");

  await view.action(name, "Start").click();
  await expect(view.state(name)).toHaveText("running");
  const startedAt = docker("inspect", "-f", "{{.State.StartedAt}}", name);

  await view.action(name, "Restart").click();
  await expect.poll(() => docker("inspect", "-f", "{{.State.StartedAt}}", name)).not.toBe(startedAt);
  await expect(view.state(name)).toHaveText("running");

  await view.action(name, "Remove").click();
  const dialog = page.getByRole("dialog", { name: `Remove container ${name}?` });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(view.row(name)).toHaveCount(1);

  await view.action(name, "Remove").click();
  await dialog.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(view.row(name)).toHaveCount(0);
  expect(docker("ps", "-a", "--filter", `name=^${name}$`, "--format", "{{.Names}}")).toBe("");
});

test("hostile names and labels render as inert text", async ({ page }) => {
  const name = uniqueName("xss");
  const label = `<img src=x onerror="window.__pwned=1">`;
  runSleeper(name, ["--label", `evil=${label}`]);
  const view = new ContainersPage(page);
  await view.open();
  await view.filterName(name);
  await expect(view.state(name)).toHaveText("running");
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator("img[src=x]")).toHaveCount(0);
  docker("rm", "-f", name);
});
