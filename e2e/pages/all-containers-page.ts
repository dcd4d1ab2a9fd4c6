import { expect, type Locator, type Page } from "@playwright/test";

export class AllContainersPage {
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole("table", { name: "All containers" });
  }

  async open(query = ""): Promise<void> {
    await this.page.goto(`/containers${query}`);
    await expect(this.page.getByRole("heading", { name: "All containers" })).toBeVisible();
  }

  /** Narrows the (virtualized) table to names containing `text`, so the rows a test wants are rendered. */
  async filterName(text: string): Promise<void> {
    await this.page.getByLabel("Filter by name").fill(text);
  }

  row(name: string): Locator {
    return this.table.getByRole("row").filter({ has: this.page.getByRole("rowheader", { name, exact: true }) });
  }

  /** A column's cell by its id (every cell carries data-col). */
  cell(name: string, column: "endpoint" | "state" | "cpu" | "memory" | "project" | "image"): Locator {
    return this.row(name).locator(`[data-col="${column}"]`);
  }

  columnHeader(name: string): Locator {
    return this.table.getByRole("columnheader", { name, exact: true });
  }

  rowNames(): Promise<string[]> {
    return this.table.getByRole("rowheader").allInnerTexts();
  }

  endpointStatus(name: string): Locator {
    return this.page.getByRole("list", { name: "Endpoint status" }).getByRole("listitem").filter({ hasText: name });
  }

  bulk(label: string): Locator {
    return this.page.getByRole("toolbar", { name: "Bulk actions" }).getByRole("button", { name: label, exact: true });
  }

  /** The per-item results of the last bulk action. */
  get results(): Locator {
    return this.page.getByRole("list", { name: "Results" });
  }
}
