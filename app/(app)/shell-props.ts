import { cookies } from "next/headers";
import { SCOPE_COOKIE, type ShellProps } from "@/components/shell/shell-types";
import type { Actor, EndpointView } from "@/lib/domain";
import { can } from "@/lib/policy";
import { readTheme } from "@/server/services/account/user-theme";
import { listEndpoints } from "@/server/services/endpoints/list-endpoints";

/** Kind plus the capabilities its driver reports ("swarm"...): which sections the sidebar shows. */
function features(e: EndpointView): string[] {
  return [e.kind, ...(e.capabilities ?? [])];
}

/** What the shell shows for this actor: their endpoints (names and health), what they may open, their theme. */
export async function shellProps(actor: Actor): Promise<ShellProps> {
  return {
    username: actor.username,
    endpoints: listEndpoints(actor).map((e) => ({
      id: e.id,
      name: e.name,
      state: e.health.state,
      features: features(e),
    })),
    remembered: (await cookies()).get(SCOPE_COOKIE)?.value ?? null,
    theme: await readTheme(actor),
    perms: {
      endpointManage: can(actor, "endpoint:manage"),
      userManage: can(actor, "user:manage"),
      teamManage: can(actor, "team:manage"),
      registryManage: can(actor, "registry:manage"),
      statusPageManage: can(actor, "statuspage:manage"),
      settingsManage: can(actor, "settings:manage"),
      auditRead: can(actor, "audit:read"),
    },
  };
}
