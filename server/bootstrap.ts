import fs from "node:fs";
import { countAdmins, insertEndpoint, listEndpoints } from "@/db/queries";
import { UserError } from "@/lib/errors";
import { password as passwordSchema, username as usernameSchema } from "@/lib/schemas";
import { dockerDriver } from "./endpoints/docker/docker-driver";
import type { Runtime } from "./runtime";
import { createFirstAdmin, issueSetupToken } from "./services/setup/create-first-admin";

/** First-run work: an admin (from the environment or a one-time setup link) and the local engine as "local". */
export async function bootstrap(rt: Runtime, publicUrl: string): Promise<void> {
  const { config, db, log } = rt;
  if ((await countAdmins(db)) === 0) {
    if (config.adminUsername && config.adminPassword) {
      const username = usernameSchema.parse(config.adminUsername);
      const password = passwordSchema.parse(config.adminPassword);
      try {
        await createFirstAdmin({ username, password }, { bootstrap: true });
        log.info({ username }, "admin created from BERTH_ADMIN_USERNAME");
      } catch (err) {
        // Replicas starting together on one database: one claims the first admin (an atomic claim), the others are
        // told Berth is already set up.
        if (!(err instanceof UserError && err.status === 403)) throw err;
        log.info("admin already created (by another replica)");
      }
    } else {
      rt.setupToken = await issueSetupToken(db);
      // The one place a secret is printed, on purpose: whoever reads the server's log may create the admin.
      console.log(
        `\n  Berth has no admin yet. Open this one-time link to create one:\n  ${publicUrl}/setup?token=${rt.setupToken}\n`,
      );
    }
  }

  const endpoints = await listEndpoints(db);
  if (endpoints.length === 0) {
    const url = localDockerUrl(config.dockerHost);
    if (url && (await answers(url))) {
      try {
        await insertEndpoint(db, { id: "local", name: "local", kind: "docker", url, createdAt: Date.now() });
        log.info({ url }, 'registered local Docker engine as endpoint "local"');
      } catch (err) {
        // Replicas starting together: another one registered it first (the list below then has it).
        log.debug({ err: (err as Error).message }, "local engine not registered here");
      }
    }
  }
  for (const row of await listEndpoints(db)) rt.endpoints.add(row);
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await dockerDriver.test({ url })).ok;
  } catch {
    return false;
  }
}

function localDockerUrl(dockerHost: string | undefined): string | null {
  if (dockerHost) return dockerHost.startsWith("/") ? `unix://${dockerHost}` : dockerHost;
  try {
    fs.accessSync("/var/run/docker.sock");
    return "unix:///var/run/docker.sock";
  } catch {
    return null;
  }
}
