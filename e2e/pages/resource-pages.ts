import type { Locator, Page } from "@playwright/test";

/** A per-endpoint resource list (images, networks, volumes): one table, rows found by their row header. */
export class ResourceListPage {
  readonly table: Locator;

  constructor(
    readonly page: Page,
    readonly section: "images" | "networks" | "volumes",
    tableName: string,
  ) {
    this.table = page.getByRole("table", { name: tableName });
  }

  async open(endpointId = "local"): Promise<void> {
    await this.page.goto(`/endpoints/${endpointId}/${this.section}`);
    await this.table.waitFor();
  }

  /** The row whose header is `name`, or lists it among several (an image with many tags: "a:1, b:2"). */
  row(name: string | RegExp): Locator {
    const header =
      typeof name === "string" ? new RegExp(`(^|, )${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(,|$)`) : name;
    return this.table.getByRole("row").filter({ has: this.page.getByRole("rowheader", { name: header }) });
  }

  rowButton(name: string | RegExp, verb: string): Locator {
    return this.row(name).getByRole("button", { name: new RegExp(`^${verb}\\b`) });
  }

  dialog(name: string | RegExp): Locator {
    return this.page.getByRole("dialog", { name });
  }
}

export class ImagesPage extends ResourceListPage {
  constructor(page: Page) {
    super(page, "images", "Images");
  }

  pull(ref: string): Promise<void> {
    return (async () => {
      await this.page.getByLabel("Image to pull").fill(ref);
      await this.page.getByRole("button", { name: "Pull", exact: true }).click();
    })();
  }

  pullItem(ref: string): Locator {
    return this.page.getByRole("listitem", { name: `Pull of ${ref}` });
  }
}

export class EventsPage {
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole("table", { name: "Events" });
  }

  async open(endpointId = "local"): Promise<void> {
    await this.page.goto(`/endpoints/${endpointId}/events`);
    await this.page.getByText("Live", { exact: true }).waitFor();
  }

  rows(object: string, action?: string): Locator {
    let rows = this.table.getByRole("row").filter({ has: this.page.getByRole("cell", { name: object, exact: true }) });
    if (action) rows = rows.filter({ has: this.page.getByRole("cell", { name: action, exact: true }) });
    return rows;
  }
}
