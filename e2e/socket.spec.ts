import { expect, test } from "@playwright/test";
import { io } from "socket.io-client";
import { openAccountItem } from "./pages/account-menu";
import { SignInPage } from "./pages/sign-in-page";
import { anonymousApi, sessionCookie, signedInApi } from "./support/api-client";
import { openServerDb } from "./support/db";
import { serverState } from "./support/env";

function tryConnect(headers: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    const socket = io(serverState().baseURL, {
      path: "/socket.io/",
      transports: ["websocket"],
      extraHeaders: headers,
      reconnection: false,
      timeout: 5_000,
    });
    socket.on("connect", () => {
      socket.emit("subscribe", "endpoint:local:containers", (reply: { ok: boolean }) => {
        socket.close();
        resolve(reply.ok ? "subscribed" : "refused-topic");
      });
    });
    socket.on("connect_error", (err) => {
      socket.close();
      resolve(`refused: ${err.message}`);
    });
  });
}

test("the socket handshake needs a session and this server's Origin", async ({ page, context }) => {
  await new SignInPage(page).signInAsAdmin();
  const cookie = (await context.cookies()).find((c) => c.name === "next-auth.session-token");
  expect(cookie).toBeDefined();
  const sessionCookie = `next-auth.session-token=${cookie!.value}`;
  const own = serverState().baseURL;

  expect(await tryConnect({ Origin: own })).toMatch(/^refused/);
  expect(await tryConnect({ Origin: own, Cookie: "next-auth.session-token=forged.jwt.value" })).toMatch(/^refused/);
  expect(await tryConnect({ Origin: "http://evil.example", Cookie: sessionCookie })).toMatch(/^refused/);
  // Control: the same cookie from this server's own origin works, so the refusals above are about what they test.
  expect(await tryConnect({ Origin: own, Cookie: sessionCookie })).toBe("subscribed");
});

test("unknown topics are refused", async ({ page, context }) => {
  await new SignInPage(page).signInAsAdmin();
  const cookie = (await context.cookies()).find((c) => c.name === "next-auth.session-token")!;
  const reply = await new Promise<{ ok: boolean }>((resolve) => {
    const socket = io(serverState().baseURL, {
      path: "/socket.io/",
      transports: ["websocket"],
      extraHeaders: { Cookie: `next-auth.session-token=${cookie.value}` },
      reconnection: false,
    });
    socket.on("connect", () =>
      socket.emit("subscribe", "endpoint:../../etc:containers", (r: { ok: boolean }) => {
        socket.close();
        resolve(r);
      }),
    );
  });
  expect(reply.ok).toBe(false);
});

test("signing out ends that session's open sockets at once, and its cookie everywhere", async ({ page, context }) => {
  await new SignInPage(page).signInAsAdmin();
  const cookie = (await context.cookies()).find((c) => c.name === "next-auth.session-token")!;
  const copied = `next-auth.session-token=${cookie.value}`;
  // A second sign-in of the same user (another browser): signing out here must not end it.
  const elsewhere = await signedInApi();
  const elsewhereCookie = await sessionCookie(elsewhere);

  const socket = io(serverState().baseURL, {
    path: "/socket.io/",
    transports: ["websocket"],
    extraHeaders: { Cookie: copied },
    reconnection: false,
  });
  const subscribed = await new Promise<{ ok: boolean }>((resolve) =>
    socket.on("connect", () => socket.emit("subscribe", "endpoint:local:containers", resolve)),
  );
  expect(subscribed.ok).toBe(true);
  const revoked = new Promise<unknown>((resolve) => socket.on("revoked", resolve));
  const disconnected = new Promise<string>((resolve) => socket.on("disconnect", resolve));

  await openAccountItem(page, "Sign out");
  await expect(page).toHaveURL(/\/login/);
  // Pushed by the sign-out itself (the periodic re-check would say "session ended"), and closed by the server.
  expect(await revoked).toEqual({ reason: "signed out" });
  expect(await disconnected).toBe("io server disconnect");

  // The copied cookie is dead for the API and for new sockets; the other session lives on.
  const stale = await anonymousApi({ Cookie: copied });
  expect((await stale.get("/api/v1/endpoints")).status()).toBe(401);
  await stale.dispose();
  expect(await tryConnect({ Cookie: copied })).toMatch(/^refused/);
  expect(await tryConnect({ Cookie: elsewhereCookie })).toBe("subscribed");
  expect((await elsewhere.get("/api/v1/endpoints")).status()).toBe(200);
  await elsewhere.dispose();
  const db = openServerDb();
  const outs = db.prepare("SELECT actor_name FROM audit_log WHERE action = 'auth.sign_out'").all() as unknown[];
  db.close();
  expect(outs).toContainEqual({ actor_name: "admin" });
});
