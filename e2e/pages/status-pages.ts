import { expect, type Locator, type Page } from "@playwright/test";

/** Admin › Status pages: the list and the editor, found by role and name. */
export class StatusPagesAdminPage {
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole("table", { name: "Status pages" });
  }

  async open(): Promise<void> {
    await this.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Status pages" }).click();
    await expect(this.page.getByRole("heading", { name: "Status pages", level: 1 })).toBeVisible();
  }

  editor(slug?: string): Locator {
    return this.page.getByRole("form", { name: slug ? `Edit status page ${slug}` : "New status page" });
  }

  async startNew(): Promise<Locator> {
    await this.page.getByRole("button", { name: "New status page" }).click();
    const form = this.editor();
    await expect(form).toBeVisible();
    return form;
  }

  /** Adds an item at the end and fills it in. */
  async addItem(form: Locator, endpoint: string, container: string, displayName: string): Promise<void> {
    // The header row plus one row per item so far: the count is the new item's number.
    const n = await form.getByRole("table", { name: "Items" }).getByRole("row").count();
    await form.getByRole("button", { name: "Add item" }).click();
    await form.getByLabel(`Endpoint for item ${n}`).selectOption({ label: endpoint });
    await form.getByLabel(`Container for item ${n}`).selectOption(container);
    await form.getByLabel(`Display name for item ${n}`).fill(displayName);
  }

  row(slug: string): Locator {
    return this.table.getByRole("row").filter({ has: this.page.getByRole("rowheader", { name: slug, exact: true }) });
  }
}

/** The public page at /status/<slug>. */
export class PublicStatusPage {
  readonly services: Locator;

  constructor(readonly page: Page) {
    this.services = page.getByRole("table", { name: "Services" });
  }

  row(name: string): Locator {
    return this.services.getByRole("row").filter({ has: this.page.getByRole("rowheader", { name, exact: true }) });
  }

  /** The Status cell of a service: "Up", "Down" or "Unreachable". */
  state(name: string): Locator {
    return this.row(name).getByRole("cell").first();
  }

  names(): Promise<string[]> {
    return this.services.getByRole("rowheader").allInnerTexts();
  }
}
