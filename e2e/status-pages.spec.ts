import { type APIRequestContext, type APIResponse, expect, type Page, test } from "@playwright/test";
import { io } from "socket.io-client";
import { accountMenuButton } from "./pages/account-menu";
import { SignInPage } from "./pages/sign-in-page";
import { PublicStatusPage, StatusPagesAdminPage } from "./pages/status-pages";
import { actionId, anonymousApi, postAction, signedInApi, userWithGrants } from "./support/api-client";
import { docker, uniqueName } from "./support/docker-cli";
import { serverState } from "./support/env";

// Public status pages: composed by an admin in the UI, opened by anyone without signing in, live, and showing
// nothing private.

const ORIGIN = { Origin: serverState().baseURL };
let admin: APIRequestContext;
let endpoint: { id: string; name: string };
const containers: string[] = [];

/** A container with things a status page must never reveal: env, labels, a published port. */
function runPrivateContainer(name: string, port: number): string {
  containers.push(name);
  return docker(
    "run",
    "-d",
    "--init",
    "--name",
    name,
    "-e",
    "STATUS_E2E_SECRET=env-value-never-public",
    "--label",
    "status.e2e.private=label-value-never-public",
    "-p",
    `127.0.0.1:${port}:80`,
    process.env.BERTH_TEST_IMAGE ?? "",
    "sleep",
    "3600",
  );
}

test.beforeAll(async () => {
  admin = await signedInApi();
  // An endpoint of its own (the rig's engine again), so its name and id are distinctive strings to look for.
  const res = await admin.post("/api/v1/endpoints", {
    headers: ORIGIN,
    data: {
      name: uniqueName("status-ep"),
      connection: { type: "unix", socketPath: process.env.BERTH_TEST_DOCKER_SOCKET },
    },
  });
  expect(res.status(), await res.text()).toBeLessThan(300);
  endpoint = (await res.json()) as { id: string; name: string };
});

test.afterAll(async () => {
  const pages = (await (await admin.get("/api/v1/status-pages")).json()) as { id: string; slug: string }[];
  for (const p of pages.filter((x) => x.slug.startsWith("e2e-"))) {
    await admin.delete(`/api/v1/status-pages/${p.id}`, { headers: ORIGIN });
  }
  if (containers.length) docker("rm", "-f", ...containers);
  if (endpoint) await admin.delete(`/api/v1/endpoints/${encodeURIComponent(endpoint.id)}`, { headers: ORIGIN });
  await admin.dispose();
});

/** Every websocket frame the page receives, as text. */
function recordFrames(page: Page): string[] {
  const frames: string[] = [];
  page.on("websocket", (ws) => ws.on("framereceived", (f) => frames.push(String(f.payload))));
  return frames;
}

test("an admin composes a status page; anyone sees it live, and nothing private", async ({ page, browser }) => {
  const apiName = uniqueName("st-api");
  const dbName = uniqueName("st-db");
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const apiId = runPrivateContainer(apiName, port);
  const dbId = runPrivateContainer(dbName, port + 1);
  const slug = uniqueName("status");

  // The admin composes the page through the UI.
  await new SignInPage(page).signInAsAdmin();
  const adminPage = new StatusPagesAdminPage(page);
  await adminPage.open();
  const form = await adminPage.startNew();
  await form.getByLabel("Slug").fill(slug);
  await form.getByLabel("Title").fill("Acme platform status");
  await adminPage.addItem(form, endpoint.name, dbName, "Database");
  await adminPage.addItem(form, endpoint.name, apiName, "Public API");
  // Order matters: the API goes first.
  await form.getByRole("button", { name: "Move item 2 up" }).click();
  await form.getByRole("button", { name: "Create status page" }).click();
  await expect(adminPage.row(slug)).toBeVisible();
  await expect(adminPage.row(slug).getByRole("cell").nth(1)).toHaveText("2");

  // Anyone: a browser context that never signed in.
  const visitor = await browser.newContext();
  const publicPage = await visitor.newPage();
  const frames = recordFrames(publicPage);
  const res = await publicPage.goto(`/status/${slug}`);
  expect(res?.status()).toBe(200);
  const status = new PublicStatusPage(publicPage);
  await expect(publicPage.getByRole("heading", { name: "Acme platform status", level: 1 })).toBeVisible();
  await expect.poll(() => status.names()).toEqual(["Public API", "Database"]);
  await expect(status.state("Public API")).toHaveText("Up");
  await expect(status.state("Database")).toHaveText("Up");
  await expect(publicPage.getByText("Connection: Live.")).toBeVisible();
  await expect(publicPage.getByRole("status", { name: "Overall status" })).toHaveText("All systems operational");

  // Live, without a reload: a marker set now survives only if the page is never reloaded.
  await publicPage.evaluate(() => {
    (window as unknown as { __noReload?: boolean }).__noReload = true;
  });
  docker("stop", "-t", "0", apiName);
  await expect(status.state("Public API")).toHaveText("Down");
  await expect(status.row("Public API").getByRole("cell").nth(2)).toHaveText(/^Down for \d+ s$/);
  await expect(publicPage.getByRole("status", { name: "Overall status" })).toHaveText("Partial outage");
  docker("start", apiName);
  await expect(status.state("Public API")).toHaveText("Up");
  await expect(status.row("Public API").getByRole("cell").nth(2)).toHaveText(/^Up for \d+ s$/);
  // The outage is in the 24 h figure, stated over what Berth actually watched.
  await expect(status.row("Public API").getByRole("cell").nth(3)).toHaveText(/^\d+(\.\d+)?% over .+ watched/);
  expect(await publicPage.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

  // Nothing private in the HTML, the JSON or the socket frames.
  const anon = await anonymousApi();
  const html = await (await anon.get(`/status/${slug}`)).text();
  const json = await (await anon.get(`/api/v1/status/${slug}`)).text();
  expect(html).toContain("Public API");
  expect(json).toContain("Public API");
  expect(frames.join("\n")).toContain("Public API");
  const secrets = [
    apiId,
    apiId.slice(0, 12),
    dbId,
    dbId.slice(0, 12),
    apiName,
    dbName,
    endpoint.name,
    endpoint.id,
    process.env.BERTH_TEST_IMAGE ?? "",
    process.env.BERTH_TEST_DOCKER_SOCKET ?? "",
    "env-value-never-public",
    "STATUS_E2E_SECRET",
    "label-value-never-public",
    "status.e2e.private",
  ];
  for (const [where, text] of [
    ["html", html],
    ["json", json],
    ["socket frames", frames.join("\n")],
  ] as const) {
    for (const secret of secrets) expect(text, `${where} leaks ${secret}`).not.toContain(secret);
    for (const p of [port, port + 1]) expect(text, `${where} leaks port ${p}`).not.toMatch(new RegExp(`\\b${p}\\b`));
  }

  // Unknown slugs: 404, for the page and the JSON alike.
  expect((await anon.get(`/status/${uniqueName("nope")}`)).status()).toBe(404);
  expect((await anon.get(`/api/v1/status/${uniqueName("nope")}`)).status()).toBe(404);
  expect((await anon.get("/status/Not_A_Slug")).status()).toBe(404);
  await anon.dispose();
  await visitor.close();
});

test("slugs are validated and unique, with clear errors", async ({ page }) => {
  const taken = uniqueName("taken");
  expect(
    (await admin.post("/api/v1/status-pages", { data: { slug: taken, title: "First", items: [] } })).status(),
  ).toBe(201);
  await new SignInPage(page).signInAsAdmin();
  const adminPage = new StatusPagesAdminPage(page);
  await adminPage.open();
  const form = await adminPage.startNew();
  await form.getByLabel("Title").fill("Second");
  await form.getByLabel("Slug").fill("Not A Slug");
  await form.getByRole("button", { name: "Create status page" }).click();
  await expect(form.getByText("Slug may contain lowercase letters, digits and hyphens only").first()).toBeVisible();
  await form.getByLabel("Slug").fill(taken);
  await form.getByRole("button", { name: "Create status page" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    `A status page with the slug "${taken}" exists already`,
  );
  // The API says the same, as problem+json.
  const dup = await admin.post("/api/v1/status-pages", { data: { slug: taken, title: "Dup", items: [] } });
  expect(dup.status()).toBe(409);
  expect(dup.headers()["content-type"]).toContain("application/problem+json");
  const bad = await admin.post("/api/v1/status-pages", {
    data: { slug: "ok-slug", title: "t", items: [{ endpointId: "local", ref: "../x", displayName: "x" }] },
  });
  expect(bad.status()).toBe(400);

  // Every change and every failed attempt is audited.
  const audit = (await (await admin.get("/api/v1/audit?action=statuspage.create&limit=50")).json()) as {
    target: string;
    outcome: string;
    source: string;
  }[];
  const mine = audit.filter((a) => a.target === taken).map((a) => `${a.outcome}/${a.source}`);
  expect(mine).toEqual(expect.arrayContaining(["success/api", "failure/ui", "failure/api"]));
  // And the API is described.
  const doc = (await (await admin.get("/api/v1/openapi.json")).json()) as { paths: Record<string, unknown> };
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining(["/status-pages", "/status-pages/{pageId}", "/status/{slug}"]),
  );
});

test("viewers and operators cannot manage status pages", async ({ browser }) => {
  const slug = uniqueName("guarded");
  const made = await admin.post("/api/v1/status-pages", { data: { slug, title: "Guarded", items: [] } });
  expect(made.status()).toBe(201);
  const pageId = ((await made.json()) as { id: string }).id;
  for (const role of ["viewer", "operator"] as const) {
    const user = await userWithGrants(admin, uniqueName(`st-${role}`), { local: role });
    const api = await signedInApi(user.username, user.password);
    expect((await api.get("/api/v1/status-pages")).status(), role).toBe(403);
    expect(
      (await api.post("/api/v1/status-pages", { data: { slug: uniqueName("x"), title: "x", items: [] } })).status(),
    ).toBe(403);
    expect((await api.delete(`/api/v1/status-pages/${pageId}`, { headers: ORIGIN })).status(), role).toBe(403);
    const del = await postAction(
      api,
      "/admin/status-pages",
      actionId("server/actions/status-pages/status-page-actions.ts", "deleteStatusPageAction"),
      {
        id: pageId,
      },
    );
    expect(del.reply, role).toMatchObject({ ok: false, status: 403 });
    // No way in through the UI either.
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await new SignInPage(page).signIn(user.username, user.password);
    await expect(accountMenuButton(page)).toBeVisible();
    await expect(
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Status pages" }),
    ).toHaveCount(0);
    expect((await page.goto("/admin/status-pages"))?.status(), role).toBe(403);
    await ctx.close();
    await api.dispose();
  }
  // The page is still there.
  expect((await admin.get(`/api/v1/status-pages/${pageId}`)).status()).toBe(200);
});

test("the public page, its JSON and its socket are rate-limited per client with Retry-After", async () => {
  const slug = uniqueName("limited");
  expect((await admin.post("/api/v1/status-pages", { data: { slug, title: "Limited", items: [] } })).status()).toBe(
    201,
  );
  // A client of its own (the e2e server trusts X-Forwarded-For from loopback), so no other test's bucket is touched.
  const client = { "X-Forwarded-For": `203.0.113.${1 + Math.floor(Math.random() * 250)}` };
  const anon = await anonymousApi(client);
  // Tokens come back at one a second, so each check below asks until refused (a few tries at most), never "right after".
  const refusedWithin = async (tries: number, get: () => Promise<APIResponse>) => {
    for (let i = 0; i < tries; i++) {
      const res = await get();
      if (res.status() === 429) return res;
      expect(res.status()).toBe(200);
    }
    throw new Error(`no 429 within ${tries} requests`);
  };
  // BERTH_PUBLIC_RATE_LIMIT is 60 a minute for the e2e server: a burst of 61 is refused.
  let n = 0;
  const burst = await refusedWithin(80, () => anon.get(n++ % 2 ? `/status/${slug}` : `/api/v1/status/${slug}`));
  expect(n).toBeGreaterThan(60);
  expect(Number(burst.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  // The JSON answers problem+json; the page plain text.
  const json = await refusedWithin(5, () => anon.get(`/api/v1/status/${slug}`));
  expect(json.headers()["content-type"]).toContain("application/problem+json");
  expect((await json.json()).status).toBe(429);
  const html = await refusedWithin(5, () => anon.get(`/status/${slug}`));
  expect(html.headers()["content-type"]).toContain("text/plain");
  expect(Number(html.headers()["retry-after"])).toBeGreaterThanOrEqual(1);

  // The public socket counts against the same bucket: the handshake is refused, saying when to come back.
  const connect = () =>
    new Promise<{ message: string; retryAfter?: number }>((resolve) => {
      const s = io(`${serverState().baseURL}/public`, {
        path: "/socket.io/",
        transports: ["websocket"],
        reconnection: false,
        forceNew: true,
        extraHeaders: { ...ORIGIN, ...client },
      });
      s.on("connect", () => {
        s.close();
        resolve({ message: "connected" });
      });
      s.on("connect_error", (err: Error & { data?: { retryAfter?: number } }) => {
        s.close();
        resolve({ message: err.message, retryAfter: err.data?.retryAfter });
      });
    });
  let outcome = await connect();
  for (let i = 0; i < 5 && outcome.message === "connected"; i++) outcome = await connect();
  expect(outcome.message).toBe("Too many requests");
  expect(outcome.retryAfter).toBeGreaterThanOrEqual(1);

  // Another client is unaffected.
  const other = await anonymousApi({ "X-Forwarded-For": "198.51.100.77" });
  expect((await other.get(`/api/v1/status/${slug}`)).status()).toBe(200);
  await other.dispose();
  await anon.dispose();
});
