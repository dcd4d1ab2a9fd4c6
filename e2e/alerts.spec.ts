import { expect, test } from "@playwright/test";
import { startWebhookReceiver, type WebhookReceiver } from "../server/services/alerts/alert-receivers";
import { accountMenuButton } from "./pages/account-menu";
import { SignInPage } from "./pages/sign-in-page";
import { docker, uniqueName } from "./support/docker-cli";
import { requireEnv } from "./support/env";
import { ensureUser } from "./support/users";

// Alerts through the UI against the running server: an admin adds a signed webhook channel (a receiver in this test
// process, on loopback) and sends a test; an operator adds a rule for crashes of labelled containers; a container
// that exits 3 reaches the receiver as one FIRING message, and the delivery log shows it sent.

let hook: WebhookReceiver;
test.beforeAll(async () => {
  hook = await startWebhookReceiver();
});
test.afterAll(async () => {
  await hook?.close();
});

test("channel with Send test, a rule, and a crash delivered once", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const tag = uniqueName("alert");
  const channel = `${tag}-hook`;
  await new SignInPage(page).signInAsAdmin();
  await page.goto("/alerts");
  await expect(page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();
  await page.getByRole("button", { name: "Add channel" }).click();
  const dialog = page.getByRole("dialog", { name: "Add alert channel" });
  await dialog.getByLabel("Name").fill(channel);
  await dialog.getByLabel("Kind").selectOption("webhook");
  await dialog.getByLabel("URL").fill(`${hook.url}/e2e`);
  await dialog.getByLabel("Signing secret (HMAC-SHA256)").fill("e2e-secret");
  await dialog.getByRole("button", { name: "Save channel" }).click();
  const row = page.getByRole("table", { name: "Alert channels" }).getByRole("row").filter({ hasText: channel });
  await expect(row).toContainText("secret stored");
  // The secret is never sent back to the page.
  expect(await page.content()).not.toContain("e2e-secret");

  await row.getByRole("button", { name: `Send test to ${channel}` }).click();
  await expect(page.getByText(`Test message sent to ${channel}`)).toBeVisible();
  await expect.poll(() => hook.received.filter((r) => JSON.parse(r.body).event === "test").length).toBe(1);
  expect(hook.received[0]!.headers["x-berth-signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);

  // An operator of the endpoint writes the rule.
  const op = { username: `${tag}-op`, password: "e2e-operator-pass" };
  await ensureUser(op.username, op.password, "local", "operator");
  const ctx = await browser.newContext();
  const opPage = await ctx.newPage();
  await new SignInPage(opPage).signIn(op.username, op.password);
  await expect(accountMenuButton(opPage)).toBeVisible();
  await opPage.goto("/alerts");
  await expect(opPage.getByRole("button", { name: "Add channel" })).toHaveCount(0);
  await opPage.getByRole("button", { name: "Add rule" }).click();
  const ruleDialog = opPage.getByRole("dialog", { name: "Add alert rule" });
  await ruleDialog.getByLabel("Name").fill(`${tag} crashes`);
  await ruleDialog.getByLabel("When").selectOption("die");
  await ruleDialog.getByLabel("Only containers with label").fill(`berth.e2e=${tag}`);
  await ruleDialog.getByLabel(channel).check();
  await ruleDialog.getByRole("button", { name: "Save rule" }).click();
  await expect(opPage.getByRole("table", { name: "Alert rules" })).toContainText(`${tag} crashes`);
  await ctx.close();

  const name = `${tag}-crash`;
  await page.waitForTimeout(1_000);
  docker(
    "run",
    "-d",
    "--name",
    name,
    "--label",
    `berth.e2e=${tag}`,
    requireEnv("BERTH_TEST_IMAGE"),
    "sh",
    "-c",
    "exit 3",
  );
  try {
    await expect
      .poll(
        () =>
          hook.received
            .map((r) => JSON.parse(r.body))
            .filter((b) => b.subject === name)
            .map((b) => b.title),
        {
          timeout: 30_000,
        },
      )
      .toEqual([`[FIRING] ${name} died with exit code 3`]);
    await page.reload();
    const log = page.getByRole("table", { name: "Alert deliveries" });
    await expect(log.getByRole("row").filter({ hasText: `[FIRING] ${name} died with exit code 3` })).toContainText(
      "sent",
    );
  } finally {
    docker("rm", "-f", name);
  }
});
