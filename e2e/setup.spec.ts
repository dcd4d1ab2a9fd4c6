import { expect, test } from "@playwright/test";
import { ADMIN, serverState } from "./support/env";

test.describe.configure({ mode: "serial" });

test("setup without the token shows no form", async ({ page }) => {
  await page.goto("/setup");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("not valid");
  await expect(page.getByRole("button", { name: "Create admin" })).toHaveCount(0);

  await page.goto("/setup?token=guessed-token");
  await expect(page.getByRole("button", { name: "Create admin" })).toHaveCount(0);
});

test("the setup action refuses a forged token even when posted directly", async ({ page }) => {
  // Open the real form, then swap the token the page posts: the server action must check it itself.
  await page.goto(serverState().setupUrl);
  await page.route("**/setup**", async (route) => {
    const req = route.request();
    if (req.method() !== "POST") return route.continue();
    const forged = (req.postData() ?? "").replace(/"token":"[^"]+"/, '"token":"forged"');
    await route.continue({ postData: forged });
  });
  await page.getByLabel("Username").fill("intruder");
  await page.getByLabel("Password", { exact: true }).fill("intruder-password");
  await page.getByLabel("Confirm password").fill("intruder-password");
  await page.getByRole("button", { name: "Create admin" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("not valid");
  await page.unrouteAll();
});

test("setup with the token validates, creates the admin, then is gone", async ({ page }) => {
  await page.goto(serverState().setupUrl);
  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await page.getByLabel("Confirm password").fill("something-else");
  await page.getByRole("button", { name: "Create admin" }).click();
  await expect(page.getByLabel("Confirm password")).toHaveAccessibleDescription("Passwords do not match");

  await page.getByLabel("Confirm password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create admin" }).click();
  await expect(page).toHaveURL(/\/login$/);

  // Setup is gone for good, with or without the token.
  const again = await page.goto(serverState().setupUrl);
  expect(again?.status()).toBe(404);
  await expect(page.getByRole("button", { name: "Create admin" })).toHaveCount(0);
});
