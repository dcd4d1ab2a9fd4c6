import { expect, type Locator, type Page } from "@playwright/test";

export class AllContainersPage {
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole("table", { name: "All containers" });
  }

  async open(): Promise<void> {
    await this.page.goto("/containers");
    await expect(this.page.getByRole("heading", { name: "All containers" })).toBeVisible();
  }

  /** Narrows the (virtualized) table to names containing `text`, so the rows a test wants are rendered. */
  async filterName(text: string): Promise<void> {
    await this.page.getByLabel("Filter by name").fill(text);
  }

  row(name: string): Locator {
    return this.table.getByRole("row").filter({ has: this.page.getByRole("rowheader", { name, exact: true }) });
  }

  /**
   * Cells after the checkbox: 0 checkbox, then Endpoint (1), Image (2), State (3), Status (4), CPU (5), Memory (6)...
   * (the name is the row header).
   */
  cell(name: string, column: "endpoint" | "state" | "cpu" | "memory"): Locator {
    const index = { endpoint: 1, state: 3, cpu: 5, memory: 6 }[column];
    return this.row(name).getByRole("cell").nth(index);
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
}
