import { expect, test } from "@playwright/test";
import { accountMenuButton, openAccountItem } from "./pages/account-menu";
import { SignInPage } from "./pages/sign-in-page";
import { anonymousApi, createUser, signedInApi } from "./support/api-client";
import { openServerDb } from "./support/db";
import { uniqueName } from "./support/docker-cli";
import { ADMIN, serverState } from "./support/env";

test("unauthenticated pages redirect to sign-in", async ({ page }) => {
  await page.goto("/endpoints/local/containers");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});

test("wrong password and unknown user get the same answer", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.signIn(ADMIN.username, "wrong-password");
  const wrongPassword = await page.getByRole("main").getByRole("alert").textContent();
  await signIn.signIn("nobody-here", "wrong-password");
  const unknownUser = await page.getByRole("main").getByRole("alert").textContent();
  expect(wrongPassword).toBe("Wrong username or password.");
  expect(unknownUser).toBe(wrongPassword);
});

test("sign in lands on Home; endpoints with live status; sign out", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.signInAsAdmin();
  await expect(page).toHaveURL(/:\d+\/$/);
  await expect(page.getByRole("heading", { level: 1, name: "Home" })).toBeVisible();
  await page.goto("/endpoints");
  const table = page.getByRole("table", { name: "Endpoints" });
  const local = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "local", exact: true }) });
  await expect(local).toContainText("up");
  await expect(local).toContainText(/\d+ ms/);
  await expect(local.getByRole("cell").nth(2)).toHaveText(/^\d+\.\d+/); // engine version

  await openAccountItem(page, "Sign out");
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/endpoints");
  await expect(page).toHaveURL(/\/login/);
});

test("the API answers problem+json without a session", async ({ request }) => {
  const res = await request.get("/api/v1/endpoints");
  expect(res.status()).toBe(401);
  expect(res.headers()["content-type"]).toContain("application/problem+json");
  // The middleware-bypass header of CVE-2025-29927 changes nothing: there is no middleware to skip.
  const bypass = await request.get("/api/v1/endpoints", {
    headers: { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
  });
  expect(bypass.status()).toBe(401);
});

test("150 parallel wrong passwords with the right one last get no session; the audit shows the throttling", async () => {
  const admin = await signedInApi();
  const username = uniqueName("burst");
  await createUser(admin, username, "burst-right-password");
  await admin.dispose();
  // A client address of its own (the e2e server trusts X-Forwarded-For from loopback), so other tests' sign-ins from
  // 127.0.0.1 are not throttled by this one. The stamp header a client sends is overwritten by the server.
  const client = `198.51.100.${1 + Math.floor(Math.random() * 250)}`;
  const ctx = await anonymousApi({ "x-forwarded-for": client, "x-berth-client-address": "forged-by-client" });
  const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const burst = Array.from({ length: 150 }, (_, i) =>
    ctx.post("/api/auth/callback/credentials", {
      form: { username, password: i === 149 ? "burst-right-password" : `wrong-${i}`, csrfToken, json: "true" },
      maxRedirects: 0,
    }),
  );
  await Promise.all(burst);
  const session = (await (await ctx.get("/api/auth/session")).json()) as { user?: { name?: string } };
  expect(session.user?.name).toBeUndefined();
  await ctx.dispose();

  const db = openServerDb();
  const rows = db
    .prepare("SELECT outcome, detail FROM audit_log WHERE action = 'auth.sign_in' AND target = ?")
    .all(username) as { outcome: string; detail: string }[];
  db.close();
  expect(rows).toHaveLength(150);
  const checked = rows.filter((r) => r.outcome !== "denied");
  expect(checked.length).toBeLessThanOrEqual(11);
  expect(rows.filter((r) => r.outcome === "denied" && /throttled/.test(r.detail))).toHaveLength(150 - checked.length);
  // The address the server saw, not the one the client claimed; never the password.
  expect(rows.every((r) => r.detail.endsWith(`from ${client}`))).toBe(true);
  expect(JSON.stringify(rows)).not.toMatch(/wrong-\d|burst-right-password/);
});

test("a crafted next= never takes the browser off Berth, after the form or when already signed in", async ({
  page,
}) => {
  const berth = new URL(serverState().baseURL);
  // The "other site" is another loopback address (nothing listens there), and any request off Berth is stopped
  // before it leaves the browser: the test only needs to see that the browser does not try.
  const foreign = `127.0.0.2:${berth.port}`;
  const offsite: string[] = [];
  await page.context().route(
    (url) => url.origin !== berth.origin,
    (route) => {
      offsite.push(route.request().url());
      return route.abort();
    },
  );
  const targets = [
    `/\t/${foreign}/x`,
    `/\n/${foreign}/x`,
    `//${foreign}/x`,
    `/\\${foreign}/x`,
    `https:${foreign}/x`,
    `http://${foreign}/x`,
    "javascript:alert(document.domain)",
  ];
  const signIn = new SignInPage(page);
  await page.goto(`/login?next=${encodeURIComponent(targets[0]!)}`);
  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(accountMenuButton(page)).toBeVisible();
  await expect(page).toHaveURL(`${berth.origin}/`);

  // Signed in: /login redirects at once, to Berth only.
  for (const next of targets) {
    const res = await page.goto(`/login?next=${encodeURIComponent(next)}`);
    expect(res?.status(), next).toBeLessThan(400);
    await expect(page, next).toHaveURL(`${berth.origin}/`);
  }
  // A newline (%0A) used to break the redirect with a 500; now it is just dropped.
  const nl = await page.goto("/login?next=%2Faudit%0A");
  expect(nl?.status()).toBe(200);
  await expect(page).toHaveURL(`${berth.origin}/audit`);
  // A legitimate target still works.
  await page.goto(`/login?next=${encodeURIComponent("/endpoints/local/containers?q=a")}`);
  await expect(page).toHaveURL(`${berth.origin}/endpoints/local/containers?q=a`);
  expect(offsite).toEqual([]);
  await openAccountItem(signIn.page, "Sign out");
});
