import { expect, test } from "@playwright/test";
import { ContainerPage } from "./pages/container-page";
import { SignInPage } from "./pages/sign-in-page";
import { docker, runSleeper, uniqueName } from "./support/docker-cli";
import { requireEnv } from "./support/env";

test.beforeEach(async ({ page }) => {
  await new SignInPage(page).signInAsAdmin();
});

test("Home shows problems first, each count a link to the filtered list", async ({ page }) => {
  const crashed = uniqueName("crashed");
  docker("run", "-d", "--name", crashed, requireEnv("BERTH_TEST_IMAGE"), "sh", "-c", "exit 3");
  try {
    await page.goto("/");
    const problems = page.getByRole("list", { name: "Problems" });
    const failed = problems.getByRole("link", { name: /^\d+ exited with an error$/ });
    await expect(failed).toBeVisible();
    await expect(problems.getByRole("link", { name: crashed })).toBeVisible();
    await expect(problems).toContainText(`${crashed} on local, exit code 3`);
    await failed.click();
    await expect(page).toHaveURL(/\/containers\?state=failed$/);
    await expect(page.getByLabel("State")).toHaveValue("failed");
    const table = page.getByRole("table", { name: "All containers" });
    await page.getByLabel("Filter by name").fill(crashed);
    await expect(table.getByRole("rowheader", { name: crashed, exact: true })).toBeVisible();
  } finally {
    docker("rm", "-f", crashed);
  }
});

test("the container page's header: state at a glance and the actions the state allows", async ({ page }) => {
  test.setTimeout(240_000);
  const name = uniqueName("header");
  const id = runSleeper(name);
  const detail = new ContainerPage(page);
  await detail.open(id);
  const bar = page.getByRole("toolbar", { name: "Container actions" });
  await expect(page.getByText(/^up \d+ (s|min)$/)).toBeVisible();
  for (const verb of ["Stop", "Restart", "Kill", "Pause", "Edit", "Duplicate", "Rename", "Recreate", "Remove"]) {
    await expect(
      bar.getByRole(verb === "Edit" || verb === "Duplicate" ? "link" : "button", { name: verb, exact: true }),
    ).toBeVisible();
  }
  await expect(bar.getByRole("button", { name: "Start", exact: true })).toHaveCount(0);

  // Generous waits: each action is answered, then the page re-read, on a machine that may be very busy.
  const settles = { timeout: 40_000 };
  await bar.getByRole("button", { name: "Pause", exact: true }).click();
  await expect(page.getByText(`Paused ${name}`)).toBeVisible(settles);
  await expect(bar.getByRole("button", { name: "Resume", exact: true })).toBeVisible(settles);
  expect(docker("inspect", "-f", "{{.State.Paused}}", id)).toBe("true");
  await bar.getByRole("button", { name: "Resume", exact: true }).click();
  await expect(bar.getByRole("button", { name: "Pause", exact: true })).toBeVisible(settles);

  await bar.getByRole("button", { name: "Stop", exact: true }).click();
  await expect(page.getByText(`Stopped ${name}`)).toBeVisible(settles);
  await expect(page.getByText(/^exited \d+ s ago with code \d+$/)).toBeVisible(settles);
  await expect(bar.getByRole("button", { name: "Start", exact: true })).toBeVisible(settles);
  expect(docker("inspect", "-f", "{{.State.Running}}", id)).toBe("false");

  // Remove asks first; Cancel keeps it, Remove deletes it and goes back to the list.
  await bar.getByRole("button", { name: "Remove", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Remove container ${name}?` });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await bar.getByRole("button", { name: "Remove", exact: true }).click();
  await dialog.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(page).toHaveURL(/\/endpoints\/local\/containers$/, settles);
  expect(docker("ps", "-a", "--filter", `id=${id}`, "-q")).toBe("");
});

test("the process table is readable: the command in full", async ({ page }) => {
  const name = uniqueName("top");
  const id = runSleeper(name);
  try {
    await new ContainerPage(page).open(id);
    const table = page.getByRole("table", { name: "Processes" });
    await expect(table.getByRole("columnheader", { name: "PID", exact: true })).toBeVisible();
    await expect(table.getByRole("cell", { name: "sleep 3600", exact: true })).toBeVisible();
  } finally {
    docker("rm", "-f", name);
  }
});
