import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "@/server/auth/actor";
import { endSession } from "@/server/auth/session-revocation";
import { setUserDisabled } from "@/server/services/users/set-user-disabled";
import { ask, type Harness, startHarness } from "@/test-support/workbench-harness";

// Sockets whose session ends are closed by a push, not by the gateway's periodic re-check: the reason they are told
// ("signed out", "account changed") is one only the push gives (the re-check says "session ended").
const DOCKER_HOST = process.env.BERTH_TEST_DOCKER_HOST ?? "";
if (!DOCKER_HOST) throw new Error("BERTH_TEST_DOCKER_HOST not set: start the rig and source its env");
let h: Harness;

beforeAll(async () => {
  h = await startHarness(DOCKER_HOST);
});
afterAll(() => h.close());

async function watched(as: "admin" | "viewer") {
  const socket = await h.connect(as);
  expect(await ask<{ ok: boolean }>(socket, "subscribe", "endpoint:local:containers")).toMatchObject({ ok: true });
  return {
    socket,
    revoked: new Promise<unknown>((resolve) => socket.on("revoked", resolve)),
    gone: new Promise<string>((resolve) => socket.on("disconnect", resolve)),
  };
}

describe("session push", () => {
  it("signing out closes that session's sockets", async () => {
    const a = await watched("admin");
    await endSession("test-session-admin");
    expect(await a.revoked).toEqual({ reason: "signed out" });
    expect(await a.gone).toBe("io server disconnect");
  });

  it("disabling a user closes their sockets at once, and their old session cannot reconnect", async () => {
    // A fresh admin session (the one above is signed out).
    const admin = (await loadActor("u-admin", 1))!;
    const v = await watched("viewer");
    await setUserDisabled(admin, { userId: "u-viewer", disabled: true });
    expect(await v.revoked).toEqual({ reason: "account changed" });
    expect(await v.gone).toBe("io server disconnect");

    await setUserDisabled(admin, { userId: "u-viewer", disabled: false });
    // Disabling bumped the session version past the one the harness's token carries: that session stays over.
    await expect(h.connect("viewer")).rejects.toThrow(/unauthorized/);
  });
});
