import http from "node:http";
import { expect, test } from "@playwright/test";
import { io } from "socket.io-client";
import { openAccountItem } from "./pages/account-menu";
import { SignInPage } from "./pages/sign-in-page";
import { actionId, anonymousApi, postAction, sessionCookie, signedInApi, userWithGrants } from "./support/api-client";
import { uniqueName } from "./support/docker-cli";
import { ADMIN, serverState } from "./support/env";

// Replays of real attacks on peers, each against the running server.

/** Sends the path exactly as written (no URL normalisation by the client), returns status and body. */
function raw(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const base = new URL(serverState().baseURL);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: base.hostname, port: base.port, path, method: "GET", headers }, (res) => {
      let body = "";
      res.on("data", (c) => {
        body += c;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

const TEAMS_ACTIONS = "server/actions/teams/team-actions.ts";

test("CVE-2025-29927: x-middleware-subrequest opens nothing", async () => {
  const header = { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" };
  for (const path of ["/api/v1/users", "/api/v1/teams", "/api/v1/audit", "/api/v1/endpoints/local/containers"]) {
    expect((await raw(path, header)).status, path).toBe(401);
  }
  const page = await raw("/admin/users", header);
  expect(page.body).not.toContain("Create user");
  expect([307, 308, 303, 404]).toContain(page.status);
  // And it does not lift a signed-in viewer to admin.
  const admin = await signedInApi();
  const viewer = await userWithGrants(admin, uniqueName("mw"), { local: "viewer" });
  const cookie = await sessionCookie(await signedInApi(viewer.username, viewer.password));
  expect((await raw("/api/v1/users", { ...header, Cookie: cookie })).status).toBe(403);
  await admin.dispose();
});

test("path tricks (Dockhand CVE-2026-110130) reach no admin data", async () => {
  const admin = await signedInApi();
  const viewer = await userWithGrants(admin, uniqueName("path"), { local: "viewer" });
  const viewerCookie = await sessionCookie(await signedInApi(viewer.username, viewer.password));
  const tricks = [
    "/api/v1/users/.js",
    "/api/v1/users.json",
    "/api/v1/users;.js",
    "/api/v1/users/",
    "//api/v1/users",
    "/api/v1//users",
    "/api/v1/./users",
    "/api/v1/%2e/users",
    "/api/v1/endpoints/../users",
    "/api/v1/endpoints/%2e%2e/users",
    "/api/v1/users%2f",
    "/API/V1/USERS",
    "/_next/../api/v1/users",
    "/api/v1/users?x=/.js",
    "/api/v1/users#.js",
  ];
  for (const path of tricks) {
    for (const [who, headers] of [
      ["anonymous", {}],
      ["viewer", { Cookie: viewerCookie }],
    ] as const) {
      const res = await raw(path, headers);
      expect(res.status, `${who} ${path}`).not.toBe(200);
      expect(res.status, `${who} ${path}`).toBeLessThan(500);
      expect(res.body, `${who} ${path}`).not.toContain(`"username":"${ADMIN.username}"`);
    }
  }
  await admin.dispose();
});

test("server actions refuse a missing or foreign Origin; cookie API writes refuse a foreign Origin", async () => {
  const admin = await signedInApi();
  const id = actionId(TEAMS_ACTIONS, "createTeamAction");
  const teamNames = async () =>
    ((await (await admin.get("/api/v1/teams")).json()) as { name: string }[]).map((t) => t.name);

  const noOrigin = uniqueName("no-origin");
  const a = await postAction(admin, "/admin/teams", id, { name: noOrigin }, {});
  expect(a.reply).toMatchObject({ ok: false, status: 403 });
  const foreign = uniqueName("foreign");
  const b = await postAction(admin, "/admin/teams", id, { name: foreign }, { Origin: "http://evil.example" });
  expect(b.reply?.ok ?? false).toBe(false);
  const control = uniqueName("same-origin");
  const c = await postAction(admin, "/admin/teams", id, { name: control });
  expect(c.reply).toMatchObject({ ok: true });
  const names = await teamNames();
  expect(names).toContain(control);
  expect(names).not.toContain(noOrigin);
  expect(names).not.toContain(foreign);

  // The HTTP API with a session cookie: a cross-origin write is CSRF, refused; the same call with a token is not.
  const csrf = uniqueName("csrf");
  const refused = await admin.post("/api/v1/teams", {
    data: { name: csrf },
    headers: { Origin: "http://evil.example" },
  });
  expect(refused.status()).toBe(403);
  expect(await teamNames()).not.toContain(csrf);
  await admin.dispose();
});

test("CVE-2019-13209: a socket handshake from a foreign Origin is refused even with a valid session", async () => {
  const cookie = await sessionCookie(await signedInApi());
  const outcome = (origin: string) =>
    new Promise<string>((resolve) => {
      const socket = io(serverState().baseURL, {
        path: "/socket.io/",
        transports: ["websocket"],
        extraHeaders: { Origin: origin, Cookie: cookie },
        reconnection: false,
      });
      socket.on("connect", () => {
        socket.close();
        resolve("connected");
      });
      socket.on("connect_error", () => {
        socket.close();
        resolve("refused");
      });
    });
  expect(await outcome("http://evil.example")).toBe("refused");
  expect(await outcome(`http://127.0.0.1.evil.example:${new URL(serverState().baseURL).port}`)).toBe("refused");
  expect(await outcome(serverState().baseURL)).toBe("connected");
});

test("stored XSS in team and token names renders inert under a CSP without inline script", async ({ page }) => {
  const teamPayload = `<img src=x onerror="window.__pwned=1">${Date.now().toString(36)}`;
  const payload = "<script>window.__pwned=2</script>";
  const admin = await signedInApi();
  expect((await admin.post("/api/v1/teams", { data: { name: teamPayload } })).status()).toBe(201);
  await new SignInPage(page).signInAsAdmin();
  const res = await page.goto("/admin/teams");
  const csp = res?.headers()["content-security-policy"] ?? "";
  const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
  expect(scriptSrc).toContain("'nonce-");
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(csp).toContain("frame-ancestors 'none'");

  await openAccountItem(page, "API tokens");
  const form = page.getByRole("form", { name: "Create token" });
  await form.getByLabel("Token name").fill(payload);
  await form.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByRole("status", { name: "Token value" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("rowheader", { name: payload })).toBeVisible();
  for (const [path, text] of [
    ["/admin/teams", teamPayload],
    ["/account/tokens", payload],
    ["/audit", teamPayload],
  ] as const) {
    await page.goto(path);
    await expect(page.getByText(text).first(), path).toBeVisible(); // shown, as text
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), path).toBeUndefined();
    await expect(page.locator("img[src=x]"), path).toHaveCount(0);
  }
  await admin.dispose();
});

test("stored XSS in status page titles and display names renders inert on the public page", async ({ browser }) => {
  const title = `<img src=x onerror="window.__pwned=3">${Date.now().toString(36)}`;
  const displayName = "<script>window.__pwned=4</script>";
  const slug = uniqueName("xss");
  const admin = await signedInApi();
  const made = await admin.post("/api/v1/status-pages", {
    data: { slug, title, items: [{ endpointId: "local", ref: "e2e-no-such-container", displayName }] },
  });
  expect(made.status(), await made.text()).toBe(201);
  // Anyone may open it: the payloads reach an anonymous visitor, under the same CSP.
  const visitor = await browser.newContext();
  const page = await visitor.newPage();
  const res = await page.goto(`/status/${slug}`);
  const scriptSrc = (res?.headers()["content-security-policy"] ?? "").split(";").find((d) => d.includes("script-src"));
  expect(scriptSrc).toContain("'nonce-");
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible(); // shown, as text
  await expect(page.getByRole("rowheader", { name: displayName })).toBeVisible();
  await expect(page.getByText("Connection: Live.")).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator("img[src=x]")).toHaveCount(0);
  // The title is text (the shell appends the product name), never markup.
  expect(await page.title()).toBe(`${title} · Berth`);
  // And on the admin's list.
  await new SignInPage(page).signInAsAdmin();
  await page.goto("/admin/status-pages");
  await expect(page.getByRole("cell", { name: title })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator("img[src=x]")).toHaveCount(0);
  const id = ((await made.json()) as { id: string }).id;
  await admin.delete(`/api/v1/status-pages/${id}`, { headers: { Origin: serverState().baseURL } });
  await visitor.close();
  await admin.dispose();
});

test("setup is unreachable once an admin exists", async () => {
  const anon = await anonymousApi();
  for (const path of ["/setup", "/setup?token=guess", serverState().setupUrl.replace(serverState().baseURL, "")]) {
    expect((await anon.get(path)).status(), path).toBe(404);
  }
  const id = actionId("server/actions/setup/setup-actions.ts", "createAdmin");
  const attempt = await postAction(anon, "/setup", id, {
    token: "guess",
    username: "late-admin",
    password: "late-admin-password",
    confirmPassword: "late-admin-password",
  });
  expect(attempt.reply?.ok ?? false).toBe(false);
  const admin = await signedInApi();
  const users = (await (await admin.get("/api/v1/users")).json()) as { username: string }[];
  expect(users.map((u) => u.username)).not.toContain("late-admin");
  await anon.dispose();
  await admin.dispose();
});
