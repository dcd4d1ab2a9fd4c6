import { expect, type Locator, type Page } from "@playwright/test";

export class EndpointsPage {
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole("table", { name: "Endpoints" });
  }

  async open(): Promise<void> {
    await this.page.goto("/endpoints");
    await expect(this.page.getByRole("heading", { name: "Endpoints", level: 1 })).toBeVisible();
  }

  form(name = "Add endpoint"): Locator {
    return this.page.getByRole("form", { name });
  }

  row(name: string): Locator {
    return this.table.getByRole("row").filter({ has: this.page.getByRole("rowheader", { name, exact: true }) });
  }

  field(form: Locator, label: string): Locator {
    return form.getByLabel(label, { exact: true });
  }

  async startAdd(): Promise<Locator> {
    await this.page.getByRole("button", { name: "Add endpoint" }).click();
    return this.form();
  }

  async upload(form: Locator, label: string, file: string): Promise<void> {
    await form.getByLabel(`Upload ${label}`).setInputFiles(file);
    await expect(form.getByLabel(label, { exact: true })).toHaveValue(/-----BEGIN/);
  }

  async save(form: Locator): Promise<void> {
    await form.getByRole("button", { name: "Save" }).click();
  }
}
