import { expect, test } from "@playwright/test";
import { AllContainersPage } from "./pages/all-containers-page";
import { ContainersPage } from "./pages/containers-page";
import { SignInPage } from "./pages/sign-in-page";
import { docker, runSleeper, uniqueName } from "./support/docker-cli";
import { requireEnv } from "./support/env";

test.beforeEach(async ({ page }) => {
  await new SignInPage(page).signInAsAdmin();
});

test("filters, search and sort live in the URL: shareable, and Back undoes them", async ({ page }) => {
  const tag = uniqueName("url");
  const up = `${tag}-up`;
  const down = `${tag}-down`;
  runSleeper(up, ["--label", `com.docker.compose.project=${tag}-proj`]);
  docker("create", "--name", down, requireEnv("BERTH_TEST_IMAGE"), "true");
  try {
    const view = new AllContainersPage(page);
    // A shared link opens the list as it was filtered.
    await view.open(`?q=${tag}&state=running`);
    await expect(view.row(up)).toBeVisible();
    await expect(view.row(down)).toHaveCount(0);
    await expect(page.getByLabel("Filter by name")).toHaveValue(tag);
    await expect(page.getByLabel("State")).toHaveValue("running");

    // Picking a filter writes the URL; Back goes to the previous filter.
    await page.getByLabel("State").selectOption("created");
    await expect(page).toHaveURL(/state=created/);
    await expect(view.row(down)).toBeVisible();
    await expect(view.row(up)).toHaveCount(0);
    await page.goBack();
    await expect(page).toHaveURL(/state=running/);
    await expect(view.row(up)).toBeVisible();
    await expect(view.row(down)).toHaveCount(0);

    // Sorting too.
    await page.getByLabel("State").selectOption("");
    await expect(page).not.toHaveURL(/state=/);
    await expect(view.columnHeader("Name")).toHaveAttribute("aria-sort", "ascending");
    await expect.poll(() => view.rowNames()).toEqual([down, up]);
    await view.columnHeader("Name").getByRole("button").click();
    await expect(page).toHaveURL(/sort=-name/);
    await expect(view.columnHeader("Name")).toHaveAttribute("aria-sort", "descending");
    await expect.poll(() => view.rowNames()).toEqual([up, down]);
    await page.goBack();
    await expect(page).not.toHaveURL(/sort=/);
    await expect.poll(() => view.rowNames()).toEqual([down, up]);

    // The compose project is a link to the list filtered by it; the name, to the container's page.
    await view
      .cell(up, "project")
      .getByRole("link", { name: `${tag}-proj` })
      .click();
    await expect(page).toHaveURL(new RegExp(`/containers\\?project=${tag}-proj$`));
    await expect(page.getByLabel("Compose project")).toHaveValue(`${tag}-proj`);
    await expect.poll(() => view.rowNames()).toEqual([up]);
    await view.row(up).getByRole("link", { name: up, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: up })).toBeVisible();
    await page.goBack();
    await expect(page).toHaveURL(new RegExp(`project=${tag}-proj`));
    await expect.poll(() => view.rowNames()).toEqual([up]);
  } finally {
    docker("rm", "-f", up, down);
  }
});

test("bulk actions report every container's own result", async ({ page }) => {
  const tag = uniqueName("bulkres");
  const running = `${tag}-running`;
  const stopped = `${tag}-stopped`;
  runSleeper(running);
  docker("create", "--name", stopped, requireEnv("BERTH_TEST_IMAGE"), "true");
  try {
    const view = new ContainersPage(page);
    await view.open("local", `?q=${tag}`);
    await expect(view.state(running)).toHaveText("running");
    await page.getByRole("checkbox", { name: "Select all shown" }).check();
    await expect(page.getByRole("toolbar", { name: "Bulk actions" })).toContainText("2 selected");
    // Pausing a container that is not running fails; the other one is paused. Each says so.
    await page.getByRole("toolbar", { name: "Bulk actions" }).getByRole("button", { name: "Pause" }).click();
    const results = page.getByRole("list", { name: "Results" });
    await expect(results.getByRole("listitem").filter({ hasText: running })).toHaveText(`${running}: done`);
    await expect(results.getByRole("listitem").filter({ hasText: stopped })).toContainText(/not running/i);
    await expect(page.getByRole("status")).toHaveText("Pause: 1 done, 1 failed");
    await expect(view.state(running)).toHaveText("paused", { timeout: 40_000 });
    expect(docker("inspect", "-f", "{{.State.Paused}}", running)).toBe("true");
  } finally {
    docker("rm", "-f", running, stopped);
  }
});

test("the row menu holds the actions, one tab stop per row, by state", async ({ page }) => {
  test.setTimeout(180_000);
  const name = uniqueName("menu");
  runSleeper(name);
  try {
    const view = new ContainersPage(page);
    await view.open("local", `?q=${name}`);
    await expect(view.state(name)).toHaveText("running");
    // No action buttons in the row: one menu button.
    await expect(view.row(name).getByRole("button")).toHaveCount(1);
    await view.menu(name).click();
    const menu = page.getByRole("menu");
    await expect(menu.getByRole("menuitem", { name: "Start", exact: true })).toHaveCount(0);
    await expect(menu.getByRole("menuitem", { name: "Pause", exact: true })).toBeVisible();
    await page.keyboard.press("Escape");
    // The toast says what happened once the engine answered; the row follows from the live store (on a machine
    // so busy that the per-event re-read times out, only at the next 30 s reconcile: hence the long waits).
    const settles = { timeout: 40_000 };
    await view.action(name, "Pause").click();
    await expect(page.getByText(`Paused ${name}`)).toBeVisible(settles);
    await expect(view.state(name)).toHaveText("paused", settles);
    await view.action(name, "Resume").click();
    await expect(view.state(name)).toHaveText("running", settles);
    await view.action(name, "Kill").click();
    await expect(view.state(name)).toHaveText("exited", settles);
    expect(docker("inspect", "-f", "{{.State.ExitCode}}", name)).toBe("137");
  } finally {
    docker("rm", "-f", name);
  }
});

test("at 390 px the name column stays while the rest scrolls sideways inside the table", async ({ page }) => {
  const name = uniqueName("phone");
  runSleeper(name);
  try {
    await page.setViewportSize({ width: 390, height: 844 });
    const view = new AllContainersPage(page);
    await view.open(`?q=${name}`);
    const link = view.row(name).getByRole("link", { name, exact: true });
    await expect(link).toBeInViewport();
    // The page itself does not scroll sideways; the table's own region does.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const region = view.table.locator("xpath=..");
    const { scrollWidth, clientWidth } = await region.evaluate((el) => ({
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
    }));
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    await region.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await expect(link).toBeInViewport();
  } finally {
    docker("rm", "-f", name);
  }
});
