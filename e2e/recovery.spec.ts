import { expect, test } from "@playwright/test";
import { ContainersPage } from "./pages/containers-page";
import { SignInPage } from "./pages/sign-in-page";
import { docker, dockerdCtl, runSleeper, uniqueName } from "./support/docker-cli";

test("dockerd stops and comes back while a browser watches", async ({ page }) => {
  test.setTimeout(120_000);
  await new SignInPage(page).signInAsAdmin();
  const view = new ContainersPage(page);
  const before = uniqueName("before");
  runSleeper(before);
  await view.open();
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
  const after = uniqueName("after");
  runSleeper(after);
  await expect(view.state(after)).toHaveText("running");
  const engine = docker("ps", "-a", "--format", "{{.Names}}").split("\n").filter(Boolean).sort();
  await expect.poll(async () => (await view.names()).sort()).toEqual(engine);
  await expect(view.state(before)).toHaveText(docker("inspect", "-f", "{{.State.Status}}", before));
  docker("rm", "-f", before, after);
});
