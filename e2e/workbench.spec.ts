import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { io } from "socket.io-client";
import { accountMenuButton } from "./pages/account-menu";
import { ContainerPage } from "./pages/container-page";
import { ContainersPage } from "./pages/containers-page";
import { SignInPage } from "./pages/sign-in-page";
import { docker, uniqueName } from "./support/docker-cli";
import { requireEnv, serverState } from "./support/env";
import { ensureUser } from "./support/users";

const VIEWER = { username: "wb-viewer", password: "wb-viewer-password" };
const IMAGE = () => requireEnv("BERTH_TEST_IMAGE");

// stdout, stderr, an ANSI-coloured line and hostile HTML, then a live tick every 300 ms.
const CHATTY = [
  "echo out-line",
  "echo err-line >&2",
  "printf '\\033[31mred-text\\033[0m plain\\n'",
  `echo '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'`,
  "i=0; while true; do echo tick-$i; i=$((i+1)); sleep 0.3; done",
].join("; ");

test.beforeEach(async ({ page }) => {
  await new SignInPage(page).signInAsAdmin();
});

test("the container name links to a detail page with the five tabs and an overview", async ({ page }) => {
  const name = uniqueName("detail");
  docker("run", "-d", "--init", "--name", name, IMAGE(), "sleep", "3600");
  const list = new ContainersPage(page);
  await list.open();
  await list.filterName(name);
  await list.row(name).getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const tabs = await page.getByRole("tablist", { name: "Container" }).getByRole("tab").allInnerTexts();
  expect(tabs).toEqual(["Overview", "Logs", "Stats", "Console", "Inspect"]);
  await expect(page.getByText("Restart count")).toBeVisible();
  await expect(page.getByRole("table", { name: "Processes" })).toContainText("sleep 3600");
  docker("rm", "-f", name);
});

test("logs: live lines, stdout and stderr apart, ANSI colour, inert HTML, search and download", async ({ page }) => {
  const name = uniqueName("logs");
  const id = docker("run", "-d", "--init", "--name", name, IMAGE(), "sh", "-c", CHATTY);
  const view = new ContainerPage(page);
  await view.open(id);
  await view.select("Logs");

  await expect(view.logLine("out-line")).toHaveAttribute("data-stream", "out");
  await expect(view.logLine("err-line")).toHaveAttribute("data-stream", "err");
  await expect(view.logLine("err-line")).toContainText("err");
  const red = view.logLine("red-text").getByText("red-text", { exact: true });
  await expect(red).toHaveCSS("color", "rgb(205, 49, 49)");
  await expect(view.logLine("red-text")).not.toContainText("\u001b");
  await expect(view.logLine("onerror")).toContainText('<img src=x onerror="window.__pwned=1"><script>');
  await expect(page.locator("img[src=x]")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  // Live: a tick written after the page opened arrives without a reload.
  const before = Number(docker("logs", "--tail", "1", name).replace("tick-", "")) || 0;
  await expect(view.logLine(`tick-${before + 5}`)).toBeVisible({ timeout: 15_000 });

  await page.getByRole("searchbox", { name: "Search text" }).fill("tick-1");
  await page.getByRole("form", { name: "Search logs" }).getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByText(/\d+ matching lines? in \d+ searched/)).toBeVisible();
  await expect(view.logLine("tick-1").first().locator("mark").first()).toHaveText("tick-1");

  await page.screenshot({ path: "docs/workbench-logs.png" });

  await page.getByRole("checkbox", { name: "Regex" }).check();
  await page.getByRole("searchbox", { name: "Search text" }).fill("(unclosed");
  await page.getByRole("form", { name: "Search logs" }).getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Not a valid regular expression" })).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download logs" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${name}.log`);
  const text = fs.readFileSync((await download.path())!, "utf8");
  expect(text).toContain("out-line\n");
  expect(text).toContain("err-line\n");
  expect(text).toContain("\u001b[31mred-text");
  // The Docker stream framing (8-byte headers: stream 1/2 then zero bytes) is gone. (stdout and stderr are separate
  // pipes, so their relative order is not asserted.)
  expect([...text].filter((c) => c.charCodeAt(0) <= 2)).toEqual([]);
  docker("rm", "-f", name);
});

test("stats: charts and current figures", async ({ page }) => {
  const name = uniqueName("stats");
  const id = docker("run", "-d", "--init", "--cpus", "0.3", "--name", name, IMAGE(), "sh", "-c", "yes > /dev/null");
  const view = new ContainerPage(page);
  await view.open(id);
  await view.select("Stats");
  const figures = page.getByRole("definition").first();
  await expect(page.getByRole("figure", { name: "CPU %" })).toBeVisible();
  await expect(page.getByRole("img", { name: "CPU % chart" }).locator("canvas")).toHaveCount(1);
  await expect(page.locator("dl[aria-label='Current figures']")).toBeVisible({ timeout: 20_000 });
  await expect(figures).toHaveText(/^\d+\.\d%$/);
  await expect(page.locator("dl[aria-label='Current figures']")).toContainText("PIDs");
  await page.screenshot({ path: "docs/workbench-stats.png" });
  docker("rm", "-f", name);
});

test("stats of a stopped container say it is not running, keep the history, and resume on start", async ({ page }) => {
  const name = uniqueName("statsstop");
  const id = docker("create", "--init", "--name", name, IMAGE(), "sleep", "3600");
  const view = new ContainerPage(page);
  await view.open(id);
  await view.select("Stats");
  const status = page.getByRole("region", { name: "Stats" }).getByRole("status");
  await expect(status).toHaveText("The container is not running; stats resume when it starts.");
  docker("start", name);
  await expect(status).toHaveText(/^Live · \d+ samples/, { timeout: 20_000 });
  await expect(page.locator("dl[aria-label='Current figures']")).toBeVisible();
  docker("stop", name);
  await expect(status).toContainText("The container is not running; stats resume when it starts.");
  await expect(status).toContainText("The charts show the samples from before it stopped.");
  await expect(page.locator("dl[aria-label='Last figures']")).toBeVisible();
  docker("rm", "-f", name);
});

test("console: runs echo hello and shows the output", async ({ page }) => {
  const name = uniqueName("console");
  const id = docker("run", "-d", "--init", "--name", name, IMAGE(), "sleep", "3600");
  const view = new ContainerPage(page);
  await view.open(id);
  await view.select("Console");
  await page.getByRole("button", { name: "Connect" }).click();
  await expect(page.getByText("Connected", { exact: true })).toBeVisible();
  await view.terminal.click();
  // Quoted so the shell prints it; split so only the output (not the echoed command) reads "hello-<b>x</b>".
  await page.keyboard.type("echo 'hel''lo-<b>x</b>'\n");
  const rows = view.terminal.locator(".xterm-rows");
  await expect(rows).toContainText("hello-<b>x</b>");
  await expect(view.terminal.locator("b")).toHaveCount(0);
  await page.getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByText("Disconnected", { exact: true })).toBeVisible();
  docker("rm", "-f", name);
});

test("a viewer reads logs and redacted inspect but cannot open a console", async ({ browser }) => {
  await ensureUser(VIEWER.username, VIEWER.password, "local", "viewer");
  const name = uniqueName("viewer");
  const id = docker("run", "-d", "--init", "-e", "API_TOKEN=hunter2", "--name", name, IMAGE(), "sleep", "3600");
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignInPage(page).signIn(VIEWER.username, VIEWER.password);
  await expect(accountMenuButton(page)).toBeVisible();
  const view = new ContainerPage(page);
  await view.open(id);
  await view.select("Inspect");
  await expect(page.getByText("API_TOKEN=")).toBeVisible();
  await expect(page.getByText("hunter2")).toHaveCount(0);
  await view.select("Console");
  await expect(page.getByText("Only operators and admins can open a console.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Connect" })).toHaveCount(0);

  // The socket refuses too, whatever the UI shows.
  const cookie = (await context.cookies()).find((c) => c.name === "next-auth.session-token")!;
  const reply = await new Promise<{ ok: boolean; error?: string }>((resolve) => {
    const socket = io(serverState().baseURL, {
      path: "/socket.io/",
      transports: ["websocket"],
      extraHeaders: { Cookie: `next-auth.session-token=${cookie.value}` },
      reconnection: false,
    });
    socket.on("connect", () =>
      socket.emit("exec:start", { endpointId: "local", containerId: id, shell: "sh" }, (r: { ok: boolean }) => {
        socket.close();
        resolve(r);
      }),
    );
  });
  expect(reply.ok).toBe(false);
  expect(reply.error).toMatch(/not allowed/i);
  await context.close();
  docker("rm", "-f", name);
});

test("an admin sees env values in inspect", async ({ page }) => {
  const name = uniqueName("inspect");
  const id = docker("run", "-d", "--init", "-e", "API_TOKEN=hunter2", "--name", name, IMAGE(), "sleep", "3600");
  const view = new ContainerPage(page);
  await view.open(id);
  await view.select("Inspect");
  await expect(page.getByText("API_TOKEN=hunter2")).toBeVisible();
  docker("rm", "-f", name);
});
