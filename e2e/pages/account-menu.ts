import type { Page } from "@playwright/test";

/** The shell's account menu button: present exactly when someone is signed in. */
export function accountMenuButton(page: Page) {
  return page.getByRole("button", { name: "Account menu" });
}

/** Opens the account menu and picks an item: "API tokens", "Two-factor", "Sign out". */
export async function openAccountItem(page: Page, name: string) {
  await accountMenuButton(page).click();
  await page.getByRole("menuitem", { name }).click();
}

/** Picks the sidebar's endpoint ("All endpoints" or an endpoint's name); the same section opens there. */
export async function chooseEndpoint(page: Page, name: string) {
  await page.getByRole("button", { name: /^Endpoint:/ }).click();
  await page.getByRole("menuitem", { name }).click();
}
