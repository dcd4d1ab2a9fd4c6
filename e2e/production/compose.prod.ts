import { expect, type Page, test } from "@playwright/test";
import { ADMIN, compose, containerOf, docker, PROOF_URL, waitHealthy } from "./compose-env";

// Berth as its users run it: the image from the Dockerfile, with Postgres, from docker-compose.yml.

async function signIn(page: Page): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

test("the image runs unprivileged, healthy, with its probes answering", async ({ request }) => {
  const id = containerOf("berth");
  expect(docker("exec", id, "id", "-u")).toBe("10001");
  expect(docker("inspect", "-f", "{{.State.Health.Status}}", id)).toBe("healthy");
  expect((await request.get(`${PROOF_URL}/healthz`)).status()).toBe(200);
  const ready = await request.get(`${PROOF_URL}/readyz`);
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({ status: "ready" });
  // Postgres, not the embedded SQLite: no database file in the data volume.
  expect(docker("exec", id, "sh", "-c", "ls /data")).not.toContain("berth.db");
});

test("sign in, a live container list, and data that survives down and up", async ({ page }) => {
  await signIn(page);
  await page.goto("/containers");
  // The compose project's own database container is on the engine Berth manages.
  // The table is virtualized and the rig's engine holds whatever earlier test steps left, so each row is looked for
  // through the name filter (rows out of view are not in the page).
  const filter = page.getByLabel("Filter by name");
  const pg = docker("inspect", "-f", "{{.Name}}", containerOf("postgres")).replace(/^\//, "");
  await filter.fill(pg);
  await expect(page.getByText(pg).first()).toBeVisible();

  // Live: a container made with the docker CLI shows up without a reload.
  const name = `proof-live-${Date.now().toString(36)}`;
  const image = process.env.BERTH_TEST_IMAGE ?? "berth-test/busybox:latest";
  await filter.fill(name);
  docker("run", "-d", "--name", name, image, "sleep", "300");
  try {
    await expect(page.getByText(name).first()).toBeVisible();

    // down (volumes kept) and up again: the admin, the endpoint and the sessions' key are still there.
    compose("down");
    compose("up", "-d", "--no-build");
    await waitHealthy("berth");
    await page.context().clearCookies();
    await signIn(page);
    await page.goto("/containers");
    await filter.fill(name);
    await expect(page.getByText(name).first()).toBeVisible();
  } finally {
    docker("rm", "-f", name);
  }
});
