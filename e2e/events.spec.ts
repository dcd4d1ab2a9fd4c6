import { expect, test } from "@playwright/test";
import { chooseEndpoint } from "./pages/account-menu";
import { EventsPage } from "./pages/resource-pages";
import { SignInPage } from "./pages/sign-in-page";
import { docker, runSleeper, uniqueName } from "./support/docker-cli";

test.beforeEach(async ({ page }) => {
  await new SignInPage(page).signInAsAdmin();
});

test("the events page shows a container started with the CLI, live, and the filters work", async ({ page }) => {
  const name = uniqueName("evt");
  const vol = uniqueName("evtvol");
  // History: something that happened before the page opened is there at once.
  docker("volume", "create", vol);
  const events = new EventsPage(page);
  await events.open();
  await expect(events.rows(vol, "create")).toHaveCount(1);

  runSleeper(name);
  await expect(events.rows(name, "start")).toHaveCount(1);
  await expect(events.rows(name, "create")).toHaveCount(1);

  const filters = page.getByRole("form", { name: "Filter events" });
  await filters.getByLabel("Type").selectOption("volume");
  await expect(events.rows(name)).toHaveCount(0);
  await expect(events.rows(vol, "create")).toHaveCount(1);

  await filters.getByLabel("Type").selectOption("container");
  await filters.getByLabel("Action").selectOption("start");
  await expect(events.rows(name, "start")).toHaveCount(1);
  await expect(events.rows(name, "create")).toHaveCount(0);

  await filters.getByLabel("Object").fill(name);
  await expect(events.table.getByRole("row")).toHaveCount(2); // header + the start of `name`
  docker("stop", "-t", "1", name);
  await filters.getByLabel("Action").selectOption("");
  await expect(events.rows(name, "die")).toHaveCount(1);

  // The cross-endpoint feed has it too, from the same shared stream.
  await chooseEndpoint(page, "All endpoints");
  await expect(page.getByRole("heading", { name: "Events on all endpoints" })).toBeVisible();
  await expect(new EventsPage(page).rows(name, "start")).toHaveCount(1);
  docker("rm", "-f", name);
  docker("volume", "rm", vol);
});

test("hostile container labels stay inert on the events page", async ({ page }) => {
  const name = uniqueName("evtxss");
  const events = new EventsPage(page);
  await events.open();
  runSleeper(name, ["--label", `image=<img src=x onerror="window.__pwned=1">`]);
  await expect(events.rows(name, "start")).toHaveCount(1);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator("img[src=x]")).toHaveCount(0);
  docker("rm", "-f", name);
});
