import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { accountMenuButton, openAccountItem } from "./pages/account-menu";
import { SignInPage } from "./pages/sign-in-page";
import { anonymousApi, signedInApi, userWithGrants } from "./support/api-client";
import { openServerDb } from "./support/db";
import { docker, runSleeper, uniqueName } from "./support/docker-cli";

/** Creates a token in the UI as the signed-in user and reads it from the one place it is ever shown. */
async function createTokenInUi(page: import("@playwright/test").Page, name: string): Promise<string> {
  await openAccountItem(page, "API tokens");
  const form = page.getByRole("form", { name: "Create token" });
  await form.getByLabel("Token name").fill(name);
  await form.getByRole("button", { name: "Create token" }).click();
  const value = page.getByRole("status", { name: "Token value" });
  await expect(value).toHaveText(/^berth_pat_/);
  return (await value.textContent()) ?? "";
}

test("a token made in the UI is shown once, stored hashed, and carries its owner's permissions only", async ({
  page,
}) => {
  const admin = await signedInApi();
  const viewer = await userWithGrants(admin, uniqueName("tokviewer"), { local: "viewer" });
  await new SignInPage(page).signIn(viewer.username, viewer.password);
  await expect(accountMenuButton(page)).toBeVisible();
  const tokenName = uniqueName("cli");
  const token = await createTokenInUi(page, tokenName);

  // Shown once: after a reload the page lists the token but never its value.
  await page.reload();
  const row = page
    .getByRole("table", { name: "Personal access tokens" })
    .getByRole("row", { name: new RegExp(tokenName) });
  await expect(row).toContainText("active");
  const lastUsed = row.getByRole("cell").nth(3);
  await expect(lastUsed).toHaveText("never");
  expect(await page.content()).not.toContain(token);

  // Only the SHA-256 is in the database.
  const db = openServerDb();
  const stored = db.prepare("SELECT token_hash FROM api_tokens WHERE name = ?").get(tokenName) as {
    token_hash: string;
  };
  db.close();
  expect(stored.token_hash).toBe(crypto.createHash("sha256").update(token).digest("hex"));

  const api = await anonymousApi({ Authorization: `Bearer ${token}` });
  const endpoints = await api.get("/api/v1/endpoints");
  expect(endpoints.status()).toBe(200);
  expect(((await endpoints.json()) as { id: string }[]).map((e) => e.id)).toEqual(["local"]);
  expect((await api.get("/api/v1/endpoints/local/containers")).status()).toBe(200);

  // The viewer's token cannot do what the viewer cannot do.
  const name = uniqueName("tokstop");
  runSleeper(name);
  const stop = await api.post(`/api/v1/endpoints/local/containers/${name}/stop`);
  expect(stop.status()).toBe(403);
  expect(docker("inspect", "-f", "{{.State.Running}}", name)).toBe("true");
  expect((await api.get("/api/v1/users")).status()).toBe(403);
  expect((await api.get("/api/v1/audit")).status()).toBe(403);

  await page.reload();
  await expect(lastUsed).toHaveText(/^\d{4}-\d{2}-\d{2}/); // last use recorded
  // Revoking asks first: Cancel keeps the token working, Revoke in the dialog ends it.
  await row.getByRole("button", { name: "Revoke" }).click();
  const confirm = page.getByRole("dialog", { name: `Revoke token ${tokenName}?` });
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(row).toContainText("active");
  expect((await api.get("/api/v1/endpoints")).status()).toBe(200);
  await row.getByRole("button", { name: "Revoke" }).click();
  await confirm.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("revoked");
  expect((await api.get("/api/v1/endpoints")).status()).toBe(401);

  await api.dispose();
  await admin.dispose();
  docker("rm", "-f", name);
});

test("an operator's token operates; expiry and a disabled owner end it", async ({ page }) => {
  const admin = await signedInApi();
  const op = await userWithGrants(admin, uniqueName("tokop"), { local: "operator" });
  await new SignInPage(page).signIn(op.username, op.password);
  await expect(accountMenuButton(page)).toBeVisible();
  const token = await createTokenInUi(page, uniqueName("deploy"));
  const expiring = await createTokenInUi(page, uniqueName("short"));

  const api = await anonymousApi({ Authorization: `Bearer ${token}` });
  const name = uniqueName("tokop");
  runSleeper(name);
  expect((await api.post(`/api/v1/endpoints/local/containers/${name}/stop`)).status()).toBe(204);
  expect(docker("inspect", "-f", "{{.State.Running}}", name)).toBe("false");

  // Expiry: a token whose time is up is refused (expiry moved into the past in the database).
  const short = await anonymousApi({ Authorization: `Bearer ${expiring}` });
  expect((await short.get("/api/v1/endpoints")).status()).toBe(200);
  const db = openServerDb();
  db.prepare("UPDATE api_tokens SET expires_at = ? WHERE token_hash = ?").run(
    Date.now() - 1000,
    crypto.createHash("sha256").update(expiring).digest("hex"),
  );
  db.close();
  expect((await short.get("/api/v1/endpoints")).status()).toBe(401);

  // The owner disabled: every token of theirs stops working at once.
  expect((await admin.patch(`/api/v1/users/${op.id}`, { data: { disabled: true } })).status()).toBe(204);
  expect((await api.get("/api/v1/endpoints")).status()).toBe(401);

  await api.dispose();
  await short.dispose();
  await admin.dispose();
  docker("rm", "-f", name);
});

test("credentials are accepted only in the Authorization header", async () => {
  const admin = await signedInApi();
  const created = await admin.get("/api/v1/tokens");
  expect(created.status()).toBe(200);
  const anon = await anonymousApi();
  // A token in the URL is refused outright, even a made-up one, whatever the parameter is called.
  for (const q of ["token", "access_token", "api_key", "Authorization"]) {
    const res = await anon.get(`/api/v1/endpoints?${q}=berth_pat_${"a".repeat(43)}`);
    expect(res.status(), q).toBe(400);
    expect(res.headers()["content-type"]).toContain("application/problem+json");
    expect(((await res.json()) as { detail: string }).detail).toContain("Authorization: Bearer");
  }
  // Signed-in sessions too: the URL carries no credential, ever.
  expect((await admin.get("/api/v1/endpoints?access_token=x")).status()).toBe(400);
  // A bad bearer never falls back to the cookie next to it.
  const mixed = await admin.get("/api/v1/endpoints", { headers: { Authorization: "Bearer berth_pat_forged" } });
  expect(mixed.status()).toBe(401);
  for (const header of ["Bearer", "Basic YWRtaW46eA==", `Bearer ${"x".repeat(10_000)}`]) {
    expect((await anon.get("/api/v1/endpoints", { headers: { Authorization: header } })).status()).toBe(401);
  }
  await anon.dispose();
  await admin.dispose();
});

test("the token page says what tokens are when there are none, and the new token has a copy button", async ({
  browser,
}) => {
  const admin = await signedInApi();
  const user = await userWithGrants(admin, uniqueName("tokfresh"), { local: "viewer" });
  const ctx = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const page = await ctx.newPage();
  await new SignInPage(page).signIn(user.username, user.password);
  await expect(accountMenuButton(page)).toBeVisible();
  await openAccountItem(page, "API tokens");
  await expect(page.getByText("No tokens yet.")).toBeVisible();
  await expect(page.getByRole("table", { name: "Personal access tokens" })).toBeHidden();
  const token = await createTokenInUi(page, uniqueName("copy"));
  await page.getByRole("button", { name: "Copy token" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  await expect(page.getByText("No tokens yet.")).toHaveCount(0);
  await ctx.close();
  await admin.dispose();
});
