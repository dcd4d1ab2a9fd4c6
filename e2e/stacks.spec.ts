import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";
import { docker, uniqueName } from "./support/docker-cli";
import { requireEnv } from "./support/env";

// Compose stacks on the rig's plain engine through the browser: the editor's inline errors, preview, a live deploy,
// the list (live, with docker-compose's projects beside Berth's), stop from the row menu, a click on a name opening
// the stack's page, Adopt offered for a project Berth did not deploy, and Down with volumes behind a confirmation. Checked with the docker CLI.

const image = requireEnv("BERTH_TEST_IMAGE");
const composeEnv = { ...process.env, DOCKER_HOST: requireEnv("BERTH_TEST_DOCKER_HOST"), DOCKER_API_VERSION: "1.41" };
const dockerCompose = (cwd: string, ...args: string[]) =>
  execFileSync("docker-compose", ["--no-ansi", ...args], {
    cwd,
    env: composeEnv,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });

const stack = uniqueName("stk").replace(/^e2e-/, "e2e").toLowerCase();
const external = `${stack}ext`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-e2e-stack-"));

test.afterAll(() => {
  try {
    dockerCompose(dir, "-p", external, "down", "-v");
  } catch {
    // already gone
  }
  for (const p of [stack, external]) {
    const ids = docker("ps", "-aq", "--filter", `label=com.docker.compose.project=${p}`).split("\n").filter(Boolean);
    if (ids.length) docker("rm", "-f", ...ids);
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a stack made in the editor deploys live, lists beside docker-compose's, stops, and goes down", async ({
  page,
}) => {
  // A deploy, a docker-compose project and a down on a shared 2-core machine: more than the default minute.
  test.setTimeout(180_000);
  await new SignInPage(page).signInAsAdmin();
  await page.goto("/endpoints/local/stacks/new");
  await page.getByRole("region", { name: "Stack editor" }).getByLabel("Stack name").fill(stack);
  const editor = page.getByRole("textbox", { name: "Compose file", exact: true });
  await editor.fill(`services:\n  web:\n    image: ${image}\n    command: sleep 3600\n    restrat: always\n`);
  // The deploy's own parser, in the browser: the error names its line before anything is sent.
  await expect(page.getByRole("list", { name: "Problems in Compose file" })).toContainText(
    'line 5: services.web.restrat: Unknown key "restrat"',
  );
  await editor.fill(
    `services:\n  web:\n    image: ${image}\n    command: sleep 3600\n    init: true\n    volumes: [data:/data]\nvolumes:\n  data: {}\n`,
  );
  await expect(page.getByRole("list", { name: "Problems in Compose file" })).toBeEmpty();
  await page.getByRole("button", { name: "Preview changes" }).click();
  await expect(page.getByRole("region", { name: "Preview" })).toContainText(`create ${stack}-web-1`);
  await page.getByRole("button", { name: "Deploy", exact: true }).click();

  await expect(page).toHaveURL(new RegExp(`/endpoints/local/stacks/${stack}$`));
  const progress = page.getByRole("region", { name: "Deploy progress" });
  await expect(progress.getByRole("status")).toHaveText("Version 1 deployed", { timeout: 60_000 });
  await expect(progress.getByRole("log", { name: "Deploy steps" })).toContainText(
    `Container ${stack}-web-1 created and started`,
  );
  expect(docker("inspect", "-f", '{{index .Config.Labels "com.docker.compose.project"}}', `${stack}-web-1`)).toBe(
    stack,
  );
  await expect(page.getByRole("region", { name: "History" })).toContainText("done");

  // docker-compose's own project appears in the same list, live, and is offered for adoption.
  fs.writeFileSync(
    path.join(dir, "docker-compose.yml"),
    `services:\n  job:\n    image: ${image}\n    command: sleep 3600\n    init: true\n`,
  );
  await page.goto("/endpoints/local/stacks");
  dockerCompose(dir, "-p", external, "up", "-d");
  const extRow = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: external, exact: true }) });
  await expect(extRow.getByRole("cell", { name: "docker-compose 1.29.2" })).toBeVisible({ timeout: 30_000 });
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: stack, exact: true }) });
  await expect(row.getByRole("cell", { name: "Berth", exact: true })).toBeVisible();
  await expect(row.getByRole("cell", { name: "1/1 running", exact: true })).toBeVisible();
  // Stop from the row menu; the list (live) says so.
  await row.getByRole("button", { name: `Actions for stack ${stack}` }).click();
  await page.getByRole("menuitem", { name: "Stop" }).click();
  await expect(row.getByRole("cell", { name: "0/1 stopped", exact: true })).toBeVisible({ timeout: 30_000 });
  expect(docker("inspect", "-f", "{{.State.Running}}", `${stack}-web-1`)).toBe("false");

  // The docker-compose project's name opens its page, which offers Adopt with the file where it really is.
  await page.getByRole("link", { name: external, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/endpoints/local/stacks/${external}$`));
  await expect(page.getByRole("region", { name: "Adopt" })).toContainText(`${dir}/docker-compose.yml`);

  // Back on the list, the stack's own name opens its page.
  await page.goBack();
  await page.getByRole("link", { name: stack, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/endpoints/local/stacks/${stack}$`));
  await expect(page.getByRole("status").filter({ hasText: "0 of 1 containers running" })).toBeVisible();
  await page.getByRole("button", { name: "Down" }).click();
  const dialog = page.getByRole("dialog", { name: `Take ${stack} down?` });
  await dialog.getByLabel(/Also remove its volumes/).check();
  await dialog.getByRole("button", { name: "Down and remove volumes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "No containers" })).toBeVisible({ timeout: 30_000 });
  expect(docker("ps", "-aq", "--filter", `label=com.docker.compose.project=${stack}`)).toBe("");
  expect(docker("volume", "ls", "-q", "--filter", `label=com.docker.compose.project=${stack}`)).toBe("");
});

test("a stack from Git deploys, and its webhook redeploys the new commit; a wrong secret is refused", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const { startGitServer } = await import("../test-support/git-server-harness");
  const repo = await startGitServer({ token: "e2e-token" });
  const name = `${stack}git`;
  const file = (v: string) =>
    `services:\n  app:\n    image: ${image}\n    command: sleep 3600\n    init: true\n    environment: [V=${v}]\n`;
  try {
    repo.commit({ "compose.yml": file("1") }, "one");
    await new SignInPage(page).signInAsAdmin();
    await page.goto("/endpoints/local/stacks/new");
    const form = page.getByRole("form", { name: "Git source" });
    await form.getByLabel("Stack name").fill(name);
    await form.getByLabel("Repository URL").fill(repo.url);
    await form.getByLabel("Access token").fill("e2e-token");
    await form.getByLabel("Compose file path").fill("compose.yml");
    await form.getByRole("button", { name: "Deploy from Git" }).click();
    const shown = form.getByRole("alert");
    await expect(shown).toContainText("Webhook secret (shown once");
    const secret = (await shown.locator(".font-mono").textContent())?.trim() ?? "";
    expect(secret).toMatch(/^[\w-]{32}$/);
    await shown.getByRole("link", { name: `Open stack ${name}` }).click();
    const progress = page.getByRole("region", { name: "Deploy progress" });
    await expect(progress.getByRole("status")).toHaveText("Version 1 deployed", { timeout: 60_000 });
    const hook = await page.getByRole("form", { name: "Git source" }).locator(".font-mono.break-all").textContent();
    const hookUrl = new URL(hook ?? "").pathname;

    repo.commit({ "compose.yml": file("2") }, "two");
    const wrong = await request.post(hookUrl, { headers: { "X-Berth-Webhook-Secret": "not-it" }, data: "{}" });
    expect(wrong.status()).toBe(401);
    const ok = await request.post(hookUrl, { headers: { "X-Berth-Webhook-Secret": secret }, data: "{}" });
    expect(ok.status()).toBe(202);
    await expect(progress.getByRole("status")).toHaveText("Version 2 deployed", { timeout: 60_000 });
    expect(docker("inspect", "-f", "{{json .Config.Env}}", `${name}-app-1`)).toContain("V=2");
  } finally {
    const ids = docker("ps", "-aq", "--filter", `label=com.docker.compose.project=${name}`).split("\n").filter(Boolean);
    if (ids.length) docker("rm", "-f", ...ids);
    await repo.close();
  }
});
