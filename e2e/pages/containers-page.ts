import type { Locator, Page } from "@playwright/test";

export class ContainersPage {
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole("table", { name: "Containers" });
  }

  async open(endpointId = "local"): Promise<void> {
    await this.page.goto(`/endpoints/${endpointId}/containers`);
    await this.page.getByText("Live", { exact: true }).waitFor();
  }

  row(name: string): Locator {
    return this.table.getByRole("row").filter({ has: this.page.getByRole("rowheader", { name, exact: true }) });
  }

  /** The State column (third cell after the row header). */
  state(name: string): Locator {
    return this.row(name).getByRole("cell").nth(1);
  }

  action(name: string, verb: "Start" | "Stop" | "Restart" | "Remove"): Locator {
    return this.row(name).getByRole("button", { name: verb, exact: true });
  }

  names(): Promise<string[]> {
    return this.table.getByRole("rowheader").allInnerTexts();
  }
}
