import { expect, test } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";
import { signedInApi, userWithGrants } from "./support/api-client";
import { openServerDb } from "./support/db";
import { uniqueName } from "./support/docker-cli";
import { serverState } from "./support/env";

test.describe.configure({ mode: "serial" });

test("the audit page filters by actor, action, outcome and time", async ({ page }) => {
  const admin = await signedInApi();
  const viewer = await userWithGrants(admin, uniqueName("aud"), { local: "viewer" });
  const viewerApi = await signedInApi(viewer.username, viewer.password);
  // A refusal by the viewer, and a success by the admin.
  expect(
    (
      await viewerApi.post("/api/v1/teams", { data: { name: "nope" }, headers: { Origin: serverState().baseURL } })
    ).status(),
  ).toBe(403);
  const team = uniqueName("audteam");
  await admin.post("/api/v1/teams", { data: { name: team } });

  await new SignInPage(page).signInAsAdmin();
  await page.getByRole("link", { name: "Audit" }).click();
  const filters = page.getByRole("form", { name: "Filter audit log" });
  const table = page.getByRole("table", { name: /Audit log/ });
  await filters.getByLabel("Actor").fill(viewer.username);
  await filters.getByLabel("Outcome").selectOption("denied");
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/outcome=denied/);
  const rows = table.locator("tbody tr");
  await expect(rows.first()).toContainText(viewer.username);
  for (const text of await rows.allInnerTexts()) {
    expect(text).toContain(viewer.username);
    expect(text).toContain("denied");
  }

  await page.goto(`/audit?action=team.create`);
  await expect(table.getByRole("row").filter({ hasText: team })).toHaveCount(1);
  for (const text of await rows.allInnerTexts()) expect(text).toContain("team.create");

  await page.goto("/audit?from=2099-01-01T00:00");
  await expect(rows).toHaveCount(0);
  await expect(page.getByText("No audit records match.")).toBeVisible();
  await page.goto("/audit?from=not-a-date");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Not a date");
  await viewerApi.dispose();
  await admin.dispose();
});

test("CSV export streams the filtered log, defuses formulas, admins only", async ({ page }) => {
  const admin = await signedInApi();
  const formula = `=HYPERLINK("http://evil.example")${Date.now().toString(36)}`;
  expect((await admin.post("/api/v1/teams", { data: { name: formula } })).status()).toBe(201);

  await new SignInPage(page).signInAsAdmin();
  await page.goto("/audit?action=team.create");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^berth-audit-\d{4}-\d{2}-\d{2}\.csv$/);

  const res = await admin.get("/api/v1/audit/export?action=team.create");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/csv");
  const lines = (await res.text()).trim().split("\r\n");
  expect(lines[0]).toBe("id,time_utc,actor,action,endpoint,target,outcome,detail,source");
  expect(lines.length).toBeGreaterThan(1);
  for (const line of lines.slice(1)) expect(line).toContain(",team.create,");
  const row = lines.find((l) => l.includes("HYPERLINK"));
  expect(row).toContain(`"'=HYPERLINK(""http://evil.example"")`);

  const viewer = await userWithGrants(admin, uniqueName("csv"), { local: "viewer" });
  const viewerApi = await signedInApi(viewer.username, viewer.password);
  expect((await viewerApi.get("/api/v1/audit/export")).status()).toBe(403);
  expect((await admin.get("/api/v1/audit/export?from=bogus")).status()).toBe(400);
  await viewerApi.dispose();
  await admin.dispose();
});

test("retention: old records are pruned when an admin sets it", async ({ page }) => {
  const db = openServerDb();
  const old = uniqueName("ancient");
  db.prepare(
    "INSERT INTO audit_log (at, actor_name, action, outcome, target) VALUES (?, 'someone', 'test.old', 'success', ?)",
  ).run(Date.now() - 40 * 86_400_000, old);
  const count = () => (db.prepare("SELECT count(*) AS n FROM audit_log WHERE target = ?").get(old) as { n: number }).n;
  expect(count()).toBe(1);

  await new SignInPage(page).signInAsAdmin();
  await page.goto("/audit");
  const form = page.getByRole("form", { name: "Audit retention" });
  await form.getByLabel(/Keep records for/).fill("-3");
  await form.getByRole("button", { name: "Save retention" }).click();
  await expect(form.getByLabel(/Keep records for/)).toHaveAccessibleDescription(/At least 0/);
  await form.getByLabel(/Keep records for/).fill("30");
  await form.getByRole("button", { name: "Save retention" }).click();
  await expect(form).toContainText(/Saved; [1-9]\d* older records pruned/);
  await expect(form).toContainText("30 days");
  expect(count()).toBe(0);
  db.close();

  const admin = await signedInApi();
  expect(await (await admin.get("/api/v1/audit/retention")).json()).toEqual({ days: 30 });
  expect((await admin.put("/api/v1/audit/retention", { data: { days: 365 } })).status()).toBe(200);
  await admin.dispose();
});

test("refused team operations show the team's name, not its id", async ({ page }) => {
  const admin = await signedInApi();
  const viewer = await userWithGrants(admin, uniqueName("audname"), { local: "viewer" });
  const viewerApi = await signedInApi(viewer.username, viewer.password);
  const team = uniqueName("audnamed");
  const made = await admin.post("/api/v1/teams", { data: { name: team } });
  expect(made.status()).toBe(201);
  const { id } = (await made.json()) as { id: string };
  const refused = await viewerApi.delete(`/api/v1/teams/${id}`, { headers: { Origin: serverState().baseURL } });
  expect(refused.status()).toBe(403);
  // The route refused before looking anything up, so its row holds the request path with the team's id; the page
  // shows whose it is.
  await new SignInPage(page).signInAsAdmin();
  await page.goto(`/audit?action=api.teams.delete&actor=${viewer.username}`);
  const row = page
    .getByRole("table", { name: /Audit log/ })
    .locator("tbody tr")
    .first();
  await expect(row).toContainText(`team ${team}`);
  await expect(row).not.toContainText(id);
  await viewerApi.dispose();
  await admin.dispose();
});
