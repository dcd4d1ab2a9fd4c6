import { expect, type Page, test } from "@playwright/test";
import { AllContainersPage } from "./pages/all-containers-page";
import { SignInPage } from "./pages/sign-in-page";
import { docker, runSleeper, uniqueName } from "./support/docker-cli";
import { requireEnv } from "./support/env";

// CPU and memory columns of the all-containers view: real containers on the rig's engine, a real browser, and the
// socket frames the page sends (which usage topics it holds is what decides whether the engine streams stats).

const made: string[] = [];
const MEMORY = /^\d+(\.\d+)? (B|KiB|MiB|GiB) \/ \d+(\.\d+)? (KiB|MiB|GiB|TiB)$/;
const usageTopic = (id: string) => `endpoint:local:container:${id}:usage`;

test.beforeEach(async ({ page }) => {
  await new SignInPage(page).signInAsAdmin();
});

test.afterAll(() => {
  for (const name of made) {
    try {
      docker("rm", "-f", name);
    } catch {
      // already gone
    }
  }
});

/** A container burning CPU; capped at half a core so the shared machine keeps breathing. */
function busy(name: string): string {
  made.push(name);
  const script = "while :; do :; done";
  return docker(
    "run",
    "-d",
    "--init",
    "--cpus",
    "0.5",
    "--name",
    name,
    requireEnv("BERTH_TEST_IMAGE"),
    "sh",
    "-c",
    script,
  );
}

function sleeper(name: string): string {
  made.push(name);
  return runSleeper(name);
}

/** Every socket.io event the page sends, as [event, first argument]. */
function sentEvents(page: Page): [string, unknown][] {
  const sent: [string, unknown][] = [];
  page.on("websocket", (ws) =>
    ws.on("framesent", (f) => {
      const m = /^42\d*(\[.*)$/s.exec(String(f.payload));
      if (!m) return;
      const [event, arg] = JSON.parse(m[1]!) as [string, unknown];
      sent.push([event, arg]);
    }),
  );
  return sent;
}
const held = (sent: [string, unknown][], topic: string) => {
  let n = 0;
  for (const [event, arg] of sent) {
    if (arg !== topic) continue;
    if (event === "subscribe") n = 1;
    if (event === "unsubscribe") n = 0;
  }
  return n === 1;
};

test("a busy container shows CPU and memory; a stopped one a dash, and is never sampled", async ({ page }) => {
  const tag = uniqueName("usage");
  const hot = `${tag}-hot`;
  const cold = `${tag}-cold`;
  const hotId = busy(hot);
  const coldId = sleeper(cold);
  docker("stop", "-t", "0", cold);
  const sent = sentEvents(page);

  const view = new AllContainersPage(page);
  await view.open();
  await view.filterName(tag);
  for (const h of ["CPU", "Memory"]) await expect(view.columnHeader(h)).toHaveAttribute("aria-sort", "none");
  await expect(view.cell(cold, "state")).toHaveText("exited");

  await expect(view.cell(hot, "cpu")).toHaveText(/^\d+\.\d %$/);
  await expect
    .poll(async () => Number.parseFloat((await view.cell(hot, "cpu").textContent()) ?? ""), {
      message: "CPU of the busy loop",
      timeout: 20_000,
    })
    .toBeGreaterThan(5);
  await expect(view.cell(hot, "memory")).toHaveText(MEMORY);
  await expect(view.cell(cold, "cpu")).toHaveText("—");
  await expect(view.cell(cold, "memory")).toHaveText("—");
  expect(held(sent, usageTopic(hotId))).toBe(true);
  expect(sent.some(([, arg]) => arg === usageTopic(coldId))).toBe(false);

  // It stops: a dash, and the page lets go of its topic (so the server stops its sampler).
  docker("stop", "-t", "0", hot);
  await expect(view.cell(hot, "state")).toHaveText("exited");
  await expect(view.cell(hot, "cpu")).toHaveText("—");
  await expect(view.cell(hot, "memory")).toHaveText("—");
  await expect.poll(() => held(sent, usageTopic(hotId)), { message: "unsubscribed after the stop" }).toBe(false);

  // Filtered out: a running container's topic goes too.
  const other = `${tag}-other`;
  const otherId = sleeper(other);
  await expect(view.cell(other, "memory")).toHaveText(MEMORY);
  await view.filterName(hot);
  await expect(view.row(other)).toHaveCount(0);
  await expect.poll(() => held(sent, usageTopic(otherId)), { message: "unsubscribed once filtered out" }).toBe(false);
});

test("sorting by CPU ranks the running containers of the list, says so, and puts stopped ones last", async ({
  page,
}) => {
  const tag = uniqueName("cpusort");
  const hot = `${tag}-b-hot`;
  const idle = `${tag}-a-idle`;
  const off = `${tag}-0-off`; // first by name: last only when the sort puts it there
  busy(hot);
  sleeper(idle);
  sleeper(off);
  docker("stop", "-t", "0", off);

  const view = new AllContainersPage(page);
  await view.open();
  await view.filterName(tag);
  await expect.poll(() => view.rowNames()).toEqual([off, idle, hot]);
  await expect
    .poll(async () => Number.parseFloat((await view.cell(hot, "cpu").textContent()) ?? ""), { timeout: 20_000 })
    .toBeGreaterThan(5);

  const cpu = view.columnHeader("CPU");
  await cpu.getByRole("button").click();
  await expect(cpu).toHaveAttribute("aria-sort", "descending");
  await expect(page.getByText("Sorted by CPU across all 2 running containers of this list")).toBeVisible();
  // The busiest first, the stopped one last.
  await expect.poll(() => view.rowNames(), { timeout: 15_000 }).toEqual([hot, idle, off]);
  await cpu.getByRole("button").click();
  await expect(cpu).toHaveAttribute("aria-sort", "ascending");
  await expect.poll(() => view.rowNames(), { timeout: 15_000 }).toEqual([idle, hot, off]);

  // Memory sorts too; another column's sort drops the note.
  await view.columnHeader("Memory").getByRole("button").click();
  await expect(view.columnHeader("Memory")).toHaveAttribute("aria-sort", "descending");
  await expect(page.getByText("Sorted by memory across all 2 running containers of this list")).toBeVisible();
  await expect.poll(async () => (await view.rowNames()).at(-1), { timeout: 15_000 }).toBe(off);
  await view.columnHeader("Name").getByRole("button").click();
  await expect(page.getByText(/^Sorted by/)).toHaveCount(0);
});
