import crypto from "node:crypto";
import { rows } from "@/db/atomic";
import {
  deleteRegistryRowStmt,
  findRegistryRow,
  insertRegistryRowStmt,
  listRegistryRows,
  type RegistryRow,
  updateRegistryRowStmt,
} from "@/db/registry-queries";
import type { Actor } from "@/lib/domain";
import { NotFoundError, UserError } from "@/lib/errors";
import { registryHostOfUrl } from "@/lib/image-ref";
import type { RegistryInput, RegistryView } from "@/lib/resource-schemas";
import { BUDGET_MS } from "@/server/endpoints/docker/engine-budget";
import { engineMessage } from "@/server/endpoints/docker/engine-errors";
import { runtime } from "@/server/runtime";
import { authorize } from "../authorize";
import { type UseCaseContext, useCase } from "../use-case";
import { checkLogin } from "./registry-credentials";

/** A registry as the browser sees it: never the password or token, only whether one is stored. */
export type { RegistryView };

function toView(r: RegistryRow): RegistryView {
  let host = "";
  try {
    host = registryHostOfUrl(r.url);
  } catch {
    host = "(invalid URL)";
  }
  return {
    id: r.id,
    name: r.name,
    url: r.url,
    host,
    username: r.username ?? "",
    hasSecret: !!r.secret,
    createdAt: r.createdAt,
  };
}

export async function listRegistries(actor: Actor | null): Promise<RegistryView[]> {
  authorize(actor, "registry:manage");
  return (await listRegistryRows(runtime().db)).map(toView);
}

/** Tests the login against the first endpoint that is up; the registry must be reachable from the engine. */
async function testLogin(host: string, username: string, password: string): Promise<void> {
  const rt = runtime();
  // Registry logins are tested by a Docker engine (it is the one that will pull).
  const up = rt.endpoints.views().find((e) => e.kind === "docker" && e.health.state === "up");
  const session = up && rt.endpoints.access(up.id, "docker");
  if (!session) throw new UserError("No endpoint is connected to test the login with", 409, "no_endpoint");
  try {
    await checkLogin(session.client(BUDGET_MS.action), { username, password, serveraddress: host });
  } catch (err) {
    throw new UserError(`Login to ${host} failed: ${engineMessage(err)}`, 400, "registry_login_failed");
  }
}

/**
 * Adds a registry (no id) or updates one; an empty password keeps the stored one. With credentials, the login is
 * tested before anything is saved, so a wrong password is reported at save time.
 */
export function saveRegistry(
  actor: Actor | null,
  input: RegistryInput & { id?: string },
  ctx?: UseCaseContext,
): Promise<RegistryView> {
  const spec = {
    audit: input.id ? "registry.update" : "registry.create",
    permission: "registry:manage" as const,
    target: input.name,
  };
  return useCase(
    actor,
    spec,
    async (_actor, note) => {
      const rt = runtime();
      let host: string;
      try {
        host = registryHostOfUrl(input.url);
      } catch (err) {
        throw new UserError(
          (err as Error).message.startsWith("Put") ? (err as Error).message : "Not a registry URL",
          400,
        );
      }
      const existing = input.id ? await findRegistryRow(rt.db, input.id) : undefined;
      if (input.id && !existing) throw new NotFoundError("Registry not found");
      const password = input.password || (existing?.secret ? rt.secrets.open(existing.secret) : "");
      if (password && !input.username) throw new UserError("A username is needed with a password or token", 400);
      if (input.username && password) await testLogin(host, input.username, password);
      const others = await listRegistryRows(rt.db);
      if (others.some((r) => r.name === input.name && r.id !== input.id)) {
        throw new UserError("A registry with this name exists already", 409);
      }
      const secret = password ? rt.secrets.seal(password) : null;
      note.detail = host;
      let row: RegistryRow;
      if (existing) {
        row = { ...existing, name: input.name, url: input.url, username: input.username || null, secret };
        const patch = { name: row.name, url: row.url, username: row.username, secret };
        await note.commit(function* (tx) {
          yield updateRegistryRowStmt(tx, existing.id, patch);
        });
      } else {
        row = {
          id: crypto.randomUUID(),
          name: input.name,
          url: input.url,
          username: input.username || null,
          secret,
          createdAt: Date.now(),
        };
        const created = row;
        await note.commit(function* (tx) {
          yield insertRegistryRowStmt(tx, created);
        });
      }
      return toView(row);
    },
    ctx,
  );
}

export function deleteRegistry(actor: Actor | null, id: string, ctx?: UseCaseContext): Promise<void> {
  const spec = { audit: "registry.delete", permission: "registry:manage" as const, target: id };
  return useCase(
    actor,
    spec,
    async (_actor, note) => {
      const row = await findRegistryRow(runtime().db, id);
      if (!row) throw new NotFoundError("Registry not found");
      note.target = row.name;
      await note.commit(function* (tx) {
        if (!rows(yield deleteRegistryRowStmt(tx, id)).length) throw new NotFoundError("Registry not found");
      });
    },
    ctx,
  );
}
