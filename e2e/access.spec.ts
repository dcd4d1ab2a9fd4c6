import { type Browser, expect, type Page, test } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import { accountMenuButton } from "./pages/account-menu";
import { TeamsAdminPage, UsersAdminPage } from "./pages/admin-pages";
import { ContainersPage } from "./pages/containers-page";
import { SignInPage } from "./pages/sign-in-page";
import { actionId, postAction, sessionCookie, signedInApi, userWithGrants } from "./support/api-client";
import { ensureOtherEndpoint } from "./support/db";
import { docker, runSleeper, uniqueName } from "./support/docker-cli";
import { serverState } from "./support/env";

const CONTAINER_ACTIONS = "server/actions/containers/container-actions.ts";

async function signedInPage(browser: Browser, username: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await new SignInPage(page).signIn(username, password);
  await expect(accountMenuButton(page)).toBeVisible();
  return page;
}

test("an admin manages users, teams and grants in the UI", async ({ page, browser }) => {
  // A long walk through two pages and three sessions; a busy CI machine needs more than the default minute.
  test.setTimeout(150_000);
  await new SignInPage(page).signInAsAdmin();
  await page.getByRole("link", { name: "Users" }).click();
  const users = new UsersAdminPage(page);
  const member = uniqueName("member");
  await users.create(member, "first-password-1");
  await expect(users.row(member)).toContainText("active");

  // Bad input is explained, not crashed on.
  const form = page.getByRole("form", { name: "Create user" });
  await form.getByLabel("Username").fill("has spaces<b>");
  await form.getByLabel("Password").fill("short");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByLabel("Username")).toHaveAccessibleDescription(/letters, digits/);

  await page.getByRole("link", { name: "Teams" }).click();
  const teams = new TeamsAdminPage(page);
  // A hostile team name is stored and shown as plain text.
  const team = `<img src=x onerror="window.__pwned=1">${uniqueName("t")}`;
  await teams.create(team);
  await teams.addMember(team, member);
  await teams.grantAccess(team, "local", "viewer");
  await teams.grantAccess(team, "local", "operator");
  await expect(teams.access(team).getByRole("row")).toHaveCount(2); // header + one grant: changed, not duplicated
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator("img[src=x]")).toHaveCount(0);

  // Reset password: the new one works, and the old session is gone.
  const memberPage = await signedInPage(browser, member, "first-password-1");
  await users.open();
  await users.button(member, "Reset password").click();
  const dialog = page.getByRole("dialog", { name: `New password for ${member}` });
  await dialog.getByRole("textbox", { name: "New password" }).fill("second-password-2");
  await dialog.getByRole("button", { name: "Set password" }).click();
  await expect(dialog).toHaveCount(0);
  await memberPage.goto("/endpoints");
  await expect(memberPage).toHaveURL(/\/login/);
  await new SignInPage(memberPage).signIn(member, "second-password-2");
  await expect(accountMenuButton(memberPage)).toBeVisible();

  // Disable ends the session at the next request; Enable lets the user back in.
  await users.button(member, "Disable").click();
  await expect(users.row(member)).toContainText("disabled");
  await memberPage.goto("/endpoints");
  await expect(memberPage).toHaveURL(/\/login/);
  await users.button(member, "Enable").click();
  await expect(users.row(member)).toContainText("active");

  // Delete asks first.
  await users.button(member, "Delete").click();
  await page
    .getByRole("dialog", { name: `Delete user ${member}?` })
    .getByRole("button", { name: "Delete" })
    .click();
  await expect(users.row(member)).toHaveCount(0);
  await memberPage.context().close();

  await teams.open();
  await teams.team(team).getByRole("button", { name: "Delete", exact: true }).click();
  await page
    .getByRole("dialog", { name: `Delete team ${team}?` })
    .getByRole("button", { name: "Delete" })
    .click();
  await expect(teams.team(team)).toHaveCount(0);
});

test("non-admins get no admin pages or admin API", async ({ browser }) => {
  const admin = await signedInApi();
  const u = await userWithGrants(admin, uniqueName("plain"), { local: "operator" });
  const page = await signedInPage(browser, u.username, u.password);
  await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);
  // The pages exist, so the answer is a 403 page inside the shell (not a 404) that says why.
  for (const path of ["/admin/users", "/admin/teams", "/audit", "/registries", "/settings/restrictions"]) {
    expect((await page.goto(path))?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "Not allowed" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  }
  // Well-formed requests (input is validated before anything else), refused for the role alone.
  for (const [method, path, data] of [
    ["GET", "/api/v1/users", undefined],
    ["POST", "/api/v1/users", { username: uniqueName("sneaky"), password: "sneaky-password" }],
    ["GET", "/api/v1/teams", undefined],
    ["POST", `/api/v1/teams/${u.teamId}/grants`, { endpointId: "local", role: "operator" }],
    ["PATCH", `/api/v1/users/${u.id}`, { isAdmin: true }],
    ["POST", "/api/v1/teams", { name: "sneaky-team" }],
  ] as const) {
    const res = await page.request.fetch(path, { method, data, headers: { Origin: serverState().baseURL } });
    expect(res.status(), `${method} ${path}`).toBe(403);
    expect(res.headers()["content-type"]).toContain("application/problem+json");
  }
  await page.context().close();
  await admin.dispose();
});

test("a viewer sees only granted endpoints, has no operate buttons, and stop is refused and audited", async ({
  browser,
}) => {
  const other = ensureOtherEndpoint();
  const admin = await signedInApi();
  const viewer = await userWithGrants(admin, uniqueName("viewer"), { local: "viewer" });
  const blind = await userWithGrants(admin, uniqueName("blind"), { [other]: "operator" });
  const name = uniqueName("viewed");
  runSleeper(name);

  const page = await signedInPage(browser, viewer.username, viewer.password);
  await page.goto("/endpoints");
  const endpoints = page.getByRole("table", { name: "Endpoints" });
  await expect(endpoints.getByRole("rowheader", { name: "local", exact: true })).toBeVisible();
  const view = new ContainersPage(page);
  await view.open();
  await view.filterName(name);
  await expect(view.state(name)).toHaveText("running");
  // A viewer sees no action control at all: no row menu, no checkbox, no bulk toolbar.
  await expect(view.menu(name)).toHaveCount(0);
  await expect(view.table.getByRole("button")).not.toHaveCount(0); // the sortable headers are there
  await expect(view.table.getByRole("button", { name: /^Actions for / })).toHaveCount(0);
  await expect(view.table.getByRole("checkbox")).toHaveCount(0);
  await expect(page.getByRole("toolbar", { name: "Bulk actions" })).toHaveCount(0);
  // Nor on the container's own page.
  await view.row(name).getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("toolbar", { name: "Container actions" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Stop", exact: true })).toHaveCount(0);
  await view.open();

  const api = await page.request.post(`/api/v1/endpoints/local/containers/${name}/stop`, {
    headers: { Origin: serverState().baseURL },
  });
  expect(api.status()).toBe(403);
  expect(api.headers()["content-type"]).toContain("application/problem+json");
  const action = await postAction(
    page.request,
    "/endpoints/local/containers",
    actionId(CONTAINER_ACTIONS, "stopContainerAction"),
    {
      endpointId: "local",
      containerId: name,
    },
  );
  expect(action.reply).toMatchObject({ ok: false, status: 403 });
  expect(docker("inspect", "-f", "{{.State.Running}}", name)).toBe("true");

  const audit = async (action: string) =>
    (await (await admin.get(`/api/v1/audit?action=${action}&limit=50`)).json()) as {
      actorName: string;
      outcome: string;
      endpointId: string;
    }[];
  expect(await audit("api.containers.operate")).toContainEqual(
    expect.objectContaining({ actorName: viewer.username, outcome: "denied", endpointId: "local" }),
  );
  expect(await audit("containers.stop")).toContainEqual(
    expect.objectContaining({ actorName: viewer.username, outcome: "denied", endpointId: "local" }),
  );

  // A user granted only another endpoint: local is absent everywhere, and guessing it answers 404.
  const blindPage = await signedInPage(browser, blind.username, blind.password);
  await blindPage.goto("/endpoints");
  await expect(blindPage.getByRole("heading", { level: 1, name: "Endpoints" })).toBeVisible();
  await expect(blindPage.getByRole("rowheader", { name: "local", exact: true })).toHaveCount(0);
  expect((await blindPage.goto("/endpoints/local/containers"))?.status()).toBe(404);
  expect((await blindPage.request.get("/api/v1/endpoints/local/containers")).status()).toBe(404);
  const listed = (await (await blindPage.request.get("/api/v1/endpoints")).json()) as { id: string }[];
  expect(listed.map((e) => e.id)).not.toContain("local");

  await page.context().close();
  await blindPage.context().close();
  await admin.dispose();
  docker("rm", "-f", name);
});

test("an operator can stop on its own endpoint only", async ({ browser }) => {
  const other = ensureOtherEndpoint();
  const admin = await signedInApi();
  const operator = await userWithGrants(admin, uniqueName("op"), { local: "operator" });
  const elsewhere = await userWithGrants(admin, uniqueName("opother"), { [other]: "operator" });
  const name = uniqueName("opstop");
  runSleeper(name);

  const stranger = await signedInApi(elsewhere.username, elsewhere.password);
  const refused = await stranger.post(`/api/v1/endpoints/local/containers/${name}/stop`, {
    headers: { Origin: serverState().baseURL },
  });
  expect(refused.status()).toBe(404);
  const refusedAction = await postAction(
    stranger,
    "/endpoints/local/containers",
    actionId(CONTAINER_ACTIONS, "stopContainerAction"),
    {
      endpointId: "local",
      containerId: name,
    },
  );
  expect(refusedAction.reply).toMatchObject({ ok: false, status: 404 });
  expect(docker("inspect", "-f", "{{.State.Running}}", name)).toBe("true");

  const page = await signedInPage(browser, operator.username, operator.password);
  const view = new ContainersPage(page);
  await view.open();
  await view.filterName(name);
  await view.action(name, "Stop").click();
  await expect(view.state(name)).toHaveText("exited");
  expect(docker("inspect", "-f", "{{.State.Running}}", name)).toBe("false");

  await page.context().close();
  await stranger.dispose();
  await admin.dispose();
  docker("rm", "-f", name);
});

function subscribe(cookie: string, topic: string): Promise<{ socket: Socket; ok: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = io(serverState().baseURL, {
      path: "/socket.io/",
      transports: ["websocket"],
      extraHeaders: { Cookie: cookie, Origin: serverState().baseURL },
      reconnection: false,
    });
    socket.on("connect", () => socket.emit("subscribe", topic, (r: { ok: boolean }) => resolve({ socket, ok: r.ok })));
    socket.on("connect_error", reject);
  });
}

/** Resolves with how long it took for `what` to happen, or rejects after `deadlineMs`. */
function within(deadlineMs: number, what: (done: () => void) => void): Promise<number> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not within ${deadlineMs} ms`)), deadlineMs);
    what(() => {
      clearTimeout(timer);
      resolve(Date.now() - start);
    });
  });
}

test("removing a grant or disabling a user drops live subscriptions within 5 s", async ({ browser }) => {
  const admin = await signedInApi();
  const u = await userWithGrants(admin, uniqueName("live"), { local: "viewer" });
  const api = await signedInApi(u.username, u.password);
  const cookie = await sessionCookie(api);
  const topic = "endpoint:local:containers";

  const page = await signedInPage(browser, u.username, u.password);
  const view = new ContainersPage(page);
  await view.open();
  const first = await subscribe(cookie, topic);
  expect(first.ok).toBe(true);
  const revoked = within(5_000, (done) =>
    first.socket.on("revoked", (m: { topic?: string }) => {
      if (m.topic === topic) done();
    }),
  );
  expect((await admin.delete(`/api/v1/teams/${u.teamId}/grants/local`)).status()).toBe(204);
  await revoked;
  await expect(page.getByText("Access to this view was withdrawn")).toBeVisible();
  expect((await api.get("/api/v1/endpoints/local/containers")).status()).toBe(404);
  first.socket.close();

  // Granted again, then the user is disabled: the socket is dropped and the session refused.
  expect(
    (await admin.post(`/api/v1/teams/${u.teamId}/grants`, { data: { endpointId: "local", role: "viewer" } })).status(),
  ).toBe(204);
  const second = await subscribe(cookie, topic);
  expect(second.ok).toBe(true);
  const dropped = within(5_000, (done) => second.socket.on("disconnect", () => done()));
  expect((await admin.patch(`/api/v1/users/${u.id}`, { data: { disabled: true } })).status()).toBe(204);
  await dropped;
  expect((await api.get("/api/v1/endpoints")).status()).toBe(401);

  await page.context().close();
  await api.dispose();
  await admin.dispose();
});
