// Named to run first among the app specs: the admin lists it walks (users, teams) must not hold the hundreds of rows
// earlier specs create, or axe on them takes minutes (a teams page of that size is a known slow spot).
import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { signedInApi, userWithGrants } from "./support/api-client";
import { docker, runSleeper, uniqueName } from "./support/docker-cli";
import { ADMIN, requireEnv } from "./support/env";
import { type SitePage, sitePages } from "./support/site-pages";

// Every page, light and dark, desktop and phone: axe finds no serious or critical violation, a phone page never
// scrolls sideways (a wide table scrolls inside its own box instead), and a screenshot of each lands in
// test-results/screens/ (the README shows some of them from docs/).

const SIZES: Record<string, { width: number; height: number }> = {
  desktop: { width: 1440, height: 900 },
  phone: { width: 390, height: 844 },
};
// The admin's theme is "System" (set below), so the browser's colour scheme picks light or dark.
const THEMES = ["light", "dark"] as const;
const SCREENS = path.join(process.cwd(), "test-results", "screens");
const STATE = path.join(process.cwd(), "test-results", "ux-proof-admin.json");
const VIEWER_STATE = path.join(process.cwd(), "test-results", "ux-proof-viewer.json");

let container: string;
let volume: string;
let imageId: string;
let containerId: string;
let statusSlug: string;

let statusPageId = "";
let viewerIds: { user: string; team: string } | null = null;

test.beforeAll(async ({ browser }) => {
  fs.mkdirSync(SCREENS, { recursive: true });
  container = uniqueName("ux");
  volume = uniqueName("ux-vol");
  docker("volume", "create", volume);
  containerId = runSleeper(container, ["-v", `${volume}:/data`]).trim();
  imageId = docker("image", "inspect", "-f", "{{.Id}}", requireEnv("BERTH_TEST_IMAGE"));
  const admin = await signedInApi();
  statusSlug = uniqueName("ux-status");
  const res = await admin.post("/api/v1/status-pages", {
    data: {
      slug: statusSlug,
      title: "Shop",
      items: [{ endpointId: "local", ref: container, displayName: "Web shop" }],
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  statusPageId = ((await res.json()) as { id: string }).id;
  const viewer = await userWithGrants(admin, uniqueName("ux-viewer"), { local: "viewer" });
  viewerIds = { user: viewer.id, team: viewer.teamId };
  await admin.dispose();
  // One browser sign-in, its cookies reused by every page below.
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto("/login");
  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Account menu" })).toBeVisible();
  // Follow the browser's colour scheme whatever an earlier run chose for this user.
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitemradio", { name: "System" }).click();
  // Saved on the server: a fresh load renders it.
  await expect(async () => {
    await page.reload();
    await expect(page.locator("html")).toHaveClass(/theme-system/, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await ctx.storageState({ path: STATE });
  await ctx.close();
  await signInAndStore(browser, viewer.username, viewer.password, VIEWER_STATE);
});

async function signInAndStore(browser: Browser, username: string, password: string, file: string) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Account menu" })).toBeVisible();
  await ctx.storageState({ path: file });
  await ctx.close();
}

test.afterAll(async () => {
  // This spec runs first: leave nothing behind for the specs after it.
  if (container) docker("rm", "-f", container);
  if (volume) docker("volume", "rm", volume);
  const admin = await signedInApi();
  if (statusPageId) await admin.delete(`/api/v1/status-pages/${statusPageId}`);
  if (viewerIds) {
    await admin.delete(`/api/v1/users/${viewerIds.user}`);
    await admin.delete(`/api/v1/teams/${viewerIds.team}`);
  }
  await admin.dispose();
});

async function open(browser: Browser, p: SitePage, size: string, theme: (typeof THEMES)[number]) {
  const ctx = await browser.newContext({
    viewport: SIZES[size],
    colorScheme: theme,
    storageState: p.anonymous ? undefined : p.viewer ? VIEWER_STATE : STATE,
  });
  const page = await ctx.newPage();
  const res = await page.goto(p.path);
  expect(res?.status(), p.path).toBe(p.status ?? 200);
  // A generous wait: a loaded machine (CI beside other work) can take more than the default 10 s for a cold page.
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible({ timeout: 30_000 });
  // Let live data and fonts settle; charts and graphs draw after the first frame.
  await page.waitForLoadState("networkidle").catch(() => undefined);
  return { ctx, page };
}

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(" | ")}`,
    );
}

for (const size of Object.keys(SIZES)) {
  for (const theme of THEMES) {
    test(`every page at ${size} in ${theme}: axe clean, no sideways scroll, screenshot`, async ({ browser }) => {
      test.setTimeout(15 * 60_000);
      const problems: string[] = [];
      for (const p of sitePages({ containerId, statusSlug, volume, imageId })) {
        const { ctx, page } = await open(browser, p, size, theme);
        for (const v of await seriousViolations(page)) problems.push(`${p.path}: ${v}`);
        if (size === "phone") {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          if (overflow > 1) problems.push(`${p.path}: the page is ${overflow}px wider than the 390px screen`);
        }
        await page.screenshot({ path: path.join(SCREENS, `${p.id}-${size}-${theme}.png`), fullPage: true });
        await ctx.close();
      }
      expect(problems, problems.join("\n")).toEqual([]);
    });
  }
}
