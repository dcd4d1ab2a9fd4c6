import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { countAdmins, listAudit } from "@/db/queries";
import { bootstrap } from "./bootstrap";
import { loadConfig } from "./config";
import { createRuntime, type Runtime } from "./runtime";

// Replicas started together on one database each run the first-start work. Here two runs overlap in one process on
// a real database (the claim on the first admin is the database's, so it is the same race): both must come up, with
// one admin made once.

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-boot-"));
let rt: Runtime;

beforeAll(async () => {
  rt = await createRuntime(
    loadConfig({
      BERTH_DATA_DIR: tmp,
      NEXTAUTH_SECRET: "x",
      LOG_LEVEL: "silent",
      NODE_ENV: "test",
      BERTH_ADMIN_USERNAME: "boot-admin",
      BERTH_ADMIN_PASSWORD: "boot-admin-password-1",
      // No engine: nothing to register as "local".
      DOCKER_HOST: `unix://${path.join(tmp, "no-engine.sock")}`,
    }),
  );
});

afterAll(async () => {
  rt?.endpoints.stopAll();
  await rt?.db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

it("two first starts at once both come up, and the admin from the environment is made once", async () => {
  const results = await Promise.allSettled([bootstrap(rt, "http://x"), bootstrap(rt, "http://x")]);
  expect(results.map((r) => (r.status === "rejected" ? String(r.reason) : "ok"))).toEqual(["ok", "ok"]);
  expect(await countAdmins(rt.db)).toBe(1);
  const made = await listAudit(rt.db, { action: "setup.create_admin" });
  expect(made.filter((r) => r.outcome === "success")).toHaveLength(1);
});
