import { expect, type Page } from "@playwright/test";
import { ADMIN } from "../support/env";
import { accountMenuButton } from "./account-menu";

export class SignInPage {
  constructor(readonly page: Page) {}

  async signIn(username = ADMIN.username, password = ADMIN.password, code?: string): Promise<void> {
    await this.page.goto("/login");
    await this.page.getByLabel("Username").fill(username);
    await this.page.getByLabel("Password").fill(password);
    if (code !== undefined) await this.page.getByLabel(/Two-factor code/).fill(code);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }

  async signInAsAdmin(): Promise<void> {
    await this.signIn();
    await expect(accountMenuButton(this.page)).toBeVisible();
  }
}
