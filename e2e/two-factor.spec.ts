import { expect, type Page, test } from "@playwright/test";
import { TOTP } from "otpauth";
import { qrPath } from "../lib/qr-path";
import { accountMenuButton, openAccountItem } from "./pages/account-menu";
import { SignInPage } from "./pages/sign-in-page";
import { createUser, signedInApi } from "./support/api-client";
import { openServerDb } from "./support/db";
import { uniqueName } from "./support/docker-cli";

const code = (secret: string) => new TOTP({ secret, algorithm: "SHA1", digits: 6, period: 30 }).generate();
/** The code of the next time step (30 s): accepted now (clock skew), and later than any step used before it. */
const nextCode = (secret: string) =>
  new TOTP({ secret, algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp: Date.now() + 30_000 });

async function signOut(page: Page) {
  await openAccountItem(page, "Sign out");
  await expect(page).toHaveURL(/\/login/);
}

test("optional TOTP two-factor with single-use recovery codes", async ({ page }) => {
  const admin = await signedInApi();
  const username = uniqueName("2fa");
  const password = "two-factor-password";
  await createUser(admin, username, password);
  const signIn = new SignInPage(page);
  await signIn.signIn(username, password);
  await openAccountItem(page, "Two-factor");
  await page.getByRole("button", { name: "Set up two-factor" }).click();
  const secret = (await page.getByRole("status", { name: "Two-factor key" }).textContent()) ?? "";
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  // The QR code carries exactly the otpauth:// link shown beside it, which names this key.
  const uri = (await page.getByRole("link", { name: /^otpauth:\/\// }).getAttribute("href")) ?? "";
  expect(uri).toContain(`secret=${secret}`);
  const qr = page.getByRole("img", { name: "QR code of the two-factor key" });
  await expect(qr).toBeVisible();
  expect(await qr.getAttribute("data-qr-path")).toBe(qrPath(uri).d);

  const form = page.getByRole("form", { name: "Confirm two-factor sign-in" });
  await form.getByLabel("Code from the app").fill("000000" === code(secret) ? "111111" : "000000");
  await form.getByRole("button", { name: "Turn on two-factor" }).click();
  await expect(form.getByRole("alert")).toContainText("not right");
  await form.getByLabel("Code from the app").fill(code(secret));
  await form.getByRole("button", { name: "Turn on two-factor" }).click();
  const items = page.getByRole("region", { name: "Recovery codes" }).getByRole("listitem");
  await expect(items).toHaveCount(10);
  const codes = await items.allInnerTexts();

  // The secret is sealed at rest.
  const db = openServerDb();
  const row = db.prepare("SELECT totp_secret, recovery_codes FROM users WHERE username = ?").get(username) as {
    totp_secret: string;
    recovery_codes: string;
  };
  db.close();
  expect(row.totp_secret).toMatch(/^v1\./);
  expect(row.totp_secret).not.toContain(secret);
  for (const c of codes) expect(row.recovery_codes).not.toContain(c);

  await page.getByRole("button", { name: "Done" }).click();
  await signOut(page);

  // Password alone, or with a wrong code, is not enough.
  await signIn.signIn(username, password);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong username or password.");
  await signIn.signIn(username, password, "123456" === code(secret) ? "654321" : "123456");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong username, password or code.");
  // The confirming code was just used: the next step's code signs in, once.
  const signInCode = nextCode(secret);
  await signIn.signIn(username, password, signInCode);
  await expect(accountMenuButton(page)).toBeVisible();
  await signOut(page);
  await signIn.signIn(username, password, signInCode);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong username, password or code.");

  // A recovery code works once.
  await signIn.signIn(username, password, codes[0]);
  await expect(accountMenuButton(page)).toBeVisible();
  await signOut(page);
  await signIn.signIn(username, password, codes[0]);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong username, password or code.");

  // Turning it off needs the password again and a second factor (here a recovery code: both TOTP steps in reach are
  // used up).
  await signIn.signIn(username, password, codes[1]);
  await expect(accountMenuButton(page)).toBeVisible();
  await openAccountItem(page, "Two-factor");
  const off = page.getByRole("form", { name: "Turn off two-factor sign-in" });
  await off.getByLabel("Password").fill("not-the-password");
  await off.getByLabel("Current code or a recovery code").fill(codes[2]!);
  await off.getByRole("button", { name: "Turn off two-factor" }).click();
  await expect(off.getByRole("alert")).toContainText("not right");
  await off.getByLabel("Password").fill(password);
  await off.getByRole("button", { name: "Turn off two-factor" }).click();
  await expect(page.getByRole("button", { name: "Set up two-factor" })).toBeVisible();
  await signOut(page);
  await signIn.signIn(username, password);
  await expect(accountMenuButton(page)).toBeVisible();
  await admin.dispose();
});
