import { expect, test } from "@playwright/test";
import { signedInApi, userWithGrants } from "./support/api-client";
import { docker, runSleeper, uniqueName } from "./support/docker-cli";
import { serverState } from "./support/env";

const state = (name: string) => docker("inspect", "-f", "{{.State.Status}}", name);

test("the container API: inspect (redacted for viewers), top, and every single-container verb", async () => {
  const admin = await signedInApi();
  const name = uniqueName("capi");
  runSleeper(name, ["-e", "API_SECRET=hunter2-capi", "--label", "team=capi"]);
  try {
    const base = `/api/v1/endpoints/local/containers/${name}`;
    const inspected = await admin.get(base);
    expect(inspected.status()).toBe(200);
    const full = (await inspected.json()) as {
      inspect: { Name: string; Config: { Env: string[] } };
      secretsVisible: boolean;
    };
    expect(full.inspect.Name).toBe(`/${name}`);
    expect(full.secretsVisible).toBe(true);
    expect(full.inspect.Config.Env).toContain("API_SECRET=hunter2-capi");

    const viewer = await userWithGrants(admin, uniqueName("capiviewer"), { local: "viewer" });
    const viewerApi = await signedInApi(viewer.username, viewer.password);
    const seen = await viewerApi.get(base);
    expect(seen.status()).toBe(200);
    const redacted = await seen.text();
    expect(redacted).not.toContain("hunter2-capi");
    expect(JSON.parse(redacted).secretsVisible).toBe(false);
    // A viewer reads but never operates.
    const refused = await viewerApi.post(`${base}/pause`, { headers: { Origin: serverState().baseURL } });
    expect(refused.status()).toBe(403);
    expect(state(name)).toBe("running");
    await viewerApi.dispose();

    const top = (await (await admin.get(`${base}/top`)).json()) as { titles: string[]; processes: string[][] };
    expect(top.titles).toContain("CMD");
    expect(top.processes.some((p) => p.join(" ").includes("sleep 3600"))).toBe(true);

    const post = (verb: string) => admin.post(`${base}/${verb}`, { headers: { Origin: serverState().baseURL } });
    expect((await post("pause")).status()).toBe(204);
    expect(state(name)).toBe("paused");
    expect((await post("unpause")).status()).toBe(204);
    expect(state(name)).toBe("running");
    expect((await post("kill")).status()).toBe(204);
    expect(state(name)).toBe("exited");
    // Top of a stopped container is empty, not an error.
    expect(await (await admin.get(`${base}/top`)).json()).toEqual({ titles: [], processes: [] });
    const bad = await post("explode");
    expect(bad.status()).toBe(400);
    expect(bad.headers()["content-type"]).toContain("application/problem+json");
    expect((await admin.get("/api/v1/endpoints/local/containers/e2e-no-such-container")).status()).toBe(404);

    const doc = (await (await admin.get("/api/v1/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/endpoints/{endpointId}/containers/{containerId}",
        "/endpoints/{endpointId}/containers/{containerId}/top",
      ]),
    );
  } finally {
    docker("rm", "-f", name);
    await admin.dispose();
  }
});
