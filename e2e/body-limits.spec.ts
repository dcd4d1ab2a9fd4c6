import fs from "node:fs";
import http from "node:http";
import { expect, test } from "@playwright/test";
import { io } from "socket.io-client";
import { sessionCookie, signedInApi } from "./support/api-client";
import { serverState } from "./support/env";

const HUGE = 250 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, "a");
/** What a refused client may have pushed before the refusal reached it: socket buffers, not the body. */
const SENT_BOUND = 32 * 1024 * 1024;
/** What the server's memory may grow by over all the huge requests of a test (each used to cost ~600 MB). */
const RSS_BOUND = 64 * 1024 * 1024;

/** A real server action of the build and a page that serves it (Next answers 409 to an unknown action id unread). */
function someServerAction(): { id: string; path: string } {
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { workers: Record<string, unknown> }>;
  };
  for (const [id, entry] of Object.entries(manifest.node)) {
    for (const worker of Object.keys(entry.workers)) {
      if (!worker.startsWith("app/") || !worker.endsWith("/page") || worker.includes("[")) continue;
      const path = worker.slice(3, -5).replace(/\/\([^)]*\)/g, "") || "/";
      return { id, path };
    }
  }
  throw new Error("no server action in the build");
}

function serverRss(): number {
  const status = fs.readFileSync(`/proc/${serverState().pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

interface Outcome {
  status: number;
  body: string;
  sent: number;
}

/**
 * POSTs a 250 MB body, generated as it goes (never held by the test), either chunked or with its Content-Length,
 * and stops sending as soon as the server answers or closes; bounded to 60 s.
 */
function hugePost(path: string, opts: { chunked: boolean; headers?: Record<string, string> }): Promise<Outcome> {
  const url = new URL(path, serverState().baseURL);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let done = false;
    let answer: { status: number; body: string } | undefined;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      if (answer) resolve({ ...answer, sent });
      else reject(new Error(`no answer after sending ${sent} bytes`));
    };
    const timer = setTimeout(finish, 60_000);
    const req = http.request(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        Origin: serverState().baseURL,
        ...(opts.chunked ? { "transfer-encoding": "chunked" } : { "content-length": String(HUGE) }),
        ...opts.headers,
      },
    });
    req.on("response", (res) => {
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () => {
        answer = { status: res.statusCode ?? 0, body: Buffer.concat(parts).toString("utf8") };
        finish();
      });
      res.on("error", finish);
    });
    // A server that cuts the connection after answering may reset it while we still write: that is the point.
    req.on("error", () => setTimeout(finish, 200));
    const pump = () => {
      while (!done && sent < HUGE) {
        sent += CHUNK.length;
        if (!req.write(CHUNK)) return void req.once("drain", pump);
      }
      if (!done) req.end();
    };
    pump();
  });
}

test("anonymous 250 MB bodies are refused with 413 before they are read, and the server's memory stays flat", async () => {
  test.setTimeout(240_000);
  const before = serverRss();
  const action = someServerAction();
  const cases: [string, string, boolean, Record<string, string>][] = [
    ["sign-in form, chunked", "/api/auth/callback/credentials", true, {}],
    ["sign-in form, Content-Length", "/api/auth/callback/credentials", false, {}],
    ["server action, chunked", action.path, true, { "next-action": action.id }],
    ["server action, Content-Length", action.path, false, { "next-action": action.id }],
    ["API route, Content-Length", "/api/v1/endpoints", false, {}],
  ];
  for (const [what, path, chunked, headers] of cases) {
    const r = await hugePost(path, { chunked, headers });
    expect(r.status, `${what}: ${r.body}`).toBe(413);
    expect(r.body, what).toContain("too large");
    expect(r.sent, what).toBeLessThan(SENT_BOUND);
  }
  // An API route authenticates before it reads: an anonymous chunked body is refused unread, whichever comes first.
  const api = await hugePost("/api/v1/endpoints", { chunked: true });
  expect([401, 413]).toContain(api.status);
  expect(api.sent).toBeLessThan(SENT_BOUND);
  const grown = serverRss() - before;
  expect(grown, `server RSS grew by ${Math.round(grown / 1024 / 1024)} MB`).toBeLessThan(RSS_BOUND);
});

test("a signed-in client's 250 MB chunked API body is counted and refused with 413 problem+json", async () => {
  test.setTimeout(120_000);
  const admin = await signedInApi();
  const cookie = await sessionCookie(admin);
  const before = serverRss();
  const r = await hugePost("/api/v1/endpoints", { chunked: true, headers: { Cookie: cookie } });
  expect(r.status, r.body).toBe(413);
  expect(JSON.parse(r.body)).toMatchObject({ status: 413, title: "Payload Too Large" });
  expect(r.sent).toBeLessThan(SENT_BOUND);
  expect(serverRss() - before).toBeLessThan(RSS_BOUND);
  // Under the limit, the same route still reads and validates the body.
  const ok = await admin.post("/api/v1/endpoints", {
    headers: { Origin: serverState().baseURL },
    data: { name: "", connection: { type: "unix", socketPath: "/nowhere.sock" } },
  });
  expect(ok.status()).toBe(400);
  await admin.dispose();
});

test("an oversized socket message drops that socket, not the server", async () => {
  const admin = await signedInApi();
  const headers = { Cookie: await sessionCookie(admin), Origin: serverState().baseURL };
  const connect = () =>
    new Promise<ReturnType<typeof io>>((resolve, reject) => {
      const s = io(serverState().baseURL, {
        path: "/socket.io/",
        transports: ["websocket"],
        extraHeaders: headers,
        reconnection: false,
      });
      s.on("connect", () => resolve(s));
      s.on("connect_error", reject);
    });
  const bystander = await connect();
  const sender = await connect();
  const dropped = new Promise<string>((resolve) => sender.on("disconnect", (reason) => resolve(reason)));
  sender.emit("subscribe", "x".repeat(256 * 1024));
  expect(await dropped).toBe("transport close");
  // The other socket and the server carry on.
  const reply = await new Promise<{ ok: boolean }>((resolve) =>
    bystander.emit("subscribe", "endpoint:local:containers", resolve),
  );
  expect(reply.ok).toBe(true);
  expect(bystander.connected).toBe(true);
  bystander.close();
  expect((await admin.get("/api/v1/endpoints")).status()).toBe(200);
  await admin.dispose();
});
