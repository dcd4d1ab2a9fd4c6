import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { accountMenuButton } from "./pages/account-menu";
import { ContainersPage } from "./pages/containers-page";
import { SignInPage } from "./pages/sign-in-page";
import { docker, uniqueName } from "./support/docker-cli";
import { requireEnv } from "./support/env";
import { ensureUser } from "./support/users";

// Image updates through the UI against the rig's registry and engine: a new image pushed under the same tag shows
// "Update available" after "Check for updates", the "Image update" filter finds it, "Update image" moves the
// container to it (the docker CLI agrees), and an image whose healthcheck fails is rolled back, saying so.

/** Builds FROM the rig's busybox with a marker label and a healthcheck, pushes it under `ref`; returns its id. */
function buildPush(ref: string, version: string, healthy: boolean): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-e2e-upd-"));
  fs.writeFileSync(
    path.join(dir, "Dockerfile"),
    `FROM ${requireEnv("BERTH_TEST_IMAGE")}\nLABEL berth.test.version=${version}\n` +
      `HEALTHCHECK --interval=1s --timeout=2s --retries=2 CMD ${healthy ? "true" : "false"}\n`,
  );
  try {
    docker("build", "-q", "-t", ref, dir);
    docker("push", ref);
    return docker("image", "inspect", "-f", "{{.Id}}", ref);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test("update available after a check, one-click update, and a rollback when the new image is unhealthy", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await new SignInPage(page).signInAsAdmin();
  const name = uniqueName("upd");
  const ref = `${requireEnv("BERTH_TEST_REGISTRY")}/berth-e2e/${name}:latest`;
  const v1 = buildPush(ref, "1", true);
  docker("run", "-d", "--init", "--name", name, ref, "sleep", "3600");
  const v2 = buildPush(ref, "2", true);
  // Locally the tag goes back to v1: the engine learns of v2 only by pulling, as on a host that has not pulled yet.
  docker("tag", v1, ref);
  try {
    const view = new ContainersPage(page);
    await view.open("local", `?q=${name}`);
    await expect(view.row(name)).toBeVisible();
    await expect(view.cell(name, "image")).not.toContainText("Update available");

    await page.getByRole("button", { name: "Check for updates" }).click();
    await expect(view.cell(name, "image")).toContainText("Update available", { timeout: 60_000 });

    // The filter lives in the URL and finds it.
    await page.getByLabel("Image update").selectOption("available");
    await expect(page).toHaveURL(/update=available/);
    await expect(view.row(name)).toBeVisible();
    await page.getByLabel("Image update").selectOption("current");
    await expect(view.row(name)).toHaveCount(0);
    await page.getByLabel("Image update").selectOption("");

    await view.menu(name).click();
    await page.getByRole("menuitem", { name: "Update image", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: `Update container ${name}` });
    await dialog.getByLabel("Grace period (seconds)").fill("20");
    await dialog.getByRole("button", { name: "Update", exact: true }).click();
    await expect(page.getByText(`Updated ${name}`)).toBeVisible({ timeout: 60_000 });
    expect(docker("inspect", "-f", "{{.Image}}", name)).toBe(v2);
    expect(docker("inspect", "-f", "{{.State.Running}}", name)).toBe("true");
    await expect(view.cell(name, "image")).not.toContainText("Update available");
    const updatedId = docker("inspect", "-f", "{{.Id}}", name);

    // v3 fails its healthcheck: the update is rolled back and the v2 container runs again under the name.
    buildPush(ref, "3", false);
    docker("tag", v2, ref);
    await page.getByRole("button", { name: "Check for updates" }).click();
    await expect(view.cell(name, "image")).toContainText("Update available", { timeout: 60_000 });
    await view.menu(name).click();
    await page.getByRole("menuitem", { name: "Update image", exact: true }).click();
    await dialog.getByLabel("Grace period (seconds)").fill("20");
    await dialog.getByRole("button", { name: "Update", exact: true }).click();
    await expect(page.getByText(`Update of ${name} rolled back`, { exact: true })).toBeVisible({ timeout: 60_000 });
    expect(docker("inspect", "-f", "{{.Id}}", name)).toBe(updatedId);
    expect(docker("inspect", "-f", "{{.Image}}", name)).toBe(v2);
    expect(docker("inspect", "-f", "{{.State.Running}}", name)).toBe("true");
    expect(
      docker("ps", "-a", "--format", "{{.Names}}")
        .split("\n")
        .filter((n) => n.startsWith(name)),
    ).toEqual([name]);
  } finally {
    docker("rm", "-f", name);
  }
});

test("viewers get no Check for updates control (the authorization matrix proves the actions refuse them)", async ({
  page,
}) => {
  await ensureUser("e2e-upd-viewer", "e2e-upd-viewer-pass", "local", "viewer");
  await new SignInPage(page).signIn("e2e-upd-viewer", "e2e-upd-viewer-pass");
  await expect(accountMenuButton(page)).toBeVisible();
  const view = new ContainersPage(page);
  await view.open("local");
  await expect(view.table).toBeVisible();
  await expect(page.getByRole("button", { name: "Check for updates" })).toHaveCount(0);
});

test("the endpoint's Image updates page: an admin sets the maintenance window and a container's policy; a viewer only reads them", async ({
  page,
  browser,
}) => {
  const name = uniqueName("policy");
  docker("run", "-d", "--name", name, requireEnv("BERTH_TEST_IMAGE"), "sleep", "3600");
  try {
    await new SignInPage(page).signInAsAdmin();
    await page.goto("/endpoints/local/stacks");
    await page.getByRole("navigation", { name: "Endpoint" }).getByRole("link", { name: "Updates" }).click();
    await expect(page.getByRole("heading", { name: "Image updates on local" })).toBeVisible();
    await expect(page).toHaveTitle(/^Image updates · local/);

    await page.getByLabel("Window starts (UTC)").fill("25:00");
    await page.getByLabel("Window ends (UTC)").fill("04:00");
    await page.getByRole("button", { name: "Save window" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "a time of day as HH:MM" })).toBeVisible();
    await page.getByLabel("Window starts (UTC)").fill("02:00");
    await page.getByRole("button", { name: "Save window" }).click();
    await expect(page.getByRole("status").filter({ hasText: "between 02:00 and 04:00 UTC" })).toBeVisible();

    const policy = page.getByRole("combobox", { name: `Update policy of ${name}` });
    await expect(policy).toHaveValue("default");
    await policy.selectOption("auto");
    await expect(page.getByText(`Update policy of ${name}: Update automatically`)).toBeVisible();
    const stored = (await (await page.request.get("/api/v1/endpoints/local/update-policies")).json()) as {
      window: { from: string; to: string };
      entries: { name: string; policy: string; setByName: string }[];
    };
    expect(stored.window).toEqual({ from: "02:00", to: "04:00" });
    expect(stored.entries.find((e) => e.name === name)).toMatchObject({ policy: "auto", setByName: "admin" });
    await page.reload();
    await expect(page.getByRole("combobox", { name: `Update policy of ${name}` })).toHaveValue("auto");

    await ensureUser("e2e-upd-viewer", "e2e-upd-viewer-pass", "local", "viewer");
    const ctx = await browser.newContext();
    const viewer = await ctx.newPage();
    await new SignInPage(viewer).signIn("e2e-upd-viewer", "e2e-upd-viewer-pass");
    await expect(accountMenuButton(viewer)).toBeVisible();
    await viewer.goto("/endpoints/local/updates");
    const row = viewer.getByRole("row").filter({ hasText: name });
    await expect(row).toContainText("Update automatically in the maintenance window");
    await expect(viewer.getByRole("combobox")).toHaveCount(0);
    await expect(viewer.getByRole("button", { name: "Save window" })).toHaveCount(0);
    await ctx.close();

    await page.getByRole("combobox", { name: `Update policy of ${name}` }).selectOption("default");
    await expect(page.getByText(`Update policy of ${name}: default`)).toBeVisible();
    await page.getByRole("button", { name: "Remove window" }).click();
    await expect(page.getByRole("status").filter({ hasText: "No window" })).toBeVisible();
  } finally {
    docker("rm", "-f", name);
  }
});
