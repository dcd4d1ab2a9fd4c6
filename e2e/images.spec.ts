import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ImagesPage } from "./pages/resource-pages";
import { SignInPage } from "./pages/sign-in-page";
import { docker, uniqueName } from "./support/docker-cli";
import { requireEnv } from "./support/env";

test.beforeEach(async ({ page }) => {
  await new SignInPage(page).signInAsAdmin();
});

test("a private registry: wrong password refused at save, right one used for a pull with live progress", async ({
  page,
}) => {
  const registry = requireEnv("BERTH_TEST_AUTH_REGISTRY");
  const ref = requireEnv("BERTH_TEST_AUTH_REGISTRY_IMAGE");
  const user = requireEnv("BERTH_TEST_AUTH_REGISTRY_USER");
  const password = requireEnv("BERTH_TEST_AUTH_REGISTRY_PASSWORD");
  // Gone locally, so the pull really downloads the image's own layer.
  try {
    docker("rmi", "-f", ref);
  } catch {}

  // Without saved credentials the engine's refusal is explained.
  const images = new ImagesPage(page);
  await images.open();
  await images.pull(ref);
  await expect(
    page.getByRole("alert").filter({ hasText: "The registry wants a login: add it under Registries" }),
  ).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Registries" }).click();
  const form = page.getByRole("form", { name: "Add registry" });
  await form.getByLabel("Name", { exact: true }).fill("rig-auth");
  await form.getByLabel("URL").fill(`http://${registry}`);
  await form.getByLabel("Username").fill(user);
  await form.getByLabel("Password or token").fill("not-the-password");
  await form.getByRole("button", { name: "Save registry" }).click();
  await expect(page.getByRole("alert").filter({ hasText: `Login to ${registry} failed` })).toBeVisible();
  // Nothing was stored by the refused save (other suites may have saved registries of their own).
  await expect(page.getByRole("table", { name: "Registries" }).getByRole("row", { name: /rig-auth/ })).toHaveCount(0);

  await form.getByLabel("Password or token").fill(password);
  await form.getByRole("button", { name: "Save registry" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved rig-auth (login checked)" })).toBeVisible();
  const row = page.getByRole("table", { name: "Registries" }).getByRole("row", { name: /rig-auth/ });
  await expect(row).toContainText("stored");
  // The password never comes back to the browser.
  expect(await page.content()).not.toContain(password);

  await images.open();
  await images.pull(ref);
  const item = images.pullItem(ref);
  await expect(item.getByTestId("pull-state")).toHaveText("done", { timeout: 60_000 });
  await expect(item).toContainText("100%");
  // Overall bytes come from the engine's per-layer progress: the private layer is 8 MB.
  await expect(item).toContainText(/\(8\.\d+ MB of 8\.\d+ MB\)/);
  const layers = item.getByRole("list", { name: `Layers of ${ref}` }).getByRole("listitem");
  await expect(layers.filter({ hasText: "Pull complete" }).first()).toBeVisible();
  await expect(layers.filter({ hasText: "Already exists" }).first()).toBeVisible();
  await expect(images.row(ref)).toBeVisible();
  expect(docker("image", "inspect", "-f", "{{.Id}}", ref)).toMatch(/^sha256:/);
});

test("Prune unused images previews exactly the unused images, then deletes exactly those", async ({ page }) => {
  const image = requireEnv("BERTH_TEST_IMAGE");
  const keeper = uniqueName("keeper");
  // The test image stays in use during the prune: the rest of the suite needs it.
  docker("create", "--name", keeper, image, "true");
  const unusedTag = `${uniqueName("unused")}:v1`;
  const ctx = fs.mkdtempSync(path.join(os.tmpdir(), "berth-e2e-img-"));
  fs.writeFileSync(path.join(ctx, "Dockerfile"), `FROM ${image}\nLABEL berth.e2e=${unusedTag}\n`);
  docker("build", "-q", "-t", unusedTag, ctx);
  fs.rmSync(ctx, { recursive: true });

  // What the engine says is unused: images minus the images of every container.
  const all = docker("images", "-q", "--no-trunc").split("\n").filter(Boolean);
  const containers = docker("ps", "-aq").split("\n").filter(Boolean);
  const used = new Set(containers.length ? docker("inspect", "-f", "{{.Image}}", ...containers).split("\n") : []);
  const unused = [...new Set(all)].filter((id) => !used.has(id));

  const images = new ImagesPage(page);
  await images.open();
  await expect(images.row(unusedTag)).toContainText("unused");
  await expect(images.row(image)).toContainText(keeper);
  await page.getByRole("button", { name: "Prune unused images" }).click();
  const dialog = images.dialog("Prune unused images");
  const listed = dialog.getByRole("list", { name: "Images to prune" }).getByRole("listitem");
  await expect(listed).toHaveCount(unused.length);
  for (const id of unused) await expect(listed.filter({ hasText: id.slice(7, 19) })).toHaveCount(1);
  await expect(listed.filter({ hasText: unusedTag })).toHaveCount(1);
  await expect(listed.filter({ hasText: image })).toHaveCount(0);
  await expect(dialog).toContainText(/Space returned: at least \d/);

  await dialog.getByRole("button", { name: "Confirm prune" }).click();
  // Each image's layers are deleted from disk, one image after the other: with a dozen or more unused on the rig's
  // engine by this point of the suite this legitimately takes longer than a UI reaction (the server allows each
  // removal two minutes). The wait is for the engine's answer, not a speed claim.
  await expect(page.getByRole("status").filter({ hasText: `Pruned ${unused.length} image(s)` })).toBeVisible({
    timeout: 180_000,
  });
  await expect(images.row(unusedTag)).toHaveCount(0);
  expect(() => docker("image", "inspect", unusedTag)).toThrow();
  expect(docker("image", "inspect", "-f", "{{.Id}}", image)).toMatch(/^sha256:/);
  docker("rm", keeper);
});

function buildImage(tag: string): void {
  const ctx = fs.mkdtempSync(path.join(os.tmpdir(), "berth-e2e-img-"));
  fs.writeFileSync(path.join(ctx, "Dockerfile"), `FROM ${requireEnv("BERTH_TEST_IMAGE")}\nLABEL berth.e2e=${tag}\n`);
  docker("build", "-q", "-t", tag, ctx);
  fs.rmSync(ctx, { recursive: true });
}

test("Tag, inspect with layer history, and Remove with Force", async ({ page }) => {
  const first = `${uniqueName("tagme")}:v1`;
  buildImage(first);
  const second = uniqueName("second");
  const images = new ImagesPage(page);
  await images.open();
  await images.rowButton(first, "Tag").click();
  const tagDialog = images.dialog(`Tag ${first}`);
  await tagDialog.getByLabel("Repository").fill(second);
  await tagDialog.getByLabel("Tag").fill("v2");
  await tagDialog.getByRole("button", { name: "Save tag" }).click();
  const both = new RegExp(`^(${first}, ${second}:v2|${second}:v2, ${first})$`);
  await expect(images.row(both)).toBeVisible();
  expect(docker("image", "inspect", "-f", "{{.Id}}", `${second}:v2`)).toBe(
    docker("image", "inspect", "-f", "{{.Id}}", first),
  );

  await images
    .row(both)
    .getByRole("link", { name: /^Inspect/ })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Image");
  const history = page.getByRole("table", { name: /Layer history/ });
  await expect(history.getByRole("row").filter({ hasText: "LABEL berth.e2e" })).toHaveCount(1);

  // Used by a container and tagged twice: Remove without Force is refused with the engine's reason.
  const user = uniqueName("imguser");
  docker("create", "--name", user, first, "true");
  await images.open();
  await images.rowButton(both, "Remove").click();
  await images
    .dialog(/^Remove image/)
    .getByRole("button", { name: "Remove", exact: true })
    .click();
  await expect(page.getByRole("alert").filter({ hasText: /must be forced|must force|conflict/i })).toBeVisible();
  await images.rowButton(both, "Remove").click();
  const dialog = images.dialog(/^Remove image/);
  await dialog.getByLabel("Force").check();
  await dialog.getByRole("button", { name: "Remove", exact: true }).click();
  await expect.poll(() => docker("images", "-q", first) + docker("images", "-q", `${second}:v2`)).toBe("");
  await expect(images.row(both)).toHaveCount(0);
  docker("rm", user);
});

test("hostile input on the images page stays inert and is refused clearly", async ({ page }) => {
  const images = new ImagesPage(page);
  await images.open();
  await images.pull(`<img src=x onerror="window.__pwned=1">`);
  await expect(page.getByRole("alert").filter({ hasText: "Not an image name" })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator("img[src=x]")).toHaveCount(0);
});
