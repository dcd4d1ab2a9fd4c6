import { expect, type Locator, type Page } from "@playwright/test";

/** The swarm pages of one endpoint: services, a service, nodes, secrets, stacks. */
export class SwarmPages {
  constructor(
    readonly page: Page,
    readonly endpointId: string,
  ) {}

  private base(): string {
    return `/endpoints/${encodeURIComponent(this.endpointId)}/swarm`;
  }

  async openServices(): Promise<void> {
    await this.page.goto(`${this.base()}/services`);
    await expect(this.page.getByRole("heading", { name: /Services \(/ })).toBeVisible();
  }

  async openNodes(): Promise<void> {
    await this.page.goto(`${this.base()}/nodes`);
    await expect(this.page.getByRole("heading", { name: /Nodes \(/ })).toBeVisible();
  }

  serviceRow(name: string): Locator {
    return this.page.getByRole("row").filter({ has: this.page.getByRole("rowheader", { name, exact: true }) });
  }

  nodeRow(hostname: string): Locator {
    return this.page
      .getByRole("row")
      .filter({ has: this.page.getByRole("rowheader", { name: hostname, exact: true }) });
  }

  /** Fills the create form: only what the test names; the rest keeps the form's defaults. */
  async createService(fields: Record<string, string>, selects: Record<string, string> = {}): Promise<void> {
    await this.page.goto(`${this.base()}/services/new`);
    for (const [label, value] of Object.entries(fields)) await this.page.getByLabel(label, { exact: true }).fill(value);
    for (const [label, value] of Object.entries(selects))
      await this.page.getByLabel(label, { exact: true }).selectOption(value);
    await this.page.getByRole("button", { name: "Create service" }).click();
    await expect(this.page).toHaveURL(/\/swarm\/services$/);
  }

  async openService(name: string): Promise<void> {
    await this.openServices();
    await this.serviceRow(name).getByRole("link", { name, exact: true }).click();
    await expect(this.page.getByRole("heading", { name: `Service ${name}` })).toBeVisible();
  }

  async scale(name: string, replicas: number): Promise<void> {
    await this.page.getByRole("button", { name: `Scale ${name}` }).click();
    const dialog = this.page.getByRole("dialog", { name: `Scale ${name}` });
    await dialog.getByLabel("Replicas").fill(String(replicas));
    await dialog.getByRole("button", { name: "Apply scale" }).click();
    await expect(dialog).toBeHidden();
  }
}
