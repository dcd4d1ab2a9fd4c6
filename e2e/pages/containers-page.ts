import type { Locator, Page } from "@playwright/test";

export type RowVerb =
  | "Start"
  | "Stop"
  | "Restart"
  | "Kill"
  | "Pause"
  | "Resume"
  | "Remove"
  | "Rename"
  | "Recreate"
  | "Edit"
  | "Duplicate";

/** The container list with its endpoint fixed (/endpoints/{id}/containers): the same list as /containers. */
export class ContainersPage {
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole("table", { name: "Containers" });
  }

  async open(endpointId = "local", query = ""): Promise<void> {
    await this.page.goto(`/endpoints/${endpointId}/containers${query}`);
    await this.page.getByText("Live", { exact: true }).waitFor();
  }

  /** The table is virtualized: a row out of view is not in the page, so tests find their own rows by name. */
  async filterName(text: string): Promise<void> {
    await this.page.getByLabel("Filter by name").fill(text);
  }

  row(name: string): Locator {
    return this.table.getByRole("row").filter({ has: this.page.getByRole("rowheader", { name, exact: true }) });
  }

  /** A column's cell by its id (every cell carries data-col). */
  cell(name: string, column: string): Locator {
    return this.row(name).locator(`[data-col="${column}"]`);
  }

  state(name: string): Locator {
    return this.cell(name, "state");
  }

  /** The row's action menu button ("Actions for <name>"). */
  menu(name: string): Locator {
    return this.row(name).getByRole("button", { name: `Actions for ${name}`, exact: true });
  }

  /** One verb of the row's menu: `.click()` opens the menu and picks it. */
  action(name: string, verb: RowVerb): { click: () => Promise<void> } {
    return {
      click: async () => {
        await this.menu(name).click();
        await this.page.getByRole("menuitem", { name: verb, exact: true }).click();
      },
    };
  }

  names(): Promise<string[]> {
    return this.table.getByRole("rowheader").allInnerTexts();
  }
}
