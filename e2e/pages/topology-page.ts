import type { Locator, Page } from "@playwright/test";

export class TopologyPage {
  readonly table: Locator;
  readonly graph: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole("table", { name: "Connections" });
    this.graph = page.getByRole("application", { name: "Network topology graph" });
  }

  async open(endpointId?: string): Promise<void> {
    await this.page.goto(endpointId ? `/endpoints/${endpointId}/topology` : "/topology");
    await this.page.getByText("Live", { exact: true }).waitFor();
  }

  /** Find: centres the graph on the node (the first fit keeps labels readable, so a big graph is not all in view). */
  async find(text: string): Promise<void> {
    const box = this.page.getByRole("search", { name: "Find in the graph" });
    await box.getByLabel("Find a node").fill(text);
    await box.getByRole("button", { name: "Find" }).click();
  }

  /** Shows only the containers on one network (and fits them in view). */
  async filterNetwork(name: string): Promise<void> {
    await this.page.getByRole("search", { name: "Filter the topology" }).getByLabel("Network").selectOption(name);
  }

  /** The table row saying `container` is on `network`. */
  connection(container: string, network: string): Locator {
    return this.table
      .getByRole("row")
      .filter({ has: this.page.getByRole("rowheader", { name: container, exact: true }) })
      .filter({ has: this.page.getByRole("cell", { name: `network ${network}`, exact: true }) });
  }

  containerNode(name: string): Locator {
    return this.graph.getByRole("button", { name: `Container ${name}`, exact: true });
  }

  networkNode(name: string): Locator {
    return this.graph.getByRole("group", { name: `Network ${name}`, exact: true });
  }

  edge(container: string, network: string): Locator {
    return this.graph.getByRole("img", { name: `${container} on network ${network}`, exact: true });
  }
}
