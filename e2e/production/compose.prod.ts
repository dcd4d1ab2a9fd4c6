import fs from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import {
  ADMIN,
  compose,
  composeReplicas,
  containerOf,
  docker,
  IMAGE,
  PROOF_URL,
  PROXY_PORT,
  rigSocket,
  STACK_PROOF_PORT,
  waitHealthy,
} from "./compose-env";

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

test("that Berth deploys docker-compose.yml itself as a stack, and the Berth it starts works too", async ({
  page,
  browser,
}) => {
  // A second Berth and its Postgres, started by the first through its own stack deploy: minutes on a shared machine.
  test.setTimeout(420_000);
  const project = "berth-self";
  const port = STACK_PROOF_PORT;
  const url = `http://127.0.0.1:${port}`;
  const env = [
    `BERTH_PORT=127.0.0.1:${port}`,
    `NEXTAUTH_URL=${url}`,
    "NEXTAUTH_SECRET=stack-proof-nextauth-secret-not-for-production",
    "BERTH_SECRET_KEY=stack-proof-sealing-key-not-for-production",
    `BERTH_ADMIN_USERNAME=${ADMIN.username}`,
    `BERTH_ADMIN_PASSWORD=${ADMIN.password}`,
    "POSTGRES_PASSWORD=stack-proof-pg-password",
    `DOCKER_GID=${fs.statSync(rigSocket()).gid}`,
    `DOCKER_SOCKET=${rigSocket()}`,
  ].join("\n");
  try {
    await signIn(page);
    await page.goto("/endpoints/local/stacks/new");
    await page.getByRole("region", { name: "Stack editor" }).getByLabel("Stack name").fill(project);
    await page
      .getByRole("textbox", { name: "Compose file", exact: true })
      .fill(fs.readFileSync("docker-compose.yml", "utf8"));
    await page.getByRole("textbox", { name: ".env file", exact: true }).fill(`${env}\n`);
    // The file builds berth:local: accepted, with no problem shown (the image is on the engine, built by the setup).
    await expect(page.getByRole("list", { name: "Problems in Compose file" })).toBeEmpty();
    await page.getByRole("button", { name: "Deploy", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/endpoints/local/stacks/${project}$`));
    const progress = page.getByRole("region", { name: "Deploy progress" });
    await expect(progress.getByRole("status")).toHaveText("Version 1 deployed", { timeout: 240_000 });
    const steps = progress.getByRole("log", { name: "Deploy steps" });
    await expect(steps).toContainText(`Not built (Berth has no builder): using ${IMAGE} as it is on the engine`);
    await expect(steps).toContainText(`Container ${project}-berth-1 created and started`);

    // The Berth the stack started: Postgres-backed, its probes answering, sign-in and a live list through it.
    const id = docker("ps", "-q", "--filter", `name=^${project}-berth-1$`);
    expect(id, "the stack's Berth container").toBeTruthy();
    await expect
      .poll(() => docker("inspect", "-f", "{{.State.Health.Status}}", id), { timeout: 180_000, intervals: [1_000] })
      .toBe("healthy");
    expect(docker("exec", id, "sh", "-c", "ls /data")).not.toContain("berth.db");
    const second = await browser.newContext({ baseURL: url });
    const p2 = await second.newPage();
    expect((await p2.request.get(`${url}/readyz`)).status()).toBe(200);
    await signIn(p2);
    await p2.goto("/containers");
    const filter = p2.getByLabel("Filter by name");
    await filter.fill(`${project}-postgres-1`);
    await expect(p2.getByText(`${project}-postgres-1`).first()).toBeVisible();
    const name = `proof-stack-live-${Date.now().toString(36)}`;
    await filter.fill(name);
    docker("run", "-d", "--name", name, process.env.BERTH_TEST_IMAGE ?? "berth-test/busybox:latest", "sleep", "300");
    try {
      await expect(p2.getByText(name).first()).toBeVisible();
    } finally {
      docker("rm", "-f", name);
      await second.close();
    }
  } finally {
    // What the stack made, by Compose's labels and names (the first Berth's own project is left to the teardown).
    const ids = docker("ps", "-aq", "--filter", `label=com.docker.compose.project=${project}`)
      .split("\n")
      .filter(Boolean);
    if (ids.length) docker("rm", "-f", ...ids);
    for (const v of ["berth-data", "berth-pg"]) {
      try {
        docker("volume", "rm", "-f", `${project}_${v}`);
      } catch {}
    }
    try {
      docker("network", "rm", `${project}_default`);
    } catch {}
  }
});

test("the replicas profile: three Berths on one Postgres behind the file's nginx, one session for all", async ({
  browser,
}) => {
  test.setTimeout(420_000);
  const url = `http://127.0.0.1:${PROXY_PORT}`;
  // The address people use is the proxy's: NEXTAUTH_URL follows it (the first Berth is re-created with it).
  composeReplicas({ BERTH_PROXY_PORT: `127.0.0.1:${PROXY_PORT}`, NEXTAUTH_URL: url }, "up", "-d", "--no-build");
  for (const s of ["berth", "berth-2", "berth-3"]) await waitHealthy(s);

  const ctx = await browser.newContext({ baseURL: url });
  const page = await ctx.newPage();
  try {
    await signIn(page);
    // The session made through the proxy opens on each replica, asked directly inside its container: one database,
    // one secret, whichever process nginx picks.
    const cookie = (await ctx.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    for (const s of ["berth", "berth-2", "berth-3"]) {
      const status = docker(
        "exec",
        containerOf(s),
        "node",
        "-e",
        "fetch('http://127.0.0.1:3000/api/v1/endpoints',{headers:{cookie:process.argv[1]}}).then(r=>console.log(r.status))",
        cookie,
      );
      expect(status, `GET /api/v1/endpoints on ${s} with the proxy's session`).toBe("200");
    }
    // Live through nginx (the WebSocket upgrade passed on): a container made with the CLI appears without a reload.
    await page.goto("/containers");
    const name = `proof-replicas-${Date.now().toString(36)}`;
    await page.getByLabel("Filter by name").fill(name);
    docker("run", "-d", "--name", name, process.env.BERTH_TEST_IMAGE ?? "berth-test/busybox:latest", "sleep", "300");
    try {
      await expect(page.getByText(name).first()).toBeVisible();
    } finally {
      docker("rm", "-f", name);
    }
  } finally {
    await ctx.close();
  }
});
