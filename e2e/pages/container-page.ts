import type { Locator, Page } from "@playwright/test";

export type WorkbenchTab = "Overview" | "Logs" | "Stats" | "Console" | "Inspect";

/** The container detail page (/endpoints/{id}/containers/{containerId}). */
export class ContainerPage {
  constructor(readonly page: Page) {}

  async open(containerId: string, endpointId = "local"): Promise<void> {
    await this.page.goto(`/endpoints/${endpointId}/containers/${containerId}`);
    await this.page.getByRole("tablist", { name: "Container" }).waitFor();
  }

  tab(name: WorkbenchTab): Locator {
    return this.page.getByRole("tab", { name, exact: true });
  }

  async select(name: WorkbenchTab): Promise<void> {
    await this.tab(name).click();
  }

  get log(): Locator {
    return this.page.getByRole("log", { name: "Container logs" });
  }

  /** A rendered log line containing `text`. */
  logLine(text: string): Locator {
    return this.log.locator("[data-stream]").filter({ hasText: text });
  }

  get terminal(): Locator {
    return this.page.getByRole("application", { name: "Terminal" });
  }
}
