import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain";
import { DISK_FULL_MESSAGE } from "@/lib/storage-errors";
import { loadConfig } from "@/server/config";
import { createRuntime, type Runtime } from "@/server/runtime";
import { createTeam } from "@/server/services/teams/create-team";
import { listTeams } from "@/server/services/teams/list-teams";
import { toFailure } from "./errors";

// The data folder runs out of space (a 4 MB tmpfs mounted here, SQLite on it): writes fail with a clear 507 and
// nothing is saved, reads keep working, and once space returns writes work again and the database is intact.

const admin: Actor = { id: "admin-id", username: "admin", isAdmin: true, grants: {} };
const root = fs.mkdtempSync(path.join(os.tmpdir(), "berth-diskfull-"));
const dataDir = path.join(root, "data");
let mounted = false;
let rt: Runtime | undefined;

beforeAll(async () => {
  fs.mkdirSync(dataDir);
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", dataDir]);
  mounted = true;
  rt = await createRuntime(
    loadConfig({ BERTH_DATA_DIR: dataDir, NEXTAUTH_SECRET: "x", LOG_LEVEL: "silent", NODE_ENV: "test" }),
  );
});

afterAll(async () => {
  await rt?.db.close();
  if (mounted) execFileSync("umount", [dataDir]);
  fs.rmSync(root, { recursive: true, force: true });
});

function fill(): string {
  const filler = path.join(dataDir, "filler");
  // dd stops at ENOSPC (exit 1): exactly what is wanted.
  try {
    execFileSync("dd", ["if=/dev/zero", `of=${filler}`, "bs=64k"], { stdio: "ignore" });
  } catch {
    // the disk is full now
  }
  return filler;
}

describe("disk full on the data folder", () => {
  it("refuses writes with 507, keeps reads, and is intact once space returns", async () => {
    const saved: string[] = [];
    for (let i = 0; i < 5; i++) {
      const name = `before-${i}`;
      await createTeam(admin, { name });
      saved.push(name);
    }
    const filler = fill();

    // Writes fail, each with the clear message (a few may still fit in pages SQLite already has).
    let failure: ReturnType<typeof toFailure> | undefined;
    for (let i = 0; i < 2000 && !failure; i++) {
      const name = `during-${i}-${"x".repeat(60)}`;
      try {
        await createTeam(admin, { name: name.slice(0, 64) });
        saved.push(name.slice(0, 64));
      } catch (err) {
        failure = toFailure(err, "test");
      }
    }
    expect(failure).toEqual({ ok: false, status: 507, error: DISK_FULL_MESSAGE });
    // Reads keep working, and show everything reported saved.
    const listed = (await listTeams(admin)).map((t) => t.name);
    for (const n of saved) expect(listed).toContain(n);

    // Space returns: writes work again without a restart, and SQLite finds nothing wrong.
    fs.rmSync(filler);
    await createTeam(admin, { name: "after" });
    expect((await listTeams(admin)).map((t) => t.name)).toContain("after");
    await rt!.db.close();
    rt = undefined;
    const check = new Database(path.join(dataDir, "berth.db"), { readonly: true });
    try {
      expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
      const names = (check.prepare("SELECT name FROM teams").all() as { name: string }[]).map((r) => r.name);
      for (const n of [...saved, "after"]) expect(names).toContain(n);
    } finally {
      check.close();
    }
  }, 120_000);
});
