import { expect, test } from "@playwright/test";
import { ContainersPage } from "./pages/containers-page";
import { SignInPage } from "./pages/sign-in-page";
import { docker, dockerdCtl, runSleeper, uniqueName } from "./support/docker-cli";

test("dockerd stops and comes back while a browser watches", async ({ page }) => {
  test.setTimeout(120_000);
  await new SignInPage(page).signInAsAdmin();
  const view = new ContainersPage(page);
  // The table is virtualized (rows out of view are not in the page) and the rig's engine holds what earlier tests
  // left: the comparison with the engine is made on this test's containers, by name.
  const tag = uniqueName("recovery");
  const before = `${tag}-before`;
  runSleeper(before);
  await view.open();
  await page.getByLabel("Filter by name").fill(tag);
  await expect(view.state(before)).toHaveText("running");

  const status = page.getByRole("list", { name: "Endpoint status" }).getByRole("listitem").first();
  try {
    dockerdCtl("stop");
    // Down within 5 s of the engine going away (the bound), with the reason.
    await expect(status).toContainText("down", { timeout: 5_000 });
    await expect(status).toContainText(/Socket not found|Connection refused|Connection lost/);
  } finally {
    dockerdCtl("start");
  }
  await expect(status).toContainText("up", { timeout: 30_000 });

  // After the reconnect the table is right without reload: it matches the engine, and new events flow again.
  const after = `${tag}-after`;
  runSleeper(after);
  await expect(view.state(after)).toHaveText("running");
  const engine = docker("ps", "-a", "--filter", `name=${tag}`, "--format", "{{.Names}}")
    .split("\n")
    .filter(Boolean)
    .sort();
  expect(engine).toEqual([after, before].sort());
  await expect.poll(async () => (await view.names()).sort()).toEqual(engine);
  await expect(view.state(before)).toHaveText(docker("inspect", "-f", "{{.State.Status}}", before));
  docker("rm", "-f", before, after);
});
