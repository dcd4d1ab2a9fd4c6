import { expect, test } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";
import { anonymousApi, createUser, signedInApi, userWithGrants } from "./support/api-client";
import { docker, runSleeper, uniqueName } from "./support/docker-cli";
import { requireEnv, serverState } from "./support/env";

interface Hit {
  kind: string;
  endpointId: string;
  endpointName: string;
  name: string;
  href: string;
}

test("search finds what the user may see, across endpoints, and nothing else", async ({ page }) => {
  const admin = await signedInApi();
  const token = uniqueName("srch");
  const container = `${token}-web`;
  const network = `${token}-net`;
  runSleeper(container, ["--label", `com.docker.compose.project=${token}-stack`]);
  docker("network", "create", network);
  // A second endpoint on the same engine: the same container is then seen through two endpoints, and a user granted
  // only the second must find it there and never through `local`.
  const epName = `e2e-${token}-ep`;
  const created = await admin.post("/api/v1/endpoints", {
    headers: { Origin: serverState().baseURL },
    data: { name: epName, connection: { type: "unix", socketPath: requireEnv("BERTH_TEST_DOCKER_SOCKET") } },
  });
  expect(created.status()).toBe(200);
  const second = ((await created.json()) as { id: string }).id;
  try {
    // The admin, through the header's search box.
    await new SignInPage(page).signInAsAdmin();
    await page.getByRole("search", { name: "Search Berth" }).getByRole("searchbox", { name: "Search" }).fill(token);
    await page.getByRole("search", { name: "Search Berth" }).getByRole("button", { name: "Search" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
    const containers = page.getByRole("list", { name: "Containers" });
    await expect(containers.getByRole("link", { name: container })).toHaveCount(2);
    await expect(page.getByRole("list", { name: "Networks" }).getByRole("link", { name: network })).toHaveCount(2);
    await expect(page.getByRole("list", { name: "Endpoints" }).getByRole("link", { name: epName })).toBeVisible();
    // A compose project name finds its containers too.
    await page.getByRole("search", { name: "Refine search" }).getByRole("searchbox").fill(`${token}-stack`);
    await page.getByRole("search", { name: "Refine search" }).getByRole("button", { name: "Search" }).click();
    await expect(page.getByRole("status").filter({ hasText: `${token}-stack` })).toContainText("2 results");
    await containers.getByRole("link", { name: container }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: container })).toBeVisible();

    const api = async (who: typeof admin, q: string) => {
      const res = await who.get(`/api/v1/search?q=${encodeURIComponent(q)}`);
      expect(res.status()).toBe(200);
      return (await res.json()) as { hits: Hit[] };
    };
    const all = await api(admin, token);
    expect(new Set(all.hits.map((h) => h.endpointId))).toEqual(new Set(["local", second]));

    // A viewer of the second endpoint only: hits there, none through local, and local's name never appears.
    const viewer = await userWithGrants(admin, uniqueName("srchviewer"), { [second]: "viewer" });
    const viewerApi = await signedInApi(viewer.username, viewer.password);
    const seen = await api(viewerApi, token);
    expect(seen.hits.length).toBeGreaterThan(0);
    expect(seen.hits.every((h) => h.endpointId === second)).toBe(true);
    expect(seen.hits.map((h) => `${h.kind}:${h.name}`)).toEqual(
      expect.arrayContaining([`container:${container}`, `network:${network}`]),
    );
    expect((await api(viewerApi, "local")).hits.some((h) => h.endpointId === "local")).toBe(false);
    await viewerApi.dispose();

    // A user with no grants finds nothing at all; an anonymous caller is refused.
    const loner = uniqueName("srchloner");
    await createUser(admin, loner, `${loner}-password`);
    const lonerApi = await signedInApi(loner, `${loner}-password`);
    expect((await api(lonerApi, token)).hits).toEqual([]);
    await lonerApi.dispose();
    const anon = await anonymousApi();
    expect((await anon.get(`/api/v1/search?q=${token}`)).status()).toBe(401);
    await anon.dispose();

    // Bad input: an overlong query is a clear 400; regex characters are plain text.
    const long = await admin.get(`/api/v1/search?q=${"x".repeat(201)}`);
    expect(long.status()).toBe(400);
    expect(long.headers()["content-type"]).toContain("application/problem+json");
    expect((await api(admin, ".*")).hits).toEqual([]);
  } finally {
    await admin.delete(`/api/v1/endpoints/${encodeURIComponent(second)}`, {
      headers: { Origin: serverState().baseURL },
    });
    docker("rm", "-f", container);
    docker("network", "rm", network);
    await admin.dispose();
  }
});
