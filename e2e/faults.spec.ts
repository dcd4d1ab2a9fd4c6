import net from "node:net";
import { expect, test } from "@playwright/test";
import { ContainersPage } from "./pages/containers-page";
import { EndpointsPage } from "./pages/endpoints-page";
import { SignInPage } from "./pages/sign-in-page";
import { signedInApi } from "./support/api-client";
import { BerthProcess } from "./support/berth-process";
import { docker, uniqueName } from "./support/docker-cli";
import { requireEnv, serverState } from "./support/env";

// Faults Berth must survive with a clear state in the UI and nothing lost: a stop that takes the whole grace period,
// an endpoint that accepts connections and never answers, and Berth itself killed in the middle of a swap.

const ORIGIN = { Origin: serverState().baseURL };
const made: string[] = [];

test.afterAll(() => {
  for (const name of made) {
    try {
      docker("rm", "-f", name);
    } catch {
      // already gone
    }
  }
});

/** A container whose PID 1 (busybox `sleep`, no --init) ignores SIGTERM: a stop takes the whole 10 s grace. */
function stubborn(name: string): void {
  made.push(name);
  docker("run", "-d", "--name", name, requireEnv("BERTH_TEST_IMAGE"), "sleep", "3600");
}

test("Stop of a container that ignores SIGTERM waits out the grace period and reports success", async ({ page }) => {
  test.setTimeout(120_000);
  await new SignInPage(page).signInAsAdmin();
  const name = uniqueName("stubborn");
  stubborn(name);
  const view = new ContainersPage(page);
  await view.open();
  await view.filterName(name);
  await expect(view.state(name)).toHaveText("running");
  await view.action(name, "Stop").click();
  // The success toast comes only when the engine answered, after the 10 s grace period.
  await expect(page.getByText(`Stopped ${name}`)).toBeVisible({ timeout: 45_000 });
  await expect(view.state(name)).toHaveText("exited", { timeout: 45_000 });
  // No failure was shown: the old 5 s cut said "Connection lost" here.
  await expect(page.getByText(/Stop .* failed|Connection lost|Timed out/)).toHaveCount(0);
  await expect(page.getByRole("alert").filter({ hasText: /Stop|Connection lost|Timed out/ })).toHaveCount(0);
  // The CLI agrees (killed after the grace period) and the audit log records a success.
  expect(docker("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", name)).toBe("exited 137");
  const admin = await signedInApi();
  const rows = (await (await admin.get(`/api/v1/audit?action=container.stop&limit=50`)).json()) as {
    target: string;
    outcome: string;
  }[];
  expect(rows.filter((r) => r.target === name).map((r) => r.outcome)).toEqual(["success"]);
  await admin.dispose();
});

/**
 * A TCP front for the rig's engine that can go silent: while forwarding it is a working Docker endpoint (so it can
 * be added through the API, which tests the connection); once silenced it keeps every connection open, reads what
 * comes and answers nothing, like a hung engine.
 */
async function silenceableEngine() {
  const socketPath = requireEnv("BERTH_TEST_DOCKER_SOCKET");
  let silent = false;
  const pairs = new Set<[net.Socket, net.Socket | null]>();
  const server = net.createServer((client) => {
    if (silent) {
      client.on("data", () => {});
      pairs.add([client, null]);
      return;
    }
    const upstream = net.connect(socketPath);
    client.pipe(upstream);
    upstream.pipe(client);
    const pair: [net.Socket, net.Socket | null] = [client, upstream];
    pairs.add(pair);
    const end = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on("error", end);
    upstream.on("error", end);
    client.on("close", end);
    upstream.on("close", end);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as net.AddressInfo).port,
    silence() {
      silent = true;
      for (const [client, upstream] of pairs) {
        if (!upstream) continue;
        // Keep both ends open, pass nothing on: the engine's answers and events stop arriving.
        client.unpipe(upstream);
        upstream.unpipe(client);
        upstream.pause();
        client.on("data", () => {});
      }
    },
    async close() {
      for (const [client, upstream] of pairs) {
        client.destroy();
        upstream?.destroy();
      }
      await new Promise((r) => server.close(r));
    },
  };
}

test("An endpoint that stops answering shows 'not responding'; pages, cards and other endpoints are unaffected", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const engine = await silenceableEngine();
  const admin = await signedInApi();
  const name = uniqueName("hung-ep");
  let id = "";
  try {
    const res = await admin.post("/api/v1/endpoints", {
      headers: ORIGIN,
      data: { name, connection: { type: "tcp", host: "127.0.0.1", port: engine.port } },
    });
    expect(res.status(), await res.text()).toBeLessThan(300);
    id = ((await res.json()) as { id: string }).id;

    await new SignInPage(page).signInAsAdmin();
    await page.goto("/");
    const card = page.getByRole("article", { name });
    const local = page.getByRole("article", { name: "local" });
    await expect(card).toContainText("up");

    engine.silence();
    // Within 10 s of the engine going silent (pings every 2 s, each given 5 s), pushed live to the open page.
    await expect(card).toContainText("not responding", { timeout: 10_000 });
    await expect(local).toContainText("up");
    await expect(local).not.toContainText("not responding");

    // Pages keep answering: the Endpoints list, and the hung endpoint's own containers page.
    const endpoints = new EndpointsPage(page);
    await endpoints.open();
    await expect(endpoints.row(name)).toContainText("not responding");
    await expect(endpoints.row("local")).toContainText("up");
    await page.goto(`/endpoints/${encodeURIComponent(id)}/containers`);
    await expect(page.getByText("not responding").first()).toBeVisible();

    // A request against it fails at once with a clear 503, not after waiting out a deadline.
    const stop = await admin.post(`/api/v1/endpoints/${encodeURIComponent(id)}/containers/anything/stop`, {
      headers: ORIGIN,
    });
    expect(stop.status()).toBe(503);
    expect(stop.headers()["content-type"]).toContain("application/problem+json");
    expect(((await stop.json()) as { detail: string }).detail).toMatch(/not responding.*retrying/);
    // The working endpoint still serves requests.
    expect((await admin.get("/api/v1/endpoints/local/containers")).status()).toBe(200);
  } finally {
    if (id) await admin.delete(`/api/v1/endpoints/${encodeURIComponent(id)}`, { headers: ORIGIN });
    await admin.dispose();
    await engine.close();
  }
});

test("Berth killed with SIGKILL mid-Recreate puts the container back under its name at the next start", async () => {
  test.setTimeout(240_000);
  const berth = await BerthProcess.create();
  const name = uniqueName("swap");
  stubborn(name);
  try {
    await berth.start();
    const api = await berth.api();
    // Recreate renames the old container aside, then stops it: 10 s for this one, the window to kill Berth in.
    const pending = api
      .post(`/api/v1/endpoints/local/containers/${name}/recreate`, { data: { pull: false }, timeout: 120_000 })
      .catch(() => null);
    const names = () => docker("ps", "-a", "--format", "{{.Names}}").split("\n");
    await expect
      .poll(() => names().some((n) => n.startsWith(`${name}-berth-old-`)), { timeout: 60_000, intervals: [50] })
      .toBe(true);
    await berth.kill("SIGKILL");
    await pending;
    await api.dispose();
    for (const n of names().filter((x) => x.startsWith(`${name}-berth-`))) made.push(n);
    // Half-done: nothing holds the user's name.
    expect(names()).not.toContain(name);

    await berth.start();
    // The next connect finds the swap in the journal and undoes it: the old container, under its name, running.
    await expect
      .poll(() => docker("ps", "--filter", `name=^/${name}$`, "--format", "{{.Names}} {{.State}}"), {
        timeout: 90_000,
      })
      .toBe(`${name} running`);
    expect(names().filter((n) => n.startsWith(`${name}-berth-`))).toEqual([]);

    const again = await berth.api();
    type Row = { target: string; outcome: string; detail: string; actorName: string };
    // The audit row is written once the engine steps are done, which may be just after the container runs again.
    let row: Row | undefined;
    await expect
      .poll(async () => {
        const rows = (await (await again.get("/api/v1/audit?action=container.swap-recovery&limit=10")).json()) as Row[];
        row = rows.find((r) => r.target === name);
        return row !== undefined;
      })
      .toBe(true);
    expect(row).toMatchObject({ outcome: "success" });
    expect(row?.detail).toMatch(/Recreate by faults-admin was interrupted/);
    expect(row?.detail).toMatch(/undone: the old container \w+ has its name back and runs again/);
    await again.dispose();
  } finally {
    await berth.dispose();
  }
});
