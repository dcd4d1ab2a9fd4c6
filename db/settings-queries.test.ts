import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { atomically } from "./atomic";
import { type DbHandle, openDb } from "./client";
import { deleteSettingStmt, getSetting, listSettings, putSetting } from "./settings-queries";

// Settings in the meta table, on both dialects: absent, inserted, then overwritten in place.

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const targets: [string, () => Promise<DbHandle>][] = [
  [
    "sqlite",
    () => {
      const d = fs.mkdtempSync(path.join(os.tmpdir(), "berth-settings-"));
      dirs.push(d);
      return openDb({ dataDir: d });
    },
  ],
  [
    "pg",
    () => {
      const url = process.env.BERTH_TEST_PG_URL;
      if (!url) throw new Error("BERTH_TEST_PG_URL is not set: start the test rig and source its env");
      return openDb({ databaseUrl: url, dataDir: "/nonexistent-berth-data-dir" });
    },
  ],
];

describe.each(targets)("settings on %s", (_, open) => {
  it("reads, inserts and upserts a JSON setting", async () => {
    const h = await open();
    try {
      const key = `test_setting_${Date.now()}_${Math.random()}`;
      expect(await getSetting(h, key)).toBeUndefined();
      await putSetting(h, key, JSON.stringify({ privileged: true }));
      expect(JSON.parse((await getSetting(h, key)) ?? "")).toEqual({ privileged: true });
      await putSetting(h, key, JSON.stringify({ privileged: false }));
      expect(JSON.parse((await getSetting(h, key)) ?? "")).toEqual({ privileged: false });
    } finally {
      await h.close();
    }
  });

  it("lists by exact prefix (LIKE wildcards in it match only themselves) and deletes", async () => {
    const h = await open();
    try {
      const base = `test_prefix_${Date.now()}_${Math.random().toString(36).slice(2)}`;
      await putSetting(h, `${base}:a_b:1`, "1");
      await putSetting(h, `${base}:aXb:2`, "2");
      expect((await listSettings(h, `${base}:a_b:`)).map((r) => r.key)).toEqual([`${base}:a_b:1`]);
      await atomically(h, function* (tx) {
        yield deleteSettingStmt(tx, `${base}:a_b:1`);
      });
      expect(await listSettings(h, `${base}:a_b:`)).toEqual([]);
      expect(await getSetting(h, `${base}:aXb:2`)).toBe("2");
    } finally {
      await h.close();
    }
  });
});
