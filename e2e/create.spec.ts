import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { accountMenuButton } from "./pages/account-menu";
import { ContainersPage } from "./pages/containers-page";
import { CreateContainerPage, EditContainerPage } from "./pages/create-container-page";
import { SignInPage } from "./pages/sign-in-page";
import { auditRows, createGrantedUser } from "./support/db-seed";
import { docker, runSleeper, uniqueName } from "./support/docker-cli";
import { requireEnv } from "./support/env";

interface Inspect {
  Id: string;
  Name: string;
  Image: string;
  State: { Running: boolean };
  Config: { Env: string[]; Labels: Record<string, string>; Cmd: string[]; Image: string };
  HostConfig: {
    PortBindings: Record<string, { HostIp: string; HostPort: string }[]>;
    RestartPolicy: { Name: string; MaximumRetryCount: number };
    Memory: number;
    Init: boolean;
    Privileged: boolean;
  };
}

const inspect = (name: string) => (JSON.parse(docker("inspect", name)) as Inspect[])[0]!;
const exists = (name: string) => docker("ps", "-a", "--filter", `name=^${name}$`, "--format", "{{.Names}}") === name;
const freePort = () => 20000 + Math.floor(Math.random() * 20000);

test.describe("as admin", () => {
  test.beforeEach(async ({ page }) => {
    await new SignInPage(page).signInAsAdmin();
  });

  test("Create from the form: every setting reaches the engine", async ({ page }) => {
    const name = uniqueName("made");
    const port = String(freePort());
    const form = new CreateContainerPage(page);
    await form.open();
    await form.fill("Image", requireEnv("BERTH_TEST_IMAGE"));
    await form.fill("Name", name);
    await form.fill("Command", "sh -c 'sleep 3600'");
    await form.addEnv("GREETING=hello world=1 <b>&amp;");
    await form.addEnv("EMPTY=");
    await form.addLabel("com.example.team", "<b>ops</b>");
    await form.addPort({ hostIp: "127.0.0.1", hostPort: port, containerPort: "80" });
    await form.field("Restart policy").selectOption("on-failure");
    await form.fill("Maximum retries", "3");
    await form.fill("Memory limit (MB)", "64");
    await form.field("Run an init process").check();
    await form.submit();

    await form.landed(name);
    await expect(page.getByText(`Created ${name}`)).toBeVisible();
    const c = inspect(name);
    expect(c.State.Running).toBe(true);
    expect(c.Config.Env).toEqual(expect.arrayContaining(["GREETING=hello world=1 <b>&amp;", "EMPTY="]));
    expect(c.Config.Labels["com.example.team"]).toBe("<b>ops</b>");
    expect(c.Config.Cmd).toEqual(["sh", "-c", "sleep 3600"]);
    expect(c.HostConfig.PortBindings["80/tcp"]).toEqual([{ HostIp: "127.0.0.1", HostPort: port }]);
    expect(c.HostConfig.RestartPolicy).toEqual({ Name: "on-failure", MaximumRetryCount: 3 });
    expect(c.HostConfig.Memory).toBe(64 * 1024 * 1024);
    expect(c.HostConfig.Init).toBe(true);
    expect(docker("port", name, "80/tcp")).toBe(`127.0.0.1:${port}`);
    const record = auditRows("admin", "container.create").find((r) => r.target === name);
    expect(record?.outcome).toBe("success");
    docker("rm", "-f", name);
  });

  test("pickers offer what exists, the command spans lines, long label keys show whole", async ({ page }) => {
    const name = uniqueName("picked");
    const net = uniqueName("picknet");
    docker("network", "create", net);
    const form = new CreateContainerPage(page);
    await form.open();
    // The image and network fields suggest the endpoint's own images and networks; typing stays free.
    const image = requireEnv("BERTH_TEST_IMAGE");
    const imageList = await form.field("Image").getAttribute("list");
    expect(imageList).toBeTruthy();
    expect(
      await page
        .locator(`datalist[id="${imageList}"] option`)
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)),
    ).toContain(image);
    const netList = await form.field("Network").getAttribute("list");
    expect(
      await page
        .locator(`datalist[id="${netList}"] option`)
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)),
    ).toContain(net);
    await form.fill("Image", image);
    await form.fill("Name", name);
    await form.fill("Network", net);
    await form.fill("Command", "sh -c \\\n  'echo two lines;\n   sleep 3600'");
    const key = "com.docker.compose.config-hash";
    await form.addLabel(key, "v");
    const keyField = form.field("Label 1 key");
    // The whole key fits in its box (no hidden overflow).
    expect(
      await keyField.evaluate((el) => (el as HTMLInputElement).scrollWidth <= (el as HTMLInputElement).clientWidth),
    ).toBe(true);
    await form.field("Run an init process").check();
    await form.submit();
    await form.landed(name);
    const c = inspect(name);
    expect(c.Config.Cmd).toEqual(["sh", "-c", "echo two lines;\n   sleep 3600"]);
    expect(c.Config.Labels[key]).toBe("v");
    expect(docker("inspect", "-f", `{{if index .NetworkSettings.Networks "${net}"}}yes{{end}}`, name)).toBe("yes");
    docker("rm", "-f", name);
    docker("network", "rm", net);
  });

  test("editing a compose-managed container warns that compose will put it back", async ({ page }) => {
    const name = uniqueName("composed");
    runSleeper(name, ["--label", "com.docker.compose.project=shop", "--label", "com.docker.compose.service=web"]);
    await page.goto(`/endpoints/local/containers/${name}`);
    await page.getByRole("toolbar", { name: "Container actions" }).getByRole("link", { name: "Edit" }).click();
    const note = page.getByRole("note");
    await expect(note).toContainText("Managed by Compose");
    await expect(note).toContainText("shop");
    await expect(note).toContainText("web");
    // A container outside compose gets no such warning.
    const plain = uniqueName("plain");
    runSleeper(plain);
    await page.goto(`/endpoints/local/containers/${plain}`);
    await page.getByRole("toolbar", { name: "Container actions" }).getByRole("link", { name: "Edit" }).click();
    await expect(page.getByRole("form", { name: `Edit container ${plain}` })).toBeVisible();
    await expect(page.getByRole("note")).toHaveCount(0);
    docker("rm", "-f", name, plain);
  });

  test("a malformed form explains each field and creates nothing", async ({ page }) => {
    const name = uniqueName("bad");
    const form = new CreateContainerPage(page);
    await form.open();
    await form.fill("Name", name);
    await form.addEnv("GOOD=1");
    await form.addEnv("not an env line");
    await form.addPort({ hostPort: "99999", containerPort: "http" });
    await form.submit();

    await expect(form.alert()).toContainText("The container was not created");
    await expect(form.field("Image")).toHaveAccessibleDescription("Image is required");
    await expect(form.field("Environment variable 2")).toHaveAccessibleDescription(/Must be KEY=VALUE/);
    await expect(form.field("Environment variable 1")).not.toHaveAttribute("aria-invalid", "true");
    await expect(form.field("Port 1 host port")).toHaveAccessibleDescription(
      /Host port must be a whole number from 1 to 65535/,
    );
    await expect(form.field("Port 1 container port")).toHaveAccessibleDescription(
      /Container port must be a whole number from 1 to 65535/,
    );
    expect(exists(name)).toBe(false);

    // Fixing the fields is enough: the same form then creates the container.
    await form.fill("Image", requireEnv("BERTH_TEST_IMAGE"));
    await form.fill("Command", "sleep 3600");
    await form.form.getByRole("button", { name: "Remove environment variable 2" }).click();
    await form.form.getByRole("button", { name: "Remove port 1" }).click();
    await form.field("Run an init process").check();
    await form.submit();
    await form.landed(name);
    expect(inspect(name).State.Running).toBe(true);
    docker("rm", "-f", name);
  });

  test("Duplicate pre-fills the form from a container", async ({ page }) => {
    const name = uniqueName("orig");
    const port = String(freePort());
    runSleeper(name, [
      "-e",
      "MODE=copy me",
      "--label",
      "tier=web",
      "-p",
      `127.0.0.1:${port}:80`,
      "--restart",
      "unless-stopped",
      "-w",
      "/tmp",
    ]);
    const list = new ContainersPage(page);
    await list.open();
    await list.filterName(name);
    await list.action(name, "Duplicate").click();
    const form = new CreateContainerPage(page);
    await expect(form.form).toBeVisible();
    await expect(form.field("Image")).toHaveValue(requireEnv("BERTH_TEST_IMAGE"));
    await expect(form.field("Name")).toHaveValue(`${name}-copy`);
    await expect(form.field("Command")).toHaveValue("sleep 3600");
    await expect(form.field("Environment variable 1")).toHaveValue("MODE=copy me");
    await expect(form.field("Label 1 key")).toHaveValue("tier");
    await expect(form.field("Label 1 value")).toHaveValue("web");
    await expect(form.field("Port 1 host IP")).toHaveValue("127.0.0.1");
    await expect(form.field("Port 1 host port")).toHaveValue(port);
    await expect(form.field("Port 1 container port")).toHaveValue("80");
    await expect(form.field("Restart policy")).toHaveValue("unless-stopped");
    await expect(form.field("Working directory")).toHaveValue("/tmp");
    await expect(form.field("Run an init process")).toBeChecked();

    // The copy cannot share the host port; without it, it is created as shown.
    await form.form.getByRole("button", { name: "Remove port 1" }).click();
    await form.submit();
    await form.landed(`${name}-copy`);
    expect(inspect(`${name}-copy`).State.Running).toBe(true);
    expect(inspect(`${name}-copy`).Config.Env).toContain("MODE=copy me");
    docker("rm", "-f", name, `${name}-copy`);
  });

  test("Rename and Recreate (pulling the image first); the CLI agrees", async ({ page }) => {
    const name = uniqueName("rn");
    docker(
      "run",
      "-d",
      "--init",
      "--name",
      name,
      "-e",
      "KEEP=1",
      requireEnv("BERTH_TEST_REGISTRY_IMAGE"),
      "sleep",
      "3600",
    );
    const list = new ContainersPage(page);
    await list.open();
    await list.filterName(name);
    await expect(list.state(name)).toHaveText("running");

    const renamed = `${name}-new`;
    await list.action(name, "Rename").click();
    const renameDialog = page.getByRole("dialog", { name: `Rename container ${name}` });
    await renameDialog.getByLabel("New name").fill(renamed);
    await renameDialog.getByRole("button", { name: "Rename", exact: true }).click();
    await expect(renameDialog).toHaveCount(0);
    await expect(list.state(renamed)).toHaveText("running");
    expect(exists(name)).toBe(false);
    const before = inspect(renamed);

    await list.action(renamed, "Recreate").click();
    const recreateDialog = page.getByRole("dialog", { name: `Recreate container ${renamed}` });
    await recreateDialog.getByLabel("Pull image first").check();
    await recreateDialog.getByRole("button", { name: "Recreate", exact: true }).click();
    await expect(recreateDialog).toHaveCount(0);
    const after = inspect(renamed);
    expect(after.Id).not.toBe(before.Id);
    expect(after.State.Running).toBe(true);
    expect(after.Config.Env).toContain("KEEP=1");
    expect(after.HostConfig.Init).toBe(true);
    expect(docker("ps", "-a", "--filter", `name=${name}`, "--format", "{{.Names}}")).toBe(renamed);
    await expect(list.state(renamed)).toHaveText("running");
    const record = auditRows("admin", "container.recreate").find((r) => r.target === renamed);
    expect(record?.outcome).toBe("success");
    // "(pulled)", or "(pulled with the credentials of …)" when a saved registry (one the matrix made) matches.
    expect(record?.detail).toMatch(/\(pulled( with the credentials of [^)]+)?\)/);
    docker("rm", "-f", renamed);
  });
  test("Recreate rolls back when the new container cannot be made", async ({ page }) => {
    // A bind source that disappears after the container was made: the engine refuses to create its twin.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-e2e-bind-"));
    const name = uniqueName("rollback");
    docker(
      "create",
      "--init",
      "--name",
      name,
      "--mount",
      `type=bind,src=${dir},dst=/x`,
      requireEnv("BERTH_TEST_IMAGE"),
    );
    const before = inspect(name);
    fs.rmSync(dir, { recursive: true });
    const res = await page.request.post(`/api/v1/endpoints/local/containers/${name}/recreate`, { data: {} });
    expect(res.status()).toBe(400);
    const detail = (await res.json()).detail as string;
    expect(detail).toContain("bind source path does not exist");
    expect(detail).toContain("(rolled back)");
    expect(inspect(name).Id).toBe(before.Id);
    expect(docker("ps", "-a", "--filter", `name=${name}`, "--format", "{{.Names}}")).toBe(name);
    const record = auditRows("admin", "container.recreate").find((r) => r.target === name);
    expect(record?.outcome).toBe("failure");
    docker("rm", "-f", name);
  });
});

test.describe("Edit", () => {
  test.beforeEach(async ({ page }) => {
    await new SignInPage(page).signInAsAdmin();
  });

  async function openEdit(page: Page, name: string): Promise<EditContainerPage> {
    const list = new ContainersPage(page);
    await list.open();
    await list.filterName(name);
    await list.action(name, "Edit").click();
    const form = new EditContainerPage(page, name);
    await expect(form.form).toBeVisible();
    return form;
  }
  const namesLike = (name: string) =>
    docker("ps", "-a", "--filter", `name=${name}`, "--format", "{{.Names}}").split("\n").filter(Boolean);

  test("environment, a label and the restart policy through the form; the CLI sees them under the same name", async ({
    page,
  }) => {
    const name = uniqueName("edit");
    runSleeper(name, ["-e", "MODE=old", "--label", "keep=yes"]);
    const before = inspect(name);
    const form = await openEdit(page, name);
    await expect(form.field("Name")).toHaveValue(name);
    await expect(form.field("Name")).not.toBeEditable();
    await expect(form.field("Environment variable 1")).toHaveValue("MODE=old");
    await expect(form.field("Label 1 key")).toHaveValue("keep");
    await form.fill("Environment variable 1", "MODE=new");
    await form.addEnv("EXTRA=two words");
    await form.addLabel("tier", "web");
    await form.field("Restart policy").selectOption("unless-stopped");
    await form.submit();
    await form.landed(name);

    const after = inspect(name);
    expect(after.Id).not.toBe(before.Id);
    expect(after.State.Running).toBe(true);
    expect(after.Config.Env).toEqual(expect.arrayContaining(["MODE=new", "EXTRA=two words"]));
    expect(after.Config.Env).not.toContain("MODE=old");
    expect(after.Config.Labels).toMatchObject({ keep: "yes", tier: "web" });
    expect(after.HostConfig.RestartPolicy.Name).toBe("unless-stopped");
    expect(after.HostConfig.Init).toBe(true);
    expect(namesLike(name)).toEqual([name]);
    expect(page.url()).toContain(after.Id);
    const record = auditRows("admin", "container.edit").find((r) => r.target === name);
    expect(record?.outcome).toBe("success");
    expect(record?.detail).toContain(`${before.Id.slice(0, 12)} -> ${after.Id.slice(0, 12)}`);
    docker("rm", "-f", name);
  });

  test("an edit that fails leaves the container running and unchanged, and shows why", async ({ page }) => {
    const name = uniqueName("editfail");
    runSleeper(name, ["-e", "MODE=old"]);
    const before = inspect(name);
    const form = await openEdit(page, name);

    // An image that cannot be pulled: refused before the container is touched.
    await form.fill("Image", `${requireEnv("BERTH_TEST_REGISTRY")}/berth-test/no-such-image:latest`);
    await form.fill("Environment variable 1", "MODE=new");
    await form.submit();
    await expect(form.alert()).toContainText(/Pulling .*no-such-image:latest failed/);
    let now = inspect(name);
    expect(now.Id).toBe(before.Id);
    expect(now.State.Running).toBe(true);
    expect(now.Config.Env).toContain("MODE=old");

    // A host port another container holds: the new container cannot start, and the old one is put back.
    const holder = uniqueName("holder");
    const port = String(freePort());
    runSleeper(holder, ["-p", `127.0.0.1:${port}:80`]);
    await form.fill("Image", requireEnv("BERTH_TEST_IMAGE"));
    await form.addPort({ hostIp: "127.0.0.1", hostPort: port, containerPort: "80" });
    await form.submit();
    await expect(form.alert()).toContainText("port is already allocated");
    await expect(form.alert()).toContainText("rolled back");
    now = inspect(name);
    expect(now.Id).toBe(before.Id);
    expect(now.State.Running).toBe(true);
    expect(now.Config.Env).toContain("MODE=old");
    expect(now.HostConfig.PortBindings).toEqual(before.HostConfig.PortBindings);
    expect(namesLike(name)).toEqual([name]);
    const records = auditRows("admin", "container.edit").filter((r) => r.target === name);
    expect(records.map((r) => r.outcome)).toEqual(["failure", "failure"]);
    docker("rm", "-f", name, holder);
  });
});

test.describe("as a non-admin operator", () => {
  const user = { username: uniqueName("op").replace(/[^a-zA-Z0-9_.@-]/g, ""), password: "operator-password-1" };
  let privileged = "";
  let bindVolume = "";

  test.beforeAll(async () => {
    await createGrantedUser(user.username, user.password, "local", "operator");
    privileged = uniqueName("priv");
    // Created, not started: this VM cannot run privileged containers, and the refusal comes before any start.
    docker("create", "--init", "--privileged", "--name", privileged, requireEnv("BERTH_TEST_IMAGE"), "sleep", "3600");
    bindVolume = uniqueName("hostvol");
    docker("volume", "create", "-o", "type=none", "-o", "o=bind", "-o", "device=/etc", bindVolume);
  });

  test.afterAll(() => {
    if (privileged) docker("rm", "-f", privileged);
    if (bindVolume) docker("volume", "rm", bindVolume);
  });

  async function signIn(page: Page) {
    await new SignInPage(page).signIn(user.username, user.password);
    await expect(accountMenuButton(page)).toBeVisible();
  }

  test("is refused host binds via Mounts and via a volume with bind options, each naming the rule", async ({
    page,
  }) => {
    await signIn(page);
    for (const [volume, reason] of [
      [{ type: "bind", source: "/etc", target: "/host-etc" }, "bind mount of /etc"],
      [{ type: "volume", source: bindVolume, target: "/host-etc" }, "driver option o=bind"],
    ] as const) {
      const name = uniqueName("denied");
      const form = new CreateContainerPage(page);
      await form.open();
      await form.fill("Image", requireEnv("BERTH_TEST_IMAGE"));
      await form.fill("Name", name);
      await form.fill("Command", "sleep 3600");
      await form.addVolume(volume);
      await form.submit();
      await expect(form.alert()).toContainText('Refused by container restriction "Bind mounts of host paths');
      await expect(form.alert()).toContainText(reason);
      expect(exists(name)).toBe(false);
      const record = auditRows(user.username, "container.create").find((r) => r.target === name);
      expect(record?.outcome).toBe("denied");
      expect(record?.detail).toContain("Bind mounts of host paths");
    }
    // An ordinary container is still allowed.
    const ok = uniqueName("allowed");
    const form = new CreateContainerPage(page);
    await form.open();
    await form.fill("Image", requireEnv("BERTH_TEST_IMAGE"));
    await form.fill("Name", ok);
    await form.fill("Command", "sleep 3600");
    await form.addVolume({ type: "volume", source: "", target: "/data" });
    await form.field("Run an init process").check();
    await form.submit();
    await form.landed(ok);
    expect(inspect(ok).State.Running).toBe(true);
    docker("rm", "-f", "-v", ok);
  });

  test("is refused recreating a privileged container, and it stays as it was", async ({ page }) => {
    await signIn(page);
    const before = inspect(privileged);
    const list = new ContainersPage(page);
    await list.open();
    await list.filterName(privileged);
    await list.action(privileged, "Recreate").click();
    const dialog = page.getByRole("dialog", { name: `Recreate container ${privileged}` });
    await dialog.getByRole("button", { name: "Recreate", exact: true }).click();
    await expect(dialog.getByRole("alert")).toContainText(/Refused by container restrictions? "Privileged mode"/);
    const after = inspect(privileged);
    expect(after.Id).toBe(before.Id);
    expect(after.HostConfig.Privileged).toBe(true);
    const record = auditRows(user.username, "container.recreate").find((r) => r.target === privileged);
    expect(record?.outcome).toBe("denied");
    expect(record?.detail).toContain("Privileged mode");
    await dialog.getByRole("button", { name: "Cancel" }).click();

    // An ordinary container made by someone else is recreated for the operator as usual.
    const plain = uniqueName("plain");
    runSleeper(plain, ["-e", "KEEP=1"]);
    const plainBefore = inspect(plain);
    await list.filterName(plain);
    await list.action(plain, "Recreate").click();
    const plainDialog = page.getByRole("dialog", { name: `Recreate container ${plain}` });
    await plainDialog.getByRole("button", { name: "Recreate", exact: true }).click();
    await expect(plainDialog).toHaveCount(0);
    const plainAfter = inspect(plain);
    expect(plainAfter.Id).not.toBe(plainBefore.Id);
    expect(plainAfter.Config.Env).toContain("KEEP=1");
    expect(plainAfter.State.Running).toBe(true);
    docker("rm", "-f", plain);
  });

  test("the API refuses the same bind for the operator and names the rule", async ({ page }) => {
    await signIn(page);
    const name = uniqueName("apidenied");
    const res = await page.request.post("/api/v1/endpoints/local/containers", {
      data: {
        spec: { image: requireEnv("BERTH_TEST_IMAGE"), name, volumes: [{ type: "bind", source: "/", target: "/h" }] },
      },
    });
    expect(res.status()).toBe(403);
    expect(res.headers()["content-type"]).toContain("application/problem+json");
    expect((await res.json()).detail).toContain("Bind mounts of host paths");
    expect(exists(name)).toBe(false);
  });

  test("an admin can lift one rule; the operator is then allowed that, and only that", async ({ page, browser }) => {
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await new SignInPage(admin).signInAsAdmin();
    const setRule = async (checked: boolean) => {
      await admin.getByRole("link", { name: "Settings" }).click();
      const box = admin.getByRole("checkbox", { name: /^Bind mounts of host paths/ });
      await expect(box).toBeChecked({ checked: !checked });
      await box.setChecked(checked);
      await admin.getByRole("button", { name: "Save" }).click();
      await expect(admin.getByRole("status")).toHaveText("Saved.");
    };
    await setRule(false);
    try {
      await signIn(page);
      await expect(page.getByRole("link", { name: "Settings" })).toHaveCount(0);
      const name = uniqueName("lifted");
      const form = new CreateContainerPage(page);
      await form.open();
      await form.fill("Image", requireEnv("BERTH_TEST_IMAGE"));
      await form.fill("Name", name);
      await form.fill("Command", "sleep 3600");
      await form.addVolume({ type: "bind", source: "/tmp", target: "/host-tmp" });
      await form.field("Run an init process").check();
      await form.submit();
      await form.landed(name);
      expect(inspect(name).State.Running).toBe(true);
      docker("rm", "-f", name);
      // Privileged stays refused.
      const res = await page.request.post(`/api/v1/endpoints/local/containers/${privileged}/recreate`, { data: {} });
      expect(res.status()).toBe(403);
      expect((await res.json()).detail).toContain("Privileged mode");
    } finally {
      await setRule(true);
      await adminContext.close();
    }
    const record = auditRows("admin", "settings.container_restrictions")[0];
    expect(record?.outcome).toBe("success");
    expect(record?.detail).toBe("all on");
  });
});
