import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { expect, test } from "@playwright/test";
import { accountMenuButton } from "./pages/account-menu";
import { SignInPage } from "./pages/sign-in-page";
import { sessionCookie, signedInApi, userWithGrants } from "./support/api-client";
import { docker, uniqueName } from "./support/docker-cli";
import { requireEnv, serverState } from "./support/env";

// A volume's files through the running server: the Files section of the volume page, and a 200 MiB volume
// downloaded and restored through the HTTP API while the server's peak RSS (VmHWM) is read from /proc.

test.describe.configure({ mode: "serial" });

const SRC = uniqueName("vol-src");
const DST = uniqueName("vol-dst");

const kib = (field: string) => {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(
    fs.readFileSync(`/proc/${serverState().pid}/status`, "utf8"),
  );
  return Number(m?.[1] ?? Number.NaN);
};

const fingerprint = (volume: string) =>
  docker(
    "run",
    "--rm",
    "-v",
    `${volume}:/d:ro`,
    requireEnv("BERTH_TEST_IMAGE"),
    "sh",
    "-c",
    "cd /d && find . | sort | while read f; do stat -c '%n %a %F %s' \"$f\"; done; find . -type l | sort | xargs -r readlink; find . -type f | sort | xargs sha256sum",
  );

test.beforeAll(() => {
  docker("volume", "create", SRC);
  docker(
    "run",
    "--rm",
    "-v",
    `${SRC}:/d`,
    requireEnv("BERTH_TEST_IMAGE"),
    "sh",
    "-c",
    "mkdir -p /d/sub && echo hello > /d/a.txt && chmod 640 /d/a.txt && ln -s a.txt /d/link && dd if=/dev/urandom of=/d/sub/big.bin bs=1048576 count=200 2>/dev/null",
  );
});

test.afterAll(() => {
  for (const v of [SRC, DST]) docker("volume", "rm", "-f", v);
});

test("operators browse a volume's folders on its page; viewers get no Files section", async ({ page, browser }) => {
  await new SignInPage(page).signInAsAdmin();
  await page.goto(`/endpoints/local/volumes/${SRC}`);
  const files = page.getByRole("table", { name: "Files" });
  await expect(files.getByRole("rowheader", { name: "a.txt", exact: true })).toBeVisible();
  await expect(files.getByRole("rowheader", { name: "link → a.txt", exact: true })).toBeVisible();
  await expect(
    files.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "a.txt", exact: true }) }),
  ).toContainText("0640");
  await files.getByRole("button", { name: "sub/" }).click();
  await expect(files.getByRole("row").filter({ hasText: "big.bin" })).toContainText("200.0 MiB");
  await expect(page.getByRole("link", { name: "Download folder" })).toHaveAttribute(
    "href",
    /volume-archive\/.*path=sub/,
  );

  const admin = await signedInApi();
  const viewer = await userWithGrants(admin, uniqueName("volv"), { local: "viewer" });
  const ctx = await browser.newContext();
  const vp = await ctx.newPage();
  await new SignInPage(vp).signIn(viewer.username, viewer.password);
  await expect(accountMenuButton(vp)).toBeVisible();
  await vp.goto(`/endpoints/local/volumes/${SRC}`);
  await expect(vp.getByRole("heading", { name: new RegExp(`Volume ${SRC}`) })).toBeVisible();
  await expect(vp.getByRole("heading", { name: "Files" })).toHaveCount(0);
  const viewerApi = await signedInApi(viewer.username, viewer.password);
  expect((await viewerApi.get(`/api/v1/endpoints/local/volume-files/${SRC}`)).status()).toBe(403);
  await ctx.close();
  await admin.dispose();
  await viewerApi.dispose();
});

test("a 200 MiB volume downloads and restores byte for byte through HTTP; the server's peak RSS stays far below it", async () => {
  test.setTimeout(300_000);
  const admin = await signedInApi();
  const cookie = await sessionCookie(admin);
  const base = serverState().baseURL;
  const file = path.join(test.info().outputDir, "volume.tar");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Reset the server's peak RSS (VmHWM) to its current RSS, so the peak read after is this transfer's own.
  fs.writeFileSync(`/proc/${serverState().pid}/clear_refs`, "5");
  const hwmBefore = kib("VmHWM");
  const rssBefore = kib("VmRSS");

  const down = await fetch(`${base}/api/v1/endpoints/local/volume-archive/${SRC}`, { headers: { cookie } });
  expect(down.status).toBe(200);
  await pipeline(Readable.fromWeb(down.body as import("node:stream/web").ReadableStream), fs.createWriteStream(file));
  expect(fs.statSync(file).size).toBeGreaterThan(200 * 1024 * 1024);

  const up = await fetch(`${base}/api/v1/endpoints/local/volume-archive/${DST}?create=1`, {
    method: "PUT",
    headers: { cookie, origin: base, "content-type": "application/x-tar" },
    body: Readable.toWeb(fs.createReadStream(file)) as ReadableStream,
    duplex: "half",
  } as RequestInit);
  expect(up.status, await up.clone().text()).toBe(201);
  const hwmAfter = kib("VmHWM");
  const rssAfter = kib("VmRSS");
  console.log(
    `[volume-files] 200 MiB down + up through HTTP: server VmHWM ${(hwmBefore / 1024).toFixed(0)} → ${(hwmAfter / 1024).toFixed(0)} MiB, VmRSS ${(rssBefore / 1024).toFixed(0)} → ${(rssAfter / 1024).toFixed(0)} MiB`,
  );
  // Holding the file would add at least its 200 MiB to the peak.
  expect(hwmAfter - hwmBefore).toBeLessThan(100 * 1024);
  expect(fingerprint(DST)).toBe(fingerprint(SRC));

  // Restoring into a volume that has files is refused.
  const again = await fetch(`${base}/api/v1/endpoints/local/volume-archive/${DST}`, {
    method: "PUT",
    headers: { cookie, origin: base },
    body: fs.readFileSync(file).subarray(0, 10_240),
  });
  expect(again.status).toBe(409);
  await admin.dispose();
});
