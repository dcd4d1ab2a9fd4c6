import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";
import { signedInApi, userWithGrants } from "./support/api-client";
import { uniqueName } from "./support/docker-cli";
import { serverState } from "./support/env";

// Backups from the UI and the API of the running server, checked by restoring them with the offline CLI into a
// fresh SQLite folder: what the admin downloads is a whole, working Berth.

const PASS = "e2e backup passphrase";

function restoreWithCli(file: string, passphrase: string): { ok: boolean; out: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-e2e-restore-"));
  try {
    const out = execFileSync(process.execPath, ["scripts/berth.mjs", "restore", file], {
      env: {
        ...process.env,
        BERTH_DATA_DIR: dir,
        DATABASE_URL: "",
        BERTH_SECRET_KEY: "",
        BERTH_BACKUP_PASSPHRASE: passphrase,
      },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return { ok: true, out, dir };
  } catch (err) {
    return { ok: false, out: String((err as { stderr?: string }).stderr), dir };
  }
}

test("an admin downloads an encrypted backup from the Backup page; the CLI restores it", async ({ page }) => {
  const marker = uniqueName("bak-team");
  const admin = await signedInApi();
  await admin.post("/api/v1/teams", { data: { name: marker } });
  await new SignInPage(page).signInAsAdmin();
  await page.getByRole("link", { name: "Backup" }).click();
  await expect(page.getByRole("heading", { name: "Backup", level: 1 })).toBeVisible();
  const form = page.getByRole("form", { name: "Download a backup" });
  await form.getByLabel("Passphrase", { exact: true }).fill(PASS);
  await form.getByLabel("Confirm passphrase").fill("something else");
  await expect(form.getByRole("button", { name: "Download backup" })).toBeDisabled();
  await form.getByLabel("Confirm passphrase").fill(PASS);
  const download = page.waitForEvent("download");
  await form.getByRole("button", { name: "Download backup" }).click();
  const file = path.join(test.info().outputDir, (await download).suggestedFilename());
  await (await download).saveAs(file);
  await expect(form.getByRole("status")).toContainText("Saved");
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(0, 8).toString()).toBe("BERTHBAK");
  expect(bytes.includes(Buffer.from(marker))).toBe(false);

  expect(restoreWithCli(file, "not the passphrase!").out).toContain("Wrong passphrase");
  const restored = restoreWithCli(file, PASS);
  expect(restored.out).toContain("Restored");
  // The restored database holds the team made just before the backup.
  const db = fs.readFileSync(path.join(restored.dir, "berth.db"));
  expect(db.includes(Buffer.from(marker))).toBe(true);
  await admin.dispose();
});

test("the backup API: admins get the file, others are refused and the refusal is audited", async () => {
  const admin = await signedInApi();
  const viewer = await userWithGrants(admin, uniqueName("bakv"), { local: "operator" });
  const viewerApi = await signedInApi(viewer.username, viewer.password);
  const origin = { Origin: serverState().baseURL };
  expect((await viewerApi.post("/api/v1/backup", { data: { passphrase: PASS }, headers: origin })).status()).toBe(403);
  expect((await admin.post("/api/v1/backup", { data: { passphrase: "short" }, headers: origin })).status()).toBe(400);
  const res = await admin.post("/api/v1/backup", { data: { passphrase: PASS }, headers: origin });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/octet-stream");
  expect((await res.body()).subarray(0, 8).toString()).toBe("BERTHBAK");
  type Row = { actorName: string; outcome: string };
  const rows = async (action: string) =>
    (await (await admin.get(`/api/v1/audit?action=${action}&limit=20`)).json()) as Row[];
  // The route refuses before the use case runs: its refusal is recorded under the route's name.
  expect((await rows("api.backup.create")).some((a) => a.actorName === viewer.username && a.outcome === "denied")).toBe(
    true,
  );
  expect((await rows("backup.create")).some((a) => a.outcome === "success")).toBe(true);
  await viewerApi.dispose();
  await admin.dispose();
});
