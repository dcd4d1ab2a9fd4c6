import { expect, test } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import { ContainerPage } from "./pages/container-page";
import { SignInPage } from "./pages/sign-in-page";
import { sessionCookie, signedInApi, userWithGrants } from "./support/api-client";
import { docker, uniqueName } from "./support/docker-cli";
import { requireEnv, serverState } from "./support/env";

type SearchReply =
  | { ok: true; result: { total: number; searched: number; stoppedAfter?: number } }
  | { ok: false; error: string };

function connect(cookie: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = io(serverState().baseURL, {
      path: "/socket.io/",
      transports: ["websocket"],
      extraHeaders: { Cookie: cookie, Origin: serverState().baseURL },
      reconnection: false,
    });
    s.on("connect", () => resolve(s));
    s.on("connect_error", reject);
  });
}

const ask = <T>(s: Socket, event: string, payload: unknown) =>
  new Promise<T>((resolve) => s.emit(event, payload, (r: T) => resolve(r)));

/** A reply saying the search ran out of time, in either the old words or the new field. */
const ranOut = (r: SearchReply) => (r.ok ? r.result.stoppedAfter !== undefined : /too long|too slow/.test(r.error));

test("a viewer's catastrophic log searches never hold the server: an admin's request answers first", async () => {
  test.setTimeout(120_000);
  const admin = await signedInApi();
  const viewerName = uniqueName("searcher");
  const viewer = await userWithGrants(admin, viewerName, { local: "viewer" });
  const viewerApi = await signedInApi(viewerName, viewer.password);
  const name = uniqueName("aaaa");
  // 200 lines of 30 a's: `(a+)+b` backtracks 2^30 ways on each.
  const id = docker(
    "run",
    "-d",
    "--init",
    "--name",
    name,
    requireEnv("BERTH_TEST_IMAGE"),
    "sh",
    "-c",
    "i=0; while [ $i -lt 200 ]; do echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa; i=$((i+1)); done; sleep 3600",
  );
  const socket = await connect(await sessionCookie(viewerApi));
  try {
    const topic = `endpoint:local:container:${id}:logs:1000:all:0`;
    expect(await ask(socket, "subscribe", topic)).toMatchObject({ ok: true });
    // Wait until the backlog holds the lines (a plain search finds them).
    await expect
      .poll(async () => {
        const r = await ask<SearchReply>(socket, "logs:search", { topic, query: "aaa", regex: false });
        return r.ok ? r.result.total : -1;
      })
      .toBe(200);

    const order: string[] = [];
    const searches = Array.from({ length: 30 }, (_, i) =>
      ask<SearchReply>(socket, "logs:search", { topic, query: "(a+)+b", regex: true }).then((r) => {
        order.push(ranOut(r) ? "ran-out" : `other-${i}`);
        return r;
      }),
    );
    const adminCall = admin.get("/api/v1/endpoints").then((res) => {
      order.push("admin");
      return res.status();
    });
    const [status, replies] = await Promise.all([adminCall, Promise.all(searches)]);
    expect(status).toBe(200);

    // The admin's answer came before any search ran out: the searches did not hold the event loop.
    expect(order.indexOf("admin")).toBeLessThan(order.indexOf("ran-out"));
    const out = replies.filter(ranOut);
    expect(out.length).toBeGreaterThan(0);
    for (const r of out) {
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.result.stoppedAfter).toBeLessThan(200);
    }
    // The rest were refused by the per-user limit, with a message saying so.
    for (const r of replies.filter((x) => !ranOut(x))) {
      expect(r).toEqual({ ok: false, error: "You already have 2 log searches running: wait for them to finish" });
    }
  } finally {
    socket.close();
    docker("rm", "-f", name);
    await viewerApi.dispose();
    await admin.dispose();
  }
});

test("the logs tab says when a search stopped because the pattern was too slow", async ({ page }) => {
  test.setTimeout(90_000);
  const name = uniqueName("aaaa-ui");
  const id = docker(
    "run",
    "-d",
    "--init",
    "--name",
    name,
    requireEnv("BERTH_TEST_IMAGE"),
    "sh",
    "-c",
    "i=0; while [ $i -lt 50 ]; do echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa; i=$((i+1)); done; sleep 3600",
  );
  try {
    await new SignInPage(page).signInAsAdmin();
    const detail = new ContainerPage(page);
    await detail.open(id);
    await detail.select("Logs");
    await expect(page.getByText("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").first()).toBeVisible();
    const form = page.getByRole("form", { name: "Search logs" });
    await form.getByRole("checkbox", { name: "Regex" }).check();
    await form.getByRole("searchbox", { name: "Search text" }).fill("(a+)+b");
    await form.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page.getByText(/search stopped after \d+ lines: pattern too slow/)).toBeVisible();
  } finally {
    docker("rm", "-f", name);
  }
});
