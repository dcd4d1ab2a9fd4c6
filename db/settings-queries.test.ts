import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type DbHandle, openDb } from "./client";
import { getSetting, putSetting } from "./settings-queries";

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
});
