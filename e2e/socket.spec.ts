import { expect, test } from "@playwright/test";
import { io } from "socket.io-client";
import { SignInPage } from "./pages/sign-in-page";
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
