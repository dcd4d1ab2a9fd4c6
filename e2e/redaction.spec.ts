import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import { sessionCookie, signedInApi, userWithGrants } from "./support/api-client";
import { docker, uniqueName } from "./support/docker-cli";
import { requireEnv, serverState } from "./support/env";

// Every value below is a secret a viewer must never receive, on any surface.
const SECRETS = {
  label: "lbl-hunter2-secret",
  token: "lbl-tok-secret",
  env: "env-api-secret-value",
  exec: "exec-db-password-secret",
  image: "img-env-secret-value",
  imageLabel: "img-label-token-secret",
  network: "net-label-secret",
  volume: "vol-label-secret",
};

function connect(cookie: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = io(serverState().baseURL, {
      path: "/socket.io/",
      transports: ["websocket"],
      extraHeaders: { Cookie: cookie, Origin: serverState().baseURL },
      reconnection: false,
    });
    s.on("connect", () => resolve(s));
    s.on("connect_error", reject);
  });
}

const snapshot = (s: Socket, topic: string) =>
  new Promise<unknown>((resolve) => s.emit("subscribe", topic, (r: unknown) => resolve(r)));

function expectNoSecret(what: string, body: string) {
  for (const [k, v] of Object.entries(SECRETS)) expect(body, `${what} leaks ${k}`).not.toContain(v);
}

test("a viewer never receives secret-looking labels, env values, exec command lines or image ENV values", async () => {
  test.setTimeout(120_000);
  const tag = uniqueName("redact");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-redact-"));
  fs.writeFileSync(
    path.join(dir, "Dockerfile"),
    `FROM ${requireEnv("BERTH_TEST_IMAGE")}\nENV API_SECRET=${SECRETS.image}\nLABEL api_token=${SECRETS.imageLabel}\n`,
  );
  const image = `berth-test/${tag}:latest`;
  docker("build", "-q", "-t", image, dir);
  const net = `${tag}-net`;
  docker("network", "create", "--label", `db.password=${SECRETS.network}`, net);
  const vol = `${tag}-vol`;
  docker("volume", "create", "--label", `api_token=${SECRETS.volume}`, vol);
  const name = `${tag}-c`;
  const id = docker(
    ...["run", "-d", "--init", "--name", name, "--network", net, "-v", `${vol}:/data`],
    ...["--label", `db.password=${SECRETS.label}`, "--label", `api_token=${SECRETS.token}`, "--label", "app=shop"],
    ...["-e", `API_SECRET=${SECRETS.env}`, image, "sleep", "3600"],
  );
  docker("exec", name, "echo", `--db-password=${SECRETS.exec}`);

  const admin = await signedInApi();
  const viewerName = uniqueName("redact-viewer");
  const viewer = await userWithGrants(admin, viewerName, { local: "viewer" });
  const api = await signedInApi(viewerName, viewer.password);
  const socket = await connect(await sessionCookie(api));
  try {
    const get = async (url: string) => {
      const res = await api.get(url);
      expect(res.status(), url).toBe(200);
      return res.text();
    };
    // The container list carries the label keys (so the viewer knows they exist) and not their values.
    await expect.poll(async () => (await get("/api/v1/endpoints/local/containers")).includes(name)).toBe(true);
    const list = await get("/api/v1/endpoints/local/containers");
    expectNoSecret("container list", list);
    expect(list).toContain('"db.password"');
    expect(list).toContain('"app":"shop"');
    await expect.poll(async () => (await get("/api/v1/endpoints/local/events")).includes("exec_start")).toBe(true);
    const surfaces: Record<string, string> = {
      inspect: await get(`/api/v1/endpoints/local/containers/${id}`),
      events: await get("/api/v1/endpoints/local/events"),
      "image inspect": await get(`/api/v1/endpoints/local/images/inspect?image=${encodeURIComponent(image)}`),
      networks: await get("/api/v1/endpoints/local/networks"),
      volumes: await get("/api/v1/endpoints/local/volumes"),
      search: await get(`/api/v1/search?q=${encodeURIComponent(tag)}`),
      topology: await get("/api/v1/endpoints/local/topology"),
      "containers topic": JSON.stringify(await snapshot(socket, "endpoint:local:containers")),
      "events topic": JSON.stringify(await snapshot(socket, "endpoint:local:events")),
      "topology topic": JSON.stringify(await snapshot(socket, "endpoint:local:topology")),
    };
    for (const [what, body] of Object.entries(surfaces)) expectNoSecret(what, body);
    // The surfaces did show the objects (so the checks above looked at the right data).
    expect(surfaces.search).toContain(name);
    expect(surfaces["image inspect"]).toContain("API_SECRET");
    expect(surfaces.events).toContain(name);
    expect(surfaces.networks).toContain(net);
    expect(surfaces.volumes).toContain(vol);
    // Operators and admins still see the values in inspect (the detail document), viewers do not.
    const adminInspect = await (await admin.get(`/api/v1/endpoints/local/containers/${id}`)).text();
    expect(adminInspect).toContain(SECRETS.env);
  } finally {
    socket.close();
    docker("rm", "-f", name);
    docker("network", "rm", net);
    docker("volume", "rm", vol);
    docker("rmi", image);
    fs.rmSync(dir, { recursive: true, force: true });
    await api.dispose();
    await admin.dispose();
  }
});
