import fs from "node:fs";
import path from "node:path";
import { type APIRequestContext, expect, request } from "@playwright/test";
import { ADMIN, serverState } from "./env";

/** A request context signed in through next-auth's own credentials flow (cookie jar kept in the context). */
export async function signedInApi(username = ADMIN.username, password = ADMIN.password): Promise<APIRequestContext> {
  const ctx = await request.newContext({ baseURL: serverState().baseURL });
  const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await ctx.post("/api/auth/callback/credentials", {
    form: { username, password, csrfToken, json: "true" },
    maxRedirects: 0,
  });
  const session = (await (await ctx.get("/api/auth/session")).json()) as { user?: { name?: string } };
  expect(session.user?.name, `sign-in as ${username}`).toBe(username);
  return ctx;
}

export async function anonymousApi(headers: Record<string, string> = {}): Promise<APIRequestContext> {
  return request.newContext({ baseURL: serverState().baseURL, extraHTTPHeaders: headers });
}

export async function sessionCookie(ctx: APIRequestContext): Promise<string> {
  const c = (await ctx.storageState()).cookies.find((x) => x.name === "next-auth.session-token");
  if (!c) throw new Error("no session cookie");
  return `next-auth.session-token=${c.value}`;
}

/** Admin-side setup through the real HTTP API: a user in a team with one grant. */
export async function createUser(admin: APIRequestContext, username: string, password: string, isAdmin = false) {
  const res = await admin.post("/api/v1/users", { data: { username, password, isAdmin } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; username: string };
}

export async function createTeam(admin: APIRequestContext, name: string) {
  const res = await admin.post("/api/v1/teams", { data: { name } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; name: string };
}

export async function addMember(admin: APIRequestContext, teamId: string, userId: string) {
  const res = await admin.post(`/api/v1/teams/${teamId}/members`, { data: { userId } });
  expect(res.status(), await res.text()).toBe(204);
}

export async function grant(admin: APIRequestContext, teamId: string, endpointId: string, role: string) {
  const res = await admin.post(`/api/v1/teams/${teamId}/grants`, { data: { endpointId, role } });
  expect(res.status(), await res.text()).toBe(204);
}

/** One user, alone in a new team holding the given grants. */
export async function userWithGrants(
  admin: APIRequestContext,
  username: string,
  grants: Record<string, "operator" | "viewer">,
) {
  const password = `${username}-password`;
  const user = await createUser(admin, username, password);
  const team = await createTeam(admin, `team-${username}`);
  await addMember(admin, team.id, user.id);
  for (const [endpointId, role] of Object.entries(grants)) await grant(admin, team.id, endpointId, role);
  return { ...user, password, teamId: team.id };
}

interface ManifestEntry {
  workers: Record<string, unknown>;
  filename?: string;
  exportedName?: string;
}

/** Server actions of the current build, from Next's own manifest: id, source file, export name, a page that has it. */
export function serverActions(): { id: string; filename: string; exportedName: string; worker: string }[] {
  const file = path.join(process.cwd(), ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { node: Record<string, ManifestEntry> };
  return Object.entries(manifest.node).map(([id, e]) => ({
    id,
    filename: e.filename ?? "",
    exportedName: e.exportedName ?? "",
    worker: Object.keys(e.workers)[0] ?? "",
  }));
}

export function actionId(filename: string, exportedName: string): string {
  const found = serverActions().find((a) => a.filename === filename && a.exportedName === exportedName);
  if (!found) throw new Error(`no server action ${exportedName} in ${filename}`);
  return found.id;
}

/** What a server action answered, parsed out of the RSC stream; null when no result came back. */
export function parseActionReply(body: string): { ok: boolean; status?: number; error?: string } | null {
  for (const line of body.split("\n")) {
    const m = /^[0-9a-f]+:(\{.*\})$/.exec(line);
    if (!m) continue;
    try {
      const v = JSON.parse(m[1] ?? "") as { ok?: unknown };
      if (typeof v.ok === "boolean") return v as { ok: boolean; status?: number; error?: string };
    } catch {
      // not a JSON row
    }
  }
  return null;
}

/** Posts a server action the way React does (args as a JSON array), from any client, with chosen headers. */
export async function postAction(
  ctx: APIRequestContext,
  pagePath: string,
  id: string,
  input: unknown,
  headers: Record<string, string> = { Origin: serverState().baseURL },
) {
  const res = await ctx.post(pagePath, {
    headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", ...headers },
    data: JSON.stringify([input]),
    maxRedirects: 0,
  });
  return { status: res.status(), reply: parseActionReply(await res.text()) };
}
