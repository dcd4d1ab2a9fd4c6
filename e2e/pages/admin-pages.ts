import { expect, type Locator, type Page } from "@playwright/test";

export class UsersAdminPage {
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole("table", { name: "Users" });
  }

  async open(): Promise<void> {
    await this.page.goto("/admin/users");
    await expect(this.page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  }

  async create(username: string, password: string, admin = false): Promise<void> {
    const form = this.page.getByRole("form", { name: "Create user" });
    await form.getByLabel("Username").fill(username);
    await form.getByLabel("Password").fill(password);
    if (admin) await form.getByLabel("Administrator").check();
    await form.getByRole("button", { name: "Create user" }).click();
    await expect(this.row(username)).toBeVisible();
  }

  row(username: string): Locator {
    return this.table
      .getByRole("row")
      .filter({ has: this.page.getByRole("rowheader", { name: username, exact: true }) });
  }

  button(username: string, name: string): Locator {
    return this.row(username).getByRole("button", { name, exact: true });
  }
}

export class TeamsAdminPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/admin/teams");
    await expect(this.page.getByRole("heading", { name: "Teams", level: 1 })).toBeVisible();
  }

  async create(name: string): Promise<void> {
    const form = this.page.getByRole("form", { name: "Create team" });
    await form.getByLabel("Team name").fill(name);
    await form.getByRole("button", { name: "Create team" }).click();
    await expect(this.team(name)).toBeVisible();
  }

  team(name: string): Locator {
    return this.page.getByRole("region", { name: `Team ${name}`, exact: true });
  }

  members(name: string): Locator {
    return this.team(name).getByRole("table", { name: `Members of ${name}` });
  }

  access(name: string): Locator {
    return this.team(name).getByRole("table", { name: `Access of ${name}` });
  }

  async addMember(team: string, username: string): Promise<void> {
    const form = this.team(team).getByRole("form", { name: `Add member to ${team}` });
    await form.getByLabel("User").selectOption({ label: username });
    await form.getByRole("button", { name: "Add member" }).click();
    await expect(this.members(team).getByRole("rowheader", { name: username, exact: true })).toBeVisible();
  }

  async grantAccess(team: string, endpoint: string, role: "viewer" | "operator"): Promise<void> {
    const form = this.team(team).getByRole("form", { name: `Grant access to ${team}` });
    await form.getByLabel("Endpoint").selectOption({ label: endpoint });
    await form.getByLabel("Role").selectOption(role);
    await form.getByRole("button", { name: "Grant access" }).click();
    const row = this.access(team)
      .getByRole("row")
      .filter({ has: this.page.getByRole("rowheader", { name: endpoint, exact: true }) });
    await expect(row).toContainText(role);
  }
}
