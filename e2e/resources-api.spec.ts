import { expect, test } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";
import { docker, uniqueName } from "./support/docker-cli";

test("the resource API: lists, a volume made and removed, events filtered, errors as problem+json", async ({
  page,
  playwright,
  baseURL,
}) => {
  const anon = await playwright.request.newContext({ baseURL });
  const denied = await anon.get("/api/v1/endpoints/local/images");
  expect(denied.status()).toBe(401);
  expect(denied.headers()["content-type"]).toContain("application/problem+json");
  await anon.dispose();

  await new SignInPage(page).signInAsAdmin();
  const api = page.request;
  for (const what of ["images", "networks", "volumes", "events"]) {
    const r = await api.get(`/api/v1/endpoints/local/${what}`);
    expect(r.status(), what).toBe(200);
    expect(Array.isArray(await r.json()), what).toBe(true);
  }
  const vol = uniqueName("apivol");
  const created = await api.post("/api/v1/endpoints/local/volumes/create", { data: { name: vol, labels: { a: "b" } } });
  expect(created.status()).toBe(200);
  expect(await created.json()).toEqual({ name: vol });
  expect(docker("volume", "inspect", "-f", "{{.Labels.a}}", vol)).toBe("b");
  await expect
    .poll(async () => (await (await api.get(`/api/v1/endpoints/local/events?type=volume&object=${vol}`)).json()).length)
    .toBeGreaterThan(0);
  const removed = await api.post("/api/v1/endpoints/local/volumes/remove", { data: { name: vol } });
  expect(removed.status()).toBe(204);

  const bad = await api.post("/api/v1/endpoints/local/images/pull", { data: { ref: "<script>" } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).detail).toContain("Not an image name");
  expect((await api.post("/api/v1/endpoints/local/images/nope", { data: {} })).status()).toBe(400);
  expect((await api.get("/api/v1/endpoints/nope/images")).status()).toBe(404);
  const doc = await (await api.get("/api/v1/openapi.json")).json();
  for (const p of ["images", "networks", "volumes", "events"]) {
    expect(Object.keys(doc.paths)).toContain(`/endpoints/{endpointId}/${p}`);
  }
});
