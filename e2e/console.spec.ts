import { expect, test } from "@playwright/test";
import { ContainerPage } from "./pages/container-page";
import { SignInPage } from "./pages/sign-in-page";
import { docker, uniqueName } from "./support/docker-cli";
import { requireEnv } from "./support/env";

test.beforeEach(async ({ page }) => {
  await new SignInPage(page).signInAsAdmin();
});

test("console: user choice, resize reaches the tty, paste, and a clean exit", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const name = uniqueName("console2");
  const id = docker("run", "-d", "--init", "--name", name, requireEnv("BERTH_TEST_IMAGE"), "sleep", "3600");
  try {
    const view = new ContainerPage(page);
    await view.open(id);
    await view.select("Console");
    const consoleBox = page.getByRole("region", { name: "Console" });
    await consoleBox.getByRole("combobox", { name: "Shell" }).selectOption("sh");
    await consoleBox.getByRole("textbox", { name: "User" }).fill("nobody");
    await consoleBox.getByRole("button", { name: "Connect" }).click();
    await expect(consoleBox.getByText("Connected", { exact: true })).toBeVisible();
    const rows = view.terminal.locator(".xterm-rows");
    await view.terminal.click();

    // Quoted and split, so only the output (never the echoed command line) carries the marker.
    await page.keyboard.type("echo \"who-$(id -u)\"'-''end'; echo \"size-$(stty size | tr ' ' x)\"'-''end'\n");
    await expect(rows).toContainText("who-65534-end");
    const sizeOf = async () => {
      const m = /size-(\d+)x(\d+)-end/g;
      const all = [...((await rows.innerText()).matchAll(m) ?? [])];
      const last = all.at(-1);
      return last ? `${last[1]}x${last[2]}` : "";
    };
    await expect.poll(sizeOf).toMatch(/^\d+x\d+$/);
    const before = await sizeOf();

    // A narrower window: the terminal refits and the tty gets the new size.
    await page.setViewportSize({ width: 700, height: 500 });
    // The resize travels separately from keystrokes, so ask again until the shell reports the new size.
    await expect
      .poll(async () => {
        await view.terminal.click();
        await page.keyboard.type("echo \"size-$(stty size | tr ' ' x)\"'-''end'\n");
        return sizeOf();
      })
      .not.toBe(before);

    // Paste from the clipboard through the Paste button.
    await page.evaluate(() => navigator.clipboard.writeText("echo pasted-''ok\n"));
    await consoleBox.getByRole("button", { name: "Paste" }).click();
    await expect(rows).toContainText("pasted-ok");

    // `exit` ends the process: the terminal says so and the panel goes back to Connect.
    await view.terminal.click();
    await page.keyboard.type("exit 0\n");
    await expect(rows).toContainText("[process exited with code 0]");
    await expect(consoleBox.getByText("Disconnected", { exact: true })).toBeVisible();
    await expect(consoleBox.getByRole("button", { name: "Connect" })).toBeVisible();

    // A custom command runs instead of a shell and ends on its own.
    await consoleBox.getByRole("combobox", { name: "Shell" }).selectOption("custom");
    await consoleBox.getByRole("textbox", { name: "Command" }).fill("printf custom-%s ran");
    await consoleBox.getByRole("textbox", { name: "User" }).fill("");
    await consoleBox.getByRole("button", { name: "Connect" }).click();
    await expect(rows).toContainText("custom-ran");
    await expect(rows).toContainText("[process exited with code 0]");
  } finally {
    docker("rm", "-f", name);
  }
});
