import type Docker from "dockerode";
import { findRegistryRow, listRegistryRows, type RegistryRow } from "@/db/registry-queries";
import { registryHostOf, registryHostOfUrl } from "@/lib/image-ref";
import { runtime } from "@/server/runtime";

export interface AuthConfig {
  username: string;
  password: string;
  serveraddress: string;
}

function hostOf(row: RegistryRow): string | null {
  try {
    return registryHostOfUrl(row.url);
  } catch {
    return null;
  }
}

export function authConfigFor(row: RegistryRow, host: string): AuthConfig {
  const password = row.secret ? runtime().secrets.open(row.secret) : "";
  return { username: row.username ?? "", password, serveraddress: host };
}

/** Credentials for pulling `ref`: the saved registry whose host matches the reference's registry host, if any. */
export async function credentialsForImage(ref: string): Promise<{ auth: AuthConfig; registry: string } | null> {
  const host = registryHostOf(ref);
  const rows = await listRegistryRows(runtime().db);
  const row = rows.find((r) => hostOf(r) === host);
  if (!row || (!row.username && !row.secret)) return null;
  return { auth: authConfigFor(row, host), registry: row.name };
}

/** Friendlier words for the engine's registry auth refusals, naming the saved registry whose login was used. */
export function pullErrorText(raw: string, registry: string | null): string {
  if (/unauthorized|authentication required|no basic auth credentials|denied/i.test(raw)) {
    return registry
      ? `The registry refused the saved credentials of "${registry}" (${raw})`
      : `The registry wants a login: add it under Registries (${raw})`;
  }
  return raw;
}

export async function registryAuthById(id: string): Promise<AuthConfig | null> {
  const row = await findRegistryRow(runtime().db, id);
  const host = row && hostOf(row);
  return row && host ? authConfigFor(row, host) : null;
}

/**
 * Tests a login with the engine's own /auth (the same code path its pulls use, so http-only loopback registries and
 * token services behave exactly as a pull would). Resolves with nothing, or throws with the engine's reason.
 */
export async function checkLogin(api: Docker, auth: AuthConfig): Promise<void> {
  await api.checkAuth({ ...auth });
}
