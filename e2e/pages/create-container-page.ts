import { expect, type Locator, type Page } from "@playwright/test";

/** The "Create container" form, found by labels and button names as a user would. */
export class CreateContainerPage {
  readonly form: Locator;

  constructor(
    readonly page: Page,
    formName = "Create container",
    private readonly submitLabel = "Create",
  ) {
    this.form = page.getByRole("form", { name: formName });
  }

  async open(endpointId = "local"): Promise<void> {
    await this.page.goto(`/endpoints/${endpointId}/containers`);
    await this.page.getByRole("link", { name: "Create container" }).click();
    await expect(this.form).toBeVisible();
  }

  field(label: string): Locator {
    return this.form.getByLabel(label, { exact: true });
  }

  async fill(label: string, value: string): Promise<void> {
    await this.field(label).fill(value);
  }

  async add(noun: string): Promise<void> {
    await this.form.getByRole("button", { name: `Add ${noun}`, exact: true }).click();
  }

  async addEnv(line: string): Promise<void> {
    const n = await this.form.getByLabel(/^Environment variable \d+$/).count();
    await this.add("environment variable");
    await this.fill(`Environment variable ${n + 1}`, line);
  }

  async addLabel(key: string, value: string): Promise<void> {
    const n = await this.form.getByLabel(/^Label \d+ key$/).count();
    await this.add("label");
    await this.fill(`Label ${n + 1} key`, key);
    await this.fill(`Label ${n + 1} value`, value);
  }

  async addPort(p: { hostIp?: string; hostPort?: string; containerPort: string; protocol?: string }): Promise<void> {
    const n = (await this.form.getByLabel(/^Port \d+ container port$/).count()) + 1;
    await this.add("port");
    if (p.hostIp) await this.fill(`Port ${n} host IP`, p.hostIp);
    if (p.hostPort) await this.fill(`Port ${n} host port`, p.hostPort);
    await this.fill(`Port ${n} container port`, p.containerPort);
    if (p.protocol) await this.field(`Port ${n} protocol`).selectOption(p.protocol);
  }

  async addVolume(v: { type: "volume" | "bind"; source: string; target: string }): Promise<void> {
    const n = (await this.form.getByLabel(/^Volume \d+ container path$/).count()) + 1;
    await this.add("volume");
    await this.field(`Volume ${n} type`).selectOption(v.type);
    await this.fill(`Volume ${n} source`, v.source);
    await this.fill(`Volume ${n} container path`, v.target);
  }

  async submit(): Promise<void> {
    await this.form.getByRole("button", { name: this.submitLabel, exact: true }).click();
  }

  /** After a successful Create or Save the browser lands on the new container's own page. */
  async landed(name: string): Promise<void> {
    await expect(this.page).toHaveURL(/\/endpoints\/[^/]+\/containers\/[0-9a-f]{64}$/);
    await expect(this.page.getByRole("heading", { level: 1, name, exact: true })).toBeVisible();
  }

  alert(): Locator {
    return this.form.getByRole("alert");
  }
}

/** The same form editing a container (reached with the row's "Edit"): the name is fixed, "Save" replaces it. */
export class EditContainerPage extends CreateContainerPage {
  constructor(page: Page, name: string) {
    super(page, `Edit container ${name}`, "Save");
  }
}
